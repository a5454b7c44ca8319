import type { Tx } from '@tradeflow/shared/persistence';

export interface InboxClaim {
  eventId: string;
  offset: string;
}

/** The ids of events a consumer has applied; claiming one that is there already returns nothing. */
export interface InboxRepository {
  claim(
    tx: Tx,
    consumer: string,
    topic: string,
    partition: number,
    events: readonly InboxClaim[],
  ): Promise<Set<string>>;
}

export class SqlInboxRepository implements InboxRepository {
  async claim(
    tx: Tx,
    consumer: string,
    topic: string,
    partition: number,
    events: readonly InboxClaim[],
  ): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const { rows } = await tx.query<{ event_id: string }>(
      `INSERT INTO inbox (consumer, event_id, topic, partition, "offset")
       SELECT $1, e, $2, $3, o FROM unnest($4::uuid[], $5::bigint[]) AS t(e, o)
       ON CONFLICT DO NOTHING
       RETURNING event_id::text`,
      [consumer, topic, partition, events.map((e) => e.eventId), events.map((e) => e.offset)],
    );
    return new Set(rows.map((r) => r.event_id));
  }
}
