import { basename } from 'node:path';
import { offences as matching, productionSources, readSource, withoutComments } from './source-scan';

// Repositories are built in one place per library, its NestJS module or providers file
// (TradeCaptureDataAccessModule, MESSAGING_PROVIDERS), and services receive them by injection: a test,
// or a wrapper that times or traces them, can then put another in their place. This test fails on
// `new …Repository(` anywhere else in apps/ or libs/ (tests, their fixtures and the testing library
// aside).
const PROVIDER_FILE = /\.(?:module|providers)\.ts$/;
const TEST_SUPPORT = 'libs/shared/testing/';

const NEW_REPOSITORY = /\bnew\s+[A-Z]\w*Repository\s*\(/;

/** The lines of `source` that build a repository, comments aside. */
function repositoriesBuilt(source: string) {
  return matching(withoutComments(source), [{ pattern: NEW_REPOSITORY, what: 'a repository built' }]);
}

describe('repositories are injected', () => {
  const files = productionSources();
  const offences = (file: string) => repositoriesBuilt(readSource(file));

  it('are built only in modules and providers files, never in a service, controller or consumer', () => {
    const elsewhere = files
      .filter((file) => !PROVIDER_FILE.test(basename(file)) && !file.startsWith(TEST_SUPPORT))
      .flatMap((file) => offences(file).map((o) => `${file}:${o.line} ${o.text}`));
    expect(elsewhere).toEqual([]);
  });

  it('scans the services, and finds the repositories built in their providers', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'libs/trade-capture/feature/src/trading/capture-trade.service.ts',
        'libs/trade-capture/feature/src/timeline/timeline.service.ts',
        'libs/shared/messaging/src/outbox.ts',
        'libs/shared/messaging/src/event-consumer.ts',
      ]),
    );
    const providers = readSource('libs/shared/messaging/src/messaging.providers.ts');
    expect(providers).toMatch(/useClass: SqlOutboxRepository/);
  });

  it('flags a repository built in a field, a constructor default or an expression', () => {
    const snippet = [
      'private readonly trades = new TradeRepository();',
      'constructor(private readonly inbox: InboxRepository = new SqlInboxRepository()) {}',
      'const keys = condition ? new IdempotencyRepository ( ) : other;',
    ].join('\n');
    expect(repositoriesBuilt(snippet).map((o) => o.line)).toEqual([1, 2, 3]);
  });

  it('lets injection, comments and other classes be', () => {
    const snippet = [
      'constructor(private readonly trades: TradeRepository) {}',
      '// never `new TradeRepository()` here',
      '/**',
      ' * nor in a doc comment: new TimelineRepository()',
      ' */',
      'const runner = new TypeOrmTransactionRunner(dataSource);',
      "const name = 'RepositoryNew';",
    ].join('\n');
    expect(repositoriesBuilt(snippet)).toEqual([]);
  });
});
