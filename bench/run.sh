#!/usr/bin/env bash
# The throughput benchmark of txgate, in one command: ./bench/run.sh
#
# For each workload (terminals: 64 connections x batches of 10 x 1 in flight; bulk: 8 connections x batches of 100 x
# 8 in flight) it
#   1. measures the raw limit: plain JDBC inserting the same rows into a fresh SQLite file with the server's schema and
#      durability settings, 1,000 rows per transaction (io.txgate.load.RawLimit);
#   2. starts the server from the built jar with a fresh database and -Xmx512m, on loopback ports only;
#   3. warms it up, then drives it with the load mode (profile "load") for a fixed number of batches;
#   4. stops the server and checks that every batch was ACCEPTED and the database holds exactly the rows sent;
#   5. prints tx/s, batches/s, p50/p99/max acknowledgement latency, the ratio to the raw limit and the server's
#      largest heap, and appends them with date, CPUs, JDK, load average and this command to BENCHMARKS.md.
# Everything is bounded (batch counts, timeouts) and the server is killed on any exit.
#
# Knobs (environment variables, defaults in brackets):
#   BENCH_WORKLOADS [terminals bulk]   BENCH_TERMINALS_BATCHES [50000]   BENCH_BULK_BATCHES [6000]
#   BENCH_WARMUP_ROWS [200000]          BENCH_ACCOUNTS [100]             BENCH_OUT [BENCHMARKS.md; "-" = don't write]
#   BENCH_JAVA [java] (raw, load, report)   BENCH_SERVER_JAVA [$BENCH_JAVA]
#   BENCH_SERVER_JVM_OPTS [] (e.g. JFR)     BENCH_SERVER_ARGS [] (e.g. --spring.threads.virtual.enabled=true)
#   BENCH_KEEP [0] (1 keeps the temp folder with logs, databases and JSON results)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

BENCH_WORKLOADS=${BENCH_WORKLOADS:-terminals bulk}
BENCH_TERMINALS_BATCHES=${BENCH_TERMINALS_BATCHES:-50000}
BENCH_BULK_BATCHES=${BENCH_BULK_BATCHES:-6000}
BENCH_WARMUP_ROWS=${BENCH_WARMUP_ROWS:-200000}
BENCH_ACCOUNTS=${BENCH_ACCOUNTS:-100}
BENCH_OUT=${BENCH_OUT:-BENCHMARKS.md}
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_SERVER_JAVA=${BENCH_SERVER_JAVA:-$BENCH_JAVA}
BENCH_SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:-}
BENCH_SERVER_ARGS=${BENCH_SERVER_ARGS:-}
BENCH_KEEP=${BENCH_KEEP:-0}

# The command as run, with the knobs that were set, for the record.
COMMAND="./bench/run.sh"
for knob in $(env | grep -o '^BENCH_[A-Z_]*' | sort); do
  COMMAND="$knob='${!knob}' $COMMAND"
done

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- build -------------------------------------------------------------------------------------------------------
JAR_BUILT=target/txgate.jar
if [[ ! -f $JAR_BUILT || -n $(find pom.xml src/main -newer "$JAR_BUILT" -print -quit) ]]; then
  log "building $JAR_BUILT"
  ./mvnw -B -q -o package -DskipTests || ./mvnw -B -q package -DskipTests
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/txgate-bench.XXXXXX")
SERVER_PID=""
JSTAT_PID=""
cleanup() {
  [[ -n $JSTAT_PID ]] && kill "$JSTAT_PID" 2>/dev/null || true
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $BENCH_KEEP == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A copy, so that a rebuild during the run cannot pull classes out from under the running JVMs.
JAR=$WORK/txgate.jar
cp "$JAR_BUILT" "$JAR"

server_jdk_bin=$(dirname "$(readlink -f "$(command -v "$BENCH_SERVER_JAVA")")")
JSTAT=$server_jdk_bin/jstat
[[ -x $JSTAT ]] || JSTAT=$(command -v jstat || true)

run_tool() { # main class, args...
  local main=$1
  shift
  "$BENCH_JAVA" -Xmx256m -cp "$JAR" -Dloader.main="$main" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}

free_port() { # first port from $1 on that nothing listens on
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

start_server() { # db folder
  TCP_PORT=$(free_port 19400)
  HTTP_PORT=$(free_port 18400)
  # shellcheck disable=SC2086 # the option strings are word lists on purpose
  "$BENCH_SERVER_JAVA" -Xmx512m $BENCH_SERVER_JVM_OPTS -jar "$JAR" \
    --spring.profiles.active=server \
    --txgate.store.path="$1/txgate.db" \
    --txgate.server.bind-address=127.0.0.1 --txgate.server.port="$TCP_PORT" \
    --server.address=127.0.0.1 --server.port="$HTTP_PORT" \
    $BENCH_SERVER_ARGS >"$1/server.log" 2>&1 &
  SERVER_PID=$!
  local deadline=$((SECONDS + 180))
  until curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS > deadline)); then
      log "server did not come up; last lines of $1/server.log:"
      tail -n 30 "$1/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  # Heap in use, sampled every 250 ms for as long as the server runs (one JVM, so it costs little CPU).
  if [[ -n $JSTAT ]]; then
    "$JSTAT" -gc "$SERVER_PID" 250 >"$1/jstat.txt" 2>/dev/null &
    JSTAT_PID=$!
  fi
  log "server up (pid $SERVER_PID, tcp $TCP_PORT, http $HTTP_PORT)"
}

stop_server() { # db folder; sets HEAP_MB RSS_MB GC_TEXT
  RSS_MB=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status" 2>/dev/null || echo NaN)
  [[ -n $JSTAT_PID ]] && kill "$JSTAT_PID" 2>/dev/null || true
  wait "$JSTAT_PID" 2>/dev/null || true
  JSTAT_PID=""
  kill -TERM "$SERVER_PID"
  local deadline=$((SECONDS + 60))
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      log "server did not stop within 60 s, killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    sleep 0.2
  done
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  HEAP_MB=NaN
  GC_TEXT=n/a
  if [[ -s $1/jstat.txt ]]; then
    read -r HEAP_MB GC_TEXT < <(awk '
      NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      $1 ~ /^[0-9.]+$/ {
        used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
        if (used > max) max = used
        last = sprintf("young=%d/%.2fs,full=%d/%.2fs", $col["YGC"], $col["YGCT"], $col["FGC"], $col["FGCT"])
      }
      END { printf "%.0f %s\n", max / 1024, last }' "$1/jstat.txt")
  fi
  if grep -q OutOfMemoryError "$1/server.log"; then
    log "the server ran out of memory, see $1/server.log"
    HEAP_MB=9999
  fi
}

load() { # name, summary file, connections, batch size, in flight, batches, run id
  local status=0
  "$BENCH_JAVA" -Xmx256m -jar "$JAR" --spring.profiles.active=load \
    --logging.level.root=WARN --logging.level.io.txgate.load=INFO \
    --txgate.load.port="$TCP_PORT" --txgate.load.summary-file="$2" \
    --txgate.load.connections="$3" --txgate.load.batch-size="$4" --txgate.load.in-flight="$5" \
    --txgate.load.batches="$6" --txgate.load.run-id="$7" --txgate.load.accounts="$BENCH_ACCOUNTS" \
    >"$WORK/$1.log" 2>&1 || status=$?
  grep -E "load run .* done|ERROR" "$WORK/$1.log" >&2 || true
  if [[ ! -s $2 ]]; then
    log "load run $1 wrote no summary (exit $status); last lines of its log:"
    tail -n 30 "$WORK/$1.log" >&2
    exit 1
  fi
}

# --- the record ----------------------------------------------------------------------------------------------------
JDK_SERVER=$("$BENCH_SERVER_JAVA" -XshowSettings:properties -version 2>&1 |
  awk -F' = ' '/java.vm.vendor/ {v=$2} /java.runtime.version/ {r=$2} END {print v " " r}')
JDK_CLIENT=$("$BENCH_JAVA" -XshowSettings:properties -version 2>&1 |
  awk -F' = ' '/java.vm.vendor/ {v=$2} /java.runtime.version/ {r=$2} END {print v " " r}')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git status --porcelain -- src pom.xml 2>/dev/null) ]] || COMMIT="$COMMIT+local changes"
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
TABLE=$WORK/table.md

log "raw limit and server, workloads: $BENCH_WORKLOADS; load average $LOAD_BEFORE; server JDK $JDK_SERVER"
FAILED=0
for workload in $BENCH_WORKLOADS; do
  case $workload in
    terminals) conns=64 size=10 inflight=1 batches=$BENCH_TERMINALS_BATCHES ;;
    bulk) conns=8 size=100 inflight=8 batches=$BENCH_BULK_BATCHES ;;
    *) log "unknown workload $workload (terminals, bulk)"; exit 2 ;;
  esac
  rows=$((batches * size))
  warmup_batches=$(((BENCH_WARMUP_ROWS + size - 1) / size))
  log "$workload: raw limit, $rows rows in batches of $size after $((warmup_batches * size)) warm-up rows"
  run_tool io.txgate.load.RawLimit --db="$WORK/raw-$workload.db" --rows="$rows" \
    --warmup-rows=$((warmup_batches * size)) --batch-size="$size" --accounts="$BENCH_ACCOUNTS" \
    --out="$WORK/raw-$workload.json" 2>&1 | grep "raw limit" >&2
  rm -f "$WORK/raw-$workload.db"*

  mkdir -p "$WORK/server-$workload"
  start_server "$WORK/server-$workload"
  run_id="bench-$(date +%s)-$workload"
  log "$workload: warm-up, $warmup_batches batches"
  load "warmup-$workload" "$WORK/warmup-$workload.json" "$conns" "$size" "$inflight" "$warmup_batches" "$run_id-w"
  log "$workload: $conns connections x batches of $size x $inflight in flight, $batches batches" \
    "(load average $(cut -d' ' -f1 /proc/loadavg))"
  load "$workload" "$WORK/$workload.json" "$conns" "$size" "$inflight" "$batches" "$run_id"
  stop_server "$WORK/server-$workload"
  run_tool io.txgate.load.BenchReport --workload="$workload" --raw="$WORK/raw-$workload.json" \
    --load="$WORK/$workload.json" --warmup="$WORK/warmup-$workload.json" --db="$WORK/server-$workload/txgate.db" \
    --heap-mb="$HEAP_MB" --rss-mb="$RSS_MB" --gc="$GC_TEXT" --out="$TABLE" 2>&1 | grep -v "^\s*$" >&2 ||
    FAILED=1
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo
  echo "### $STARTED"
  echo
  echo "- command: \`$COMMAND\` (commit $COMMIT)"
  echo "- machine: $(nproc) CPUs, $(uname -sr); server JDK $JDK_SERVER, client JDK $JDK_CLIENT;" \
    "load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "- sizes: terminals $BENCH_TERMINALS_BATCHES batches, bulk $BENCH_BULK_BATCHES batches, after" \
    "$BENCH_WARMUP_ROWS warm-up transactions each; rows spread over $BENCH_ACCOUNTS accounts;" \
    "server ${BENCH_SERVER_JVM_OPTS:+$BENCH_SERVER_JVM_OPTS }-Xmx512m ${BENCH_SERVER_ARGS}"
  echo
  echo "| workload | conns x batch x in flight | tx sent | tx/s | batches/s | p50 ms | p99 ms | max ms | raw tx/s | ratio to raw | all ACCEPTED | DB rows = sent | heap max MB | RSS max MB | targets |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | --- |"
  cat "$TABLE"
} >"$WORK/section.md"

cat "$WORK/section.md"
if [[ $BENCH_OUT != - ]]; then
  [[ -f $BENCH_OUT ]] || printf '# Benchmarks\n\nRuns of `bench/run.sh`, newest last.\n' >"$BENCH_OUT"
  cat "$WORK/section.md" >>"$BENCH_OUT"
  log "appended to $BENCH_OUT"
fi
exit $FAILED
