import { Histogram } from 'prom-client';

// Registered once per process on prom-client's default registry, which /metrics serves.
export const captureMetrics = {
  batchSize: new Histogram({
    name: 'tradeflow_capture_batch_size',
    help: 'Captures written in one transaction (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  }),
  waitSeconds: new Histogram({
    name: 'tradeflow_capture_wait_seconds',
    help: 'Time a validated capture waited for its write to start (group commit queue)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  }),
  batchSeconds: new Histogram({
    name: 'tradeflow_capture_batch_seconds',
    help: 'Time of one capture transaction, from taking a connection to commit',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  }),
};
