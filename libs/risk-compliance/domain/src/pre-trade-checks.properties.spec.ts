import fc from 'fast-check';
import { Dec } from '@tradeflow/shared/money';
import {
  CHECK_CODES,
  type CheckCode,
  type CheckContext,
  type CheckedTrade,
  type CheckResult,
  decide,
  notionalUsd,
} from './pre-trade-checks';
import { signedQuantity } from './positions/position';

/** A decimal with up to `scale` decimals, from an integer: exact, never a float. */
const decimal = (min: bigint, max: bigint, scale: number): fc.Arbitrary<Dec> =>
  fc.bigInt({ min, max }).map((units) => new Dec(units.toString()).div(new Dec(10).pow(scale)));
const positive = (max: bigint, scale: number): fc.Arbitrary<Dec> => decimal(1n, max, scale);
const amount = positive(10n ** 12n, 2);
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined, freq: 5 });
const instant = fc
  .integer({ min: 0, max: 600_000 })
  .map((ms) => new Date(Date.UTC(2026, 11, 4, 14, 0, 0) + ms).toISOString());
const side = fc.constantFrom('BUY' as const, 'SELL' as const);

const trade: fc.Arbitrary<CheckedTrade> = fc.record({
  book: fc.constantFrom('B1', 'B2'),
  trader: fc.constant('t.jones'),
  side,
  instrumentId: fc.constantFrom('AAPL', 'XYZ', 'UST'),
  instrumentType: fc.constantFrom('EQUITY' as const, 'BOND' as const, 'FX_SPOT' as const),
  quantity: positive(10n ** 9n, 0),
  price: positive(10n ** 6n, 2),
  notionalCurrency: fc.constantFrom('USD', 'EUR'),
  usdRate: positive(10n ** 6n, 4),
  counterparty: fc.constant('GSCO'),
  tradeTime: instant,
});

const context: fc.Arbitrary<CheckContext> = fc.record({
  restrictedInstruments: fc.subarray(['AAPL', 'XYZ', 'UST']).map((ids) => new Set(ids)),
  referencePrice: optional(positive(10n ** 6n, 2)),
  priceBands: fc.option(fc.record({ EQUITY: positive(1000n, 4) }), { nil: undefined }),
  bookTradeNotionalLimit: optional(amount),
  traderDailyNotional: decimal(0n, 10n ** 12n, 2),
  traderDailyLimit: optional(amount),
  counterpartyExposure: decimal(0n, 10n ** 12n, 2),
  counterpartyCreditLimit: optional(amount),
  bookPosition: decimal(-(10n ** 9n), 10n ** 9n, 0),
  bookPositionLimit: optional(positive(10n ** 9n, 0)),
  recentFills: fc.array(
    fc.record({ tradeId: fc.constant('T-0'), side, price: positive(10n ** 6n, 2), tradeTime: instant }),
    { maxLength: 3 },
  ),
});

const byCode = (checks: readonly CheckResult[], code: CheckCode): CheckResult =>
  checks.find((c) => c.code === code) as CheckResult;

describe('decide, properties', () => {
  it('lists every check once, in order; REJECTED iff a check rejects, HELD iff none rejects and one holds', () => {
    fc.assert(
      fc.property(trade, context, (t, ctx) => {
        const { decision, checks } = decide(t, ctx);
        expect(checks.map((c) => c.code)).toEqual([...CHECK_CODES]);
        const rejects = checks.some((c) => c.outcome === 'reject');
        const holds = checks.some((c) => c.outcome === 'hold');
        expect(decision === 'REJECTED').toBe(rejects);
        expect(decision === 'HELD').toBe(!rejects && holds);
        expect(decision === 'APPROVED').toBe(!rejects && !holds);
        for (const c of checks) expect(c.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('raising a limit or a band never turns a passed check into a hold', () => {
    const raise = positive(10n ** 9n, 2);
    fc.assert(
      fc.property(trade, context, raise, (t, ctx, by) => {
        const before = decide(t, ctx).checks;
        const band = ctx.priceBands?.EQUITY;
        const raised: CheckContext = {
          ...ctx,
          priceBands: band === undefined ? undefined : { EQUITY: band.add(by) },
          bookTradeNotionalLimit: ctx.bookTradeNotionalLimit?.add(by),
          traderDailyLimit: ctx.traderDailyLimit?.add(by),
          counterpartyCreditLimit: ctx.counterpartyCreditLimit?.add(by),
          bookPositionLimit: ctx.bookPositionLimit?.add(by),
        };
        const after = decide(t, raised).checks;
        before.forEach((c, i) => {
          if (c.outcome === 'passed') expect(after[i].outcome).toBe('passed');
        });
      }),
    );
  });

  it('figures are exact: usage after = usage before + this trade, and a check holds iff after > limit', () => {
    fc.assert(
      fc.property(trade, context, (t, ctx) => {
        const { checks, notionalUsd: n } = decide(t, ctx);
        expect(n.eq(notionalUsd(t))).toBe(true);
        const max = byCode(checks, 'MAX_TRADE_NOTIONAL');
        expect(max.usageAfter?.eq(n)).toBe(true);
        for (const code of ['TRADER_DAILY_NOTIONAL', 'COUNTERPARTY_EXPOSURE'] as const) {
          const c = byCode(checks, code);
          expect(c.usageAfter?.eq((c.usageBefore as Dec).add(n))).toBe(true);
        }
        const pos = byCode(checks, 'BOOK_POSITION_LIMIT');
        expect(pos.usageBefore?.eq(ctx.bookPosition.abs())).toBe(true);
        expect(pos.usageAfter?.eq(ctx.bookPosition.add(signedQuantity(t)).abs())).toBe(true);
        for (const code of [
          'MAX_TRADE_NOTIONAL',
          'TRADER_DAILY_NOTIONAL',
          'COUNTERPARTY_EXPOSURE',
          'BOOK_POSITION_LIMIT',
        ] as const) {
          const c = byCode(checks, code);
          const expected = c.limit === null || (c.usageAfter as Dec).gt(c.limit) ? 'hold' : 'passed';
          expect(c.outcome).toBe(expected);
        }
      }),
    );
  });

  it('a usage exactly at its limit passes', () => {
    fc.assert(
      fc.property(trade, context, (t, ctx) => {
        const n = notionalUsd(t);
        const atLimit: CheckContext = {
          ...ctx,
          bookTradeNotionalLimit: n,
          traderDailyLimit: ctx.traderDailyNotional.add(n),
          counterpartyCreditLimit: ctx.counterpartyExposure.add(n),
          bookPositionLimit: ctx.bookPosition.add(signedQuantity(t)).abs(),
        };
        const { checks } = decide(t, atLimit);
        for (const code of [
          'MAX_TRADE_NOTIONAL',
          'TRADER_DAILY_NOTIONAL',
          'COUNTERPARTY_EXPOSURE',
          'BOOK_POSITION_LIMIT',
        ] as const) {
          expect(byCode(checks, code).outcome).toBe('passed');
        }
      }),
    );
  });

  it('a restricted instrument is always rejected, whatever else holds', () => {
    fc.assert(
      fc.property(trade, context, (t, ctx) => {
        const restricted = { ...ctx, restrictedInstruments: new Set([t.instrumentId]) };
        expect(decide(t, restricted).decision).toBe('REJECTED');
      }),
    );
  });

  it('a price up to the band off the reference passes, and any price beyond it holds', () => {
    const fraction = decimal(0n, 10000n, 4); // 0 to 1 of the band
    fc.assert(
      fc.property(trade, context, positive(10n ** 6n, 2), fraction, fc.boolean(), (t, ctx, ref, f, up) => {
        const type = t.instrumentType;
        const band = { EQUITY: new Dec('0.05'), BOND: new Dec('0.02'), FX_SPOT: new Dec('0.01') }[type];
        const offset = ref.mul(band).mul(f);
        const within = up ? ref.add(offset) : ref.sub(offset);
        const beyond = up ? ref.add(ref.mul(band)).add('0.0001') : ref.sub(ref.mul(band)).sub('0.0001');
        const priced = { ...ctx, referencePrice: ref, priceBands: undefined };
        const at = (price: Dec): string =>
          (decide({ ...t, price }, priced).checks.find((c) => c.code === 'PRICE_TOLERANCE') as CheckResult)
            .outcome;
        expect(at(within)).toBe('passed');
        expect(at(beyond)).toBe('hold');
      }),
    );
  });

  it('a sell no larger than a long position never raises the absolute position', () => {
    fc.assert(
      fc.property(trade, context, positive(10n ** 9n, 0), (t, ctx, extra) => {
        const sell = { ...t, side: 'SELL' as const };
        const long = { ...ctx, bookPosition: t.quantity.add(extra) };
        const c = byCode(decide(sell, long).checks, 'BOOK_POSITION_LIMIT');
        expect((c.usageAfter as Dec).lt(c.usageBefore as Dec)).toBe(true);
      }),
    );
  });
});
