#!/usr/bin/env bash
# What does the status page cost the server? ./bench/status-page.sh
#
# It starts one server from the built jar with a fresh SQLite database in a temporary folder (-Xmx512m, loopback only,
# a token with scope metrics made for the run) and drives it twice with the same ingest workload (the load mode; by
# default 1,000 connections, batches of 100, warm-up batches, then the measured batches on the same connections):
#   1. unwatched: ingest alone (the sampler still samples once a second: it always does);
#   2. watched: while a poller fetches /status/data once a second with the token, as an open page does.
# For each run's measured window it reads the server's CPU time (/proc/<pid>/stat, user + system) and, per thread
# (/proc/<pid>/task/*/schedstat), the status sampler's ("txgate-status") and the HTTP request threads' ("http-nio-*",
# both ports; nothing but the poller calls them during the runs), then prints the runs side by side and the page's
# share of the machine's CPU: sampler + the request threads' extra time in the watched run, over wall time x cores.
# The issue's bound: under 1% of CPU. Everything is bounded (batch counts, the poller's count) and killed on exit.
#
# Knobs (environment variables, defaults in brackets):
#   STATUS_CONNECTIONS [1000]   STATUS_BATCH_SIZE [100]   STATUS_IN_FLIGHT [1]   STATUS_BATCHES [10000]
#   STATUS_WARMUP_BATCHES [2000]   STATUS_VIEWERS [1] (pollers at once, each one request a second)
#   BENCH_ACCOUNTS [100]   BENCH_JAVA [java] (load)   BENCH_SERVER_JAVA [$BENCH_JAVA]   BENCH_SERVER_JVM_OPTS []
#   BENCH_SERVER_ARGS []   BENCH_KEEP [0] (1 keeps the temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."

STATUS_CONNECTIONS=${STATUS_CONNECTIONS:-1000}
STATUS_BATCH_SIZE=${STATUS_BATCH_SIZE:-100}
STATUS_IN_FLIGHT=${STATUS_IN_FLIGHT:-1}
STATUS_BATCHES=${STATUS_BATCHES:-10000}
STATUS_WARMUP_BATCHES=${STATUS_WARMUP_BATCHES:-2000}
STATUS_VIEWERS=${STATUS_VIEWERS:-1}
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_SERVER_JAVA=${BENCH_SERVER_JAVA:-$BENCH_JAVA}
BENCH_SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:-}
BENCH_SERVER_ARGS=${BENCH_SERVER_ARGS:-}

log() { printf '[status-page %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
build_if_stale
workspace txgate-status-page

POLLER_PIDS=()
stop_pollers() {
  local pid
  for pid in "${POLLER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  POLLER_PIDS=()
}
trap 'stop_pollers; workspace_cleanup' EXIT

run_token

# shellcheck disable=SC2086 # the option strings are word lists on purpose
loopback_server 19800 18800 "$BENCH_SERVER_JAVA" $BENCH_SERVER_JVM_OPTS -jar "$JAR" \
  --txgate.server.max-connections="$((STATUS_CONNECTIONS + 10))" \
  --txgate.server.max-connections-per-address="$((STATUS_CONNECTIONS + 10))" \
  --txgate.http.tokens[0].name=status-page --txgate.http.tokens[0].sha256="$TOKEN_SHA256" \
  --txgate.http.tokens[0].scopes=metrics $BENCH_SERVER_ARGS
log "server up (pid $SERVER_PID); $STATUS_CONNECTIONS connections x batches of $STATUS_BATCH_SIZE x" \
  "$STATUS_IN_FLIGHT in flight, $STATUS_BATCHES measured batches after $STATUS_WARMUP_BATCHES warm-up ones;" \
  "once unwatched, once with $STATUS_VIEWERS viewer(s) polling /status/data every second"
TCP_PORTS=("$TCP_PORT")
run_id=status-$(date +%s)
TICKS=$(getconf CLK_TCK)
CORES=$(nproc)

process_cpu_seconds() { # user + system time of the server so far
  awk -v t="$TICKS" '{ sub(/^.*\) /, ""); printf "%.3f\n", ($12 + $13) / t }' "/proc/$SERVER_PID/stat"
}

start_pollers() { # one request a second each, as the page does (15 minutes of points first, then ?since=<last t>);
  # at most an hour's worth
  local viewer
  for viewer in $(seq 1 "$STATUS_VIEWERS"); do
    (
      since=""
      for _ in $(seq 1 3600); do
        curl -s -o "$WORK/data-$viewer.json" -w '%{http_code} %{size_download}\n' -H "Authorization: Bearer $TOKEN" \
          "http://127.0.0.1:$MANAGEMENT_PORT/status/data$since" >>"$WORK/polls-$viewer.txt" || true
        last=$(grep -o '"t":\[[0-9,]*\]' "$WORK/data-$viewer.json" 2>/dev/null | grep -o '[0-9]*\]$' | tr -d ']' || true)
        [[ -n $last ]] && since="?since=$last"
        sleep 1
      done
    ) &
    POLLER_PIDS+=("$!")
  done
}

run_ingest() { # name
  local name=$1
  load_start "$name" "$WORK/$name.json" "$STATUS_CONNECTIONS" "$STATUS_BATCH_SIZE" "$STATUS_IN_FLIGHT" \
    "$STATUS_BATCHES" "$STATUS_WARMUP_BATCHES" "$run_id-$name"
  await_measuring "$name"
  thread_times "$SERVER_PID" >"$WORK/$name.threads-before"
  local cpu_before wall_before
  cpu_before=$(process_cpu_seconds)
  wall_before=$(date +%s.%N)
  load_finish "$name" "$WORK/$name.json"
  local cpu_after wall_after
  cpu_after=$(process_cpu_seconds)
  wall_after=$(date +%s.%N)
  thread_times "$SERVER_PID" >"$WORK/$name.threads-after"
  echo "$(awk -v a="$wall_before" -v b="$wall_after" 'BEGIN { printf "%.3f", b - a }')" \
    "$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN { printf "%.3f", b - a }')" \
    "$(thread_seconds_between txgate-status "$WORK/$name.threads-before" "$WORK/$name.threads-after" | cut -d' ' -f1)" \
    "$(thread_seconds_between http-nio "$WORK/$name.threads-before" "$WORK/$name.threads-after" | cut -d' ' -f1)" \
    >"$WORK/$name.cpu"
}

json_number() { # file, key as it appears (e.g. p99); the first match
  grep -o "\"$2\":[0-9.eE+-]*" "$1" | head -n 1 | cut -d: -f2
}

run_ingest unwatched
start_pollers
run_ingest watched
stop_pollers

polls=$(cat "$WORK"/polls-*.txt | wc -l)
ok=$(cat "$WORK"/polls-*.txt | grep -c '^200 ' || true)
first_bytes=$(head -n 1 "$WORK/polls-1.txt" | cut -d' ' -f2)
later_bytes=$(tail -n +2 "$WORK/polls-1.txt" | awk '{ s += $2; n++ } END { printf "%.0f", n ? s / n : 0 }')

echo
echo "Status page cost, $STATUS_CONNECTIONS connections x batches of $STATUS_BATCH_SIZE, $STATUS_BATCHES measured" \
  "batches per run, $CORES cores:"
printf '  %-10s %9s %9s %8s %9s %8s %12s %12s\n' run "tx/s" "p99 ms" "wall s" "server s" "CPU %" \
  "sampler ms" "http ms"
for run in unwatched watched; do
  read -r wall cpu sampler http <"$WORK/$run.cpu"
  batches_per_second=$(json_number "$WORK/$run.json" batchesPerSecond)
  awk -v r="$run" -v b="$batches_per_second" -v n="$STATUS_BATCH_SIZE" -v p="$(json_number "$WORK/$run.json" p99)" \
    -v w="$wall" -v c="$cpu" -v s="$sampler" -v h="$http" -v k="$CORES" \
    'BEGIN { printf "  %-10s %9.0f %9.1f %8.1f %9.1f %8.1f %12.1f %12.1f\n", r, b * n, p, w, c, 100 * c / (w * k), 1000 * s, 1000 * h }'
done
read -r wall_u cpu_u sampler_u http_u <"$WORK/unwatched.cpu"
read -r wall_w cpu_w sampler_w http_w <"$WORK/watched.cpu"
awk -v su="$sampler_u" -v sw="$sampler_w" -v hu="$http_u" -v hw="$http_w" -v wu="$wall_u" -v ww="$wall_w" -v k="$CORES" \
  -v polls="$polls" -v ok="$ok" -v first="$first_bytes" -v later="$later_bytes" 'BEGIN {
    sampler = 100 * su / (wu * k)
    page = 100 * (sw + (hw - hu * ww / wu)) / (ww * k)
    printf "  sampler alone (always on): %.3f%% of the machine'"'"'s CPU (%.2f ms a second)\n", sampler, 1000 * su / wu
    printf "  watched page (sampler + /status/data requests): %.3f%% of the machine'"'"'s CPU (target: under 1%%)\n", page
    printf "  requests: %d (%d answered 200), the first %d bytes, then %d bytes on average\n", polls, ok, first, later
  }'
for run in unwatched watched; do
  grep -q '"ACCEPTED"' "$WORK/$run.json" || log "run $run: no batch ACCEPTED, see $WORK/$run.log"
done
