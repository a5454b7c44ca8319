// `node dist/bench/messaging/pipeline.main.js`: the pipeline figure alone (for tuning).
import { measurePipeline } from './pipeline.bench';

void measurePipeline({
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tradeflow',
  events: Number(process.env['BENCH_EVENTS'] ?? 100_000),
  eventsPerTransaction: Number(process.env['BENCH_TX'] ?? 500),
  writers: 2,
  partitions: 6,
  relayBatch: Number(process.env['BENCH_RELAY_BATCH'] ?? 2000),
  mode: process.env['BENCH_MODE'] === 'live' ? 'live' : 'drain',
}).then((r) => console.log(JSON.stringify(r)));
