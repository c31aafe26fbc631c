#!/usr/bin/env bash
# An earlier txgate against this checkout, in one run: ./bench/compare.sh OLD_COMMIT (for issue 15: 03d012c)
#
# Builds the server jar of OLD_COMMIT (in a temporary git worktree) and of this checkout, then runs bench/run.sh's
# workloads (terminals 64 x 10 x 1, bulk 8 x 100 x 8) with one jar and then the other, alternately (old new old new
# ...), COMPARE_REPEAT times on every store of COMPARE_STORES, so that both meet the same machine at the same time
# and the ratio comes from one run. Every run is bench/run.sh itself (fresh database, -Xmx512m, one server, loopback,
# the same load generator and checks: every batch ACCEPTED, the database holding exactly the rows sent), without its
# raw limits. Prints, and appends to BENCHMARKS.md, a paste-ready record: per store and workload the medians of tx/s,
# p99 and database bytes per stored transaction, old and new, their ratios, and the targets of issue 15 judged
# (io.txgate.bench.BenchCompare).
#
# Knobs: COMPARE_REPEAT [2] (runs of each jar per store)   COMPARE_STORES [sqlite postgres]
#   BENCH_OUT [BENCHMARKS.md; "-" = don't write]   BENCH_KEEP [0]   and run.sh's own: BENCH_TERMINALS_BATCHES,
#   BENCH_BULK_BATCHES, BENCH_WARMUP_ROWS, BENCH_ACCOUNTS, BENCH_JAVA, BENCH_SERVER_JAVA, BENCH_PG_URL, ...
set -euo pipefail

cd "$(dirname "$0")/.."

if (($# != 1)); then
  echo "usage: $0 OLD_COMMIT   (e.g. $0 03d012c)" >&2
  exit 2
fi
COMPARE_REPEAT=${COMPARE_REPEAT:-2}
COMPARE_STORES=${COMPARE_STORES:-sqlite postgres}
BENCH_OUT=${BENCH_OUT:-BENCHMARKS.md}
if [[ ! $COMPARE_REPEAT =~ ^[1-9][0-9]*$ ]]; then
  echo "COMPARE_REPEAT must be a positive number of runs, was '$COMPARE_REPEAT'" >&2
  exit 2
fi
for store in $COMPARE_STORES; do
  [[ $store == sqlite || $store == postgres ]] || { echo "COMPARE_STORES: sqlite and/or postgres, was '$store'" >&2; exit 2; }
done
OLD_SHA=$(git rev-parse --verify --quiet "$1^{commit}") || { echo "not a commit: $1" >&2; exit 2; }
OLD_NAME=$(git rev-parse --short "$OLD_SHA")
NEW_NAME=$(git rev-parse --short HEAD)
[[ -z $(git status --porcelain -- src pom.xml) ]] || NEW_NAME="$NEW_NAME+local changes"

COMMAND="./bench/compare.sh $1"
for knob in $(env | grep -o '^\(BENCH\|COMPARE\)_[A-Z_]*' | sort); do
  if [[ $knob == BENCH_PG_PASSWORD ]]; then COMMAND="$knob=*** $COMMAND"; else COMMAND="$knob='${!knob}' $COMMAND"; fi
done

log() { printf '[compare %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# shellcheck source=bench/lib.sh
source bench/lib.sh
build_if_stale
workspace txgate-compare
OLD_SRC=$WORK/old-src
remove_old_worktree() { git worktree remove --force "$OLD_SRC" 2>/dev/null || true; workspace_cleanup; }
trap remove_old_worktree EXIT

log "building the server jar of $OLD_NAME in a temporary worktree"
git worktree add --quiet --detach "$OLD_SRC" "$OLD_SHA"
(cd "$OLD_SRC" && { ./mvnw -B -q -o package -DskipTests || ./mvnw -B -q package -DskipTests; }) >"$WORK/old-build.log" 2>&1 ||
  { tail -n 30 "$WORK/old-build.log" >&2; exit 1; }
cp "$OLD_SRC/target/txgate.jar" "$WORK/old.jar"
git worktree remove --force "$OLD_SRC"
cp "$JAR" "$WORK/new.jar"

STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RESULTS=$WORK/results.jsonl
: >"$RESULTS"
FAILED=0
for ((rep = 1; rep <= COMPARE_REPEAT; rep++)); do
  for store in $COMPARE_STORES; do
    for label in old new; do
      log "run $rep of $COMPARE_REPEAT, $store, $label jar (load average $(cut -d' ' -f1 /proc/loadavg))"
      BENCH_SERVER_JAR=$WORK/$label.jar BENCH_STORE=$store BENCH_INSTANCES=1 BENCH_RAW=0 BENCH_REPEAT=1 \
        BENCH_OUT=- BENCH_LABEL=$label BENCH_RESULTS=$RESULTS \
        ./bench/run.sh >"$WORK/run-$rep-$store-$label.md" 2>"$WORK/run-$rep-$store-$label.log" || {
        FAILED=1
        log "run $rep $store $label reported a failure; last lines:"
        tail -n 15 "$WORK/run-$rep-$store-$label.log" >&2
      }
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

JDK=$("${BENCH_SERVER_JAVA:-${BENCH_JAVA:-java}}" -XshowSettings:properties -version 2>&1 |
  awk -F' = ' '/java.vm.vendor/ {v=$2} /java.runtime.version/ {r=$2} END {print v " " r}')
{
  echo
  echo "### $STARTED, old $OLD_NAME against new $NEW_NAME (bench/compare.sh)"
  echo
  echo "- command: \`$COMMAND\`"
  echo "- machine: $(nproc) CPUs, $(uname -sr); server JDK $JDK; load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "- runs: bench/run.sh per jar, alternating old and new, $COMPARE_REPEAT of each per store ($COMPARE_STORES);" \
    "one server -Xmx512m; terminals ${BENCH_TERMINALS_BATCHES:-50000} and bulk ${BENCH_BULK_BATCHES:-6000} batches" \
    "after ${BENCH_WARMUP_ROWS:-200000} warm-up transactions; database bytes per transaction are the store's size" \
    "after the run (SQLite file and WAL; PostgreSQL tables with indexes) over the transactions it holds"
  echo
  run_tool io.txgate.bench.BenchCompare --results="$RESULTS" --old="$OLD_NAME" --new="$NEW_NAME" || FAILED=1
} >"$WORK/section.md"

cat "$WORK/section.md"
if [[ $BENCH_OUT != - ]]; then
  cat "$WORK/section.md" >>"$BENCH_OUT"
  log "appended to $BENCH_OUT"
fi
exit $FAILED
