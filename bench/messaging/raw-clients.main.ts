// Entry point: `node dist/bench/messaging/raw-clients.main.js`; KAFKA_BROKERS and BENCH_MESSAGES override the defaults.
import { type RawBenchOptions, type RawBenchResult } from './raw-bench-support';
import { measureRawClients } from './raw-clients.bench';
import { KAFKAJS_SETTINGS } from './raw-kafkajs.bench';
import { PLATFORMATIC_SETTINGS } from './raw-platformatic.bench';

function optionsFromEnv(env: NodeJS.ProcessEnv): RawBenchOptions {
  const messages = Number(env.BENCH_MESSAGES ?? 200_000);
  if (!Number.isInteger(messages) || messages <= 0)
    throw new Error(`BENCH_MESSAGES must be a positive integer, got ${env.BENCH_MESSAGES}`);
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  return { brokers, messages, messageBytes: 512, partitions: 6 };
}

function table(results: RawBenchResult<string>[]): string {
  const rows = [
    ['client', 'produce msg/s', 'consume msg/s', 'messages'],
    ...results.map((r) => [
      r.client,
      String(r.producePerSecond),
      String(r.consumePerSecond),
      String(r.messages),
    ]),
  ];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const line = (row: string[]): string =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = optionsFromEnv(process.env);
  const { kafkajs, platformatic } = await measureRawClients(opts);
  console.log(table([kafkajs, platformatic]));
  const settings = { kafkajs: KAFKAJS_SETTINGS, '@platformatic/kafka': PLATFORMATIC_SETTINGS };
  console.log(JSON.stringify({ options: opts, settings, results: [kafkajs, platformatic] }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
