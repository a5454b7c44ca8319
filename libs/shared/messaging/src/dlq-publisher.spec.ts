import type { Kafka, Producer } from 'kafkajs';
import { DlqPublisher } from './dlq-publisher';

/** A Kafka whose producers answer sends with `outcomes` in turn, counting producers made and dropped. */
function fakeKafka(outcomes: (Error | 'ok')[]) {
  const made: { connected: number; disconnected: number; sends: number } = {
    connected: 0,
    disconnected: 0,
    sends: 0,
  };
  let producers = 0;
  const kafka = {
    producer: () => {
      producers += 1;
      return {
        connect: async () => void (made.connected += 1),
        disconnect: async () => void (made.disconnected += 1),
        send: async () => {
          const outcome = outcomes[made.sends++] ?? 'ok';
          if (outcome !== 'ok') throw outcome;
          return [];
        },
      } as unknown as Producer;
    },
  } as unknown as Kafka;
  return { kafka, made, producers: () => producers };
}

const message = { key: 'K', value: Buffer.from('{"not": "an event"'), headers: {} };
const brokerDown = () => new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');

describe('DlqPublisher', () => {
  it('gives up after its attempts, with a producer made anew after each failed send', async () => {
    const { kafka, made, producers } = fakeKafka([brokerDown(), brokerDown(), brokerDown(), 'ok']);
    const publisher = new DlqPublisher(kafka, { attempts: 3, backoffMs: 1 }, () => undefined);
    const outcome = await publisher.publish('t.dlq', message, () => true);
    expect(outcome).toEqual({
      sent: false,
      error: expect.objectContaining({ message: brokerDown().message }),
    });
    expect(made.sends).toBe(3);
    expect(producers()).toBe(3);
    expect(made.disconnected).toBe(3);
  });

  it('sends on a fresh producer once the topic takes it again', async () => {
    const { kafka, made, producers } = fakeKafka([brokerDown(), 'ok']);
    const publisher = new DlqPublisher(kafka, { attempts: 5, backoffMs: 1 }, () => undefined);
    expect(await publisher.publish('t.dlq', message, () => true)).toEqual({ sent: true });
    expect(made.sends).toBe(2);
    expect(producers()).toBe(2);
  });

  it('stops trying once the partition is taken away (its new owner sends it)', async () => {
    const { kafka, made } = fakeKafka([brokerDown(), brokerDown()]);
    const publisher = new DlqPublisher(kafka, { attempts: 5, backoffMs: 1 }, () => undefined);
    expect(await publisher.publish('t.dlq', message, () => false)).toEqual({
      sent: false,
      interrupted: true,
    });
    expect(made.sends).toBe(1);
  });

  it('cuts a value the topic refuses for its size, without counting it as a failed try', async () => {
    const tooLarge = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE' });
    const { kafka, made } = fakeKafka([tooLarge, 'ok']);
    const publisher = new DlqPublisher(kafka, { attempts: 1, backoffMs: 1 }, () => undefined);
    const big = { ...message, value: Buffer.alloc(100_000, 'x'), headers: {} as Record<string, string> };
    expect(await publisher.publish('t.dlq', big, () => true)).toEqual({ sent: true });
    expect(made.sends).toBe(2);
  });
});
