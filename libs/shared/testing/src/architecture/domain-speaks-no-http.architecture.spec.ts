import { dirname } from 'node:path';
import { filesNamed, offences, productionSources, readSource, type Shape } from './source-scan';

// Domain libraries (Nx tag `type:domain`) answer in the domain's words: typed failures of
// @tradeflow/shared/failure (malformed, forbidden, not-found, conflict, rule-broken). Only the API layer
// (platform's `problemFor`) turns them into HTTP statuses, so a domain library mentions none, not even
// in a comment, and uses no HTTP exception or NestJS import.
const STATUS = '(?:400|401|403|404|409|412|422|429|500|503)';

const HTTP_SHAPES: readonly Shape[] = [
  { pattern: /\bHttpException\b|\bHttpStatus\b/, what: 'an HTTP exception or status enum' },
  { pattern: /\bProblemException\b/, what: 'a problem+json exception' },
  { pattern: /@nestjs\//, what: 'a NestJS import' },
  {
    pattern: new RegExp(`\\bstatus(?:Code)?\\s*(?:[:=]|[!=]==?)\\s*${STATUS}\\b`, 'i'),
    what: 'a status number',
  },
  // A bare status number; arithmetic operands (a 400-year calendar cycle) and bounds (`max = 500`) aside.
  {
    pattern: new RegExp(
      `(?<![\\w.]|[*/%+-]\\s*|(?:max|min|limit|length|size)\\w*\\s*=\\s*)${STATUS}(?![\\w.]|\\s*[*/%+-])`,
      'i',
    ),
    what: 'an HTTP status number',
  },
];

/** The lines of `source` that speak HTTP (comments included: a domain's comments speak its words too). */
function httpMentions(source: string) {
  return offences(source, HTTP_SHAPES);
}

describe('a domain that speaks no HTTP', () => {
  const domains = filesNamed('project.json')
    .filter((file) => {
      const project = JSON.parse(readSource(file)) as { tags?: string[] };
      return project.tags?.includes('type:domain') ?? false;
    })
    .map((file) => dirname(file));

  it('finds every domain library by its tag', () => {
    expect(domains).toEqual(
      expect.arrayContaining([
        'libs/shared/failure',
        'libs/shared/money',
        'libs/shared/reference',
        'libs/shared/trading',
        'libs/trade-capture/domain',
      ]),
    );
  });

  it('mentions no HTTP status, HTTP exception or NestJS in any domain library’s source', () => {
    const mentions = productionSources(domains.map((lib) => `${lib}/src`)).flatMap((file) =>
      httpMentions(readSource(file)).map((m) => `${file}:${m.line} ${m.what}: ${m.text}`),
    );
    expect(mentions).toEqual([]);
  });

  it.each([
    ['return { ok: false, status: 422, errors };'],
    ["if (result.status === 400) return 'malformed';"],
    ['export type CaptureErrorStatus = 400 | 403 | 404 | 422;'],
    ['/** A bad year is answered (400) before an unknown market. */'],
    ['// not one of your books: a 403'],
    ["throw new HttpException('gone', HttpStatus.NOT_FOUND);"],
    ["throw new ProblemException(409, 'exists already');"],
    ["import { Injectable } from '@nestjs/common';"],
    ['const retryable = [429, 503];'],
  ])('catches HTTP in a domain snippet: %s', (snippet) => {
    expect(httpMentions(`const ok = true;\n${snippet}`)).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it.each([
    ["return failed('rule-broken', errors, 'the trade breaks a rule; see errors');"],
    ['const era = Math.floor(y / 400);'],
    ['return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };'],
    ['const MS_PER_DAY = 86_400_000;'],
    ['(max = 500): Check =>'],
    ['readonly status: TradeStatus;'],
    ["const price = '4001.25';"],
    ['const ISIN = "US4004001005";'],
  ])('leaves domain arithmetic and words alone: %s', (snippet) => {
    expect(httpMentions(snippet)).toEqual([]);
  });
});
