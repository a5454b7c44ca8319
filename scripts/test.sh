#!/usr/bin/env bash
# npm test: everything CI runs. Installs what is missing (pretest), starts or reuses the real Kafka
# broker, uses the machine's PostgreSQL, then type-checks, lints and runs unit, integration and
# end-to-end tests. The broker is left running for the next run (npm run kafka:down stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" # the pinned Node 24, also when run without npm
export TZ=UTC NX_DAEMON=false NX_NO_CLOUD=true
echo "[test] node $(node --version)"

node scripts/ensure-install.cjs
node scripts/build.cjs
echo "[test] type-check"
tsc -p tsconfig.json --noEmit
echo "[test] lint (eslint with Nx module boundaries) and format"
nx show projects >/dev/null # computes the project graph the module-boundaries rule reads (else it skips)
eslint --max-warnings 0 .
prettier --check . --log-level warn

[ -n "${KAFKA_BROKERS:-}" ] || bash infra/kafka/kafka.sh up

mkdir -p tmp
rm -f tmp/jest-*.json
status=0
run() { # project, extra jest args
  local project="$1"; shift
  echo "[test] $project tests"
  jest -c jest.config.cjs --ci --selectProjects "$project" --json --outputFile="tmp/jest-$project.json" "$@" || status=1
}
run unit
# --forceExit: a leaked socket must not hang CI; --detectOpenHandles-style leaks show up locally.
run integration --maxWorkers=2 --forceExit
run e2e --runInBand --forceExit

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const p of ["unit", "integration", "e2e"]) {
    const f = `tmp/jest-${p}.json`;
    if (!fs.existsSync(f)) { failed += 1; console.log(`[test] ${p}: no results`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    console.log(`[test] ${p}: ${r.numPassedTests} passed, ${r.numFailedTests} failed in ${r.numTotalTestSuites} suites`);
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
'
exit $status
