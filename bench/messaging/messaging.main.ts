// `npm run bench:messaging`: raw kafkajs and @platformatic/kafka produce/consume, then the library's
// outbox → Kafka → inbox pipeline, on the same broker in one run; prints a table, saves JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { measurePipeline } from './pipeline.bench';
import { measureRawClients } from './raw-clients.bench';
import { KAFKAJS_SETTINGS } from './raw-kafkajs.bench';
import { PLATFORMATIC_SETTINGS } from './raw-platformatic.bench';

const env = process.env;
const brokers = (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const databaseUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tradeflow';
const messages = Number(env['BENCH_MESSAGES'] ?? 200_000);
const events = Number(env['BENCH_EVENTS'] ?? 200_000);

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const raw = await measureRawClients({ brokers, messages, messageBytes: 512, partitions: 6 });
  const common = {
    brokers,
    databaseUrl,
    events,
    eventsPerTransaction: 500,
    writers: 2,
    partitions: 6,
    relayBatch: 2000,
  };
  // drain: outbox (already written) → relay → Kafka → consumer process → inbox + effects.
  const pipeline = await measurePipeline({ ...common, mode: 'drain' });
  // live: the same while two writers fill the outbox, all on the same 2 cores.
  const live = await measurePipeline({ ...common, mode: 'live' });
  const result = {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    raw: {
      kafkajs: raw.kafkajs,
      platformatic: raw.platformatic,
      settings: { kafkajs: KAFKAJS_SETTINGS, platformatic: PLATFORMATIC_SETTINGS },
    },
    pipeline,
    pipelineEventsPerSecond: pipeline.eventsPerSecond,
    live,
    liveEventsPerSecond: live.eventsPerSecond,
    ratios: {
      pipelineToKafkajsProduce: ratio(pipeline.eventsPerSecond, raw.kafkajs.producePerSecond),
      pipelineToKafkajsConsume: ratio(pipeline.eventsPerSecond, raw.kafkajs.consumePerSecond),
      pipelineToPlatformaticProduce: ratio(pipeline.eventsPerSecond, raw.platformatic.producePerSecond),
      pipelineToPlatformaticConsume: ratio(pipeline.eventsPerSecond, raw.platformatic.consumePerSecond),
      liveToKafkajsProduce: ratio(live.eventsPerSecond, raw.kafkajs.producePerSecond),
    },
  };
  const rows: [string, string, string][] = [
    [
      'kafkajs 2.2.4 (raw)',
      `${raw.kafkajs.producePerSecond} produce/s`,
      `${raw.kafkajs.consumePerSecond} consume/s`,
    ],
    [
      '@platformatic/kafka (raw)',
      `${raw.platformatic.producePerSecond} produce/s`,
      `${raw.platformatic.consumePerSecond} consume/s`,
    ],
    [
      'outbox → Kafka → inbox (library)',
      `${pipeline.eventsPerSecond} events/s`,
      `×${result.ratios.pipelineToKafkajsProduce} of kafkajs produce, ×${result.ratios.pipelineToKafkajsConsume} of its consume`,
    ],
    [
      'same, while writing the outbox',
      `${live.eventsPerSecond} events/s`,
      `×${result.ratios.liveToKafkajsProduce} of kafkajs produce (writers, relay, consumer, broker, db on 2 cores)`,
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(
    `\nmessaging benchmark (${messages} raw messages, ${events} pipeline events, ${result.machine.cpus} cores)`,
  );
  for (const [name, a, b] of rows) console.log(`  ${name.padEnd(width)}  ${a.padEnd(28)}  ${b}`);
  for (const [name, r] of [
    ['drain', pipeline],
    ['live', live],
  ] as const) {
    console.log(
      `  ${name}: ${r.applied} effects applied, ${r.duplicatesApplied} duplicates, ${r.consumerTransactions} consumer transactions, ${r.seconds} s`,
    );
  }
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'messaging.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`saved bench/results/messaging.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
