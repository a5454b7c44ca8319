// Shared pieces of the raw-client benchmarks, so both clients get identical payloads, batching and timing.
import { randomUUID } from 'node:crypto';

export interface RawBenchOptions {
  brokers: string[];
  messages: number;
  messageBytes: number;
  partitions: number;
}

export interface RawBenchResult<Client extends string> {
  client: Client;
  producePerSecond: number;
  consumePerSecond: number;
  messages: number;
}

export interface BenchMessage {
  key: string;
  value: Buffer;
}

/** Messages per produce request and produce requests awaited at once, the same for every client. */
export const BATCH_SIZE = 1000;
export const SENDS_IN_FLIGHT = 5;
/** Distinct trade ids, so keys spread over all partitions the way real trade traffic does. */
const KEY_SPACE = 10_000;

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now()}-${randomUUID().slice(0, 8)}`;
}

function tradeId(n: number): string {
  return `TRD-${String(n % KEY_SPACE).padStart(8, '0')}`;
}

function envelope(n: number, padding: string): string {
  const id = tradeId(n);
  return JSON.stringify({
    eventId: randomUUID(),
    eventType: 'trade.captured',
    eventVersion: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    source: 'trade-capture',
    aggregateId: id,
    payload: {
      tradeId: id,
      instrument: 'US0378331005',
      side: n % 2 === 0 ? 'BUY' : 'SELL',
      quantity: String(100 + (n % 900)),
      price: '187.2450',
      currency: 'USD',
      counterparty: `CPTY-${n % 97}`,
      book: 'EQ-FLOW-NY',
      notes: padding,
    },
  });
}

/** Built before timing starts: the benchmark measures the clients, not JSON.stringify. */
export function buildMessages(count: number, messageBytes: number): BenchMessage[] {
  const messages: BenchMessage[] = [];
  for (let n = 0; n < count; n += 1) {
    const bare = envelope(n, '');
    const value = envelope(n, 'x'.repeat(Math.max(0, messageBytes - Buffer.byteLength(bare))));
    messages.push({ key: tradeId(n), value: Buffer.from(value) });
  }
  return messages;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Runs `work` over `items` with at most `limit` promises pending, like a producer's in-flight window. */
export async function runWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Rejects if `promise` has not settled in `ms`, so a stuck consumer fails the run instead of hanging it. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Generous upper bound for one phase: 30 s plus 1 ms per message. */
export function phaseTimeoutMs(messages: number): number {
  return 30_000 + messages;
}

export function perSecond(count: number, elapsedMs: number): number {
  return Math.round((count * 1000) / elapsedMs);
}

/** Reports a failed cleanup without hiding the measurement or the error that caused the cleanup. */
export async function cleanUp(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error: unknown) {
    console.error(`${what} failed`, error);
  }
}

/** Fails when the topic holds more or fewer records than were sent (lost or duplicated by retries). */
export function assertStoredCount(stored: number, expected: number, client: string): void {
  if (stored !== expected) throw new Error(`${client}: topic holds ${stored} records, expected ${expected}`);
}
