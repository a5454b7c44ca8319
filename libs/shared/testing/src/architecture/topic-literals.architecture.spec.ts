import { offences, productionSources, readSource, withoutComments } from './source-scan';

// A topic's name has one home: the registry of @tradeflow/shared/contracts (`TOPICS`). Everywhere
// else names it through the registry (`TOPICS.tradeCaptured.name`, a topic definition), so renaming or
// versioning a topic is one edit, and a typo is a compile error rather than a topic nobody publishes
// to. This test fails on a topic name written as a string literal in apps/ or libs/ outside the
// contracts library (tests and comments aside).
const CONTRACTS = 'libs/shared/contracts/';

// `<office>.<entity>.<event>.v<version>`, quoted, possibly as its dead-letter topic.
const TOPIC_LITERAL = /(['"`])(?:fo|mo|bo|ref)(?:\.[a-z][a-z0-9-]*){2,}\.v\d+(?:\.dlq)?\1/;

/** The lines of `source` that spell a topic name as a literal, comments aside. */
function topicLiterals(source: string) {
  return offences(withoutComments(source), [{ pattern: TOPIC_LITERAL, what: 'a topic name as a literal' }]);
}

describe('topic names have one home', () => {
  const files = productionSources();

  it('are spelled out only in the contracts library, never as a literal elsewhere in apps/ or libs/', () => {
    const elsewhere = files
      .filter((file) => !file.startsWith(CONTRACTS))
      .flatMap((file) => topicLiterals(readSource(file)).map((l) => `${file}:${l.line} ${l.text}`));
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
    const registry = readSource(`${CONTRACTS}src/topic-registry.ts`);
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
