import type { Client } from 'pg';

// Moving outbox records that cannot be published to the dead_letter table, on the relay's connection
// (DeadLetterTables1765000000000). A topic and key with a parked record is parked whole: every later
// record of it is moved too, now and as it is written, so its order holds until a replay puts them all
// back (DeadLetterRepository.releaseOutboxKey). Parking and replaying one key are serialised by a
// transaction lock, so a replay is never undone by a parking that read the dead letters before it.

/** The lock a parking and a replay of the same schema take (`current_schema()`: the service's schema). */
export const PARKING_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('dead-letters:' || current_schema()))`;

/** Why a follower is parked: it could go, but not before the record it follows. */
export const FOLLOWER_REASON = 'waits behind an earlier parked record of its topic and key';

const MOVE_COLUMNS = `source, outbox_id, outbox_created_at, topic, message_key, event_id, event_type,
  event_version, value, headers, reason, attempts`;

/**
 * Parks the records `ids` (refused for `reason` after `attempts` sends) with every later record of their
 * topics and keys. Returns how many records were parked per topic.
 */
export async function parkRecords(
  client: Client,
  ids: readonly string[],
  reason: string,
  attempts: number,
): Promise<Map<string, number>> {
  return inTransaction(client, async () => {
    const { rows } = await client.query<{ topic: string }>(
      `WITH heads AS (
         SELECT topic, message_key, min(id) AS first_id FROM outbox WHERE id = ANY($1::bigint[])
         GROUP BY topic, message_key
       ), moved AS (
         DELETE FROM outbox o USING heads h
         WHERE o.topic = h.topic AND o.message_key = h.message_key AND o.id >= h.first_id
         RETURNING o.*
       )
       INSERT INTO dead_letter (${MOVE_COLUMNS})
       SELECT 'outbox', m.id, m.created_at, m.topic, m.message_key, m.event_id, m.event_type, m.event_version,
              convert_to(m.value, 'UTF8'), '{}',
              CASE WHEN m.id = ANY($1::bigint[]) THEN $2 ELSE $4 END,
              CASE WHEN m.id = ANY($1::bigint[]) THEN $3::integer ELSE 0 END
       FROM moved m ORDER BY m.id
       RETURNING topic`,
      [ids, reason, attempts, FOLLOWER_REASON],
    );
    return countByTopic(rows);
  });
}

/**
 * Parks what was written since for a parked topic and key. Returns how many per topic, and whether any
 * record is still parked (once none is, the relay stops calling this).
 */
export async function parkFollowers(
  client: Client,
): Promise<{ parked: Map<string, number>; anyParked: boolean }> {
  return inTransaction(client, async () => {
    const { rows } = await client.query<{ topic: string }>(
      `WITH moved AS (
         DELETE FROM outbox o
         WHERE EXISTS (SELECT 1 FROM dead_letter d
                       WHERE d.source = 'outbox' AND d.topic = o.topic AND d.message_key = o.message_key)
         RETURNING o.*
       )
       INSERT INTO dead_letter (${MOVE_COLUMNS})
       SELECT 'outbox', m.id, m.created_at, m.topic, m.message_key, m.event_id, m.event_type, m.event_version,
              convert_to(m.value, 'UTF8'), '{}', $1, 0
       FROM moved m ORDER BY m.id
       RETURNING topic`,
      [FOLLOWER_REASON],
    );
    return { parked: countByTopic(rows), anyParked: await anyParked(client) };
  });
}

export async function anyParked(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM dead_letter WHERE source = 'outbox') AS any`,
  );
  return rows[0]?.any === true;
}

/** Parked records per topic, for the `tradeflow_outbox_parked` gauge. */
export async function parkedByTopic(client: Client): Promise<Map<string, number>> {
  const { rows } = await client.query<{ topic: string; n: string }>(
    `SELECT topic, count(*)::text AS n FROM dead_letter WHERE source = 'outbox' GROUP BY topic`,
  );
  return new Map(rows.map((r) => [r.topic, Number(r.n)]));
}

async function inTransaction<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(PARKING_LOCK_SQL);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function countByTopic(rows: readonly { topic: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { topic } of rows) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return counts;
}
