import { TOPICS } from '@tradeflow/shared/contracts';
import { RetentionPruner, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { createTestSchema, type TestSchema } from '@tradeflow/shared/testing';
import { inboxRetentionRule } from './inbox-retention';
import { MessagingInboxRetention1764100000000 } from './inbox-retention.migration';
import { SqlInboxRepository } from './inbox.repository';
import { MessagingTables1763800000000 } from './messaging-tables.migration';

const DAY = 86_400_000;
const now = new Date('2026-11-22T12:00:00.000Z');

// The inbox forgets an event only once Kafka can no longer redeliver it: rows older than the inbox
// retention go, younger ones stay, and rows of a compacted topic (redelivered for as long as they are
// their key's latest) stay whatever their age.
describe('inbox retention', () => {
  let db: TestSchema;
  let runner: TypeOrmTransactionRunner;
  const inbox = new SqlInboxRepository();

  const claimAt = async (daysAgo: number, topic: string, eventId: string) => {
    await runner.run((tx) => inbox.claim(tx, 'trade-capture', topic, 0, [{ eventId, offset: '1' }]));
    await runner.query('UPDATE inbox SET applied_at = $1 WHERE event_id = $2', [
      new Date(now.getTime() - daysAgo * DAY).toISOString(),
      eventId,
    ]);
  };
  const remembered = async () =>
    (
      await runner.query<{ event_id: string }>(
        'SELECT event_id::text AS event_id FROM inbox ORDER BY event_id',
      )
    ).rows.map((r) => r.event_id);

  beforeAll(async () => {
    db = await createTestSchema('inbox_retention', [
      MessagingTables1763800000000,
      MessagingInboxRetention1764100000000,
    ]);
    runner = new TypeOrmTransactionRunner(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('forgets events applied longer ago than the retention, except those of compacted topics', async () => {
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await claimAt(16, TOPICS.tradeApproved.name, id(1));
    await claimAt(15.5, TOPICS.tradeCleared.name, id(2));
    await claimAt(14.9, TOPICS.tradeApproved.name, id(3));
    await claimAt(0, TOPICS.tradeApproved.name, id(4));
    await claimAt(400, TOPICS.bookUpserted.name, id(5));
    const pruner = new RetentionPruner({ runner, now: () => now, intervalMs: 60000, batchSize: 1 }, [
      inboxRetentionRule(15 * DAY, Object.values(TOPICS)),
    ]);

    expect(await pruner.pruneOnce()).toEqual(new Map([['inbox', 2]]));

    expect(await remembered()).toEqual([id(3), id(4), id(5)]);
    // A redelivery of an event still remembered is still recognised.
    const claimed = await runner.run((tx) =>
      inbox.claim(tx, 'trade-capture', TOPICS.tradeApproved.name, 0, [{ eventId: id(3), offset: '1' }]),
    );
    expect([...claimed]).toEqual([]);
  });

  it('has its migration index the inbox on applied_at, and take the index away again', async () => {
    const indexes = async () =>
      (
        await runner.query<{ indexdef: string }>(
          `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'inbox_applied_at'`,
          [db.schema],
        )
      ).rows.map((r) => r.indexdef);
    const migration = new MessagingInboxRetention1764100000000();
    const q = db.dataSource.createQueryRunner();
    try {
      expect(await indexes()).toEqual([
        `CREATE INDEX inbox_applied_at ON ${db.schema}.inbox USING btree (applied_at)`,
      ]);
      await migration.down(q);
      expect(await indexes()).toEqual([]);
      await migration.up(q);
      expect(await indexes()).toHaveLength(1);
    } finally {
      await q.release();
    }
  });
});
