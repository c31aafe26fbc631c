#!/usr/bin/env bash
# How many threads and how much memory the server needs while many connections each wait for a commit.
#
#   ./bench/threads.sh                 server on `java` (Java 17: one platform thread per connection)
#   BENCH_SERVER_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
#   BENCH_SERVER_ARGS=--spring.threads.virtual.enabled=true ./bench/threads.sh     (virtual threads)
#
# It starts the server on loopback with a fresh database, holds SQLite's write lock (io.txgate.bench.HoldWriteLock)
# so no commit can finish, opens BENCH_CONNECTIONS [1000] connections that each send one batch, samples the
# server's OS threads, RSS and heap while all of them wait, releases the lock, and checks every batch was ACCEPTED.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-1000}
BENCH_JAVA=${BENCH_JAVA:-java}
BENCH_SERVER_JAVA=${BENCH_SERVER_JAVA:-$BENCH_JAVA}
BENCH_SERVER_ARGS=${BENCH_SERVER_ARGS:-}
LOCK_SECONDS=${BENCH_LOCK_SECONDS:-25}

log() { printf '[threads %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
build_if_stale
workspace txgate-threads
TCP_PORT=$(free_port 19800)
HTTP_PORT=$(free_port 18800)
MANAGEMENT_PORT=$(free_port $((HTTP_PORT + 1)))

# shellcheck disable=SC2086
start_server "$BENCH_SERVER_JAVA" -jar "$JAR" --spring.profiles.active=server --txgate.store.path="$WORK/txgate.db" \
  --txgate.server.bind-address=127.0.0.1 --txgate.server.port="$TCP_PORT" --txgate.server.backlog=2000 \
  --txgate.server.reply-timeout=60s --server.address=127.0.0.1 --server.port="$HTTP_PORT" \
  --txgate.server.max-connections="$BENCH_CONNECTIONS" --txgate.server.max-connections-per-address="$BENCH_CONNECTIONS" \
  --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT" \
  --spring.datasource.url="jdbc:sqlite:$WORK/txgate.db?journal_mode=WAL&synchronous=FULL&busy_timeout=60000&foreign_keys=true" \
  $BENCH_SERVER_ARGS

sample() { # label
  local threads rss heap conn
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status")
  rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status")
  conn=$(grep -l '^txgate-conn' /proc/"$SERVER_PID"/task/*/comm 2>/dev/null | wc -l)
  local vthreads=""
  if "$JCMD" "$SERVER_PID" Thread.dump_to_file -format=json "$WORK/dump-$RANDOM.json" >/dev/null 2>&1; then
    vthreads=", $(cat "$WORK"/dump-*.json | grep -c '"name": "txgate-conn') txgate-conn threads in a thread dump"
    rm -f "$WORK"/dump-*.json
  fi
  heap=$("$JCMD" "$SERVER_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1)}')
  echo "$1: OS threads $threads (txgate-conn OS threads $conn$vthreads), RSS ${rss} MB, heap used ${heap:-?}"
}

JCMD=$(dirname "$(readlink -f "$(command -v "$BENCH_SERVER_JAVA")")")/jcmd
[[ -x $JCMD ]] || JCMD=jcmd
JDK=$("$BENCH_SERVER_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
log "server JDK $JDK ${BENCH_SERVER_ARGS}"
BEFORE=$(sample "idle")

tool_start "$WORK/lock.log" io.txgate.bench.HoldWriteLock --db="$WORK/txgate.db" --seconds="$LOCK_SECONDS"
PIDS+=("$TOOL_PID")
until grep -q "holding the write lock" "$WORK/lock.log"; do sleep 0.2; done

"$BENCH_JAVA" -Xmx512m -Xss256k -cp "$TOOLS_CP" io.txgate.bench.LoadMain \
  --ports="$TCP_PORT" --connections="$BENCH_CONNECTIONS" \
  --in-flight=1 --batch-size=10 --batches="$BENCH_CONNECTIONS" \
  --reply-timeout=60s --summary-file="$WORK/load.json" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!
PIDS+=("$LOAD_PID")

# Sample once every connection is established and has had time to hand its batch to the store (seconds: each
# server thread needs microseconds for that); the lock is held far longer, so all of them are still waiting.
deadline=$((SECONDS + LOCK_SECONDS - 5))
while (($(ss -tn state established "( sport = :$TCP_PORT )" 2>/dev/null | tail -n +2 | wc -l) < BENCH_CONNECTIONS)); do
  ((SECONDS < deadline)) || break
  sleep 0.2
done
sleep 3
WAITING=$(sample "$(ss -tn state established "( sport = :$TCP_PORT )" | tail -n +2 | wc -l) connections waiting")
[[ -z ${BENCH_HISTO:-} ]] || "$JCMD" "$SERVER_PID" GC.class_histogram | head -25 >"$WORK/histo.txt"
LOAD_STATUS=0
wait "$LOAD_PID" || LOAD_STATUS=$?
AFTER=$(sample "after")
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true

echo "server JDK $JDK ${BENCH_SERVER_ARGS:-(platform threads)}"
echo "  $BEFORE"
echo "  $WAITING"
echo "  $AFTER"
echo "  load: $(grep -o 'done in.*' "$WORK/load.log" || tail -n 5 "$WORK/load.log")"
if ((LOAD_STATUS != 0)); then
  echo "not every batch was ACCEPTED (load exit $LOAD_STATUS), see above" >&2
fi
exit "$LOAD_STATUS"
