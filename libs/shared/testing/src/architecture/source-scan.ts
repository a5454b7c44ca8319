import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../process-harness';

// What the architecture tests share: the production sources they read, and the lines of a source that
// match a rule's shapes. Tests, their fixtures and node_modules are never production code.
const NOT_PRODUCTION = /\.(?:spec|int-spec|e2e-spec|fixtures)\.ts$/;

export interface Shape {
  readonly pattern: RegExp;
  readonly what: string;
}

export interface Offence {
  readonly line: number;
  readonly text: string;
  readonly what: string;
}

/** The production `.ts` files under `dirs` (repository-relative, `/`-separated). */
export function productionSources(dirs: readonly string[] = ['apps', 'libs']): string[] {
  return dirs
    .flatMap((dir) =>
      walk(join(REPO_ROOT, dir), (name) => name.endsWith('.ts') && !NOT_PRODUCTION.test(name)),
    )
    .map(repoPath);
}

/** Every file called `name` under `dirs` (repository-relative), e.g. each library's project.json. */
export function filesNamed(name: string, dirs: readonly string[] = ['apps', 'libs']): string[] {
  return dirs.flatMap((dir) => walk(join(REPO_ROOT, dir), (entry) => entry === name)).map(repoPath);
}

export function readSource(file: string): string {
  return readFileSync(join(REPO_ROOT, file), 'utf8');
}

/** The lines of `source` matching one of `shapes` (the first that matches names it). */
export function offences(source: string, shapes: readonly Shape[]): Offence[] {
  return source.split('\n').flatMap((text, i) => {
    const shape = shapes.find((s) => s.pattern.test(text));
    return shape ? [{ line: i + 1, text: text.trim(), what: shape.what }] : [];
  });
}

/**
 * `source` without its comments: block comments keep their line breaks, so line numbers stay true;
 * `//` after a quote or colon (a URL) is left alone.
 */
export function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function walk(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

function repoPath(path: string): string {
  return relative(REPO_ROOT, path).split('\\').join('/');
}
