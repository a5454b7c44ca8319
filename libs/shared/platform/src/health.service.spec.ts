import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { ConsumerStatus } from './consumer-status';
import { HealthService } from './health.service';

// The readiness decision alone: the database and broker checks answer at once here; the real ones are
// exercised by the end-to-end boot and fault tests.
function health(consumers: ConsumerStatus): HealthService {
  const dataSource = { query: () => Promise.resolve([{ '?column?': 1 }]) } as unknown as DataSource;
  const admin = {
    connect: () => Promise.resolve(),
    describeCluster: () => Promise.resolve({}),
    disconnect: () => Promise.resolve(),
  };
  const kafka = { admin: () => admin } as unknown as Kafka;
  return new HealthService(dataSource, kafka, consumers);
}

describe('HealthService readiness', () => {
  it('is ready when the consumers have their partitions and none is stalled', async () => {
    const status = new ConsumerStatus();
    status.attach(
      () => true,
      ['fo.trade.captured.v1'],
      () => undefined,
    );
    expect(await health(status).readiness()).toEqual({
      ready: true,
      checks: { database: 'up', broker: 'up', consumers: 'assigned' },
    });
  });

  it('is not ready, and says why, while a transient database failure holds consumption back', async () => {
    const status = new ConsumerStatus();
    status.attach(
      () => true,
      ['fo.trade.captured.v1'],
      () => 'fo.trade.captured.v1[2]: could not extend file',
    );
    expect(await health(status).readiness()).toEqual({
      ready: false,
      checks: {
        database: 'up',
        broker: 'up',
        consumers: 'stalled: fo.trade.captured.v1[2]: could not extend file',
      },
    });
  });

  it('reports unassigned consumers before a stall', async () => {
    const status = new ConsumerStatus();
    status.attach(
      () => false,
      ['fo.trade.captured.v1'],
      () => 'anything',
    );
    expect((await health(status).readiness()).checks.consumers).toBe('not assigned');
  });
});
