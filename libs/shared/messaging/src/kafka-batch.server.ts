import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { EventEnvelope } from '@tradeflow/shared/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  EventConsumer,
  type ConsumedEvent,
  type EventConsumerOptions,
  type EventContext,
  type HandlerSpec,
} from './event-consumer';

export type KafkaBatchServerOptions = Omit<EventConsumerOptions, 'handlers'> & {
  /** Runs with the subscribed topic names before consuming starts (topic creation). */
  beforeStart?: (topics: string[]) => Promise<void>;
};

/** `@EventPattern(topic, { batch: true })` handlers get `(events: ConsumedEvent[], tx)` instead of one event. */
export interface EventPatternExtras {
  batch?: boolean;
}

/**
 * A NestJS transport strategy over EventConsumer: `@EventPattern(TOPICS.tradeCaptured.name)` methods are
 * its handlers, called with the envelope and an EventContext holding the transaction. The stock Kafka
 * server handles one message at a time; this one applies a whole batch per transaction.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer | undefined;
  private readonly nestLogger = new Logger('KafkaBatchServer');

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
  }

  get eventConsumer(): EventConsumer | undefined {
    return this.consumer;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const handlers = new Map<string, HandlerSpec>();
      for (const [pattern, handler] of this.getHandlers()) handlers.set(pattern, toSpec(handler));
      const { beforeStart, ...options } = this.options;
      await beforeStart?.([...handlers.keys()]);
      this.consumer = new EventConsumer({ log: (m) => this.nestLogger.warn(m), ...options, handlers });
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): void {
    throw new Error('KafkaBatchServer has no status events; use EventConsumer.assigned');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

function toSpec(handler: MessageHandler): HandlerSpec {
  const extras = (handler.extras ?? {}) as EventPatternExtras;
  const call = async (data: unknown, ctx: unknown) => {
    const result: unknown = await handler(data, ctx);
    // Nest wraps results (and errors, through the exception filter) in observables.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  };
  return extras.batch
    ? { kind: 'batch', handle: (events: ConsumedEvent[], tx) => call(events, tx) }
    : { kind: 'single', handle: (envelope: EventEnvelope, ctx: EventContext) => call(envelope, ctx) };
}
