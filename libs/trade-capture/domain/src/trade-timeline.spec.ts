import fc from 'fast-check';
import { deriveTradeStatus, statusesAlong, type TimelineStep } from './trade-timeline';

const at = (minute: number) => `2026-11-20T14:${String(minute).padStart(2, '0')}:00.000Z`;
const v1 = { version: 1, cancelled: false };
const v2 = { version: 2, cancelled: false };

const captured: TimelineStep = { kind: 'CAPTURED', version: 1, occurredAt: at(0) };
const held: TimelineStep = { kind: 'HELD', version: 1, occurredAt: at(1) };
const approved: TimelineStep = { kind: 'APPROVED', version: 1, occurredAt: at(2) };
const confirmed: TimelineStep = { kind: 'CONFIRMED', version: 1, occurredAt: at(3) };
const cleared: TimelineStep = { kind: 'CLEARED', version: 1, occurredAt: at(4) };
const nettedSecurities: TimelineStep = {
  kind: 'NETTED',
  version: 1,
  occurredAt: at(5),
  obligationId: 'OBL-S',
  final: true,
  obligationKind: 'SECURITIES',
};
const nettedCash: TimelineStep = { ...nettedSecurities, obligationId: 'OBL-C', obligationKind: 'CASH' };
const instructedS: TimelineStep = {
  kind: 'INSTRUCTED',
  occurredAt: at(6),
  obligationId: 'OBL-S',
  instructionId: 'INS-S',
};
const instructedC: TimelineStep = { ...instructedS, obligationId: 'OBL-C', instructionId: 'INS-C' };
const settledS: TimelineStep = { kind: 'SETTLED', occurredAt: at(7), instructionId: 'INS-S' };
const settledC: TimelineStep = { kind: 'SETTLED', occurredAt: at(8), instructionId: 'INS-C' };
const bilateralInstructed: TimelineStep = {
  kind: 'INSTRUCTED',
  version: 1,
  occurredAt: at(6),
  instructionId: 'INS-B',
};
const failedB: TimelineStep = { kind: 'FAILED', occurredAt: at(7), instructionId: 'INS-B' };
const partialB: TimelineStep = { kind: 'PARTIALLY_SETTLED', occurredAt: at(9), instructionId: 'INS-B' };
const settledB: TimelineStep = { kind: 'SETTLED', occurredAt: at(12), instructionId: 'INS-B' };

describe('deriveTradeStatus: the lifecycle of docs/architecture.md, step by step', () => {
  it.each<[string, string, TimelineStep[]]>([
    ['just captured', 'CAPTURED', [captured]],
    ['no step seen yet (the captured event is still on its way)', 'CAPTURED', []],
    ['held by risk', 'HELD', [captured, held]],
    ['held, then released', 'APPROVED', [captured, held, approved]],
    ['rejected', 'REJECTED', [captured, { kind: 'REJECTED', version: 1, occurredAt: at(1) }]],
    ['confirmed', 'CONFIRMED', [captured, approved, confirmed]],
    ['novated to the CCP', 'CLEARED', [captured, approved, confirmed, cleared]],
    [
      'CCP: one of its two obligations settled',
      'CLEARED',
      [cleared, nettedSecurities, nettedCash, instructedS, instructedC, settledS],
    ],
    [
      'CCP: both obligations settled',
      'SETTLED',
      [cleared, nettedSecurities, nettedCash, instructedS, instructedC, settledS, settledC],
    ],
    [
      'CCP: a fail of an obligation leaves it CLEARED',
      'CLEARED',
      [cleared, nettedSecurities, instructedS, { kind: 'FAILED', occurredAt: at(7), instructionId: 'INS-S' }],
    ],
    ['bilateral: instructed', 'INSTRUCTED', [confirmed, bilateralInstructed]],
    ['bilateral: failed', 'FAILED', [confirmed, bilateralInstructed, failedB]],
    [
      'bilateral: failed, then settled in part',
      'PARTIALLY_SETTLED',
      [confirmed, bilateralInstructed, failedB, partialB],
    ],
    [
      'bilateral: partial, then failed again',
      'FAILED',
      [confirmed, bilateralInstructed, partialB, { ...failedB, occurredAt: at(10) }],
    ],
    [
      'bilateral: settled after failing',
      'SETTLED',
      [confirmed, bilateralInstructed, failedB, partialB, settledB],
    ],
  ])('%s → %s', (_name, expected, steps) => {
    expect(deriveTradeStatus(steps, v1)).toBe(expected);
  });

  it('a settlement that arrives before its instruction waits for it', () => {
    expect(deriveTradeStatus([captured, approved, confirmed, settledB], v1)).toBe('CONFIRMED');
    expect(deriveTradeStatus([captured, approved, confirmed, settledB, bilateralInstructed], v1)).toBe(
      'SETTLED',
    );
  });

  it('a CCP trade netted only provisionally counts the final run once there is one', () => {
    const provisional: TimelineStep = { ...nettedCash, obligationId: 'OBL-OLD', final: false };
    const settledBoth = [instructedS, instructedC, settledS, settledC];
    // The final run put it into OBL-S and OBL-C; the provisional OBL-OLD (never settled) was replaced.
    expect(deriveTradeStatus([cleared, provisional, nettedSecurities, nettedCash, ...settledBoth], v1)).toBe(
      'SETTLED',
    );
    // Until a final run, the provisional obligation counts, and it has not settled.
    const provisionalS: TimelineStep = { ...nettedSecurities, final: false };
    expect(deriveTradeStatus([cleared, provisional, provisionalS, instructedS, settledS], v1)).toBe(
      'CLEARED',
    );
  });

  it('a CCP trade whose cash obligation has not been heard of yet is not settled by its securities alone', () => {
    // The netted events travel keyed by obligation, on other partitions: the cash one may come last.
    expect(deriveTradeStatus([cleared, nettedSecurities, instructedS, settledS], v1)).toBe('CLEARED');
    expect(deriveTradeStatus([cleared, nettedCash, instructedC, settledC], v1)).toBe('CLEARED');
    expect(
      deriveTradeStatus(
        [cleared, nettedSecurities, instructedS, settledS, nettedCash, instructedC, settledC],
        v1,
      ),
    ).toBe('SETTLED');
  });

  it('an amendment supersedes what risk and clearing said of the old version', () => {
    const amended: TimelineStep = { kind: 'AMENDED', version: 2, occurredAt: at(4) };
    expect(deriveTradeStatus([captured, approved, confirmed, amended], v2)).toBe('CAPTURED');
    expect(
      deriveTradeStatus(
        [captured, approved, confirmed, amended, { kind: 'HELD', version: 2, occurredAt: at(5) }],
        v2,
      ),
    ).toBe('HELD');
    // An approval of version 1 arriving late changes nothing for version 2.
    expect(deriveTradeStatus([amended, { ...approved, occurredAt: at(9) }], v2)).toBe('CAPTURED');
  });

  it('a cancelled trade stays cancelled, whatever arrives after', () => {
    expect(deriveTradeStatus([captured, approved], { version: 1, cancelled: true })).toBe('CANCELLED');
    expect(
      deriveTradeStatus(
        [captured, { kind: 'CANCELLED', version: 1, occurredAt: at(2) }, { ...confirmed, occurredAt: at(5) }],
        v1,
      ),
    ).toBe('CANCELLED');
  });
});

describe('deriveTradeStatus: properties', () => {
  // Every step of a CCP and of a bilateral story, so any subset is a plausible arrival state.
  const ccpStory = [
    captured,
    held,
    approved,
    confirmed,
    cleared,
    nettedSecurities,
    nettedCash,
    instructedS,
    instructedC,
    settledS,
    settledC,
  ];
  const bilateralStory = [captured, approved, confirmed, bilateralInstructed, failedB, partialB, settledB];

  it.each([
    ['CCP', ccpStory],
    ['bilateral', bilateralStory],
  ])('%s: the order steps arrive in does not change the status', (_name, story) => {
    fc.assert(
      fc.property(
        fc
          .subarray(story)
          .chain((subset) =>
            fc.tuple(fc.constant(subset), fc.shuffledSubarray(subset, { minLength: subset.length })),
          ),
        ([subset, shuffled]) => {
          expect(deriveTradeStatus(shuffled, v1)).toBe(deriveTradeStatus(subset, v1));
        },
      ),
    );
  });

  it('seeing a step twice (a redelivery) equals seeing it once', () => {
    fc.assert(
      fc.property(fc.subarray(ccpStory), fc.subarray(ccpStory), (seen, repeated) => {
        expect(deriveTradeStatus([...seen, ...repeated.filter((s) => seen.includes(s))], v1)).toBe(
          deriveTradeStatus(seen, v1),
        );
      }),
    );
  });

  it('a whole story ends where the lifecycle says: SETTLED', () => {
    expect(deriveTradeStatus(ccpStory, v1)).toBe('SETTLED');
    expect(deriveTradeStatus(bilateralStory, v1)).toBe('SETTLED');
  });
});

describe('statusesAlong: the timeline read in story order', () => {
  it('gives the status after each step of a held, released, amended and cancelled trade', () => {
    const amended: TimelineStep = { kind: 'AMENDED', version: 2, occurredAt: at(5) };
    const heldV2: TimelineStep = { kind: 'HELD', version: 2, occurredAt: at(6) };
    const cancelledV2: TimelineStep = { kind: 'CANCELLED', version: 2, occurredAt: at(7) };
    expect(statusesAlong([captured, held, approved, amended, heldV2, cancelledV2])).toEqual([
      'CAPTURED',
      'HELD',
      'APPROVED',
      'CAPTURED',
      'HELD',
      'CANCELLED',
    ]);
  });

  it('keeps a CCP trade CLEARED until its last obligation settles', () => {
    expect(
      statusesAlong([
        captured,
        approved,
        confirmed,
        cleared,
        nettedSecurities,
        nettedCash,
        instructedS,
        instructedC,
        settledS,
        settledC,
      ]),
    ).toEqual([
      'CAPTURED',
      'APPROVED',
      'CONFIRMED',
      'CLEARED',
      'CLEARED',
      'CLEARED',
      'CLEARED',
      'CLEARED',
      'CLEARED',
      'SETTLED',
    ]);
  });
});
