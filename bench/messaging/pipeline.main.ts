// `node dist/bench/messaging/pipeline.main.js`: the pipeline figure alone (for tuning).
import { measurePipeline } from './pipeline.bench';

void measurePipeline({
  brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tradeflow',
  events: Number(process.env['BENCH_EVENTS'] ?? 100_000),
  eventsPerTransaction: 500,
  writers: 2,
  partitions: 6,
}).then((r) => console.log(JSON.stringify(r)));
