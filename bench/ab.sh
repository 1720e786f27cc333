#!/usr/bin/env bash
# Before/after on the same machine: builds another commit in a git worktree, then runs the load driver against it and
# against this checkout, alternating (H2, aws transport → the zero-latency stub), so that machine drift between
# sessions does not pass for an improvement. Prints one table row per run, and each run's CPU per request by process
# (Payara, the stub, the driver: /proc), which drifts less with the machine's speed than throughput does.
#
#   bench/ab.sh <commit> [rounds]        e.g. bench/ab.sh 3f67aad 2
#
# Needs what bench/run.sh needs (builds this checkout with -Pbench first). Ports 8080/4848 and 18095.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEFORE_REF="${1:?usage: bench/ab.sh <commit> [rounds]}"
ROUNDS="${2:-2}"
REQUESTS="${REQUESTS:-4000}"
CONCURRENCY="${CONCURRENCY:-16}"
OUT="$ROOT/target/bench-ab"
BEFORE="$OUT/before-checkout"
JAR="$ROOT/bench/target/benchmarks.jar"

cd "$ROOT"
echo "== Building this checkout and $BEFORE_REF…" >&2
./mvnw -q -B -ntp -Pbench -DskipTests -DskipMicro package
rm -rf "$OUT"; mkdir -p "$OUT"
git worktree remove --force "$BEFORE" 2> /dev/null || true
git worktree add -q --detach "$BEFORE" "$BEFORE_REF"
(cd "$BEFORE" && ./mvnw -q -B -ntp -DskipTests -DskipMicro package)

java -Dsun.net.httpserver.nodelay=true -cp "$JAR" io.sesame.bench.SesStub 18095 > "$OUT/stub.log" 2>&1 &
STUB_PID=$!
cleanup() {
  kill "$STUB_PID" 2> /dev/null || true
  git -C "$ROOT" worktree remove --force "$BEFORE" 2> /dev/null || true
}
trap cleanup EXIT

export SESAME_SES_TRANSPORT=aws SESAME_SES_ENDPOINT=http://127.0.0.1:18095 SESAME_SES_ACCESS_KEY_ID=AKIDBENCH \
       SESAME_SES_SECRET_ACCESS_KEY=bench SESAME_ALERTS_INTERVAL_SECONDS=30
unset SESAME_DB_URL SESAME_DB_USER SESAME_DB_PASSWORD

run() {
  local label="$1" checkout="$2" run_dir
  run_dir="$OUT/$label-$(date +%s)"
  export SESAME_DATA_DIR="$run_dir/data"
  mkdir -p "$SESAME_DATA_DIR"
  (cd "$checkout" && setsid ./sesame --no-build > "$run_dir/sesame.log" 2>&1 < /dev/null &)
  for _ in $(seq 1 180); do grep -q "is ready at" "$run_dir/sesame.log" 2> /dev/null && break; sleep 1; done
  for _ in $(seq 1 30); do [ -s "$SESAME_DATA_DIR/bootstrap-credentials.properties" ] && break; sleep 1; done
  local payara_pid
  payara_pid="$(pgrep -f 'com.sun.enterprise.glassfish.bootstrap.ASMain' | head -1)"
  java -cp "$JAR" io.sesame.bench.LoadDriver --label "$label" --requests "$REQUESTS" --concurrency "$CONCURRENCY" \
       --warmup "${WARMUP:-2000}" --stub http://127.0.0.1:18095 --credentials "$SESAME_DATA_DIR/bootstrap-credentials.properties" \
       --pids "payara=$payara_pid,stub=$STUB_PID" 2> "$run_dir/driver.log" | grep '^|' | tee -a "$OUT/results.md"
  (cd "$checkout" && ./sesame stop > /dev/null 2>&1) || true
  for _ in $(seq 1 60); do (exec 3<> /dev/tcp/127.0.0.1/8080) 2> /dev/null || break; sleep 1; done
}

echo "| Build | Requests | Concurrency | Gateway msg/s | Direct SDK msg/s | Ratio | Gateway p50/p95/p99 ms | Direct p50/p95/p99 ms | Added p50/p95/p99 ms | Audit rows |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for _ in $(seq 1 "$ROUNDS"); do
  run "before $BEFORE_REF" "$BEFORE"
  run "after $(git rev-parse --short HEAD)" "$ROOT"
done
