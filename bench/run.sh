#!/usr/bin/env bash
# The throughput benchmark of txgate, in one command: ./bench/run.sh (SQLite), BENCH_STORE=postgres ./bench/run.sh
#
# For each workload (terminals: 64 connections x batches of 10 x 1 in flight; bulk: 8 connections x batches of 100 x
# 8 in flight) it
#   1. measures the raw limit: plain JDBC inserting the same rows with the server writer's statements into a fresh
#      database (SQLite file, or a new PostgreSQL schema) with the server's schema and durability settings, as many
#      rows per transaction as the workload can put into one group commit (connections x batch size x in flight, at
#      most max-group-rows: terminals 640, bulk 5,000) (io.txgate.bench.RawLimit); and the bare minimum: the same rows
#      and commits without the account index;
#   2. starts the server(s) from the built jar with a fresh database and -Xmx512m each, on loopback ports only; on
#      PostgreSQL once per entry of BENCH_INSTANCES, the instances sharing one schema;
#   3. drives them with the load generator (io.txgate.bench.LoadMain), its connections spread evenly over the instances: first the
#      warm-up batches, then, on the same connections and in the same client process, the measured batches (so the
#      figures are those of warm terminals that stay connected, without the client's start-up or a reconnect);
#   4. stops the servers and checks that every batch was ACCEPTED and the database holds exactly the rows sent;
#   5. prints tx/s, batches/s, p50/p99/max acknowledgement latency, the raw limit and the ratio to it, the bare
#      minimum, the database's bytes per stored transaction, the CPU time per
#      transaction of the server(s), the database's own processes and the load generator during the measured
#      batches, the writer threads' time per transaction on a CPU and waiting for one, the servers' largest heap,
#      RSS and GC counts, and appends them with date, CPUs, JDKs, store, load average, commit and this command to
#      BENCHMARKS.md (BENCH_REPEAT > 1 adds medians and ranges).
# Everything is bounded (batch counts, timeouts), servers are killed on any exit and PostgreSQL schemas dropped.
#
# Knobs (environment variables, defaults in brackets):
#   BENCH_WORKLOADS [terminals bulk]   BENCH_TERMINALS_BATCHES [50000]   BENCH_BULK_BATCHES [6000]
#   BENCH_WARMUP_ROWS [200000]          BENCH_ACCOUNTS [100]             BENCH_OUT [BENCHMARKS.md; "-" = don't write]
#   BENCH_REPEAT [1] (runs everything, raw limit included, this many times and adds the median and range of each
#                     workload's tx/s, p99 and ratio: on a shared VM one run's figures move by +-20%)
#   BENCH_JAVA [java] (raw, load, report)   BENCH_SERVER_JAVA [$BENCH_JAVA]
#   BENCH_SERVER_JVM_OPTS [] (e.g. JFR)     BENCH_SERVER_ARGS [] (e.g. --spring.threads.virtual.enabled=true)
#   BENCH_KEEP [0] (1 keeps the temp folder with logs, databases and JSON results, and the PostgreSQL schemas)
#   BENCH_STORE [sqlite] (or postgres)      BENCH_INSTANCES [1; "1 2" on postgres] (servers sharing the store per run)
#   BENCH_PG_URL [jdbc:postgresql://127.0.0.1:5432/test]   BENCH_PG_USER [postgres]   BENCH_PG_PASSWORD []
#   BENCH_RAW [1] (0 skips the raw limits)   BENCH_SERVER_JAR [target/txgate.jar] (the server; tools come from the
#   build)   BENCH_LABEL [] and BENCH_RESULTS [] (a file: one JSON line per workload run, labelled; bench/compare.sh)
set -euo pipefail

cd "$(dirname "$0")/.."

BENCH_WORKLOADS=${BENCH_WORKLOADS:-terminals bulk}
BENCH_TERMINALS_BATCHES=${BENCH_TERMINALS_BATCHES:-50000}
BENCH_BULK_BATCHES=${BENCH_BULK_BATCHES:-6000}
BENCH_WARMUP_ROWS=${BENCH_WARMUP_ROWS:-200000}
BENCH_REPEAT=${BENCH_REPEAT:-1}
BENCH_ACCOUNTS=${BENCH_ACCOUNTS:-100}
BENCH_OUT=${BENCH_OUT:-BENCHMARKS.md}
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_SERVER_JAVA=${BENCH_SERVER_JAVA:-$BENCH_JAVA}
BENCH_SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:-}
BENCH_SERVER_ARGS=${BENCH_SERVER_ARGS:-}
BENCH_KEEP=${BENCH_KEEP:-0}
BENCH_STORE=${BENCH_STORE:-sqlite}
BENCH_PG_URL=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
BENCH_PG_USER=${BENCH_PG_USER:-postgres}
BENCH_PG_PASSWORD=${BENCH_PG_PASSWORD:-}
BENCH_RAW=${BENCH_RAW:-1}
BENCH_SERVER_JAR=${BENCH_SERVER_JAR:-}
BENCH_LABEL=${BENCH_LABEL:-}
BENCH_RESULTS=${BENCH_RESULTS:-}
# The server's txgate.store.max-group-rows: a group commit takes batches until it holds this many rows.
MAX_GROUP_ROWS=5000
case $BENCH_STORE in
  sqlite) BENCH_INSTANCES=${BENCH_INSTANCES:-1} ;;
  postgres) BENCH_INSTANCES=${BENCH_INSTANCES:-1 2} ;;
  *) echo "BENCH_STORE must be sqlite or postgres, was '$BENCH_STORE'" >&2; exit 2 ;;
esac
if [[ ! $BENCH_REPEAT =~ ^[1-9][0-9]*$ ]]; then
  echo "BENCH_REPEAT must be a positive number of runs, was '$BENCH_REPEAT'" >&2
  exit 2
fi
for n in $BENCH_INSTANCES; do
  if [[ ! $n =~ ^[1-9][0-9]*$ ]] || { [[ $BENCH_STORE == sqlite ]] && ((n != 1)); }; then
    echo "BENCH_INSTANCES: '$n' is not a server count (SQLite is one server's file: 1 only)" >&2
    exit 2
  fi
done

# The command as run, with the knobs that were set, for the record (which is committed: no password in it).
COMMAND="./bench/run.sh"
for knob in $(env | grep -o '^BENCH_[A-Z_]*' | sort); do
  if [[ $knob == BENCH_PG_PASSWORD ]]; then
    COMMAND="$knob=*** $COMMAND"
  else
    COMMAND="$knob='${!knob}' $COMMAND"
  fi
done

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- build -------------------------------------------------------------------------------------------------------
# shellcheck source=bench/lib.sh
source bench/lib.sh
build_if_stale

WORK=$(mktemp -d "${TMPDIR:-/tmp}/txgate-bench.XXXXXX")
SERVER_PIDS=()
JSTAT_PIDS=()
SCHEMAS=()
LOAD_PID=""
cleanup() {
  local pid schema
  for pid in "${JSTAT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}" $LOAD_PID; do kill -KILL "$pid" 2>/dev/null || true; done
  release_ports
  if [[ $BENCH_KEEP == 1 ]]; then
    log "kept $WORK${SCHEMAS[*]:+ and PostgreSQL schemas ${SCHEMAS[*]}}"
  else
    for schema in "${SCHEMAS[@]}"; do pg_schema --drop="$schema" || true; done
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Copies, so that a rebuild during the run cannot pull classes out from under the running JVMs. The server may be
# another build (bench/compare.sh); the measuring tools (test classes, bench/lib.sh) are always this checkout's.
JAR=$WORK/txgate.jar
cp target/txgate.jar "$JAR"
bench_tools "$WORK/tools"
SERVER_JAR=$JAR
if [[ -n $BENCH_SERVER_JAR ]]; then
  SERVER_JAR=$WORK/server.jar
  cp "$BENCH_SERVER_JAR" "$SERVER_JAR"
fi

server_jdk_bin=$(dirname "$(readlink -f "$(command -v "$BENCH_SERVER_JAVA")")")
JSTAT=$server_jdk_bin/jstat
[[ -x $JSTAT ]] || JSTAT=$(command -v jstat || true)


pg_url() { # schema
  echo "$BENCH_PG_URL$([[ $BENCH_PG_URL == *\?* ]] && echo '&' || echo '?')currentSchema=$1"
}

pg_schema() { # --create=NAME | --drop=NAME
  run_tool io.txgate.bench.PostgresSchema --url="$BENCH_PG_URL" --user="$BENCH_PG_USER" \
    --password="$BENCH_PG_PASSWORD" "$1"
}

create_schema() { # name; dropped by drop_schema, or at exit whatever happens
  SCHEMAS+=("$1")
  pg_schema --create="$1"
}

drop_schema() { # name; kept with BENCH_KEEP=1
  [[ $BENCH_KEEP == 1 ]] && return 0
  pg_schema --drop="$1"
  local kept=() schema
  for schema in "${SCHEMAS[@]}"; do [[ $schema == "$1" ]] || kept+=("$schema"); done
  SCHEMAS=("${kept[@]}")
}

store_args() { # folder of this server, schema (postgres); prints the server's store arguments
  if [[ $BENCH_STORE == postgres ]]; then
    printf '%s\n' --spring.profiles.active=server,postgres --spring.datasource.url="$(pg_url "$2")" \
      --spring.datasource.username="$BENCH_PG_USER" --spring.datasource.password="$BENCH_PG_PASSWORD"
  else
    printf '%s\n' --spring.profiles.active=server --txgate.store.path="$1/txgate.db"
  fi
}

start_servers() { # count, run folder, schema (postgres); one after the other, so only the first one migrates
  TCP_PORTS=()
  local i dir tcp http management pid store
  for ((i = 1; i <= $1; i++)); do
    dir=$2/server-$i
    mkdir -p "$dir"
    tcp=$(free_port $((19400 + 10 * i)))
    http=$(free_port $((18400 + 10 * i)))
    management=$(free_port $((http + 1)))
    mapfile -t store < <(store_args "$dir" "${3:-}")
    # shellcheck disable=SC2086 # the option strings are word lists on purpose
    "$BENCH_SERVER_JAVA" -Xmx512m $BENCH_SERVER_JVM_OPTS -jar "$SERVER_JAR" "${store[@]}" \
      --txgate.server.bind-address=127.0.0.1 --txgate.server.port="$tcp" \
      --server.address=127.0.0.1 --server.port="$http" \
      --management.server.address=127.0.0.1 --management.server.port="$management" \
      $BENCH_SERVER_ARGS >"$dir/server.log" 2>&1 &
    pid=$!
    SERVER_PIDS+=("$pid")
    local deadline=$((SECONDS + 180))
    until curl -sf "http://127.0.0.1:$management/actuator/health" >/dev/null 2>&1; do
      if ! kill -0 "$pid" 2>/dev/null || ((SECONDS > deadline)); then
        log "server $i did not come up; last lines of $dir/server.log:"
        tail -n 30 "$dir/server.log" >&2
        exit 1
      fi
      sleep 0.5
    done
    # Heap in use, sampled every 250 ms for as long as the server runs (one JVM, so it costs little CPU).
    if [[ -n $JSTAT ]]; then
      "$JSTAT" -gc "$pid" 250 >"$dir/jstat.txt" 2>/dev/null &
      JSTAT_PIDS+=("$!")
    fi
    TCP_PORTS+=("$tcp")
    log "server $i up (pid $pid, tcp $tcp, http $http)"
  done
}

cpu_seconds() { # CPU time (user + system) used so far by the given processes, in seconds
  local pid total=0 ticks
  for pid in "$@"; do
    # Fields 14 and 15 count from the end of "(comm)", which may itself hold spaces.
    ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || ticks=0
    total=$((total + ${ticks:-0}))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}'
}

database_pids() { # the local PostgreSQL's processes, whose CPU the store's work costs; none for SQLite
  [[ $BENCH_STORE == postgres ]] || return 0
  local stat
  for stat in /proc/[0-9]*/stat; do
    [[ $(cut -d' ' -f2 "$stat" 2>/dev/null) == "(postgres)" ]] && basename "$(dirname "$stat")"
  done
  return 0
}

stop_servers() { # run folder; sets HEAP_MB RSS_MB GC_TEXT, the largest over all servers
  local i pid dir heap gc rss
  HEAP_MB=NaN RSS_MB=0 GC_TEXT=""
  for i in "${!SERVER_PIDS[@]}"; do
    rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/${SERVER_PIDS[$i]}/status" 2>/dev/null || echo 0)
    if ((rss > RSS_MB)); then RSS_MB=$rss; fi
  done
  for pid in "${JSTAT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  JSTAT_PIDS=()
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + 60))
  for pid in "${SERVER_PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS > deadline)); then
        log "server $pid did not stop within 60 s, killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      sleep 0.2
    done
    wait "$pid" 2>/dev/null || true
  done
  for i in "${!SERVER_PIDS[@]}"; do
    dir=$1/server-$((i + 1))
    heap=NaN gc=n/a
    if [[ -s $dir/jstat.txt ]]; then
      read -r heap gc < <(awk '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 ~ /^[0-9.]+$/ {
          used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
          if (used > max) max = used
          last = sprintf("young=%d/%.2fs,full=%d/%.2fs", $col["YGC"], $col["YGCT"], $col["FGC"], $col["FGCT"])
        }
        END { printf "%.0f %s\n", max / 1024, last }' "$dir/jstat.txt")
    fi
    if grep -q OutOfMemoryError "$dir/server.log"; then
      log "server $((i + 1)) ran out of memory, see $dir/server.log"
      heap=9999
    fi
    if [[ $heap =~ ^[0-9]+$ ]] && { [[ $HEAP_MB == NaN ]] || ((heap > HEAP_MB)); }; then HEAP_MB=$heap; fi
    GC_TEXT+="${GC_TEXT:+ }$gc"
  done
  SERVER_PIDS=()
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

RUN=bench_$(date +%s)
log "raw limit and server, workloads: $BENCH_WORKLOADS; store $BENCH_STORE, instances $BENCH_INSTANCES;" \
  "load average $LOAD_BEFORE; server JDK $JDK_SERVER"
FAILED=0
for ((rep = 1; rep <= BENCH_REPEAT; rep++)); do
  run_label=""
  ((BENCH_REPEAT == 1)) || run_label="$rep of $BENCH_REPEAT"
  for workload in $BENCH_WORKLOADS; do
    workload_shape BENCH_WORKLOADS "$workload" "$BENCH_TERMINALS_BATCHES" "$BENCH_BULK_BATCHES"
    rows=$((batches * size))
    warmup_batches=$(((BENCH_WARMUP_ROWS + size - 1) / size))
    # The rows one group commit can hold: every connection's batches in flight, up to max-group-rows (whole batches).
    group=$((conns * size * inflight))
    cap=$(((MAX_GROUP_ROWS + size - 1) / size * size))
    ((group <= cap)) || group=$cap
    raw_args=()
    DURABILITY="not measured (BENCH_RAW=0)"
    if [[ $BENCH_RAW == 1 ]]; then
      for kind in raw bare; do
        note="raw limit"
        [[ $kind == bare ]] && note="bare minimum (the same without the account index)"
        log "$workload: $note, $rows rows in batches of $size, $group rows per commit, after" \
          "$((warmup_batches * size)) warm-up rows"
        raw_target=(--db="$WORK/$kind-$workload.db")
        if [[ $BENCH_STORE == postgres ]]; then
          create_schema "${RUN}_${kind}_${workload}_$rep"
          raw_target=(--url="$(pg_url "${RUN}_${kind}_${workload}_$rep")" --user="$BENCH_PG_USER"
            --password="$BENCH_PG_PASSWORD")
        fi
        extra=()
        [[ $kind == bare ]] && extra=(--without-account-index)
        run_tool io.txgate.bench.RawLimit "${raw_target[@]}" --rows="$rows" \
          --warmup-rows=$((warmup_batches * size)) --batch-size="$size" --rows-per-commit="$group" \
          --accounts="$BENCH_ACCOUNTS" "${extra[@]}" --out="$WORK/$kind-$workload.json" 2>&1 | grep "raw limit" >&2
        rm -f "$WORK/$kind-$workload.db"*
        if [[ $BENCH_STORE == postgres ]]; then drop_schema "${RUN}_${kind}_${workload}_$rep"; fi
        raw_args+=(--"$kind"="$WORK/$kind-$workload.json")
      done
      DURABILITY=$(sed -n 's/.*"durability":"\([^"]*\)".*/\1/p' "$WORK/raw-$workload.json")
    fi

    for instances in $BENCH_INSTANCES; do
      name=$workload-$instances-$rep
      db_target=(--db="$WORK/$name/server-1/txgate.db")
      schema=""
      if [[ $BENCH_STORE == postgres ]]; then
        schema=${RUN}_${workload}_${instances}_$rep
        create_schema "$schema"
        db_target=(--url="$(pg_url "$schema")" --user="$BENCH_PG_USER" --password="$BENCH_PG_PASSWORD")
      fi
      start_servers "$instances" "$WORK/$name" "$schema"
      run_id="$RUN-$name"
      log "$name: $conns connections x batches of $size x $inflight in flight, $warmup_batches warm-up batches" \
        "then $batches measured on the same connections, $instances server(s)" \
        "(load average $(cut -d' ' -f1 /proc/loadavg))"
      mapfile -t db_pids < <(database_pids)
      load_start "$name" "$WORK/$name.json" "$conns" "$size" "$inflight" "$batches" "$warmup_batches" "$run_id"
      await_measuring "$name"
      server_cpu=$(cpu_seconds "${SERVER_PIDS[@]}") db_cpu=$(cpu_seconds "${db_pids[@]}")
      thread_times "${SERVER_PIDS[@]}" >"$WORK/$name-threads-before.tsv"
      load_finish "$name" "$WORK/$name.json"
      thread_times "${SERVER_PIDS[@]}" >"$WORK/$name-threads-after.tsv"
      read -r writer_cpu writer_wait < <(thread_seconds_between txgate-writer "$WORK/$name-threads-before.tsv" \
        "$WORK/$name-threads-after.tsv")
      server_cpu=$(awk -v a="$server_cpu" -v b="$(cpu_seconds "${SERVER_PIDS[@]}")" 'BEGIN {print b - a}')
      db_cpu=$(awk -v a="$db_cpu" -v b="$(cpu_seconds "${db_pids[@]}")" 'BEGIN {print b - a}')
      stop_servers "$WORK/$name"
      run_tool io.txgate.bench.BenchReport --workload="$workload" --instances="$instances" --run="$run_label" \
        "${raw_args[@]}" --load="$WORK/$name.json" --label="$BENCH_LABEL" \
        ${BENCH_RESULTS:+--json-out="$BENCH_RESULTS"} \
        "${db_target[@]}" --heap-mb="$HEAP_MB" --rss-mb="$RSS_MB" --gc="$GC_TEXT" --server-cpu-s="$server_cpu" \
        --database-cpu-s="$db_cpu" --writer-cpu-s="$writer_cpu" \
        --writer-wait-s="$writer_wait" --out="$TABLE" 2>&1 |
        grep -v "^\s*$" >&2 || FAILED=1
      if [[ -n $schema ]]; then drop_schema "$schema"; fi
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# With BENCH_REPEAT > 1: per workload (and server count) the median and range of tx/s, p99 and the ratio to raw over
# the repeated runs, read back from the table rows (columns: label, shape, sent, tx/s, batches/s, p50, p99, max, raw,
# ratio, ...).
repeat_summary() {
  awk -F'|' '
    function trim(x) { gsub(/^ +| +$/, "", x); return x }
    function num(x) { x = trim(x); gsub(/[,%]/, "", x); return x + 0 }
    function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
    function median(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    function group(x,   s) { s = sprintf("%.0f", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
    {
      label = trim($2); sub(/ \(run [0-9]+ of [0-9]+\)$/, "", label)
      if (!(label in count)) order[++labels] = label
      k = ++count[label]
      tps[label, k] = num($5); p99[label, k] = num($8); ratio[label, k] = num($11)
    }
    END {
      for (l = 1; l <= labels; l++) {
        label = order[l]; n = count[label]
        for (i = 1; i <= n; i++) { a[i] = tps[label, i]; b[i] = p99[label, i]; c[i] = ratio[label, i] }
        sort(a, n); sort(b, n); sort(c, n)
        printf "- %s, median of %d runs: %s tx/s (%s-%s), p99 %.1f ms (%.1f-%.1f), %.0f%% of raw (%.0f-%.0f%%)\n", \
          label, n, group(median(a, n)), group(a[1]), group(a[n]), median(b, n), b[1], b[n], median(c, n), c[1], c[n]
      }
    }' "$TABLE"
}

{
  echo
  echo "### $STARTED"
  echo
  echo "- command: \`$COMMAND\` (commit $COMMIT)"
  echo "- machine: $(nproc) CPUs, $(uname -sr); server JDK $JDK_SERVER, client JDK $JDK_CLIENT;" \
    "load average before $LOAD_BEFORE, after $LOAD_AFTER"
  if [[ $BENCH_STORE == postgres ]]; then
    echo "- store: PostgreSQL at $BENCH_PG_URL on the same machine ($DURABILITY), a fresh schema per run;" \
      "instances per run: $BENCH_INSTANCES"
  else
    echo "- store: SQLite file ($DURABILITY)"
  fi
  echo "- sizes: terminals $BENCH_TERMINALS_BATCHES batches, bulk $BENCH_BULK_BATCHES batches, after" \
    "$BENCH_WARMUP_ROWS warm-up transactions each; rows spread over $BENCH_ACCOUNTS accounts;" \
    "each server ${BENCH_SERVER_JVM_OPTS:+$BENCH_SERVER_JVM_OPTS }-Xmx512m ${BENCH_SERVER_ARGS}"
  echo
  echo "| workload | conns x batch x in flight | tx sent | tx/s | batches/s | p50 ms | p99 ms | max ms | raw tx/s, our schema (rows/commit) | ratio to raw | bare-minimum tx/s (no account index) | DB bytes/tx | all ACCEPTED | DB rows = sent | CPU µs/tx server + db + load | writer µs/tx on CPU + waiting for one | heap max MB | RSS max MB | targets (issue 3) |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | ---: | --- |"
  cat "$TABLE"
  if ((BENCH_REPEAT > 1)); then
    echo
    repeat_summary
  fi
} >"$WORK/section.md"

cat "$WORK/section.md"
if [[ $BENCH_OUT != - ]]; then
  [[ -f $BENCH_OUT ]] || printf '# Benchmarks\n\nRuns of `bench/run.sh`, newest last.\n' >"$BENCH_OUT"
  cat "$WORK/section.md" >>"$BENCH_OUT"
  log "appended to $BENCH_OUT"
fi
exit $FAILED
