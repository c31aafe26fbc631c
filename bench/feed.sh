#!/usr/bin/env bash
# How fast is the change feed, and what does following it cost ingest? ./bench/feed.sh
#
# It starts one server from the built jar with a fresh SQLite database in a temporary folder (-Xmx512m, loopback only,
# an API token made for the run) and drives it twice with the same ingest workload (the load mode, terminals shape by
# default: warm-up batches, then the measured batches on the same connections):
#   1. quiet: ingest alone;
#   2. followed: while the bundled feed consumer (profile feed, a JVM of its own, pages of FEED_LIMIT) follows the
#      store from position 0 into an NDJSON file, fsync per page. It starts behind by everything stored so far (the
#      warm-up and the quiet run), so during the measured run it reads as fast as the feed serves.
# Then it prints ingest's rate and acknowledgement latency of both runs side by side, and the feed's rate: rows
# written by the consumer per second while the measured ingest ran, and afterwards until it caught up (ingest idle).
# The quiet run goes first, so the followed run's store is larger; compare the ratio, not single numbers.
# Everything is bounded (batch counts, timeouts) and every process is killed on exit.
#
# Knobs (environment variables, defaults in brackets):
#   FEED_WORKLOAD [terminals] (or bulk; the shapes of bench/run.sh)   FEED_BATCHES [10000 terminals, 1500 bulk]
#   FEED_WARMUP_ROWS [100000]   FEED_LIMIT [1000] (1 to 10000)   BENCH_ACCOUNTS [100]   BENCH_JAVA [java]
#   BENCH_SERVER_JAVA [$BENCH_JAVA]   BENCH_SERVER_JVM_OPTS []   BENCH_SERVER_ARGS []   BENCH_KEEP [0]
#   BENCH_SERVER_JAR [target/txgate.jar] (the server only, e.g. an older build to compare with; the load mode and the
#   consumer are always this checkout's)
set -euo pipefail
cd "$(dirname "$0")/.."

FEED_WORKLOAD=${FEED_WORKLOAD:-terminals}
FEED_WARMUP_ROWS=${FEED_WARMUP_ROWS:-100000}
FEED_LIMIT=${FEED_LIMIT:-1000}
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_SERVER_JAVA=${BENCH_SERVER_JAVA:-$BENCH_JAVA}
BENCH_SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:-}
BENCH_SERVER_ARGS=${BENCH_SERVER_ARGS:-}
BENCH_SERVER_JAR=${BENCH_SERVER_JAR:-}

log() { printf '[feed %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
workload_shape FEED_WORKLOAD "$FEED_WORKLOAD" "${FEED_BATCHES:-10000}" "${FEED_BATCHES:-1500}"
build_if_stale
workspace txgate-feed
SERVER_JAR=$JAR
if [[ -n $BENCH_SERVER_JAR ]]; then
  SERVER_JAR=$WORK/server.jar
  cp "$BENCH_SERVER_JAR" "$SERVER_JAR"
fi

CONSUMER_PID=""
stop_consumer() {
  [[ -n $CONSUMER_PID ]] || return 0
  kill -TERM "$CONSUMER_PID" 2>/dev/null || true
  wait "$CONSUMER_PID" 2>/dev/null || true
  CONSUMER_PID=""
}
trap 'stop_consumer; workspace_cleanup' EXIT

run_token

# shellcheck disable=SC2086 # the option strings are word lists on purpose
loopback_server 19900 18900 "$BENCH_SERVER_JAVA" $BENCH_SERVER_JVM_OPTS -jar "$SERVER_JAR" \
  --txgate.http.tokens[0].name=feed --txgate.http.tokens[0].sha256="$TOKEN_SHA256" \
  --txgate.http.tokens[0].scopes=read,metrics --logging.level.txgate.audit=WARN $BENCH_SERVER_ARGS
log "server ${BENCH_SERVER_JAR:-target/txgate.jar} up (pid $SERVER_PID); $FEED_WORKLOAD: $conns connections x batches of $size x $inflight in flight," \
  "$batches measured batches after $FEED_WARMUP_ROWS warm-up rows, once alone and once followed by the feed consumer"
TCP_PORTS=("$TCP_PORT")
warmup_batches=$(((FEED_WARMUP_ROWS + size - 1) / size))
run_id=feed-$(date +%s)

run_ingest() { # name
  load_start "$1" "$WORK/$1.json" "$conns" "$size" "$inflight" "$batches" "$warmup_batches" "$run_id-$1"
  await_measuring "$1"
  MEASURE_START_NS=$(date +%s%N)
  MEASURE_START_LINES=$(lines)
  load_finish "$1" "$WORK/$1.json"
  MEASURE_END_NS=$(date +%s%N)
  MEASURE_END_LINES=$(lines)
}

lines() { # complete lines the consumer has written so far
  if [[ -f $WORK/feed.ndjson ]]; then wc -l <"$WORK/feed.ndjson"; else echo 0; fi
}

stored() { # transactions in the store (a fresh one): the server's own counter of transactions stored
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" |
    awk '/^txgate_transactions_stored_total/ { printf "%d\n", $2; found = 1 } END { if (!found) print "?" }'
}

run_ingest quiet

log "starting the feed consumer from position 0 ($(stored) rows stored)"
TXGATE_FEED_TOKEN=$TOKEN "$BENCH_JAVA" -Xmx256m -jar "$JAR" --spring.profiles.active=feed \
  --txgate.feed.url="http://127.0.0.1:$HTTP_PORT" --txgate.feed.output="$WORK/feed.ndjson" \
  --txgate.feed.limit="$FEED_LIMIT" --txgate.feed.consumer=bench >"$WORK/consumer.log" 2>&1 &
CONSUMER_PID=$!
PIDS+=("$CONSUMER_PID")
deadline=$((SECONDS + 120))
until (($(lines) > 0)); do
  if ! kill -0 "$CONSUMER_PID" 2>/dev/null || ((SECONDS > deadline)); then
    log "the feed consumer wrote nothing; its log:"
    cat "$WORK/consumer.log" >&2
    exit 1
  fi
  sleep 0.2
done
run_ingest followed
during_rows=$((MEASURE_END_LINES - MEASURE_START_LINES))
during_s=$(awk -v a="$MEASURE_START_NS" -v b="$MEASURE_END_NS" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')

# Then ingest is idle: how fast does the consumer catch up?
total=$(stored)
after_start_ns=$(date +%s%N)
after_start_lines=$(lines)
deadline=$((SECONDS + 600))
while [[ $total != "?" ]] && (($(lines) < total)); do
  if ! kill -0 "$CONSUMER_PID" 2>/dev/null || ((SECONDS > deadline)); then
    log "the consumer did not catch up (exit or 600 s); last lines of its log:"
    tail -n 20 "$WORK/consumer.log" >&2
    exit 1
  fi
  sleep 0.05
done
after_end_ns=$(date +%s%N)
after_rows=$(($(lines) - after_start_lines))
stop_consumer

echo
echo "Ingest, $FEED_WORKLOAD, $batches measured batches each (acknowledgement latency in ms):"
printf '  %-9s %10s %10s %8s %8s %8s\n' run "batches/s" "rows/s" p50 p99 max
for run in quiet followed; do
  bps=$(json_number "$WORK/$run.json" batchesPerSecond)
  printf '  %-9s %10.0f %10.0f %8.1f %8.1f %8.1f\n' "$run" "$bps" "$(awk -v b="$bps" -v s="$size" 'BEGIN { print b * s }')" \
    "$(json_number "$WORK/$run.json" p50)" "$(json_number "$WORK/$run.json" p99)" "$(json_number "$WORK/$run.json" max)"
done
awk -v q="$(json_number "$WORK/quiet.json" batchesPerSecond)" -v f="$(json_number "$WORK/followed.json" batchesPerSecond)" \
  'BEGIN { printf "  ingest rate followed / alone: %.2f\n", f / q }'
echo
echo "Feed (bundled consumer, pages of $FEED_LIMIT, fsync per page):"
awk -v r="$during_rows" -v s="$during_s" 'BEGIN { printf "  while ingest ran: %d rows in %.1f s = %.0f rows/s\n", r, s, r / s }'
awk -v r="$after_rows" -v a="$after_start_ns" -v b="$after_end_ns" \
  'BEGIN { s = (b - a) / 1e9; if (r > 0) printf "  ingest idle, catching up: %d rows in %.1f s = %.0f rows/s\n", r, s, r / s; else print "  ingest idle: already caught up" }'
echo "  file: $(lines) lines, store: $total transactions"
