import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// docs/architecture.md states facts that live in code: each service's port and schema (its config
// class), trade-capture's tables (its migrations) and the shared libraries with their type tag (their
// project.json). This test reads both sides, so the page cannot drift from the code unnoticed.

const ROOT = join(__dirname, '../../../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Facts {
  services: Map<string, { port: string; schema: string }>;
  tradeCaptureTables: Set<string>;
  sharedLibraries: Map<string, string>;
}

/** What the code says. */
function factsFromCode(): Facts {
  const services = new Map<string, { port: string; schema: string }>();
  for (const app of readdirSync(join(ROOT, 'apps'))) {
    const config = readdirSync(join(ROOT, 'apps', app, 'src')).find((f) => f === `${app}.config.ts`);
    if (!config) continue;
    const identity = /name: '([^']+)', schema: '([^']+)', defaultPort: (\d+)/.exec(
      read(`apps/${app}/src/${config}`),
    );
    if (identity) services.set(identity[1]!, { schema: identity[2]!, port: identity[3]! });
  }
  const dataAccess = 'libs/trade-capture/data-access/src';
  const tradeCaptureTables = new Set<string>();
  for (const file of readdirSync(join(ROOT, dataAccess)).filter((f) => f.endsWith('.migration.ts'))) {
    for (const m of read(`${dataAccess}/${file}`).matchAll(/CREATE (?:TABLE|SEQUENCE) (\w+)/g)) {
      tradeCaptureTables.add(m[1]!);
    }
  }
  const sharedLibraries = new Map<string, string>();
  for (const lib of readdirSync(join(ROOT, 'libs/shared'))) {
    const project = join(ROOT, 'libs/shared', lib, 'project.json');
    if (!existsSync(project)) continue;
    const tags = (JSON.parse(readFileSync(project, 'utf8')) as { tags: string[] }).tags;
    sharedLibraries.set(`libs/shared/${lib}`, tags.find((t) => t.startsWith('type:'))!.slice('type:'.length));
  }
  return { services, tradeCaptureTables, sharedLibraries };
}

/** What the page says. */
function factsFromDoc(markdown: string): Facts {
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split('|')
      .map((c) => c.replace(/`/g, '').trim());
  const services = new Map<string, { port: string; schema: string }>();
  const sharedLibraries = new Map<string, string>();
  for (const line of markdown.split('\n').filter((l) => l.startsWith('| `'))) {
    const [first, second, third, fourth] = cells(line);
    if (first!.startsWith('libs/shared/')) sharedLibraries.set(first!, second!);
    else if (/^\d+$/.test(third!) && fourth !== 'none')
      services.set(first!, { port: third!, schema: fourth! });
  }
  const bullet = /- \*\*trade-capture\*\* \(built\):([\s\S]*?)\n- /.exec(markdown)?.[1] ?? '';
  const tradeCaptureTables = new Set([...bullet.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!));
  return { services, tradeCaptureTables, sharedLibraries };
}

function differences(doc: Facts, code: Facts): string[] {
  const out: string[] = [];
  for (const [name, { port, schema }] of code.services) {
    const said = doc.services.get(name);
    if (!said) out.push(`service ${name} is not in the services table`);
    else if (said.port !== port || said.schema !== schema) {
      out.push(
        `service ${name}: the page says port ${said.port}, schema ${said.schema}; the code ${port}, ${schema}`,
      );
    }
  }
  for (const name of doc.services.keys()) {
    if (!code.services.has(name)) out.push(`service ${name} is in the table but has no config class`);
  }
  for (const table of code.tradeCaptureTables) {
    if (!doc.tradeCaptureTables.has(table)) out.push(`trade-capture's ${table} is not listed`);
  }
  for (const table of doc.tradeCaptureTables) {
    if (!code.tradeCaptureTables.has(table))
      out.push(`trade-capture's ${table} is listed but no migration creates it`);
  }
  for (const [lib, type] of code.sharedLibraries) {
    const said = doc.sharedLibraries.get(lib);
    if (said === undefined) out.push(`${lib} is not in the shared libraries table`);
    else if (said !== type) out.push(`${lib}: the page says type ${said}, project.json type:${type}`);
  }
  for (const lib of doc.sharedLibraries.keys()) {
    if (!code.sharedLibraries.has(lib)) out.push(`${lib} is in the table but has no project.json`);
  }
  return out;
}

describe('docs/architecture.md', () => {
  const page = read('docs/architecture.md');
  const code = factsFromCode();

  it('reads the facts from the code: five services, trade-capture’s tables, the shared libraries', () => {
    expect([...code.services.keys()].sort()).toEqual([
      'clearing',
      'ledger',
      'risk-compliance',
      'settlement',
      'trade-capture',
    ]);
    expect(code.services.get('trade-capture')).toEqual({ port: '3001', schema: 'trade_capture' });
    expect(code.tradeCaptureTables).toContain('trade');
    expect(code.tradeCaptureTables).toContain('trade_id_seq');
    expect(code.sharedLibraries.get('libs/shared/money')).toBe('domain');
  });

  it('states each service’s port and schema, trade-capture’s tables and the shared libraries as the code does', () => {
    expect(differences(factsFromDoc(page), code)).toEqual([]);
  });

  it('fails when the page is wrong', () => {
    const wrong = page
      .replace(/(\| `ledger` +\| back +\| )3005/, '$13006')
      .replace('`trade_id_seq`, ', '')
      .replace('`trade_version` (', '`trade_version`, `trade_note` (')
      .replace(/(\| `libs\/shared\/money` +\| )`domain`/, '$1`util`');
    expect(wrong).not.toBe(page);
    expect(differences(factsFromDoc(wrong), code)).toEqual([
      'service ledger: the page says port 3006, schema ledger; the code 3005, ledger',
      "trade-capture's trade_id_seq is not listed",
      "trade-capture's trade_note is listed but no migration creates it",
      'libs/shared/money: the page says type util, project.json type:domain',
    ]);
  });
});
