#!/usr/bin/env bash
# Disk use under full load (BENCHMARKS.md, issue 17): builds -Pbench, runs ./sesame against the SES stub, sends
# REQUESTS (default 400000) messages at 16 connections and samples the audit log, server.log and the database every 30 s
# into target/disk-bench/disk.txt. Ports 8080/8181/4848 and 18095; stops what it started.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"; cd "$ROOT"
OUT=$ROOT/target/disk-bench; rm -rf $OUT; mkdir -p $OUT
./mvnw -q -B -ntp -Pbench -DskipTests -DskipMicro package > $OUT/build.log 2>&1 || { echo build failed; exit 1; }
JAR=$ROOT/bench/target/benchmarks.jar
java -Dsun.net.httpserver.nodelay=true -cp "$JAR" io.sesame.bench.SesStub 18095 > "$OUT/stub.log" 2>&1 &
STUB=$!
export SESAME_SES_TRANSPORT=aws SESAME_SES_ENDPOINT=http://127.0.0.1:18095 SESAME_SES_ACCESS_KEY_ID=AKIDBENCH SESAME_SES_SECRET_ACCESS_KEY=bench SESAME_ALERTS_INTERVAL_SECONDS=30
unset SESAME_DB_URL SESAME_DB_USER SESAME_DB_PASSWORD
export SESAME_DATA_DIR=$OUT/data; mkdir -p $SESAME_DATA_DIR
LOGS=$ROOT/ear/target/payara6/glassfish/domains/domain1/logs
(setsid ./sesame --no-build > $OUT/sesame.log 2>&1 < /dev/null &)
for _ in $(seq 1 180); do grep -q "is ready at" $OUT/sesame.log 2>/dev/null && break; sleep 1; done
for _ in $(seq 1 30); do [ -s "$SESAME_DATA_DIR/bootstrap-credentials.properties" ] && break; sleep 1; done
( while true; do echo "$(date +%s) audit=$(du -sb $SESAME_DATA_DIR/logs | cut -f1) serverlog=$(du -cb $LOGS/server.log* | tail -1 | cut -f1) db=$(du -sb $SESAME_DATA_DIR/db | cut -f1) files=$(ls $SESAME_DATA_DIR/logs | wc -l)/$(ls $LOGS | grep -c server.log)"; sleep 30; done ) > $OUT/disk.txt &
SAMPLER=$!
START=$(date +%s)
java -cp "$JAR" io.sesame.bench.LoadDriver --label disk --requests ${REQUESTS:-400000} --concurrency 16 --warmup 2000 --stub http://127.0.0.1:18095 --credentials "$SESAME_DATA_DIR/bootstrap-credentials.properties" > $OUT/driver.out 2> $OUT/driver.log
END=$(date +%s)
sleep 5
echo "$(date +%s) final audit=$(du -sb $SESAME_DATA_DIR/logs | cut -f1) serverlog=$(du -cb $LOGS/server.log* | tail -1 | cut -f1) db=$(du -sb $SESAME_DATA_DIR/db | cut -f1)" >> $OUT/disk.txt
kill $SAMPLER
echo "duration=$((END-START))" >> $OUT/disk.txt
./sesame stop > /dev/null 2>&1
kill $STUB
pkill -f "tail -n 0 -F" || true
echo finished >> $OUT/disk.txt
