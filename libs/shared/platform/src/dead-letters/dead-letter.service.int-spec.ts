import type { HttpException } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import {
  createEnvelope,
  EventValidator,
  TopicRegistry,
  type EventEnvelope,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import {
  createKafka,
  EventConsumer,
  MESSAGING_MIGRATIONS,
  SqlDeadLetterRepository,
  SqlInboxRepository,
  type EventContext,
} from '@tradeflow/shared/messaging';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import {
  CounterTables1763800000001,
  counterPayloadSchema,
  createTestSchema,
  KafkaTestClient,
  randomName,
  testInfra,
  waitFor,
  type TestSchema,
} from '@tradeflow/shared/testing';
import { FixedClock } from '../clock';
import { DeadLetterService } from './dead-letter.service';

// Replaying a consumer's dead letter through the service the dead-letter API delegates to, against the
// real broker and database: the handler runs again with the inbox, in one transaction with the removal.
const actor = { id: 'replay-test', role: 'service' };
const olga: Principal = { id: 'olga', role: 'ops', books: [] };
const replayedAt = new Date('2026-11-21T08:00:00.000Z');

describe('replaying a consumer’s dead letter', () => {
  const infra = testInfra();
  let kafka: KafkaTestClient;
  let db: TestSchema;
  let topic: TopicDefinition;
  let consumer: EventConsumer;
  let service: DeadLetterService;
  // The handler refuses account CLOSED while it is closed; it writes its effect first, so a refusal must
  // undo a write.
  let closed = true;

  const credit = async (event: EventEnvelope, ctx: EventContext) => {
    const { account, amount } = event.payload as { account: string; amount: string };
    await ctx.tx.query(
      'INSERT INTO counter_effect (event_id, account, amount, applied_by) VALUES ($1, $2, $3::numeric, $4)',
      [event.eventId, account, amount, 'replay'],
    );
    if (account === 'CLOSED' && closed) throw new Error('account CLOSED is closed');
  };
  const effects = async (eventId: string) =>
    Number(
      (
        await db.dataSource.query<{ n: string }[]>(
          'SELECT count(*)::text AS n FROM counter_effect WHERE event_id = $1',
          [eventId],
        )
      )[0]!.n,
    );
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: HttpException) => ({
        status: error.getStatus(),
        detail: (error.getResponse() as { detail: string }).detail,
      }),
    );
  const deadLetterOf = async (offset: string) =>
    waitFor(async () => (await service.list({})).items.find((i) => i.offset === offset), {
      what: `the dead letter at offset ${offset}`,
    });

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    db = await createTestSchema('replay', [...MESSAGING_MIGRATIONS, CounterTables1763800000001]);
    topic = await kafka.newTopic('replay', counterPayloadSchema, 1);
    const runner = new TypeOrmTransactionRunner(db.dataSource);
    consumer = new EventConsumer({
      kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: 'replay-test', logLevel: 'nothing' }),
      groupId: `replay-test-${randomName(6)}`,
      runner,
      validator: new EventValidator(new TopicRegistry([topic])),
      inbox: new SqlInboxRepository(),
      deadLetters: new SqlDeadLetterRepository(),
      handlers: new Map([[topic.name, { kind: 'single', handle: credit }]]),
    });
    await consumer.start();
    service = new DeadLetterService(runner, new SqlDeadLetterRepository(), new FixedClock(replayedAt));
    service.attachReplayer(consumer);
  });

  afterAll(async () => {
    await consumer.stop();
    await kafka.deleteTopics([topic]);
    await kafka.close();
    await db.drop();
  });

  it('keeps it while its handler still fails, then applies it once the cause is fixed, and keeps who replayed it', async () => {
    const event = createEnvelope({
      topic,
      producer: 'test',
      key: 'CLOSED',
      actor,
      occurredAt: new Date('2026-11-20T09:00:00.000Z'),
      payload: { account: 'CLOSED', amount: '12.5' },
    });
    await kafka.produce(topic.name, [{ key: event.key, value: JSON.stringify(event) }]);
    const letter = await deadLetterOf('0');
    expect(letter).toEqual({
      id: expect.stringMatching(/^\d+$/),
      source: 'consumer',
      topic: topic.name,
      key: 'CLOSED',
      eventId: event.eventId,
      eventType: event.type,
      reason: 'handler failed 3 times: account CLOSED is closed',
      parkedAt: expect.stringMatching(/Z$/),
      attempts: 3,
      consumer: expect.stringMatching(/^replay-test-/),
      partition: 0,
      offset: '0',
      dlqPublished: true,
    });

    expect(await refusal(service.replay(letter.id, undefined, olga))).toEqual({
      status: 422,
      detail: `dead letter ${letter.id} could not be applied again: account CLOSED is closed`,
    });
    expect(await effects(event.eventId)).toBe(0); // the handler's write was undone
    expect((await service.list({})).items).toEqual([
      { ...letter, reason: 'replay failed: account CLOSED is closed', attempts: 4 },
    ]);

    closed = false;
    const answer = await service.replay(letter.id, undefined, olga);
    expect(answer).toEqual({
      repeated: false,
      replay: {
        deadLetterId: letter.id,
        source: 'consumer',
        topic: topic.name,
        key: 'CLOSED',
        eventId: event.eventId,
        records: 1,
        outcome: 'applied',
        replayedBy: 'olga',
        replayedByRole: 'ops',
        replayedAt: '2026-11-21T08:00:00.000Z',
      },
    });
    expect(await effects(event.eventId)).toBe(1);
    expect((await service.list({})).items).toEqual([]);
    expect(await refusal(service.replay(letter.id, undefined, olga))).toMatchObject({ status: 404 });
    // Claimed in the inbox with the replay: a redelivery of the event is skipped.
    const inbox = await db.dataSource.query<{ n: string }[]>(
      'SELECT count(*)::text AS n FROM inbox WHERE event_id = $1',
      [event.eventId],
    );
    expect(inbox[0]!.n).toBe('1');
    const kept = await db.dataSource.query<{ outcome: string; replayed_by: string }[]>(
      'SELECT outcome, replayed_by FROM dead_letter_replay WHERE dead_letter_id = $1',
      [letter.id],
    );
    expect(kept).toEqual([{ outcome: 'applied', replayed_by: 'olga' }]);
  });

  it('refuses to replay a message that still breaks its contract, and keeps it', async () => {
    await kafka.produce(topic.name, [{ key: 'ACC-9', value: '{"eventId": "not closed' }]);
    const letter = await deadLetterOf('1');
    expect(letter).toMatchObject({ source: 'consumer', eventId: null, attempts: 1, dlqPublished: true });
    const refused = await refusal(service.replay(letter.id, undefined, olga));
    expect(refused.status).toBe(422);
    expect(refused.detail).toMatch(
      new RegExp(
        `^dead letter ${letter.id} could not be applied again: still not a valid event: value is not JSON`,
      ),
    );
    expect((await service.list({})).items).toEqual([
      { ...letter, reason: expect.stringMatching(/^replay failed: still not a valid event/), attempts: 2 },
    ]);
  });
});
