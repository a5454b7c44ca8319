import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServiceConfig } from '@tradeflow/shared/config';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { Clock, SERVICE_CONFIG, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import { ReferenceRepository, type ReferenceKind } from '@tradeflow/trade-capture/data-access';
import { shippedReferenceRecords } from '@tradeflow/trade-capture/domain';
import { KINDS, type AnyRecord } from './reference-kinds';
import { ReferencePublisher } from './reference-publisher.service';

const SYSTEM = { id: 'trade-capture', role: 'service' };

/** The shipped reference data, loaded into an empty table at first start: audited and published. */
@Injectable()
export class ReferenceSeedService {
  private readonly logger = new Logger('ReferenceData');

  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly repository: ReferenceRepository,
    private readonly publisher: ReferencePublisher,
    private readonly clock: Clock,
  ) {}

  /** How many records it loaded; 0 when there were some already. Concurrent first starts load it once. */
  async loadShipped(): Promise<number> {
    const shipped = shippedReferenceRecords();
    const all: [ReferenceKind, AnyRecord][] = [
      ...shipped.instruments.map((r) => ['instrument', r] as [ReferenceKind, AnyRecord]),
      ...shipped.counterparties.map((r) => ['counterparty', r] as [ReferenceKind, AnyRecord]),
      ...shipped.books.map((r) => ['book', r] as [ReferenceKind, AnyRecord]),
    ];
    const loaded = await this.runner.run(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reference-load:${this.config.schema}`]);
      const { rows } = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM reference_record');
      if (rows[0]?.n !== '0') return 0;
      const now = this.clock.now();
      for (const [kind, record] of all) {
        const key = KINDS[kind].keyOf(record);
        await this.repository.insert(tx, kind, key, record, now.toISOString(), SYSTEM.id);
        await this.publisher.publish(tx, {
          kind,
          key,
          version: 1,
          action: 'LOAD',
          before: undefined,
          after: record,
          actor: SYSTEM,
          now,
        });
      }
      return all.length;
    });
    if (loaded > 0) this.logger.log(`loaded the shipped reference data: ${loaded} records`);
    return loaded;
  }
}
