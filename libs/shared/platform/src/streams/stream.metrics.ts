import { Counter, Gauge } from 'prom-client';

// Registered once per process on prom-client's default registry, which /metrics serves.
export const streamMetrics = {
  open: new Gauge({
    name: 'tradeflow_streams_open',
    help: 'Live streams held, from admission (set-up included) until their clean-up',
    labelNames: ['stream'],
  }),
  ended: new Counter({
    name: 'tradeflow_streams_ended_total',
    help: 'Live streams ended, by why: client-left, token-expired, too-far-behind, source-ended, shutdown, failed, refused',
    labelNames: ['stream', 'reason'],
  }),
  refused: new Counter({
    name: 'tradeflow_streams_refused_total',
    help: 'Live streams refused because the user already held STREAM_MAX_PER_USER',
    labelNames: ['stream'],
  }),
};
