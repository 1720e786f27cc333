#!/usr/bin/env bash
# Issue 18's figures in one command: the gateway, the direct SDK path and the stack's ceiling (a do-nothing JAX-RS
# endpoint, and one that only makes Sesame's SDK call, deployed beside Sesame on the same Payara server) at every
# concurrency of a sweep, with the CPU each process spends per request (from /proc), then the chart (SVG).
#
#   bench/sweep.sh                          # SWEEP=1,2,4,8,16,32,64 REQUESTS=2000 WARMUP=2000, embedded H2
#   SWEEP=1,16 REQUESTS=4000 bench/sweep.sh
#   NO_BUILD=true bench/sweep.sh            # reuse the last -Pbench build
#   JVM_OPTIONS="-XX:+UseParallelGC" SWEEP=16 bench/sweep.sh   # a JVM experiment (options added to the domain for this run)
#   CLIENTS=urlconnection,crt,netty bench/sweep.sh             # also the SDK's other HTTP clients in the ceiling war
#
# Needs: JDK 17, python3, ports 8080/4848 and 18095 free. Not part of the test suite or CI. Results: target/sweep/
# (sweep.csv, sweep.svg, summary.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/sweep"
SWEEP="${SWEEP-1,2,4,8,16,32,64}"   # SWEEP= (empty): only the run at CONCURRENCY
REQUESTS="${REQUESTS:-2000}"
CONCURRENCY="${CONCURRENCY:-16}"
WARMUP="${WARMUP:-2000}"
STUB_PORT=18095
JAR="$ROOT/bench/target/benchmarks.jar"
CEILING_WAR="$ROOT/bench/ceiling/target/ceiling.war"
ASADMIN="$ROOT/ear/target/payara6/bin/asadmin"
cd "$ROOT"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

if [ "${NO_BUILD:-}" != "true" ]; then
  echo "== Building (EAR, benchmarks, ceiling war)…" >&2
  ./mvnw -q -B -ntp -Pbench -DskipTests -DskipMicro package
fi
rm -rf "$OUT"; mkdir -p "$OUT"

java -Dsun.net.httpserver.nodelay=true -cp "$JAR" io.sesame.bench.SesStub "$STUB_PORT" > "$OUT/stub.log" 2>&1 &
STUB_PID=$!
SESAME_PID=""
DOMAIN_XML="$ROOT/ear/target/payara6/glassfish/domains/domain1/config/domain.xml"
cp "$DOMAIN_XML" "$OUT/domain.xml.orig"
cleanup() {
  [ -n "$SESAME_PID" ] && { "$ROOT/sesame" stop > /dev/null 2>&1 || true; kill "$SESAME_PID" 2> /dev/null || true; }
  kill "$STUB_PID" 2> /dev/null || true
  cp "$OUT/domain.xml.orig" "$DOMAIN_XML"
}
trap cleanup EXIT
for option in ${JVM_OPTIONS:-}; do
  # after the heap option the build sets, so that a later -Xmx wins
  sed -i "0,/<jvm-options>-Xmx1g<\/jvm-options>/s//<jvm-options>-Xmx1g<\/jvm-options><jvm-options>${option//\//\\/}<\/jvm-options>/" "$DOMAIN_XML"
done

export SESAME_SES_TRANSPORT=aws SESAME_SES_ENDPOINT="http://127.0.0.1:$STUB_PORT" SESAME_SES_ACCESS_KEY_ID=AKIDBENCH \
       SESAME_SES_SECRET_ACCESS_KEY=bench SESAME_ALERTS_INTERVAL_SECONDS=30 SESAME_DATA_DIR="$OUT/data"
unset SESAME_DB_URL SESAME_DB_USER SESAME_DB_PASSWORD
mkdir -p "$SESAME_DATA_DIR"
start_sesame "$OUT/sesame.log"
PAYARA_PID="$(pgrep -f 'com.sun.enterprise.glassfish.bootstrap.ASMain' | head -1)"
echo "== Deploying the ceiling war beside Sesame (Payara pid $PAYARA_PID)…" >&2
"$ASADMIN" --user admin --passwordfile "$ROOT/ear/target/payara-admin.pass" deploy --force=true --contextroot ceiling \
  "$CEILING_WAR" > /dev/null

echo "== Sweep $SWEEP (gateway, direct, noop, sdk), then $REQUESTS at $CONCURRENCY with CPU per request…" >&2
java -cp "$JAR" io.sesame.bench.LoadDriver --label "${LABEL:-EAR, H2}${JVM_OPTIONS:+ $JVM_OPTIONS}" --requests "$REQUESTS" --concurrency "$CONCURRENCY" \
     --warmup "$WARMUP" --stub "http://127.0.0.1:$STUB_PORT" --credentials "$SESAME_DATA_DIR/bootstrap-credentials.properties" \
     --ceiling http://127.0.0.1:8080 --clients "${CLIENTS:-}" --pids "payara=$PAYARA_PID,stub=$STUB_PID" --sweep "$SWEEP" --csv "$OUT/sweep.csv" \
     | tee "$OUT/summary.md"
if [ -s "$OUT/sweep.csv" ]; then
  python3 "$ROOT/bench/chart.py" "$OUT/sweep.csv" "$OUT/sweep.svg" "${LABEL:-EAR, H2}"
fi
echo "== $OUT/sweep.csv, $OUT/sweep.svg, $OUT/summary.md" >&2
