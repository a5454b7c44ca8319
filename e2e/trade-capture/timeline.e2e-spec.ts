import {
  createEnvelope,
  TOPICS,
  type EventEnvelope,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import { KafkaTestClient, randomName, waitFor, type StartedService } from '@tradeflow/shared/testing';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer, startTradeCapture } from './trade-capture.fixtures';
import { openStream, type StreamedEvent } from './trade-stream.fixtures';

// The timeline on a real trade-capture process: lifecycle events of the other offices are produced to
// their real topics, as risk, clearing and settlement will; the trader reads the timeline and the stream.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);
const bob = bearer('bob', 'trader', ['EQ-UK-FLOW']);
const rita = bearer('rita', 'risk');
const risk = { id: 'risk-compliance', role: 'service' };
const clearing = { id: 'clearing', role: 'service' };
const settlement = { id: 'settlement', role: 'service' };

const ALL_PASS = [
  'RESTRICTED_INSTRUMENT',
  'PRICE_TOLERANCE',
  'MAX_TRADE_NOTIONAL',
  'TRADER_DAILY_NOTIONAL',
  'COUNTERPARTY_EXPOSURE',
  'BOOK_POSITION_LIMIT',
  'WASH_TRADE',
].map((code) => ({ code, outcome: 'PASS', detail: 'within limits' }));

const ssis = {
  ours: {
    ownerId: 'TRADEFLOWBANK0000068',
    depository: 'DTC',
    placeOfSettlementBic: 'DTCYUS33',
    account: 'DTC-0352',
    agentBic: 'IRVTUS3N',
  },
  theirs: {
    ownerId: 'NSCC',
    depository: 'DTC',
    placeOfSettlementBic: 'DTCYUS33',
    account: 'DTC-0888',
    agentBic: 'DTCYUS33',
  },
};
const legs = [
  { kind: 'SECURITIES', isin: 'US0378331005', direction: 'RECEIVE', quantity: '1000' },
  { kind: 'CASH', currency: 'USD', direction: 'PAY', amount: '190262.50' },
];

interface Trade {
  tradeId: string;
  version: number;
  status: string;
}
interface Step {
  seq: string;
  step: string;
  event: string;
  actor: { id: string; role: string };
  summary: string;
  facts: Record<string, unknown>;
  statusBefore?: string;
  statusAfter?: string;
}

describe('trade timeline and live status stream', () => {
  let service: StartedService;
  let db: DataSource;
  let kafka: KafkaTestClient;
  let sequence = 0;
  const group = `trade-capture-${randomName(6)}`;

  const publish = async (
    topic: TopicDefinition,
    key: string,
    payload: object,
    actor = risk,
  ): Promise<EventEnvelope<object>> => {
    // Each event a little after the last (and after the booking), so the timeline reads in story order.
    sequence += 1;
    const envelope = createEnvelope({
      topic,
      producer: actor.id,
      key,
      actor,
      occurredAt: new Date(Date.now() + sequence),
      payload,
    });
    await redeliver(topic, envelope);
    return envelope;
  };
  const redeliver = (topic: TopicDefinition, envelope: EventEnvelope<object>) =>
    kafka.produce(topic.name, [{ key: envelope.key, value: JSON.stringify(envelope) }]);

  const book = async (body: object = APPLE_BUY, auth = alice): Promise<Trade> => {
    const response = await fetch(`${service.url}/api/trades`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': randomName(12) },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Trade;
  };
  const timeline = async (id: string, auth = alice) => {
    const response = await fetch(`${service.url}/api/trades/${id}/timeline`, {
      headers: { authorization: auth },
    });
    return { status: response.status, body: (await response.json()) as { status: string; steps: Step[] } };
  };
  const statusOf = async (id: string) => (await timeline(id)).body.status;
  const stepsUntil = (id: string, count: number, auth = alice) =>
    waitFor(
      async () => {
        const { body } = await timeline(id, auth);
        return body.steps.length >= count ? body.steps : undefined;
      },
      { what: `${count} timeline steps of ${id}` },
    );
  const decision = (trade: Trade, checks: object[], extra: object = {}) => ({
    tradeId: trade.tradeId,
    version: trade.version,
    checks,
    ...extra,
  });

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    ({ service, db } = await startTradeCapture({ KAFKA_CONSUMER_GROUP: group }));
  });

  afterAll(async () => {
    await service.process.stop();
    await db.destroy();
    await kafka.close();
  });

  it('follows a CCP trade from capture to settlement across the offices, live on the stream', async () => {
    const stream = await openStream(service.url, alice);
    const trade = await book();
    const id = trade.tradeId;
    // Each office acts on what the one before it said, so each event waits for the previous to land.
    let applied = (await stepsUntil(id, 1)).length;
    const next = async (topic: TopicDefinition, key: string, payload: object, actor = risk) => {
      await publish(topic, key, payload, actor);
      applied = (await stepsUntil(id, applied + 1)).length;
    };
    const securities = `OBL-S-${id}`;
    const cash = `OBL-C-${id}`;
    await next(TOPICS.tradeApproved, id, decision(trade, ALL_PASS));
    await next(
      TOPICS.tradeConfirmed,
      id,
      {
        tradeId: id,
        version: 1,
        confirmationId: `CONF-${id}`,
        matchedAt: '2026-11-20T15:02:00.000Z',
      },
      clearing,
    );
    await next(
      TOPICS.tradeCleared,
      id,
      {
        tradeId: id,
        version: 1,
        ccp: 'NSCC',
        novatedAt: '2026-11-20T15:03:00.000Z',
        ccpTradeRef: `NSCC-${id}`,
      },
      clearing,
    );
    const obligation = {
      ccp: 'NSCC',
      settlementDate: '2026-11-23',
      trades: [{ tradeId: id, version: 1 }],
      nettingRunId: `RUN-${id}`,
      final: true,
    };
    await next(
      TOPICS.obligationNetted,
      securities,
      {
        ...obligation,
        obligationId: securities,
        kind: 'SECURITIES',
        isin: 'US0378331005',
        direction: 'RECEIVE',
        quantity: '1000',
      },
      clearing,
    );
    await next(
      TOPICS.obligationNetted,
      cash,
      {
        ...obligation,
        obligationId: cash,
        kind: 'CASH',
        currency: 'USD',
        direction: 'PAY',
        amount: '190262.50',
      },
      clearing,
    );
    for (const [obligationId, instructionId, leg] of [
      [securities, `SI-S-${id}`, legs[0]],
      [cash, `SI-C-${id}`, legs[1]],
    ] as const) {
      await next(
        TOPICS.settlementInstructed,
        instructionId,
        {
          instructionId,
          source: { kind: 'OBLIGATION', obligationId, ccp: 'NSCC' },
          settlementDate: '2026-11-23',
          legs: [leg],
          ssis,
          tradeIds: [id],
        },
        settlement,
      );
    }
    await next(
      TOPICS.settlementSettled,
      `SI-S-${id}`,
      {
        instructionId: `SI-S-${id}`,
        settledQuantity: '1000',
        partial: false,
        settledAt: '2026-11-23T14:00:00.000Z',
        tradeIds: [id],
      },
      settlement,
    );
    // One obligation of two settled: a CCP trade is SETTLED only when all of them are.
    expect(await statusOf(id)).toBe('CLEARED');
    await next(
      TOPICS.settlementSettled,
      `SI-C-${id}`,
      {
        instructionId: `SI-C-${id}`,
        settledAmount: '190262.50',
        currency: 'USD',
        partial: false,
        settledAt: '2026-11-23T14:05:00.000Z',
        tradeIds: [id],
      },
      settlement,
    );

    const steps = await stepsUntil(id, 10);
    expect(steps.map((s) => s.step)).toEqual([
      'CAPTURED',
      'APPROVED',
      'CONFIRMED',
      'CLEARED',
      'NETTED',
      'NETTED',
      'INSTRUCTED',
      'INSTRUCTED',
      'SETTLED',
      'SETTLED',
    ]);
    expect(steps.map((s) => s.statusAfter)).toEqual([
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
    expect(steps[0]).toMatchObject({
      event: 'trade.captured',
      actor: { id: 'alice', role: 'trader' },
      summary: `booked by alice: BUY 1000 US0378331005 at 190.25 USD, net 190262.50, settling 2026-11-23`,
    });
    expect(steps[1]).toMatchObject({ summary: 'approved by risk: all 7 checks passed', actor: risk });
    expect(steps[3]!.facts).toMatchObject({ ccp: 'NSCC', ccpTradeRef: `NSCC-${id}` });
    expect(steps[4]!.facts).toMatchObject({
      obligationId: securities,
      direction: 'RECEIVE',
      quantity: '1000',
    });
    expect(steps[6]!.facts).toMatchObject({ instructionId: `SI-S-${id}` });
    expect(steps[9]!.facts).toMatchObject({ settledAmount: '190262.50', currency: 'USD', partial: false });

    const trade2 = (await (
      await fetch(`${service.url}/api/trades/${id}`, { headers: { authorization: alice } })
    ).json()) as Trade;
    expect(trade2.status).toBe('SETTLED');

    // The stream carried each change of status, in order, with increasing ids.
    const changes = await stream.until((events) => events.some((e) => e.data['status'] === 'SETTLED'));
    stream.close();
    const mine = changes.filter((e) => e.data['tradeId'] === id);
    expect(mine.map((e) => e.data['status'])).toEqual([
      'CAPTURED',
      'APPROVED',
      'CONFIRMED',
      'CLEARED',
      'SETTLED',
    ]);
    expect(mine.map((e) => [e.event, e.data['previousStatus']])).toEqual([
      ['status', undefined],
      ['status', 'CAPTURED'],
      ['status', 'APPROVED'],
      ['status', 'CONFIRMED'],
      ['status', 'CLEARED'],
    ]);
    // Ids are positions, <transaction>-<seq>, growing in the order they were sent.
    const positions = mine.map((e) => e.id!.split('-').map(BigInt) as [bigint, bigint]);
    const sorted = [...positions].sort(([t1, s1], [t2, s2]) =>
      t1 !== t2 ? (t1 < t2 ? -1 : 1) : s1 < s2 ? -1 : 1,
    );
    expect(sorted).toEqual(positions);

    // A client that resumes after the first change is sent the same events, field for field.
    const resumed = await openStream(service.url, alice, mine[0]!.id);
    const replayed = await resumed.until((events) => events.some((e) => e.data['status'] === 'SETTLED'));
    resumed.close();
    expect(replayed.filter((e) => e.data['tradeId'] === id)).toEqual(mine.slice(1));
  });

  it('shows why risk held a trade and who rejected it; a rejected trade cannot be amended', async () => {
    const trade = await book();
    const held = ALL_PASS.map((c) =>
      c.code === 'MAX_TRADE_NOTIONAL'
        ? {
            code: 'MAX_TRADE_NOTIONAL',
            outcome: 'HOLD',
            detail: 'notional 31,500,000.00 USD above the book limit of 25,000,000.00',
            limit: '25000000',
            usageBefore: '0',
            usageAfter: '31500000',
          }
        : c,
    );
    await publish(TOPICS.tradeHeld, trade.tradeId, decision(trade, held));
    await publish(
      TOPICS.tradeRejected,
      trade.tradeId,
      decision(trade, held, { decidedBy: 'rita', comment: 'too large for the desk' }),
      { id: 'rita', role: 'risk' },
    );
    const steps = await stepsUntil(trade.tradeId, 3);
    expect(steps[1]).toMatchObject({
      step: 'HELD',
      statusAfter: 'HELD',
      summary:
        'held by risk: MAX_TRADE_NOTIONAL: notional 31,500,000.00 USD above the book limit of 25,000,000.00',
      facts: {
        reasons: [
          {
            code: 'MAX_TRADE_NOTIONAL',
            outcome: 'HOLD',
            detail: 'notional 31,500,000.00 USD above the book limit of 25,000,000.00',
            limit: '25000000',
            usageBefore: '0',
            usageAfter: '31500000',
          },
        ],
      },
    });
    expect(steps[2]).toMatchObject({
      step: 'REJECTED',
      statusAfter: 'REJECTED',
      actor: { id: 'rita', role: 'risk' },
      facts: { decidedBy: 'rita', comment: 'too large for the desk' },
    });
    const amend = await fetch(`${service.url}/api/trades/${trade.tradeId}`, {
      method: 'PATCH',
      headers: { authorization: alice, 'content-type': 'application/json', 'if-match': '"1"' },
      body: JSON.stringify({ quantity: '10' }),
    });
    expect(amend.status).toBe(409);
    expect(((await amend.json()) as { detail: string }).detail).toContain(
      'a REJECTED trade cannot be amended',
    );
  });

  it('waits for an instruction that arrives after its settlement, and applies a redelivered event once', async () => {
    const trade = await book();
    const id = trade.tradeId;
    const instructionId = `SI-B-${id}`;
    await publish(TOPICS.tradeApproved, id, decision(trade, ALL_PASS));
    await publish(
      TOPICS.tradeConfirmed,
      id,
      {
        tradeId: id,
        version: 1,
        confirmationId: `CONF-${id}`,
        matchedAt: '2026-11-20T15:02:00.000Z',
      },
      clearing,
    );
    const settled = await publish(
      TOPICS.settlementSettled,
      instructionId,
      {
        instructionId,
        settledQuantity: '1000',
        settledAmount: '190262.50',
        currency: 'USD',
        partial: false,
        settledAt: '2026-11-23T14:00:00.000Z',
        tradeIds: [id],
      },
      settlement,
    );
    await stepsUntil(id, 4);
    expect(await statusOf(id)).toBe('CONFIRMED'); // settled, but of an instruction not seen yet

    await publish(
      TOPICS.settlementInstructed,
      instructionId,
      {
        instructionId,
        source: { kind: 'TRADE', tradeId: id, version: 1 },
        settlementDate: '2026-11-23',
        legs,
        ssis,
        tradeIds: [id],
      },
      settlement,
    );
    await stepsUntil(id, 5);
    expect(await statusOf(id)).toBe('SETTLED');

    // The same settlement twice more, then a fail of the same instruction.
    await redeliver(TOPICS.settlementSettled, settled);
    await redeliver(TOPICS.settlementSettled, settled);
    await publish(
      TOPICS.settlementFailed,
      instructionId,
      {
        instructionId,
        reason: 'OTHER',
        detail: 'late status message from the agent',
        failedAt: '2026-11-23T15:00:00.000Z',
        tradeIds: [id],
      },
      settlement,
    );
    const steps = await stepsUntil(id, 6);
    // The fail comes on another topic, so it says nothing of the redeliveries: wait until the service
    // has committed past them, then count what they left.
    await waitFor(async () => (await kafka.groupLag(group, TOPICS.settlementSettled.name)) === 0n, {
      what: 'the service to consume the redelivered settlements',
    });
    const [settledRows] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM trade_timeline WHERE trade_id = $1 AND kind = 'SETTLED'`,
      [id],
    );
    expect(settledRows!.n).toBe('1');
    expect(steps.map((s) => s.step)).toEqual([
      'CAPTURED',
      'APPROVED',
      'CONFIRMED',
      'SETTLED',
      'INSTRUCTED',
      'FAILED',
    ]);
    expect(await statusOf(id)).toBe('SETTLED'); // settled in full is final
  });

  it('streams to each trader only their own books, and replays from Last-Event-ID', async () => {
    const aliceStream = await openStream(service.url, alice);
    const bobStream = await openStream(service.url, bob);
    const riskStream = await openStream(service.url, rita);
    const hers = await book();
    const his = await book(
      {
        book: 'EQ-UK-FLOW',
        side: 'SELL',
        instrumentId: 'GB0002634946',
        quantity: '500',
        price: '13.20',
        counterpartyLei: APPLE_BUY.counterpartyLei,
        tradeDate: APPLE_BUY.tradeDate,
      },
      bob,
    );
    await publish(TOPICS.tradeApproved, hers.tradeId, decision(hers, ALL_PASS));
    await publish(TOPICS.tradeApproved, his.tradeId, decision(his, ALL_PASS));

    const approved = (id: string) => (events: StreamedEvent[]) =>
      events.some((e) => e.data['tradeId'] === id && e.data['status'] === 'APPROVED');
    const seenByRisk = await riskStream.until((e) => approved(hers.tradeId)(e) && approved(his.tradeId)(e));
    const seenByAlice = await aliceStream.until(approved(hers.tradeId));
    const seenByBob = await bobStream.until(approved(his.tradeId));
    for (const s of [aliceStream, bobStream, riskStream]) s.close();
    expect(new Set(seenByAlice.map((e) => e.data['book']))).toEqual(new Set(['EQ-US-FLOW']));
    expect(new Set(seenByBob.map((e) => e.data['book']))).toEqual(new Set(['EQ-UK-FLOW']));
    expect(seenByRisk.map((e) => e.data['tradeId'])).toEqual(
      expect.arrayContaining([hers.tradeId, his.tradeId]),
    );

    // Alice reconnects from her trade's CAPTURED event: she gets what changed since, then live events.
    const captured = seenByAlice.find(
      (e) => e.data['tradeId'] === hers.tradeId && e.data['status'] === 'CAPTURED',
    )!;
    const resumed = await openStream(service.url, alice, captured.id);
    const replayed = await resumed.until(approved(hers.tradeId));
    resumed.close();
    expect(replayed.map((e) => [e.data['tradeId'], e.data['status']])).toEqual([[hers.tradeId, 'APPROVED']]);
  });

  it('keeps timelines to those who may see the trade: 404 to another book’s trader, readable by risk', async () => {
    const trade = await book();
    await stepsUntil(trade.tradeId, 1);
    expect((await timeline(trade.tradeId, bob)).status).toBe(404);
    expect((await timeline(trade.tradeId, rita)).status).toBe(200);
    expect((await timeline('T-20261120-999999999', alice)).status).toBe(404);
    const anonymous = await fetch(`${service.url}/api/trades/${trade.tradeId}/timeline`);
    expect(anonymous.status).toBe(401);
    // Not a position, a bare seq, a transaction id past xid8's range: each a 400 naming the header.
    for (const lastEventId of ['yesterday', '42', '18446744073709551616-1']) {
      const badResume = await fetch(`${service.url}/api/stream/trades`, {
        headers: { authorization: alice, 'last-event-id': lastEventId },
      });
      expect(badResume.status).toBe(400);
      expect(((await badResume.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
        'Last-Event-ID',
      );
    }
  });

  it('ignores a trade event on its own topics that it did not publish', async () => {
    const trade = await book();
    await stepsUntil(trade.tradeId, 1);
    // A "cancellation" nobody made through this service, then a real event behind it on the same key.
    await publish(
      TOPICS.tradeCancelled,
      trade.tradeId,
      {
        tradeId: trade.tradeId,
        version: 1,
        reason: 'forged',
      },
      { id: 'mallory', role: 'trader' },
    );
    await publish(TOPICS.tradeApproved, trade.tradeId, decision(trade, ALL_PASS));
    const steps = await stepsUntil(trade.tradeId, 2);
    expect(steps.map((s) => s.step)).toEqual(['CAPTURED', 'APPROVED']);
    expect(await statusOf(trade.tradeId)).toBe('APPROVED');
  });

  it('answers a retried cancel with the same Idempotency-Key as the first time, and cancels once', async () => {
    const trade = await book();
    const cancel = (key: string, reason = 'booked in error') =>
      fetch(`${service.url}/api/trades/${trade.tradeId}/cancel`, {
        method: 'POST',
        headers: { authorization: alice, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ reason }),
      });
    const key = randomName(12);
    const first = await cancel(key);
    const retry = await cancel(key);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await retry.json()).toEqual(await first.json());
    const otherBody = await cancel(key, 'another reason');
    expect(otherBody.status).toBe(409);
    const withoutKey = await fetch(`${service.url}/api/trades/${trade.tradeId}/cancel`, {
      method: 'POST',
      headers: { authorization: alice, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'booked in error' }),
    });
    expect(withoutKey.status).toBe(409); // without a key, a second cancel is a second request
    const steps = await stepsUntil(trade.tradeId, 2);
    expect(steps.map((s) => [s.step, s.summary])).toEqual([
      ['CAPTURED', expect.any(String)],
      ['CANCELLED', 'cancelled by alice: booked in error'],
    ]);
  });
});
