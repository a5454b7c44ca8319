// Stops the containers the global setup started, if it started any.
'use strict';
module.exports = async () => {
  for (const container of globalThis.__TRADEFLOW_CONTAINERS__ ?? []) await container.stop();
};
