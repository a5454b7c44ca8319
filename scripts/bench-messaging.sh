#!/usr/bin/env bash
# npm run bench:messaging — figures only, never a pass/fail on time.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
node scripts/ensure-install.cjs
export PATH="$PWD/node_modules/.bin:$PATH" # the pinned Node 24, also when run without npm
[ -n "${KAFKA_BROKERS:-}" ] || bash infra/kafka/kafka.sh up
node scripts/build.cjs --quiet
node dist/libs/shared/persistence/src/cli/prepare-database.cli.js
node dist/bench/messaging/messaging.main.js
