#!/usr/bin/env bash
# Runs a real Apache Kafka broker (KRaft, combined broker + controller) from the Maven Central artifacts.
#   kafka.sh up|down|status
# KAFKA_BROKERS set: that broker is used and nothing is started or stopped.
# KAFKA_PORT / KAFKA_CONTROLLER_PORT / KAFKA_RUN_DIR let tests run a second, private broker (fault tests).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${KAFKA_PORT:-9092}"
cport="${KAFKA_CONTROLLER_PORT:-9093}"
run_dir="${KAFKA_RUN_DIR:-$here/.run}"
libs="$here/libs"
pid_file="$run_dir/kafka.pid"
heap="${KAFKA_HEAP:-768m}"
wait_secs="${KAFKA_WAIT_SECONDS:-90}"

log() { printf '[kafka] %s\n' "$*" >&2; }

answers() { node "$here/wait-ready.cjs" "127.0.0.1:$port" "${1:-1}" >/dev/null 2>&1; }

our_pid() {
  [ -f "$pid_file" ] || return 1
  local pid; pid="$(cat "$pid_file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q 'kafka.Kafka' "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

fetch_jars() {
  local stamp="$libs/.pom.sha256" want
  want="$(sha256sum "$here/pom.xml" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  command -v mvn >/dev/null || { log "Maven (mvn) is needed to fetch the Kafka jars from Maven Central"; exit 1; }
  log "copying the broker's jars from Maven Central (cached in ~/.m2)"
  rm -rf "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  echo "$want" > "$stamp"
}

up() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then log "KAFKA_BROKERS=$KAFKA_BROKERS is set: using that broker, starting nothing"; exit 0; fi
  mkdir -p "$run_dir"
  exec 9>"$run_dir/.lock"; flock 9   # two `up`s at once (npm start + npm test) start one broker
  if pid="$(our_pid)"; then
    answers 20 && { log "already running (pid $pid) on 127.0.0.1:$port"; return 0; }
    # Alive but silent: a second broker over its port and data would fail and orphan this one.
    if node "$here/wait-ready.cjs" "127.0.0.1:$port" "$wait_secs"; then
      log "already running (pid $pid) on 127.0.0.1:$port, slow to answer"; return 0
    fi
    log "our broker (pid $pid) is running but does not answer on 127.0.0.1:$port; stop it (npm run kafka:down) and retry"
    exit 1
  elif answers 1; then
    log "a broker already answers on 127.0.0.1:$port (not started by this script): reusing it"; return 0
  fi
  command -v java >/dev/null || { log "Java 17+ is needed to run the broker"; exit 1; }
  fetch_jars
  local cfg="$run_dir/server.properties" data="$run_dir/data"
  sed -e "s#127.0.0.1:9093#127.0.0.1:$cport#g" -e "s#127.0.0.1:9092#127.0.0.1:$port#g" "$here/server.properties" > "$cfg"
  echo "log.dirs=$data" >> "$cfg"
  if [ ! -f "$data/meta.properties" ]; then
    local id; id="$(java -cp "$libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
    log "formatting $data (cluster $id)"
    java -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$run_dir" \
      -cp "$libs/*" kafka.tools.StorageTool format --standalone -t "$id" -c "$cfg" >/dev/null
  fi
  log "starting on 127.0.0.1:$port (controller $cport), logs in $run_dir/server.log"
  nohup java -Xms256m -Xmx"$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$run_dir" \
    -cp "$libs/*" kafka.Kafka "$cfg" > "$run_dir/stdout.log" 2>&1 9>&- &
  echo $! > "$pid_file"
  if node "$here/wait-ready.cjs" "127.0.0.1:$port" "$wait_secs"; then
    log "ready (pid $(cat "$pid_file"))"
  else
    log "the broker did not answer within ${wait_secs}s; last lines of $run_dir/stdout.log:"
    tail -n 20 "$run_dir/stdout.log" >&2 || true
    exit 1
  fi
}

down() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then log "KAFKA_BROKERS is set: not stopping a broker this script did not start"; exit 0; fi
  local pid
  if ! pid="$(our_pid)"; then log "not running (no live pid in $pid_file)"; rm -f "$pid_file"; return 0; fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "still alive after 30s: SIGKILL"; kill -KILL "$pid"; fi
  rm -f "$pid_file"
  log "stopped"
}

status() {
  local target="${KAFKA_BROKERS:-127.0.0.1:$port}"
  if node "$here/wait-ready.cjs" "${target%%,*}" 1 >/dev/null 2>&1; then
    if pid="$(our_pid)"; then echo "up: $target (pid $pid)"; else echo "up: $target (not started by this script)"; fi
  else
    echo "down: $target"; return 3
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
