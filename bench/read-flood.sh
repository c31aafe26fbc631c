#!/usr/bin/env bash
# Do reads starve ingest? ./bench/read-flood.sh
#
# It starts one server from the built jar with a fresh SQLite database in a temporary folder (-Xmx512m, loopback only,
# an API token made for the run) and drives it twice with the same ingest workload (the load generator, terminals shape by
# default: warm-up batches, then the measured batches on the same connections):
#   1. quiet: ingest alone;
#   2. flooded: while READ_FLOOD_THREADS threads (io.txgate.bench.ReadFlood) ask the read API, without pause, for pages
#      of READ_FLOOD_LIMIT transactions of random accounts, ignoring Retry-After as an abusive client would.
# Then it prints ingest's acknowledgement latency of both runs side by side, the ratio of the p99s (issue 13's target:
# at most 2), and what the flood got (200s and 429s per second, its own latency). The quiet run goes first, so the
# flooded run's data set is larger (its reads have full pages); swap nothing, compare the ratio.
# Everything is bounded (batch counts, timeouts) and every process is killed on exit.
#
# Knobs (environment variables, defaults in brackets):
#   READ_FLOOD_WORKLOAD [terminals] (or bulk; the shapes of bench/run.sh)   READ_FLOOD_BATCHES [20000 terminals, 3000 bulk]
#   READ_FLOOD_WARMUP_ROWS [200000]   READ_FLOOD_THREADS [100]   READ_FLOOD_LIMIT [1000]
#   READ_FLOOD_RESPECT_RETRY_AFTER [0] (1: the readers wait Retry-After after a 429, as well-behaved clients do)
#   BENCH_ACCOUNTS [100]   BENCH_JAVA [java] (load, flood)   BENCH_SERVER_JAVA [$BENCH_JAVA]   BENCH_SERVER_JVM_OPTS []
#   BENCH_SERVER_ARGS [] (e.g. --txgate.http.max-concurrent-reads=4)   BENCH_KEEP [0] (1 keeps the temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."

READ_FLOOD_WORKLOAD=${READ_FLOOD_WORKLOAD:-terminals}
READ_FLOOD_WARMUP_ROWS=${READ_FLOOD_WARMUP_ROWS:-200000}
READ_FLOOD_THREADS=${READ_FLOOD_THREADS:-100}
READ_FLOOD_LIMIT=${READ_FLOOD_LIMIT:-1000}
READ_FLOOD_RESPECT_RETRY_AFTER=${READ_FLOOD_RESPECT_RETRY_AFTER:-0}
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_SERVER_JAVA=${BENCH_SERVER_JAVA:-$BENCH_JAVA}
BENCH_SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:-}
BENCH_SERVER_ARGS=${BENCH_SERVER_ARGS:-}

log() { printf '[read-flood %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
workload_shape READ_FLOOD_WORKLOAD "$READ_FLOOD_WORKLOAD" "${READ_FLOOD_BATCHES:-20000}" "${READ_FLOOD_BATCHES:-3000}"
build_if_stale
workspace txgate-read-flood

FLOOD_PID=""
stop_flood() { # SIGTERM, so that the flood writes its summary on the way out
  [[ -n $FLOOD_PID ]] || return 0
  kill -TERM "$FLOOD_PID" 2>/dev/null || true
  wait "$FLOOD_PID" 2>/dev/null || true
  FLOOD_PID=""
}
trap 'stop_flood; workspace_cleanup' EXIT

run_token

# shellcheck disable=SC2086 # the option strings are word lists on purpose
loopback_server 19700 18700 "$BENCH_SERVER_JAVA" $BENCH_SERVER_JVM_OPTS -jar "$JAR" \
  --txgate.http.tokens[0].name=read-flood --txgate.http.tokens[0].sha256="$TOKEN_SHA256" \
  --txgate.http.tokens[0].scopes=read --logging.level.txgate.audit=WARN $BENCH_SERVER_ARGS
log "server up (pid $SERVER_PID); $READ_FLOOD_WORKLOAD: $conns connections x batches of $size x $inflight in flight," \
  "$batches measured batches after $READ_FLOOD_WARMUP_ROWS warm-up rows, once quiet and once under" \
  "$READ_FLOOD_THREADS reading threads"
TCP_PORTS=("$TCP_PORT")
warmup_batches=$(((READ_FLOOD_WARMUP_ROWS + size - 1) / size))
run_id=flood-$(date +%s)

run_ingest() { # name
  load_start "$1" "$WORK/$1.json" "$conns" "$size" "$inflight" "$batches" "$warmup_batches" "$run_id-$1"
  await_measuring "$1"
  load_finish "$1" "$WORK/$1.json"
}

run_ingest quiet

log "starting the read flood"
tool_start "$WORK/flood.log" io.txgate.bench.ReadFlood --url="http://127.0.0.1:$HTTP_PORT" --token="$TOKEN" \
  --threads="$READ_FLOOD_THREADS" --limit="$READ_FLOOD_LIMIT" --accounts="${BENCH_ACCOUNTS:-100}" \
  --out="$WORK/flood.json" $([[ $READ_FLOOD_RESPECT_RETRY_AFTER == 1 ]] && echo --respect-retry-after)
FLOOD_PID=$TOOL_PID
deadline=$((SECONDS + 60))
until grep -q "read flood:" "$WORK/flood.log" 2>/dev/null; do
  if ! kill -0 "$FLOOD_PID" 2>/dev/null || ((SECONDS > deadline)); then
    log "the read flood did not start; its log:"
    cat "$WORK/flood.log" >&2
    exit 1
  fi
  sleep 0.2
done
run_ingest flooded
stop_flood

echo
echo "Ingest acknowledgement latency (ms), $READ_FLOOD_WORKLOAD, $batches measured batches each:"
printf '  %-8s %10s %8s %8s %8s %8s\n' run "batches/s" p50 p99 p99.9 max
for run in quiet flooded; do
  # The summary's first latency block is the measured run's; the warm-up's follows it.
  printf '  %-8s %10.0f %8.1f %8.1f %8.1f %8.1f\n' "$run" "$(json_number "$WORK/$run.json" batchesPerSecond)" \
    "$(json_number "$WORK/$run.json" p50)" "$(json_number "$WORK/$run.json" p99)" \
    "$(json_number "$WORK/$run.json" p999)" "$(json_number "$WORK/$run.json" max)"
done
awk -v q="$(json_number "$WORK/quiet.json" p99)" -v f="$(json_number "$WORK/flooded.json" p99)" \
  'BEGIN { printf "  p99 flooded / quiet: %.2f (target: at most 2)\n", f / q }'
for run in quiet flooded; do
  grep -q '"ACCEPTED"' "$WORK/$run.json" || log "run $run: no batch ACCEPTED, see $WORK/$run.log"
done
echo
echo "Read flood ($READ_FLOOD_THREADS threads, pages of $READ_FLOOD_LIMIT, Retry-After" \
  "$([[ $READ_FLOOD_RESPECT_RETRY_AFTER == 1 ]] && echo respected || echo ignored)):"
seconds=$(json_number "$WORK/flood.json" seconds)
sed 's/.*"statuses":{\([^}]*\)}.*/\1/' "$WORK/flood.json" | tr ',' '\n' | tr -d '"' |
  awk -F: -v s="$seconds" '{ printf "  HTTP %s: %d (%.0f/s)\n", $1, $2, $2 / s }'
echo "  200 latency ms: p50 $(json_number "$WORK/flood.json" p50), p99 $(json_number "$WORK/flood.json" p99)," \
  "max $(json_number "$WORK/flood.json" max)"
