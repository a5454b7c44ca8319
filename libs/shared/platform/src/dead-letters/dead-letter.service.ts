import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import {
  DEAD_LETTER_REPOSITORY,
  isTransient,
  ReplayRefusedError,
  type DeadLetterReplayRecord,
  type DeadLetterRepository,
  type RecordedMessage,
  type ReplayableDeadLetter,
  type StoredDeadLetter,
} from '@tradeflow/shared/messaging';
import type { TransactionRunner, Tx } from '@tradeflow/shared/persistence';
import { Clock } from '../clock';
import { textKeyCursor } from '../paging/keyset-cursor';
import { invalidQuery, pageOf, readPaging, type Page } from '../paging/paging';
import { TRANSACTION_RUNNER } from '../platform.tokens';
import { ProblemException, type ProblemFieldError } from '../problem-details.filter';

/** What replays a consumer's dead letter: the service's EventConsumer, attached at bootstrap. */
export interface DeadLetterReplayer {
  replay(tx: Tx, message: RecordedMessage): Promise<'applied' | 'duplicate'>;
}

export interface ReplayAnswer {
  replay: DeadLetterReplayRecord;
  /** The same Idempotency-Key came before: this is the first answer again. */
  repeated: boolean;
}

/** Dead-letter ids are the table's bigserial: a positive whole number. */
const ID = /^[1-9]\d{0,17}$/;
const KEY = /^[\x21-\x7e]{1,128}$/;
export const DEAD_LETTER_CURSOR = textKeyCursor('dead-letters.v1', (id) => ID.test(id));
const QUERY_FIELDS = ['limit', 'cursor'];

/**
 * The dead-letter API of every service (docs/http.md): lists what its relay parked and what its consumers
 * gave up on, oldest first, and replays one. A parked outbox record goes back to the outbox with every
 * record of its topic and key, in their places, and the relay publishes them in order; a consumer's
 * dead letter is applied again through its handler, with the inbox, in one transaction with its removal.
 * Every replay is kept (who, when, what it did) in `dead_letter_replay`.
 */
@Injectable()
export class DeadLetterService {
  private replayer: DeadLetterReplayer | undefined;

  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    @Inject(DEAD_LETTER_REPOSITORY) private readonly letters: DeadLetterRepository,
    private readonly clock: Clock,
  ) {}

  attachReplayer(replayer: DeadLetterReplayer | undefined): void {
    this.replayer = replayer;
  }

  async list(query: Record<string, unknown>): Promise<Page<StoredDeadLetter>> {
    const errors: ProblemFieldError[] = Object.keys(query)
      .filter((name) => !QUERY_FIELDS.includes(name))
      .map((field) => ({ field, message: 'is not a known parameter' }));
    const { limit, after } = readPaging(query, DEAD_LETTER_CURSOR, errors);
    if (errors.length > 0) throw invalidQuery(errors);
    const rows = await this.runner.run((tx) => this.letters.page(tx, after, limit));
    return pageOf(rows, limit, DEAD_LETTER_CURSOR, (row) => row.id);
  }

  async replay(id: string, idempotencyKey: string | undefined, by: Principal): Promise<ReplayAnswer> {
    const errors: ProblemFieldError[] = [];
    if (!ID.test(id))
      errors.push({ field: 'id', message: 'must be a dead letter id (a positive whole number)' });
    if (idempotencyKey !== undefined && !KEY.test(idempotencyKey)) {
      errors.push({ field: 'Idempotency-Key', message: 'must be 1 to 128 visible ASCII characters' });
    }
    if (errors.length > 0) throw new ProblemException(400, 'the request is not valid; see errors', errors);
    const answer = await this.runner.run(async (tx) => {
      if (idempotencyKey !== undefined) {
        const earlier = await this.letters.replayByKey(tx, by.id, idempotencyKey);
        if (earlier && earlier.deadLetterId !== id) throw keyReused();
        if (earlier) return { replay: earlier, repeated: true };
      }
      const letter = await this.letters.lock(tx, id);
      if (!letter) throw new ProblemException(404, `there is no dead letter ${id} (replayed already?)`);
      const done = await this.apply(tx, letter);
      if ('refused' in done) return done;
      const replay: DeadLetterReplayRecord = {
        deadLetterId: id,
        source: letter.source,
        topic: letter.topic,
        key: letter.key,
        eventId: letter.eventId,
        records: done.records,
        outcome: done.outcome,
        replayedBy: by.id,
        replayedByRole: by.role,
        replayedAt: this.clock.now().toISOString(),
      };
      await this.letters.logReplay(tx, replay, idempotencyKey);
      return { replay, repeated: false };
    });
    if ('refused' in answer) {
      throw new ProblemException(422, `dead letter ${id} could not be applied again: ${answer.refused}`);
    }
    return answer;
  }

  /**
   * Puts the letter back to work. A consumer's dead letter that fails again stays, with the new reason
   * and one attempt more (its handler's writes undone by the savepoint); a transient failure is thrown
   * (503, nothing changed).
   */
  private async apply(
    tx: Tx,
    letter: ReplayableDeadLetter,
  ): Promise<{ records: number; outcome: DeadLetterReplayRecord['outcome'] } | { refused: string }> {
    if (letter.source === 'outbox') {
      return {
        records: await this.letters.releaseOutboxKey(tx, letter.topic, letter.key!),
        outcome: 'released',
      };
    }
    if (!this.replayer) throw new ProblemException(409, 'this service runs no consumers to apply it again');
    await tx.query('SAVEPOINT dead_letter_replay');
    try {
      const outcome = await this.replayer.replay(tx, {
        topic: letter.topic,
        partition: letter.partition!,
        offset: letter.offset!,
        key: letter.key,
        value: letter.value,
      });
      await this.letters.remove(tx, letter.id);
      return { records: outcome === 'applied' ? 1 : 0, outcome };
    } catch (error) {
      if (!(error instanceof ReplayRefusedError) && isTransient(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT dead_letter_replay');
      const reason = `replay failed: ${(error as Error).message}`;
      await this.letters.failedAgain(tx, letter.id, reason);
      return { refused: (error as Error).message };
    }
  }
}

function keyReused(): ProblemException {
  return new ProblemException(409, 'this Idempotency-Key was already used to replay another dead letter', [
    { field: 'Idempotency-Key', message: 'was used with another request' },
  ]);
}
