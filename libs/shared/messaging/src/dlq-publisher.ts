import type { IHeaders, Kafka, Producer } from 'kafkajs';
import { backoffDelay, sleep } from './backoff';
import { orderedProducer } from './record-publisher';

export interface DlqPublishOptions {
  /** Sends of one dead letter before it is left in the dead_letter table alone. */
  attempts: number;
  /** The wait before the second send; it doubles up to 16 times this. */
  backoffMs: number;
}

export interface DlqMessage {
  key: Buffer | string | null;
  value: Buffer | null;
  headers: IHeaders;
}

export type DlqOutcome =
  { sent: true } | { sent: false; error: unknown } | { sent: false; interrupted: true };

/** What is kept of a message's value when the dead-letter topic refuses it whole. */
const DLQ_VALUE_MAX = 64 * 1024;

/**
 * Sends dead letters to `<topic>.dlq`, a bounded number of times: a dead-letter topic that refuses for
 * good (deleted, an ACL, a limit) must not hold its partition back forever. After a failed send the
 * producer is disconnected and made anew, since an idempotent producer whose request failed may be
 * left out of step with the broker (its sequence numbers). A message the topic will never take whole
 * (too large once the reason is added) goes with its value cut to DLQ_VALUE_MAX bytes and `dlq-truncated`
 * giving the original size.
 */
export class DlqPublisher {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: DlqPublishOptions,
    private readonly log: (message: string) => void,
  ) {}

  /** `stillOwned` is asked between tries: once the partition is taken away, its new owner sends it. */
  async publish(topic: string, message: DlqMessage, stillOwned: () => boolean): Promise<DlqOutcome> {
    const headers = { ...message.headers };
    let value = message.value;
    let failures = 0;
    for (;;) {
      try {
        const producer = await this.connected();
        await producer.send({ topic, acks: -1, messages: [{ key: message.key, value, headers }] });
        return { sent: true };
      } catch (error) {
        // A clean refusal of this size: send the start of the value instead (not a failed try).
        if (value && value.length > DLQ_VALUE_MAX && isTooLarge(error)) {
          headers['dlq-truncated'] =
            `the value was ${value.length} bytes; the first ${DLQ_VALUE_MAX} are kept`;
          value = value.subarray(0, DLQ_VALUE_MAX);
          continue;
        }
        failures += 1;
        this.log(
          `dead-letter topic ${topic} refused (try ${failures} of ${this.options.attempts}): ${(error as Error).message}`,
        );
        await this.rebuild();
        if (failures >= this.options.attempts) return { sent: false, error };
      }
      await sleep(backoffDelay(failures, this.options.backoffMs, this.options.backoffMs * 16));
      if (!stillOwned()) return { sent: false, interrupted: true };
    }
  }

  async close(): Promise<void> {
    await this.rebuild();
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = orderedProducer(this.kafka);
      this.producer = producer;
      await producer.connect();
    }
    return this.producer;
  }

  private async rebuild(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

/** The broker refused the record for its size (kafkajs wraps the protocol error once retries give up). */
function isTooLarge(error: unknown): boolean {
  for (let e = error as { type?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.type === 'MESSAGE_TOO_LARGE' || e.type === 'RECORD_LIST_TOO_LARGE') return true;
    e = e.cause as typeof e;
  }
  return false;
}
