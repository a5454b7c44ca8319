// Runs both raw-client benchmarks one after the other on the same broker, so they never compete for the 2 cores.
import { type RawBenchOptions, type RawBenchResult } from './raw-bench-support';
import { measureKafkajs } from './raw-kafkajs.bench';
import { measurePlatformatic } from './raw-platformatic.bench';

export interface RawClientsResult {
  kafkajs: RawBenchResult<'kafkajs'>;
  platformatic: RawBenchResult<'@platformatic/kafka'>;
}

export async function measureRawClients(opts: RawBenchOptions): Promise<RawClientsResult> {
  const kafkajs = await measureKafkajs(opts);
  const platformatic = await measurePlatformatic(opts);
  return { kafkajs, platformatic };
}
