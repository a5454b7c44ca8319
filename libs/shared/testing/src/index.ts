export {
  CounterTables1763800000001,
  counterPayloadSchema,
  type CounterPayload,
} from './fixtures/counter.contract';
export { KafkaTestClient, type ReadMessage } from './kafka-test-client';
export { REPO_ROOT, RunningProcess, startProcess } from './process-harness';
export { rawHttp, type RawRequest, type RawResponse } from './raw-http';
export { SilentProxy } from './silent-proxy';
export { createTestSchema, randomName, testInfra, waitFor, type TestSchema } from './test-infra';
export {
  freePort,
  PrivateBroker,
  SERVICES,
  startService,
  type ServiceName,
  type StartedService,
} from './service-harness';
