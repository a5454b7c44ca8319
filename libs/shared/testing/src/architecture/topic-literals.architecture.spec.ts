import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../process-harness';

// A topic's name has one home: the registry of @tradeflow/shared/contracts (`TOPICS`). Everywhere
// else names it through the registry (`TOPICS.tradeCaptured.name`, a topic definition), so renaming or
// versioning a topic is one edit, and a typo is a compile error rather than a topic nobody publishes
// to. This test fails on a topic name written as a string literal in apps/ or libs/ outside the
// contracts library (tests and comments aside).
const CONTRACTS = 'libs/shared/contracts/';

// `<office>.<entity>.<event>.v<version>`, quoted, possibly as its dead-letter topic.
const TOPIC_LITERAL = /(['"`])(?:fo|mo|bo|ref)(?:\.[a-z][a-z0-9-]*){2,}\.v\d+(?:\.dlq)?\1/;

/** The lines of `source` that spell a topic name as a literal, comments aside. */
function topicLiterals(source: string): { line: number; text: string }[] {
  return withoutComments(source)
    .split('\n')
    .flatMap((text, i) => (TOPIC_LITERAL.test(text) ? [{ line: i + 1, text: text.trim() }] : []));
}

// Block comments keep their line breaks, so line numbers stay true; `//` after a quote or colon (a URL)
// is left alone.
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(?:spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('topic names have one home', () => {
  const files = ['apps', 'libs']
    .flatMap((dir) => sourceFiles(join(REPO_ROOT, dir)))
    .map((path) => relative(REPO_ROOT, path).split('\\').join('/'));

  it('are spelled out only in the contracts library, never as a literal elsewhere in apps/ or libs/', () => {
    const elsewhere = files
      .filter((file) => !file.startsWith(CONTRACTS))
      .flatMap((file) =>
        topicLiterals(readFileSync(join(REPO_ROOT, file), 'utf8')).map((l) => `${file}:${l.line} ${l.text}`),
      );
    expect(elsewhere).toEqual([]);
  });

  it('scans the services and the consumers, and finds the names in the registry itself', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'libs/shared/contracts/src/topic-registry.ts',
        'libs/trade-capture/feature/src/timeline/timeline.consumer.ts',
        'libs/trade-capture/feature/src/timeline/timeline-steps.ts',
        'libs/trade-capture/feature/src/trading/trade-change.recorder.ts',
      ]),
    );
    const registry = readFileSync(join(REPO_ROOT, CONTRACTS, 'src/topic-registry.ts'), 'utf8');
    expect(topicLiterals(registry).length).toBeGreaterThanOrEqual(18);
  });

  it('flags a topic name in a string, a decorator or a template, and its dead-letter topic', () => {
    const snippet = [
      "const topic = 'fo.trade.captured.v1';",
      '@EventPattern("mo.trade.held.v1", { batch: true })',
      'publish(`bo.settlement.failed.v2`);',
      "const dlq = 'ref.instrument.upserted.v1.dlq';",
    ].join('\n');
    expect(topicLiterals(snippet).map((l) => l.line)).toEqual([1, 2, 3, 4]);
  });

  it('lets comments, the registry’s names and other dotted strings be', () => {
    const snippet = [
      "// A comment may say 'fo.trade.captured.v1'.",
      '/**',
      " * as may a doc comment: `@EventPattern('fo.trade.captured.v1')`",
      ' */',
      "/* or a block comment: 'bo.trade.cleared.v1' */",
      '@EventPattern(TOPICS.tradeHeld.name, { batch: true })',
      "const file = 'trade-capture.main.js';",
      "const version = 'v1.2.3';",
      "const other = 'xx.trade.captured.v1';",
    ].join('\n');
    expect(topicLiterals(snippet)).toEqual([]);
  });
});
