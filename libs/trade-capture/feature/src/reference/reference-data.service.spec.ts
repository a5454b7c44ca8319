import type { ServiceConfig } from '@tradeflow/shared/config';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { waitFor } from '@tradeflow/shared/testing';
import { ReferenceRepository } from '@tradeflow/trade-capture/data-access';
import { ReferenceDataService } from './reference-data.service';
import type { ReferenceSeedService } from './reference-seed.service';

// An instance whose refresh of a changed record fails must not go on validating trades against the
// old record: it reloads the whole set, retrying until the database answers.
describe('ReferenceDataService keeping its copy', () => {
  const LEI = 'W22LROWP2IHZNBB6K528';
  const row = (version: number, active: boolean) => ({
    kind: 'counterparty',
    key: LEI,
    record: { lei: LEI, name: 'GSI', country: 'GB', creditLimitUsd: '500000000', active },
    version,
    updated_at: '2026-11-22T09:00:00.000Z',
    updated_by: 'ada',
  });

  it('reloads everything after a failed refresh, until the database answers, and drops a deactivated counterparty', async () => {
    const query = jest
      .fn()
      .mockResolvedValueOnce({ rows: [row(1, true)] }) // the first load
      .mockRejectedValueOnce(new Error('timeout exceeded when trying to connect')) // the refresh
      .mockRejectedValueOnce(new Error('timeout exceeded when trying to connect')) // the first reload
      .mockResolvedValue({ rows: [row(2, false)] }); // the database is back
    const service = new ReferenceDataService(
      { query } as unknown as TransactionRunner,
      { schema: 'reference_test', databaseUrl: 'postgres://unused', name: 'trade-capture' } as ServiceConfig,
      new ReferenceRepository(),
      {} as ReferenceSeedService,
    );
    // What onModuleInit's load and a NOTIFY would do, without a database to listen on.
    const internals = service as unknown as { reloadAll(): Promise<void>; refresh(p: string): Promise<void> };
    await internals.reloadAll();
    expect(service.lookup.counterparty(LEI)).toBeDefined();

    await internals.refresh(JSON.stringify({ kind: 'counterparty', key: LEI }));
    await waitFor(() => service.lookup.counterparty(LEI) === undefined, {
      timeoutMs: 5000,
      intervalMs: 20,
      what: 'the deactivated counterparty to leave the copy',
    });
    expect(query).toHaveBeenCalledTimes(4);
    await service.onModuleDestroy();
  });
});
