#!/usr/bin/env bash
# Where one workload's time goes inside the server, measured over the measured batches only (not start-up, not
# warm-up): ./bench/profile.sh
#
# It starts the server from the built jar with a fresh SQLite database in a temporary folder (-Xmx512m, loopback
# only), drives it with the load generator (warm-up batches, then the measured batches on the same connections), and over
# the measured part
#   - samples every server thread's time on a CPU, waiting in the run queue for one, and its context switches
#     (/proc/<pid>/task/*/schedstat), summed per thread group (txgate-writer, txgate-conn, compiler, GC, ...);
#   - reads the server's ack latency and commit duration histograms (before and after) and prints their percentiles;
#   - with PROFILE_EVENT set (cpu, wall, alloc, lock, itimer), attaches async-profiler (fetched from Maven Central
#     into target/, not a dependency of the project) and writes its stacks in collapsed form, one line per stack with
#     the thread name first, to PROFILE_OUT; then prints the share of samples per thread group.
# Everything is bounded (batch counts, timeouts) and the server is killed on exit.
#
# Knobs (environment variables, defaults in brackets):
#   PROFILE_WORKLOAD [terminals] (or bulk; the shapes of bench/run.sh)   PROFILE_BATCHES [50000 terminals, 6000 bulk]
#   PROFILE_WARMUP_ROWS [200000]   PROFILE_EVENT [] (no profiler)   PROFILE_OUT [profile-<workload>.collapsed]
#   BENCH_JAVA [java] (load)   BENCH_SERVER_JAVA [$BENCH_JAVA]   BENCH_SERVER_JVM_OPTS []   BENCH_SERVER_ARGS []
#   BENCH_KEEP [0] (1 keeps the temporary folder with the logs and the database)
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE_WORKLOAD=${PROFILE_WORKLOAD:-terminals}
PROFILE_WARMUP_ROWS=${PROFILE_WARMUP_ROWS:-200000}
PROFILE_EVENT=${PROFILE_EVENT:-}
PROFILE_OUT=${PROFILE_OUT:-profile-$PROFILE_WORKLOAD.collapsed}
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_SERVER_JAVA=${BENCH_SERVER_JAVA:-$BENCH_JAVA}
BENCH_SERVER_JVM_OPTS=${BENCH_SERVER_JVM_OPTS:-}
BENCH_SERVER_ARGS=${BENCH_SERVER_ARGS:-}
ASYNC_PROFILER=tools.profiler:async-profiler:4.2:jar:linux-x64

log() { printf '[profile %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
workload_shape PROFILE_WORKLOAD "$PROFILE_WORKLOAD" "${PROFILE_BATCHES:-50000}" "${PROFILE_BATCHES:-6000}"
build_if_stale

AGENT=""
if [[ -n $PROFILE_EVENT ]]; then
  AGENT=target/async-profiler/linux-x64/libasyncProfiler.so
  if [[ ! -f $AGENT ]]; then
    log "fetching async-profiler ($ASYNC_PROFILER) from Maven Central"
    ./mvnw -B -q dependency:copy -Dartifact="$ASYNC_PROFILER" -DoutputDirectory=target/async-profiler
    (cd target/async-profiler && unzip -q -o async-profiler-*-linux-x64.jar 'linux-x64/*')
  fi
  AGENT=$(readlink -f "$AGENT")
  [[ $PROFILE_OUT == /* ]] || PROFILE_OUT=$PWD/$PROFILE_OUT
fi

workspace txgate-profile
# shellcheck disable=SC2086 # the option strings are word lists on purpose
loopback_server 19600 18600 "$BENCH_SERVER_JAVA" $BENCH_SERVER_JVM_OPTS -jar "$JAR" --txgate.http.open-metrics=true \
  --management.metrics.distribution.percentiles-histogram.txgate.commit.duration=true $BENCH_SERVER_ARGS
log "server up (pid $SERVER_PID); $PROFILE_WORKLOAD: $conns connections x batches of $size x $inflight in flight," \
  "$batches measured batches after $PROFILE_WARMUP_ROWS warm-up rows"

TCP_PORTS=("$TCP_PORT")
load_start load "$WORK/load.json" "$conns" "$size" "$inflight" "$batches" $(((PROFILE_WARMUP_ROWS + size - 1) / size)) \
  "profile-$(date +%s)"
await_measuring load

JCMD=$(dirname "$(readlink -f "$(command -v "$BENCH_SERVER_JAVA")")")/jcmd
[[ -x $JCMD ]] || JCMD=jcmd
metrics() {
  curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/actuator/prometheus" |
    grep -E '^txgate_(ack_latency|commit_duration)_seconds_bucket' || true
}
profiler() { # async-profiler command; the quotes keep jcmd from reading "event=cpu" as an option of its own
  "$JCMD" "$SERVER_PID" JVMTI.agent_load "$AGENT" "\"$1\"" >/dev/null
}

thread_times "$SERVER_PID" >"$WORK/threads-before.tsv"
metrics >"$WORK/metrics-before.txt"
[[ -z $AGENT ]] || profiler "start,event=$PROFILE_EVENT,interval=997us,threads"
status=0
wait "$LOAD_PID" || status=$?
thread_times "$SERVER_PID" >"$WORK/threads-after.tsv"
metrics >"$WORK/metrics-after.txt"
[[ -z $AGENT ]] || profiler "stop,collapsed,file=$PROFILE_OUT"
grep -E "load run .* done|ERROR" "$WORK/load.log" >&2 || true

echo
echo "Server threads during the measured batches, summed per group (waiting: runnable, but no CPU free):"
printf '  %9s %10s %10s  %s\n' "CPU s" "waiting s" "switches" "threads"
# A group's threads differ only in a trailing number (txgate-conn-17, C2 CompilerThread0, GC Thread#1).
awk -F'\t' '
  FNR == NR { cpu[$1] = $3; wait[$1] = $4; n[$1] = $5; next }
  {
    g = $2; sub(/[-#]?[0-9]+$/, "", g)
    dc[g] += $3 - cpu[$1]; dw[g] += $4 - wait[$1]; dn[g] += $5 - n[$1]
  }
  END { for (g in dc) printf "  %9.2f %10.2f %10d  %s\n", dc[g] / 1e9, dw[g] / 1e9, dn[g], g }' \
  "$WORK/threads-before.tsv" "$WORK/threads-after.tsv" | sort -nr | head -8

echo
echo "Server histograms over the measured batches (bucket upper bounds):"
for series in 'txgate_ack_latency_seconds_bucket.*status="ACCEPTED"' 'txgate_commit_duration_seconds_bucket.*result="ok"'; do
  awk -v series="$series" '
    # The bound as written ("0.0112", "+Inf"): the key of the bucket in both files.
    function le(line) { match(line, /le="[^"]+"/); return substr(line, RSTART + 4, RLENGTH - 5) }
    $0 !~ series { next }
    FNR == NR { before[le($0)] = $NF; next }
    { count[le($0)] = $NF - before[le($0)]; bounds[++k] = le($0) }
    END {
      if (k == 0) exit
      total = count[bounds[k]]
      split(series, name, "_bucket")
      printf "  %-28s n=%d", name[1], total
      for (q = 1; q <= 4; q++) {
        target = (q == 1 ? 0.5 : q == 2 ? 0.9 : q == 3 ? 0.99 : 0.999) * total
        for (i = 1; i <= k; i++) if (count[bounds[i]] >= target) break
        printf ", p%s <= %s ms", (q == 1 ? "50" : q == 2 ? "90" : q == 3 ? "99" : "99.9"), \
          (bounds[i] == "+Inf" ? "+Inf" : sprintf("%.1f", bounds[i] * 1000))
      }
      printf "\n"
    }' "$WORK/metrics-before.txt" "$WORK/metrics-after.txt"
done

if [[ -n $AGENT ]]; then
  echo
  echo "async-profiler ($PROFILE_EVENT) samples per thread group, stacks in $PROFILE_OUT:"
  # Each line: "[thread name tid=N];frame;...;frame count".
  awk '
    {
      name = substr($0, 2, index($0, ";") - 2); sub(/ tid=[0-9]+\]$/, "", name); sub(/[-#]?[0-9]+$/, "", name)
      share[name] += $NF; total += $NF
    }
    END { for (g in share) printf "  %5.1f%%  %s\n", share[g] * 100 / total, g }' "$PROFILE_OUT" | sort -nr | head -8
fi
exit "$status"
