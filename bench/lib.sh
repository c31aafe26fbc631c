# Shared by the scripts in bench/ (sourced, not run; they define log): the built jar and the bench tools, a temporary
# folder that goes away with everything started in it, free loopback ports, a server started and waited for, the load
# generator started, waited for until it measures and until it ends, numbers from its summary, and per-thread CPU
# times of a process.
#
# The server is the production jar (target/txgate.jar). The measuring tools (io.txgate.bench: the load generator, raw
# limit, report, comparison, read flood, write-lock holder) are test sources, not part of that jar: they run from
# target/test-classes on the test class path that Maven writes to target/bench-classpath.txt.

build_if_stale() { # target/txgate.jar, the compiled tools and their class path; rebuilt when pom.xml or a source is newer
  if [[ ! -f target/txgate.jar || ! -f target/bench-classpath.txt ||
    -n $(find pom.xml src -newer target/bench-classpath.txt -print -quit) ]]; then
    log "building target/txgate.jar and the bench tools (test classes)"
    # package compiles the tests too (-DskipTests only skips running them)
    ./mvnw -B -q -o package -DskipTests || ./mvnw -B -q package -DskipTests
    ./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt ||
      ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
  fi
}

bench_tools() { # folder; copies the compiled classes there (a rebuild during a run cannot change them) and sets TOOLS_CP
  mkdir -p "$1"
  cp -r target/classes "$1/classes"
  cp -r target/test-classes "$1/test-classes"
  TOOLS_CP="$1/test-classes:$1/classes:$(cat target/bench-classpath.txt)"
}

run_tool() { # main class (io.txgate.bench.*), its arguments; needs TOOLS_CP (bench_tools)
  "${BENCH_JAVA:-java}" -Xmx256m -cp "$TOOLS_CP" "$@"
}

tool_start() { # log file, main class, its arguments; runs the tool in the background and sets TOOL_PID to the JVM's own
  # pid (run_tool ... & would give the pid of a subshell: a signal to it leaves the JVM running, unstopped)
  local log=$1
  shift
  "${BENCH_JAVA:-java}" -Xmx256m -cp "$TOOLS_CP" "$@" >"$log" 2>&1 &
  TOOL_PID=$!
}

workload_shape() { # setting name, workload, measured batches for terminals, for bulk; sets conns, size, inflight, batches
  # The two shapes every script measures: terminals (64 connections, batches of 10, one in flight) and bulk (8 x 100 x 8)
  case $2 in
    terminals) conns=64 size=10 inflight=1 batches=$3 ;;
    bulk) conns=8 size=100 inflight=8 batches=$4 ;;
    *) echo "$1 must be terminals or bulk, was '$2'" >&2; exit 2 ;;
  esac
}

run_token() { # sets TOKEN, an API token for this run only (32 random bytes), and TOKEN_SHA256, all the server gets of it
  TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  TOKEN_SHA256=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
}

workspace() { # name prefix; sets WORK, JAR and TOOLS_CP (copies, so a rebuild cannot pull classes from under running
  # JVMs)
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  PIDS=()
  trap workspace_cleanup EXIT
  trap 'exit 130' INT TERM
  JAR=$WORK/txgate.jar
  cp target/txgate.jar "$JAR"
  bench_tools "$WORK/tools"
}

workspace_cleanup() { # kills what was started (PIDS, LOAD_PID) and removes WORK unless BENCH_KEEP=1
  local pid
  for pid in "${PIDS[@]}" ${LOAD_PID:-}; do kill -KILL "$pid" 2>/dev/null || true; done
  release_ports
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}

PORT_CLAIMS=${TMPDIR:-/tmp}/txgate-bench-ports
free_port() { # first port from $1 on that nothing listens on and no other running bench script has claimed
  # Nothing listening is not enough: two scripts started together both saw a port free, and one's load went to the
  # other's server. So a port is claimed with mkdir (atomic) naming this script's pid; a claim whose script is gone
  # is taken over (and this script's own claims reused), and release_ports gives this script's claims back.
  local port=$1 owner
  mkdir -p "$PORT_CLAIMS"
  while :; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      if mkdir "$PORT_CLAIMS/$port" 2>/dev/null; then
        echo $$ >"$PORT_CLAIMS/$port/pid"
        break
      fi
      owner=$(cat "$PORT_CLAIMS/$port/pid" 2>/dev/null || true)
      if [[ $owner == "$$" ]] || { [[ -n $owner ]] && ! kill -0 "$owner" 2>/dev/null; }; then
        echo $$ >"$PORT_CLAIMS/$port/pid"
        break
      fi
    fi
    port=$((port + 1))
  done
  echo "$port"
}

release_ports() { # gives back the ports this script claimed
  local claim
  for claim in "$PORT_CLAIMS"/*/pid; do
    [[ -f $claim && $(cat "$claim" 2>/dev/null) == "$$" ]] && rm -rf "$(dirname "$claim")"
  done
  return 0
}

start_server() { # java, then the server's arguments; sets SERVER_PID once /actuator/health on MANAGEMENT_PORT answers
  local java=$1
  shift
  "$java" -Xmx512m "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  local deadline=$((SECONDS + 180))
  until curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS > deadline)); then
      tail -n 30 "$WORK/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

loopback_server() { # TCP port base, HTTP port base, java, then its options, -jar and the jar, then server arguments
  # beyond these: claims TCP_PORT, HTTP_PORT and MANAGEMENT_PORT, starts the server on 127.0.0.1 with its store in $WORK
  TCP_PORT=$(free_port "$1")
  HTTP_PORT=$(free_port "$2")
  MANAGEMENT_PORT=$(free_port $((HTTP_PORT + 1)))
  shift 2
  start_server "$@" --spring.profiles.active=server --txgate.store.path="$WORK/txgate.db" \
    --txgate.server.bind-address=127.0.0.1 --txgate.server.port="$TCP_PORT" \
    --server.address=127.0.0.1 --server.port="$HTTP_PORT" \
    --management.server.address=127.0.0.1 --management.server.port="$MANAGEMENT_PORT"
}

load_start() { # name, summary file, connections, batch size, in flight, batches, warm-up batches, run id; ports in
  # TCP_PORTS; sets LOAD_PID, logs to $WORK/<name>.log
  tool_start "$WORK/$1.log" io.txgate.bench.LoadMain --ports="$(IFS=,; echo "${TCP_PORTS[*]}")" --summary-file="$2" \
    --connections="$3" --batch-size="$4" --in-flight="$5" --batches="$6" --warmup-batches="$7" --run-id="$8" \
    --accounts="${BENCH_ACCOUNTS:-100}"
  LOAD_PID=$TOOL_PID
}

await_measuring() { # name; returns once the load run starts its measured batches (LoadGenerator logs "measuring")
  local deadline=$((SECONDS + 900))
  until grep -q "measuring" "$WORK/$1.log" 2>/dev/null; do
    if ! kill -0 "$LOAD_PID" 2>/dev/null || ((SECONDS > deadline)); then
      log "load run $1 never started measuring (exit or 900 s); last lines of its log:"
      tail -n 30 "$WORK/$1.log" >&2
      exit 1
    fi
    sleep 0.05
  done
}

load_finish() { # name, summary file; waits for the load run to end and stops the script if it wrote no summary
  local status=0
  wait "$LOAD_PID" || status=$?
  LOAD_PID=""
  grep -E "load run .* done|ERROR" "$WORK/$1.log" >&2 || true
  if [[ ! -s $2 ]]; then
    log "load run $1 wrote no summary (exit $status); last lines of its log:"
    tail -n 30 "$WORK/$1.log" >&2
    exit 1
  fi
}

json_number() { # file, key as it appears in a load summary (e.g. p99); its first value
  grep -o "\"$2\":[0-9.eE+-]*" "$1" | head -n 1 | cut -d: -f2
}

thread_times() { # pids; one line per thread: pid/tid, name, ns on a CPU, ns runnable without one, context switches
  # (/proc/<pid>/task/<tid>/schedstat). Shell built-ins only: a fork per thread would shift the sampled window.
  local pid task comm run waited switches
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      { read -r comm <"$task/comm" && read -r run waited switches <"$task/schedstat"; } 2>/dev/null || continue
      printf '%s/%s\t%s\t%s\t%s\t%s\n' "$pid" "${task##*/}" "$comm" "$run" "$waited" "$switches"
    done
  done
}

thread_seconds_between() { # name prefix, thread_times file before, after: "cpu wait" seconds the threads of that name
  # spent between the two (a thread started meanwhile counts whole); "NaN NaN" when there is no such thread
  awk -F'\t' -v prefix="$1" '
    index($2, prefix) != 1 { next }
    FNR == NR { cpu[$1] = $3; wait[$1] = $4; next }
    { found = 1; c += $3 - cpu[$1]; w += $4 - wait[$1] }
    END { if (found) printf "%.3f %.3f\n", c / 1e9, w / 1e9; else print "NaN NaN" }' "$2" "$3"
}
