import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from 'kafkajs';
import { classifyPublishFailure } from './publish-failure';

// Errors built as kafkajs builds them: a protocol error from the broker's code, wrapped once its
// retrier gives up (the wrapper keeps the protocol error as `cause`).
const protocol = (type: string, retriable: boolean, message = `${type} from the broker`) =>
  new KafkaJSProtocolError(Object.assign(new Error(message), { type, code: 0, retriable }));
const gaveUp = (error: Error) => new KafkaJSNumberOfRetriesExceeded(error, { retryCount: 3, retryTime: 800 });

describe('classifyPublishFailure', () => {
  it.each([
    [
      'a topic the broker still does not know once kafkajs gave up retrying',
      gaveUp(protocol('UNKNOWN_TOPIC_OR_PARTITION', true)),
    ],
    ['a topic an ACL refuses', protocol('TOPIC_AUTHORIZATION_FAILED', false)],
    ['a topic name the broker refuses', protocol('INVALID_TOPIC_EXCEPTION', false)],
  ])('parks the whole topic for %s', (_case, error) => {
    expect(classifyPublishFailure(error)).toMatchObject({
      permanent: true,
      scope: 'topic',
      reason: expect.stringMatching(/^[A-Z_]+: /),
    });
  });

  it('marks an unknown topic as such (parked only once it has lasted), and no other refusal', () => {
    expect(classifyPublishFailure(gaveUp(protocol('UNKNOWN_TOPIC_OR_PARTITION', true)))).toMatchObject({
      unknownTopic: true,
    });
    expect(classifyPublishFailure(protocol('TOPIC_AUTHORIZATION_FAILED', false))).not.toHaveProperty(
      'unknownTopic',
    );
  });

  it.each([
    ['a record larger than the topic takes', protocol('MESSAGE_TOO_LARGE', false)],
    ['a batch larger than the broker takes', protocol('RECORD_LIST_TOO_LARGE', false)],
    ['a record the broker finds invalid', protocol('INVALID_RECORD', false)],
    ['a corrupt record', protocol('CORRUPT_MESSAGE', true)],
    ['a timestamp out of the topic’s range', protocol('INVALID_TIMESTAMP', false)],
    ['a too-large record behind the retrier', gaveUp(protocol('MESSAGE_TOO_LARGE', false))],
  ])('parks the record alone for %s', (_case, error) => {
    expect(classifyPublishFailure(error)).toMatchObject({ permanent: true, scope: 'record' });
  });

  it.each([
    [
      'an unknown topic kafkajs is still retrying (a topic just created)',
      protocol('UNKNOWN_TOPIC_OR_PARTITION', true),
    ],
    [
      'a broker that cannot be reached',
      gaveUp(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED')),
    ],
    [
      'a request that timed out',
      new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out'),
    ],
    ['a leader that moved', gaveUp(protocol('NOT_LEADER_FOR_PARTITION', true))],
    ['too few in-sync replicas', gaveUp(protocol('NOT_ENOUGH_REPLICAS', true))],
    [
      'a refusal of the whole cluster (no record is at fault)',
      protocol('CLUSTER_AUTHORIZATION_FAILED', false),
    ],
    ['an error it does not know', new Error('something else')],
    ['something thrown that is not an Error', 'a string'],
  ])('retries %s', (_case, error) => {
    expect(classifyPublishFailure(error)).toMatchObject({ permanent: false });
  });

  it('says what the broker said, with the protocol error’s type', () => {
    const error = gaveUp(
      protocol('UNKNOWN_TOPIC_OR_PARTITION', true, 'This server does not host this topic-partition'),
    );
    expect(classifyPublishFailure(error).reason).toBe(
      'UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition',
    );
    expect(classifyPublishFailure(new Error('connection lost')).reason).toBe('connection lost');
  });
});
