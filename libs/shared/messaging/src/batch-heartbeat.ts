import type { EachBatchPayload } from 'kafkajs';

/** The partition was taken from this member while its batch was being applied. */
export class PartitionLostError extends Error {
  constructor(reason: string) {
    super(`the partition was taken away while its batch was applied (${reason})`);
    this.name = 'PartitionLostError';
  }
}

// Heartbeat answers that say this member is no longer in the group's current generation: its partitions
// are someone else's now. REBALANCE_IN_PROGRESS is not one of them: the member still owns its partitions
// (and may commit) until it rejoins, which it does when the batch returns.
const LOST = new Set(['ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID']);

/**
 * Heartbeats every `everyMs` while a batch is applied, however long it takes: kafkajs heartbeats only
 * between batches, so a batch longer than the session timeout would lose its partitions and be
 * delivered again (kafkajs sends at most one heartbeat per `heartbeatInterval`, so calling more often
 * costs nothing). Tells whether the partition was taken away meanwhile, so the batch rolls back.
 */
export class BatchHeartbeat {
  private readonly timer: NodeJS.Timeout;
  private lostReason: string | undefined;
  private lastFailure: string | undefined;

  constructor(
    private readonly payload: Pick<EachBatchPayload, 'heartbeat' | 'isStale'>,
    everyMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.timer = setInterval(() => void this.beat(), everyMs);
  }

  /** The partition is no longer this member's (a heartbeat said so, or kafkajs marked it stale). */
  get lost(): boolean {
    return this.lostReason !== undefined || this.payload.isStale();
  }

  throwIfLost(): void {
    if (this.lost)
      throw new PartitionLostError(
        this.lostReason ?? 'the partition is to be read again from another offset',
      );
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    try {
      await this.payload.heartbeat();
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      const message = (error as Error).message;
      if (typeof type === 'string' && LOST.has(type)) this.lostReason ??= type;
      else if (message !== this.lastFailure) this.log(`heartbeat during a batch failed: ${message}`);
      this.lastFailure = message;
    }
  }
}
