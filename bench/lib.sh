# Shared by bench/threads.sh and bench/profile.sh (sourced, not run): the built jar, a temporary folder that goes away
# with everything started in it, free loopback ports, and one server started and waited for.

build_if_stale() { # target/txgate.jar, rebuilt when pom.xml or a main source is newer
  if [[ ! -f target/txgate.jar || -n $(find pom.xml src/main -newer target/txgate.jar -print -quit) ]]; then
    ./mvnw -B -q -o package -DskipTests || ./mvnw -B -q package -DskipTests
  fi
}

workspace() { # name prefix; sets WORK and JAR (a copy, so a rebuild cannot pull classes from under running JVMs)
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  PIDS=()
  trap workspace_cleanup EXIT
  trap 'exit 130' INT TERM
  JAR=$WORK/txgate.jar
  cp target/txgate.jar "$JAR"
}

workspace_cleanup() { # kills what was started (PIDS) and removes WORK unless BENCH_KEEP=1
  local pid
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}

free_port() { # first port from $1 on that nothing listens on
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

start_server() { # java, then the server's arguments; sets SERVER_PID once /actuator/health on HTTP_PORT answers
  local java=$1
  shift
  "$java" -Xmx512m "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  local deadline=$((SECONDS + 180))
  until curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS > deadline)); then
      tail -n 30 "$WORK/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}
