#!/usr/bin/env bash
# npm start: the broker, the database, the five services; prints their URLs, a development token per
# role and a first request. Ctrl-C stops what this script started. Run twice, it reuses what is up.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" # the pinned Node 24, also when run without npm
export TZ=UTC

node scripts/ensure-install.cjs
[ -n "${KAFKA_BROKERS:-}" ] || bash infra/kafka/kafka.sh up
node scripts/build.cjs --quiet
node dist/libs/shared/persistence/src/cli/prepare-database.cli.js

export JWT_PUBLIC_KEY="${JWT_PUBLIC_KEY:-$PWD/infra/dev-keys/jwt-public.pem}"
mkdir -p tmp/logs
services=(trade-capture:3001 risk-compliance:3002 clearing:3003 settlement:3004 ledger:3005)
pids=()

stop_all() { # [exit status]: 0 on Ctrl-C, 1 when a service failed to start
  trap - INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    echo; echo "[start] stopping ${#pids[@]} service(s)"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  echo "[start] stopped (the Kafka broker keeps running: npm run kafka:down stops it)"
  exit "${1:-0}"
}
trap stop_all INT TERM

for entry in "${services[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"
  if curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then
    echo "[start] $name already answers on $port: reusing it"
    continue
  fi
  PORT="$port" node --enable-source-maps "dist/apps/$name/src/main.js" >"tmp/logs/$name.log" 2>&1 &
  pids+=($!)
done

for entry in "${services[@]}"; do
  name="${entry%%:*}"; port="${entry##*:}"
  pid="$(pgrep -f "dist/apps/$name/src/main.js" | head -n 1 || true)"
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    # A service that exited (a bad setting, say) will not become ready: stop waiting for it.
    [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && break
    sleep 0.5
  done
  if ! curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
    echo "[start] $name is not ready; last lines of tmp/logs/$name.log:"; tail -n 15 "tmp/logs/$name.log"; stop_all 1
  fi
done

token() { node dist/libs/shared/auth/src/cli/token.cli.js "$@"; }
trader_token="$(token --role trader --sub alice --books EQ-US-FLOW,EQ-EU-FLOW)"
cat <<TXT

Tradeflow is up (logs in tmp/logs/):
  trade-capture    http://127.0.0.1:3001/api/docs   (front office: traders)
  risk-compliance  http://127.0.0.1:3002/api/docs   (middle office: risk officers)
  clearing         http://127.0.0.1:3003/api/docs   (back office: operations)
  settlement       http://127.0.0.1:3004/api/docs   (back office: operations)
  ledger           http://127.0.0.1:3005/api/docs   (back office: auditors)
  health and metrics on each: /health/live, /health/ready, /metrics

Development tokens (8 hours; npm run token -- --role R --sub U [--books B1,B2] makes more):
  trader   $trader_token
  risk     $(token --role risk --sub rita)
  ops      $(token --role ops --sub oscar)
  auditor  $(token --role auditor --sub audrey)
  admin    $(token --role admin --sub adam)

Book a trade:
  curl -s -X POST http://127.0.0.1:3001/api/trades -H "Authorization: Bearer $trader_token" \\
    -H 'Content-Type: application/json' -H "Idempotency-Key: \$(date +%s%N)" \\
    -d '{"book":"EQ-US-FLOW","side":"BUY","instrumentId":"US0378331005","quantity":"1000","price":"190.25","counterpartyLei":"W22LROWP2IHZNBB6K528","tradeDate":"2026-11-20","venueMic":"XNAS"}'

Ctrl-C stops the services this command started.
TXT
if [ ${#pids[@]} -gt 0 ]; then wait "${pids[@]}" || true; fi
