#!/usr/bin/env bash
# npm run bench:capture — POST /api/trades under autocannon; figures only, never a pass/fail on time.
# The bench starts a Kafka broker of its own (a temporary one, stopped at the end) unless KAFKA_BROKERS
# is set, so its trades never land on the shared broker's fo.trade.captured.v1.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
node scripts/ensure-install.cjs
export PATH="$PWD/node_modules/.bin:$PATH" # the pinned Node 24, also when run without npm
node scripts/build.cjs --quiet
node dist/libs/shared/persistence/src/cli/prepare-database.cli.js
node dist/bench/capture/capture.main.js
