import { pruneCutoff, RetentionPruner } from './retention-pruner';

const options = {
  runner: { query: () => Promise.reject(new Error('not here')) },
  now: () => new Date(),
  intervalMs: 1000,
};

describe('pruneCutoff', () => {
  it('is the retention before now, to the millisecond', () => {
    // 24 hours before 2026-03-29T12:00:00.250Z, across the night Europe's clocks move: UTC has no gap.
    expect(pruneCutoff(new Date('2026-03-29T12:00:00.250Z'), 24 * 3600 * 1000).toISOString()).toBe(
      '2026-03-28T12:00:00.250Z',
    );
    // 15 days before 2026-03-01: February 2026 has 28 days.
    expect(pruneCutoff(new Date('2026-03-01T00:00:00.000Z'), 15 * 86400 * 1000).toISOString()).toBe(
      '2026-02-14T00:00:00.000Z',
    );
    expect(pruneCutoff(new Date('2026-01-01T00:00:00.000Z'), 1).toISOString()).toBe(
      '2025-12-31T23:59:59.999Z',
    );
  });
});

describe('RetentionPruner rules', () => {
  it('takes plain identifiers and a positive retention only', () => {
    const pruner = new RetentionPruner(options);
    expect(pruner.add({ table: 'inbox', column: 'applied_at', retentionMs: 1 }).tables).toEqual(['inbox']);
    expect(() =>
      pruner.add({ table: 'inbox; DROP TABLE trade', column: 'applied_at', retentionMs: 1 }),
    ).toThrow('retention rule: "inbox; DROP TABLE trade" is not a plain SQL identifier');
    expect(() =>
      pruner.add({
        table: 'inbox',
        column: 'applied_at',
        retentionMs: 1,
        keep: { column: 'Topic', values: [] },
      }),
    ).toThrow('retention rule: "Topic" is not a plain SQL identifier');
    expect(() => pruner.add({ table: 'inbox', column: 'applied_at', retentionMs: 0 })).toThrow(
      'retention rule for inbox: retention must be > 0',
    );
    expect(() => pruner.add({ table: 'inbox', column: 'applied_at', retentionMs: Number.NaN })).toThrow(
      'retention rule for inbox: retention must be > 0',
    );
    expect(pruner.tables).toEqual(['inbox']);
  });

  it('does not start without a table, and stops at once when never started', async () => {
    const pruner = new RetentionPruner(options);
    pruner.start();
    await expect(pruner.stop()).resolves.toBeUndefined();
  });
});
