import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { REPO_ROOT } from '../process-harness';

// Repositories are built in one place per library, its NestJS module or providers file
// (TradeCaptureDataAccessModule, MESSAGING_PROVIDERS), and services receive them by injection: a test,
// or a wrapper that times or traces them, can then put another in their place. This test fails on
// `new …Repository(` anywhere else in apps/ or libs/ (tests, their fixtures and the testing library
// aside).
const PROVIDER_FILE = /\.(?:module|providers)\.ts$/;
const TEST_SUPPORT = 'libs/shared/testing/';

const NEW_REPOSITORY = /\bnew\s+[A-Z]\w*Repository\s*\(/;

/** The lines of `source` that build a repository, comments aside. */
function repositoriesBuilt(source: string): { line: number; text: string }[] {
  return withoutComments(source)
    .split('\n')
    .flatMap((text, i) => (NEW_REPOSITORY.test(text) ? [{ line: i + 1, text: text.trim() }] : []));
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
    return entry.name.endsWith('.ts') && !/\.(?:spec|int-spec|e2e-spec|fixtures)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

describe('repositories are injected', () => {
  const files = ['apps', 'libs']
    .flatMap((dir) => sourceFiles(join(REPO_ROOT, dir)))
    .map((path) => relative(REPO_ROOT, path).split('\\').join('/'));
  const offences = (file: string) => repositoriesBuilt(readFileSync(join(REPO_ROOT, file), 'utf8'));

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
    const providers = readFileSync(
      join(REPO_ROOT, 'libs/shared/messaging/src/messaging.providers.ts'),
      'utf8',
    );
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
