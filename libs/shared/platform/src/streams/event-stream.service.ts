import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '@tradeflow/shared/auth';
import type { ServiceConfig, StreamSettings } from '@tradeflow/shared/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { SERVICE_CONFIG } from '../platform.tokens';
import { ProblemException } from '../problem-details.filter';
import { SseConnection } from './sse-connection';
import type { StreamItem } from './stream-item';
import { streamMetrics } from './stream.metrics';

/** What a caller over the per-user limit is told to wait: about the time a closed tab takes to be seen. */
const LIMIT_RETRY_AFTER_S = 5;

/**
 * Every live stream of a service (`GET /api/stream/...`, Server-Sent Events) goes through here: at most
 * `STREAM_MAX_PER_USER` at once per user (429 beyond), each ended when its token expires (`event:
 * reauthenticate`), and each cleaned up whenever its client leaves. The service supplies the source;
 * see docs/http.md, "Live streams".
 */
@Injectable()
export class EventStreamService {
  private readonly settings: StreamSettings;
  /** Streams held per user on this instance, set-up included. */
  private readonly held = new Map<string, number>();

  constructor(@Inject(SERVICE_CONFIG) config: Pick<ServiceConfig, 'streams'>) {
    this.settings = config.streams;
  }

  /** Streams held on this instance, all users together. */
  get open(): number {
    let total = 0;
    for (const count of this.held.values()) total += count;
    return total;
  }

  /**
   * Serves the authenticated caller a stream named `stream` (a metrics label) from the source `open`
   * sets up. Resolves once the stream is open or the client has left; rejects, before anything is
   * written, when the caller is over the limit (429), when set-up fails (the source's error, a problem
   * such as 400 or 410), or when the token expires during set-up (401).
   */
  async serve(
    stream: string,
    request: FastifyRequest,
    reply: FastifyReply,
    open: () => Promise<Observable<StreamItem>>,
  ): Promise<void> {
    const { principal, tokenExpiresAt } = request as FastifyRequest & AuthenticatedRequest;
    if (!principal || tokenExpiresAt === undefined) {
      throw new Error('EventStreamService.serve needs a request that AuthGuard has authenticated');
    }
    const release = this.admit(stream, principal.id, reply);
    const connection = new SseConnection(request, reply, tokenExpiresAt, (reason) => {
      release();
      streamMetrics.ended.inc({ stream, reason });
    });
    await connection.run(open);
  }

  /** Takes one of the user's slots, or refuses with 429; the function returned gives it back. */
  private admit(stream: string, user: string, reply: FastifyReply): () => void {
    const held = this.held.get(user) ?? 0;
    if (held >= this.settings.maxPerUser) {
      streamMetrics.refused.inc({ stream });
      void reply.header('Retry-After', String(LIMIT_RETRY_AFTER_S));
      throw new ProblemException(
        429,
        `at most ${this.settings.maxPerUser} live streams at once per user: close one, or retry later`,
      );
    }
    this.held.set(user, held + 1);
    streamMetrics.open.inc({ stream });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(user) ?? 1) - 1;
      if (left > 0) this.held.set(user, left);
      else this.held.delete(user);
      streamMetrics.open.dec({ stream });
    };
  }
}

/**
 * The answer to a `Last-Event-ID` a stream will not replay from: what the client missed is older than
 * `STREAM_REPLAY_WINDOW_MS` or more than `STREAM_REPLAY_MAX` changes. The client reloads the current
 * state and reconnects without Last-Event-ID; EventSource stops reconnecting on its own at a 410.
 */
export function replayWindowPassed(settings: StreamSettings): ProblemException {
  const window = duration(settings.replayWindowMs);
  const message =
    `is past the replay window (changes of the last ${window}, at most ${settings.replayMax}): ` +
    'reload the current state, then reconnect without Last-Event-ID';
  return new ProblemException(410, `Last-Event-ID ${message}`, [{ field: 'Last-Event-ID', message }]);
}

function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}
