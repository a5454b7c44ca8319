import { Gauge } from 'prom-client';

// Registered once per process on prom-client's default registry, which /metrics serves.
export const tradeStreamMetrics = {
  subscribers: new Gauge({
    name: 'tradeflow_trade_stream_subscribers',
    help: "Streams fed by this instance's status changes, those being set up included",
  }),
  listening: new Gauge({
    name: 'tradeflow_trade_stream_listening',
    help: '1 while this instance holds its LISTEN connection for status changes (only while streams are open)',
  }),
};
