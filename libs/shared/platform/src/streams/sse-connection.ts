import { UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Subscription, type Observable } from 'rxjs';
import { ProblemException } from '../problem-details.filter';
import type { StreamItem } from './stream-item';

/** A comment line every this often, so proxies keep an idle connection open. */
export const HEARTBEAT_MS = 15_000;
/** Bytes written and not yet taken by the client beyond which a stream is ended. */
export const STREAM_BUFFER_MAX = 1024 * 1024;
/** What the stream tells EventSource to wait before reconnecting. */
const RETRY_MS = 3000;
/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type StreamEndReason =
  'client-left' | 'token-expired' | 'too-far-behind' | 'source-ended' | 'shutdown' | 'failed' | 'refused';

/** The last event of a stream whose token expired: the client reconnects with a fresh one. */
export const REAUTHENTICATE_EVENT = 'reauthenticate';

/**
 * One client's Server-Sent Events connection, from admission to clean-up. Everything it holds (the
 * source's subscription, the heartbeat, the expiry timer, the caller's slot) is let go in one place,
 * `finish`, whatever ends it and whenever: while the source is being set up, during a replay, or live.
 */
export class SseConnection {
  private phase: 'setting-up' | 'open' | 'ended' = 'setting-up';
  /** Unsubscribed when the stream ends; one ended already unsubscribes what is added to it at once. */
  private readonly subscription = new Subscription();
  private heartbeat: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private answer!: { resolve: () => void; reject: (error: unknown) => void };
  /** Settles once the status line is out or the client left (resolved), or set-up failed (rejected). */
  private readonly answered = new Promise<void>((resolve, reject) => (this.answer = { resolve, reject }));

  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly expiresAt: number,
    private readonly onEnd: (reason: StreamEndReason) => void,
  ) {
    this.answered.catch(() => undefined); // a rejection is the caller's to handle, once it awaits it
    // Listened to before anything is awaited, so a client that leaves during set-up is seen.
    request.raw.once('close', () => this.leave());
    this.armExpiry();
    if (request.raw.destroyed) this.leave(); // it left before the handler ran
  }

  /** Sets the source up and streams it; rejects, before anything is written, if set-up fails. */
  async run(open: () => Promise<Observable<StreamItem>>): Promise<void> {
    if (this.ended()) return this.answered;
    let source: Observable<StreamItem>;
    try {
      source = await open();
    } catch (error) {
      if (this.ended()) return this.answered;
      this.finish('refused');
      throw error;
    }
    if (this.request.raw.destroyed) this.leave();
    if (this.ended()) return this.answered;
    this.subscription.add(
      source.subscribe({
        next: (item) => this.send(item),
        error: (error: unknown) => {
          if (this.phase === 'open') return this.finish('failed', 'failed: reconnect with Last-Event-ID');
          this.answer.reject(error);
          this.finish('failed');
        },
        complete: () => {
          // The service is stopping: let the client go now (it resumes elsewhere), or the open connection
          // would hold the HTTP server's close until the shutdown timeout.
          if (this.phase === 'open') {
            return this.finish('shutdown', 'shutting down: reconnect with Last-Event-ID');
          }
          this.answer.reject(new ProblemException(503, 'the service is stopping; retry shortly'));
          this.finish('shutdown');
        },
      }),
    );
    return this.answered;
  }

  /** Read through a call: the phase changes while `run` awaits. */
  private ended(): boolean {
    return this.phase === 'ended';
  }

  private send(item: StreamItem): void {
    if (this.phase === 'ended') return;
    if (this.phase === 'setting-up') this.openStream();
    const out = this.reply.raw;
    switch (item.kind) {
      case 'open':
        return;
      case 'comment':
        out.write(`: ${item.text}\n\n`);
        return;
      case 'end':
        return this.finish('source-ended', item.reason);
      case 'event':
        out.write(
          `${item.id === undefined ? '' : `id: ${item.id}\n`}event: ${item.event}\ndata: ${JSON.stringify(item.data)}\n\n`,
        );
        // A client that stops reading is let go rather than buffered for without end: it reconnects
        // with Last-Event-ID and is replayed what it missed.
        if (out.writableLength > STREAM_BUFFER_MAX) {
          this.finish('too-far-behind', 'too far behind: reconnect with Last-Event-ID');
        }
    }
  }

  private openStream(): void {
    this.phase = 'open';
    this.reply.hijack();
    this.reply.raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // proxies must not hold events back
    });
    this.reply.raw.write(`retry: ${RETRY_MS}\n\n`);
    this.heartbeat = setInterval(() => this.reply.raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.answer.resolve();
  }

  /** At the token's expiry the stream ends: the client reconnects with a fresh token and Last-Event-ID. */
  private armExpiry(): void {
    const wait = this.expiresAt - Date.now();
    if (wait > MAX_TIMER_MS) {
      this.expiry = setTimeout(() => this.armExpiry(), MAX_TIMER_MS);
      return;
    }
    this.expiry = setTimeout(() => this.expire(), Math.max(0, wait));
  }

  private expire(): void {
    if (this.phase === 'open') {
      this.reply.raw.write(
        `event: ${REAUTHENTICATE_EVENT}\ndata: ${JSON.stringify({
          detail: 'the token expired: reconnect with a fresh token and Last-Event-ID',
        })}\n\n`,
      );
      return this.finish('token-expired');
    }
    if (this.phase === 'ended') return;
    void this.reply.header('WWW-Authenticate', 'Bearer realm="tradeflow", error="invalid_token"');
    this.answer.reject(new UnauthorizedException('token expired'));
    this.finish('token-expired');
  }

  private leave(): void {
    if (this.phase === 'setting-up') {
      // Nothing will be answered: the socket is gone, and the framework must not try.
      this.reply.hijack();
      this.answer.resolve();
    }
    this.finish('client-left');
  }

  private finish(reason: StreamEndReason, lastWords?: string): void {
    if (this.phase === 'ended') return;
    const wasOpen = this.phase === 'open';
    this.phase = 'ended';
    clearInterval(this.heartbeat);
    clearTimeout(this.expiry);
    this.subscription.unsubscribe();
    this.onEnd(reason);
    if (!wasOpen) return;
    if (lastWords) this.reply.raw.end(`: ${lastWords}\n\n`);
    else this.reply.raw.end();
  }
}
