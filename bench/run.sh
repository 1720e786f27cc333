#!/usr/bin/env bash
# Every benchmark, one command: builds, runs the JMH microbenchmarks, starts a zero-latency SES stub, then for
# embedded H2 and for PostgreSQL starts Sesame (aws transport → the stub), drives N sends through it and N direct
# SDK sends to the stub at the same concurrency, checks the audit, and prints the summary table for BENCHMARKS.md.
#
#   bench/run.sh                      # defaults: REQUESTS=5000 CONCURRENCY=16 WARMUP=2000
#   REQUESTS=20000 CONCURRENCY=32 bench/run.sh
#
# Needs: JDK 17, PostgreSQL on 127.0.0.1:5432 (trust, database test; schema sesame_bench_load is recreated),
# psql, curl; ports 8080/4848 and 18095 free. Not part of the test suite or CI. Results: target/bench/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/bench"
REQUESTS="${REQUESTS:-5000}"
CONCURRENCY="${CONCURRENCY:-16}"
WARMUP="${WARMUP:-2000}"
STUB_PORT=18095
JAR="$ROOT/bench/target/benchmarks.jar"
mkdir -p "$OUT"
cd "$ROOT"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

echo "== Building (EAR and benchmarks)…" >&2
./mvnw -q -B -ntp -Pbench -DskipTests -DskipMicro clean package
mkdir -p "$OUT"   # clean removed target/

if [ "${SKIP_JMH:-}" != "true" ]; then
  echo "== JMH: the decision path, one thread…" >&2
  java -jar "$JAR" DecisionPathBenchmark -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt" | grep -E "^(Benchmark|Decision)" >&2 || true
fi

echo "== SES stub on 127.0.0.1:$STUB_PORT…" >&2
java -Dsun.net.httpserver.nodelay=true -cp "$JAR" io.sesame.bench.SesStub "$STUB_PORT" > "$OUT/stub.log" 2>&1 &
STUB_PID=$!
SESAME_PID=""
cleanup() {
  [ -n "$SESAME_PID" ] && { "$ROOT/sesame" stop > /dev/null 2>&1 || true; kill "$SESAME_PID" 2> /dev/null || true; }
  kill "$STUB_PID" 2> /dev/null || true
}
trap cleanup EXIT

export SESAME_SES_TRANSPORT=aws SESAME_SES_ENDPOINT="http://127.0.0.1:$STUB_PORT" SESAME_SES_ACCESS_KEY_ID=AKIDBENCH \
       SESAME_SES_SECRET_ACCESS_KEY=bench SESAME_ALERTS_INTERVAL_SECONDS=30

run_load() {
  local label="$1"
  export SESAME_DATA_DIR="$OUT/data-$label"
  rm -rf "$SESAME_DATA_DIR"
  mkdir -p "$SESAME_DATA_DIR"
  start_sesame "$OUT/sesame-$label.log"
  echo "== Load ($label): $REQUESTS requests at concurrency $CONCURRENCY after $WARMUP warm-up…" >&2
  java -cp "$JAR" io.sesame.bench.LoadDriver --label "$label" --requests "$REQUESTS" --concurrency "$CONCURRENCY" \
       --warmup "$WARMUP" --stub "http://127.0.0.1:$STUB_PORT" \
       --credentials "$SESAME_DATA_DIR/bootstrap-credentials.properties" | tee -a "$OUT/load.md"
  "$ROOT/sesame" stop > /dev/null 2>&1 || true
  kill "$SESAME_PID" 2> /dev/null || true
  wait "$SESAME_PID" 2> /dev/null || true
  SESAME_PID=""
  for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/8080) 2> /dev/null || break; sleep 1; done
  unset SESAME_DB_URL SESAME_DB_USER SESAME_DB_PASSWORD
}

: > "$OUT/load.md"
run_load h2
psql -h 127.0.0.1 -U postgres -d test -q -c "drop schema if exists sesame_bench_load cascade; create schema sesame_bench_load;"
export SESAME_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=sesame_bench_load" SESAME_DB_USER=postgres SESAME_DB_PASSWORD=unused
run_load postgresql

echo
echo "| Database | Requests | Concurrency | Gateway msg/s | Direct SDK msg/s | Ratio | Gateway p50/p95/p99 ms | Direct p50/p95/p99 ms | Added p50/p95/p99 ms | Audit rows |"
echo "|---|---|---|---|---|---|---|---|---|---|"
grep '^|' "$OUT/load.md"
if [ -f "$OUT/jmh.json" ]; then
  echo
  echo "| Benchmark (one thread) | ops/s | p50 µs | p99 µs |"
  echo "|---|---|---|---|"
  python3 - "$OUT/jmh.json" <<'PY'
import json, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    m = r["primaryMetric"]
    if r["mode"] == "thrpt":
        rows.setdefault(name, {})["ops"] = m["score"] * 1e6  # ops/us → ops/s
    elif r["mode"] == "sample":
        rows.setdefault(name, {}).update(p50=m["scorePercentiles"]["50.0"], p99=m["scorePercentiles"]["99.0"])
for name, v in rows.items():
    print(f"| {name} | {v.get('ops', 0):,.0f} | {v.get('p50', 0):,.2f} | {v.get('p99', 0):,.2f} |")
PY
fi
