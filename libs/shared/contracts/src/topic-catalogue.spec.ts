import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as clearingPayloads from './payloads/clearing.payloads';
import * as ledgerPayloads from './payloads/ledger.payloads';
import * as referencePayloads from './payloads/reference.payloads';
import * as riskPayloads from './payloads/risk.payloads';
import * as settlementPayloads from './payloads/settlement.payloads';
import * as tradePayloads from './payloads/trade.payloads';
import type { TopicDefinition } from './topic-definition';
import { ALL_TOPICS, TOPICS } from './topic-registry';

// docs/events.md's topic table is written for people; this test keeps it true to the registry. Every
// fact the registry holds (name, producer, key, partitions, retention, contract) must be in the table as
// the registry says it; the consumers column is prose (consumers live in each service's code).

const CATALOGUE = join(__dirname, '../../../../docs/events.md');
const BEGIN = '<!-- topic-table:begin -->';
const END = '<!-- topic-table:end -->';
const HEADER = [
  'topic',
  'producer',
  'key',
  'partitions',
  'kept',
  'contract (TOPICS.*, file in src/payloads/)',
  'consumers',
];

const PAYLOAD_FILES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['reference.payloads.ts', referencePayloads],
  ['trade.payloads.ts', tradePayloads],
  ['risk.payloads.ts', riskPayloads],
  ['clearing.payloads.ts', clearingPayloads],
  ['settlement.payloads.ts', settlementPayloads],
  ['ledger.payloads.ts', ledgerPayloads],
];

const DAY_MS = 24 * 3600 * 1000;

/** The row the registry implies for a topic, consumers aside. */
function expectedCells(topic: TopicDefinition): string[] {
  const entry = Object.entries(TOPICS).find(([, t]) => t === topic)?.[0];
  const file =
    PAYLOAD_FILES.find(([, exports]) => Object.values(exports).includes(topic.payloadSchema))?.[0] ??
    '(no payload file exports its schema)';
  return [
    topic.name,
    topic.producer,
    topic.keyedBy,
    String(topic.partitions),
    kept(topic.config),
    `${entry ? `TOPICS.${entry}` : '(not in TOPICS)'}, ${file}`,
  ];
}

function kept(config: Record<string, string>): string {
  const policy = config['cleanup.policy'] ?? 'delete';
  if (policy === 'compact') return 'latest per key (compacted)';
  if (policy === 'delete') return `${Number(config['retention.ms']) / DAY_MS} days`;
  return policy;
}

/** The table's rows as cells, without Markdown's backticks; undefined without the markers. */
function tableRows(markdown: string): string[][] | undefined {
  const begin = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (begin < 0 || end < begin) return undefined;
  return markdown
    .slice(begin + BEGIN.length, end)
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .filter((line) => !/^\|[\s|:-]+\|$/.test(line.trim()))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.replace(/`/g, '').trim()),
    );
}

const COLUMNS = ['topic', 'producer', 'key', 'partitions', 'kept', 'contract'];

/** What is wrong with the table, one sentence each; empty when it matches the registry. */
function catalogueDifferences(markdown: string, topics: readonly TopicDefinition[]): string[] {
  const rows = tableRows(markdown);
  if (!rows) return [`no topic table between ${BEGIN} and ${END}`];
  const [header, ...body] = rows;
  if (JSON.stringify(header) !== JSON.stringify(HEADER)) {
    return [`the table's columns are ${JSON.stringify(header)}, expected ${JSON.stringify(HEADER)}`];
  }
  const differences: string[] = [];
  const listed = new Map<string, string[]>();
  for (const row of body) {
    const name = row[0]!;
    if (listed.has(name)) differences.push(`${name} is listed twice`);
    listed.set(name, row);
    if (!topics.some((t) => t.name === name)) {
      differences.push(`${name} is listed, but the registry has no such topic`);
    }
  }
  for (const topic of topics) {
    const expected = expectedCells(topic);
    const row = listed.get(topic.name);
    if (!row) {
      differences.push(`${topic.name} is missing; its row: ${markdownRow([...expected, '…'])}`);
      continue;
    }
    if (row.length !== HEADER.length) {
      differences.push(`${topic.name}: the row has ${row.length} cells, expected ${HEADER.length}`);
      continue;
    }
    COLUMNS.forEach((column, i) => {
      if (row[i] !== expected[i]) {
        differences.push(`${topic.name}: ${column} is "${row[i]}", the registry says "${expected[i]}"`);
      }
    });
    if (row[HEADER.length - 1] === '') differences.push(`${topic.name}: no consumers named`);
  }
  return differences;
}

function markdownRow(cells: string[]): string {
  const code = (c: string) => `\`${c}\``;
  const [name, producer, key, partitions, keptFor, contract, consumers] = cells;
  const [entry, file] = contract!.split(', ');
  return `| ${code(name!)} | ${producer} | ${key} | ${partitions} | ${keptFor} | ${code(entry!)}, ${code(file!)} | ${consumers} |`;
}

/** The catalogue with one cell of one topic's row replaced. */
function withCell(markdown: string, topic: string, column: number, value: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      if (!line.startsWith(`| \`${topic}\``)) return line;
      const cells = line.slice(1, -1).split('|');
      cells[column] = ` ${value} `;
      return `|${cells.join('|')}|`;
    })
    .join('\n');
}

function withoutRow(markdown: string, topic: string): string {
  return markdown
    .split('\n')
    .filter((line) => !line.startsWith(`| \`${topic}\``))
    .join('\n');
}

describe('the topic table of docs/events.md', () => {
  const catalogue = readFileSync(CATALOGUE, 'utf8');

  it('lists exactly the registry’s topics, each with its producer, key, partitions, retention and contract', () => {
    expect(catalogueDifferences(catalogue, ALL_TOPICS)).toEqual([]);
    expect(tableRows(catalogue)).toHaveLength(1 + 18);
  });

  it('is found between its markers, under the expected columns', () => {
    expect(tableRows(catalogue)?.[0]).toEqual(HEADER);
    expect(catalogueDifferences(catalogue.replace(BEGIN, ''), ALL_TOPICS)).toEqual([
      'no topic table between <!-- topic-table:begin --> and <!-- topic-table:end -->',
    ]);
  });

  describe('fails on a wrong table', () => {
    it('a topic missing, giving the row to add', () => {
      expect(catalogueDifferences(withoutRow(catalogue, 'mo.risk.alert.v1'), ALL_TOPICS)).toEqual([
        'mo.risk.alert.v1 is missing; its row: | `mo.risk.alert.v1` | risk-compliance | book | 6 | 7 days | `TOPICS.riskAlert`, `risk.payloads.ts` | … |',
      ]);
    });

    it('a topic the registry does not know', () => {
      const extra = withCell(catalogue, 'bo.ledger.posted.v1', 0, '`bo.ledger.posted.v2`');
      expect(catalogueDifferences(extra, ALL_TOPICS)).toEqual([
        'bo.ledger.posted.v2 is listed, but the registry has no such topic',
        'bo.ledger.posted.v1 is missing; its row: | `bo.ledger.posted.v1` | ledger | account | 6 | 7 days | `TOPICS.ledgerPosted`, `ledger.payloads.ts` | … |',
      ]);
    });

    it('a topic listed twice', () => {
      const row = catalogue.split('\n').find((line) => line.startsWith('| `mo.trade.held.v1`'))!;
      expect(catalogueDifferences(catalogue.replace(row, `${row}\n${row}`), ALL_TOPICS)).toEqual([
        'mo.trade.held.v1 is listed twice',
      ]);
    });

    it.each([
      [
        1,
        'fo.trade.captured.v1',
        'risk-compliance',
        'producer is "risk-compliance", the registry says "trade-capture"',
      ],
      [2, 'bo.obligation.netted.v1', 'trade id', 'key is "trade id", the registry says "obligation id"'],
      [3, 'bo.trade.cleared.v1', '12', 'partitions is "12", the registry says "6"'],
      [
        4,
        'ref.book.upserted.v1',
        '7 days',
        'kept is "7 days", the registry says "latest per key (compacted)"',
      ],
      [4, 'fo.trade.amended.v1', '30 days', 'kept is "30 days", the registry says "7 days"'],
      [
        5,
        'fo.trade.cancelled.v1',
        '`TOPICS.tradeCancelled`, `risk.payloads.ts`',
        'contract is "TOPICS.tradeCancelled, risk.payloads.ts", the registry says "TOPICS.tradeCancelled, trade.payloads.ts"',
      ],
      [
        5,
        'mo.trade.held.v1',
        '`TOPICS.tradeRejected`, `risk.payloads.ts`',
        'contract is "TOPICS.tradeRejected, risk.payloads.ts", the registry says "TOPICS.tradeHeld, risk.payloads.ts"',
      ],
    ])('column %i of %s wrong (%s)', (column, topic, value, difference) => {
      expect(catalogueDifferences(withCell(catalogue, topic, column, value), ALL_TOPICS)).toEqual([
        `${topic}: ${difference}`,
      ]);
    });

    it('a topic with no consumer named', () => {
      expect(catalogueDifferences(withCell(catalogue, 'bo.trade.bilateral.v1', 6, ''), ALL_TOPICS)).toEqual([
        'bo.trade.bilateral.v1: no consumers named',
      ]);
    });

    it('a topic added to the registry but not to the table', () => {
      const added = { ...TOPICS.tradeCaptured, name: 'fo.trade.booked.v1' };
      expect(catalogueDifferences(catalogue, [...ALL_TOPICS, added])).toEqual([
        'fo.trade.booked.v1 is missing; its row: | `fo.trade.booked.v1` | trade-capture | trade id | 6 | 7 days | `(not in TOPICS)`, `trade.payloads.ts` | … |',
      ]);
    });
  });
});
