#!/usr/bin/env bash
# Audit at scale: seeds call events into PostgreSQL (default 1,000,000 over 30 days, 200 keys, 50 applications),
# starts Sesame on that database, and times through the real API (curl, 5 runs each, median and max):
#   - a 24-hour search for one key (first page of 100, and every page with the keyset cursor),
#   - a CSV export of that key's 24 hours, of every key's 24 hours, and of the whole table (streamed);
# then adds [seal_rows] (default 100,000) finished, unsealed events and times the sealer chaining them (batches of
# 1,000, up to 4 s of every 5 s tick) and one verification of the whole hash chain.
# Prints a Markdown table for BENCHMARKS.md.
#
#   tools/audit-benchmark.sh [rows] [seal_rows]
#
# Needs: PostgreSQL on 127.0.0.1:5432 (trust auth, database "test"; schema sesame_bench is dropped and recreated),
# psql, curl, jq, and a built checkout (./mvnw -DskipTests -DskipMicro package). Ports 8080/4848 must be free.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1000000}"
SEAL_ROWS="${2:-100000}"
SCHEMA=sesame_bench
PSQL=(psql -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 -q)
BASE=http://localhost:8080

for tool in psql curl jq; do command -v "$tool" >/dev/null || { echo "audit-benchmark: $tool is needed" >&2; exit 1; }; done

"${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade; create schema $SCHEMA;"
export SESAME_DATA_DIR="$ROOT/target/audit-benchmark"
rm -rf "$SESAME_DATA_DIR"
mkdir -p "$SESAME_DATA_DIR"
export SESAME_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" SESAME_DB_USER=postgres SESAME_DB_PASSWORD=unused

setsid "$ROOT/sesame" --no-build > "$SESAME_DATA_DIR/sesame.out" 2>&1 < /dev/null &
sesame_pid=$!
stop() {
  "$ROOT/sesame" stop > /dev/null 2>&1 || true
  kill "$sesame_pid" 2> /dev/null || true
}
trap stop EXIT
for _ in $(seq 1 180); do
  curl -fsS "$BASE/health/ready" > /dev/null 2>&1 && break
  kill -0 "$sesame_pid" 2> /dev/null || { cat "$SESAME_DATA_DIR/sesame.out" >&2; exit 1; }
  sleep 1
done
curl -fsS "$BASE/health/ready" > /dev/null

echo "Seeding $ROWS call events…" >&2
seed_started=$(date +%s)
# Sealed = true: the benchmark data is not in the hash chain (the sealer would otherwise chain it for an hour).
"${PSQL[@]}" <<SQL
set search_path = $SCHEMA;
insert into call_event (occurred_at, request_id, application_id, key_id, jti, action, decision, reason_codes,
                        from_address, recipient_count, recipient_domains, transport, ses_message_id, client_ip,
                        user_agent, latency_ms, sealed)
select now() - (i * interval '30 days' / $ROWS),
       'bench-' || i, 'APP' || lpad((i % 50)::text, 3, '0'), 'KEY' || lpad((i % 200)::text, 4, '0'), 'jti-' || i,
       case when i % 10 = 0 then 'ses:SendBulkEmail' else 'ses:SendEmail' end,
       case when i % 20 = 0 then 'DENIED' else 'ALLOWED' end,
       case when i % 20 = 0 then 'recipient_domain_not_allowed' end,
       'noreply@shop.example.com', 1 + i % 5, 'example.net,example.org', 'aws',
       case when i % 20 <> 0 then '0100018c-' || md5(i::text) || '-000000' end,
       '10.0.' || (i % 200) || '.' || (i % 7), 'bench/1.0', 5 + i % 40, true
from generate_series(1, $ROWS) as i;
analyze call_event;
SQL
seed_seconds=$(( $(date +%s) - seed_started ))
total=$("${PSQL[@]}" -At -c "select count(*) from $SCHEMA.call_event")

admin_key=$(sed -n 's/^api.key=//p' "$SESAME_DATA_DIR/bootstrap-credentials.properties")
token() {
  curl -fsS -X POST "$BASE/api/v1/oauth/token" -d grant_type=client_credentials --data-urlencode "client_secret=$admin_key" \
    | jq -r .access_token
}
to=$(date -u +%Y-%m-%dT%H:%M:%SZ)
from=$(date -u -d '24 hours ago' +%Y-%m-%dT%H:%M:%SZ)
key=KEY0042

# Times one request (seconds, curl's total time), prints "median max bytes".
measure() {
  local url="$1" times=() bytes=0 t
  for _ in 1 2 3 4 5; do
    read -r t bytes < <(curl -fsS -o /dev/null -w '%{time_total} %{size_download}\n' -H "Authorization: Bearer $(token)" "$url")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v b="$bytes" '{a[NR]=$1} END {printf "%.3f %.3f %d\n", a[3], a[5], b}'
}

# Every page of a search, following the cursor; prints "seconds pages items".
all_pages() {
  local url="$1" cursor="" pages=0 items=0 started page
  started=$(date +%s.%N)
  local bearer; bearer=$(token)
  while :; do
    page=$(curl -fsS -H "Authorization: Bearer $bearer" "$url${cursor:+&cursor=$cursor}")
    pages=$((pages + 1)); items=$((items + $(jq '.items | length' <<< "$page")))
    cursor=$(jq -r '.next // empty' <<< "$page")
    [ -n "$cursor" ] || break
  done
  printf "%.3f %d %d\n" "$(echo "$(date +%s.%N) - $started" | bc)" "$pages" "$items"
}

search="$BASE/api/v1/admin/audit/calls?key=$key&from=$from&to=$to"
read -r s1_med s1_max _ < <(measure "$search&limit=100")
read -r sa_sec sa_pages sa_items < <(all_pages "$search&limit=100")
read -r e1_med e1_max e1_bytes < <(measure "$BASE/api/v1/admin/audit/calls/export?format=csv&key=$key&from=$from&to=$to")
read -r e2_med e2_max e2_bytes < <(measure "$BASE/api/v1/admin/audit/calls/export?format=csv&from=$from&to=$to")
full_started=$(date +%s.%N)
full_bytes=$(curl -fsS -H "Authorization: Bearer $(token)" "$BASE/api/v1/admin/audit/calls/export?format=csv" | wc -c)
full_sec=$(printf "%.3f" "$(echo "$(date +%s.%N) - $full_started" | bc)")
echo "Adding $SEAL_ROWS unsealed events and waiting for the sealer…" >&2
"${PSQL[@]}" <<SQL
set search_path = $SCHEMA;
insert into call_event (occurred_at, request_id, application_id, key_id, jti, action, decision, from_address,
                        recipient_count, recipient_domains, transport, ses_message_id, client_ip, user_agent, latency_ms, sealed)
select now() - (i * interval '1 hour' / $SEAL_ROWS), 'seal-' || i, 'APP001', 'KEY0001', 'jti-s' || i, 'ses:SendEmail',
       'ALLOWED', 'noreply@shop.example.com', 1, 'example.net', 'aws', '0100018c-' || md5('s' || i::text) || '-000000',
       '10.0.0.1', 'bench/1.0', 10, false
from generate_series(1, $SEAL_ROWS) as i;
SQL
seal_started=$(date +%s.%N)
while [ "$("${PSQL[@]}" -At -c "select count(*) from $SCHEMA.call_event where not sealed")" != "0" ]; do sleep 0.5; done
seal_sec=$(printf "%.1f" "$(echo "$(date +%s.%N) - $seal_started" | bc)")
seal_rate=$(printf "%.0f" "$(echo "$SEAL_ROWS / $seal_sec" | bc -l)")
chain_entries=$("${PSQL[@]}" -At -c "select count(*) from $SCHEMA.audit_chain")
verify_started=$(date +%s.%N)
verify_ok=$(curl -fsS -H "Authorization: Bearer $(token)" "$BASE/api/v1/admin/audit/verify" | jq -r .ok)
verify_sec=$(printf "%.2f" "$(echo "$(date +%s.%N) - $verify_started" | bc)")

plan=$("${PSQL[@]}" -At -c "explain select * from $SCHEMA.call_event where key_id = '$key' and occurred_at >= '$from' and occurred_at < '$to' order by occurred_at desc, id desc limit 101" | head -3 | tr '\n' ' ')

cat <<MD
| Measurement ($total call events in PostgreSQL, seeded in ${seed_seconds} s) | Median | Max |
|---|---|---|
| 24-hour search for one key, first page (limit 100) | ${s1_med} s | ${s1_max} s |
| 24-hour search for one key, all ${sa_pages} pages / ${sa_items} events (keyset cursor) | ${sa_sec} s (one run) | |
| CSV export, one key, 24 hours (${e1_bytes} bytes) | ${e1_med} s | ${e1_max} s |
| CSV export, every key, 24 hours (${e2_bytes} bytes) | ${e2_med} s | ${e2_max} s |
| CSV export, whole table ($full_bytes bytes, streamed) | ${full_sec} s (one run) | |
| Sealing $SEAL_ROWS new events into the hash chain (the sealer's own pace) | ${seal_sec} s (≈ ${seal_rate} events/s) | |
| Verifying the whole chain ($chain_entries entries; ok: $verify_ok) | ${verify_sec} s (one run) | |

Query plan of the search: \`$plan\`
MD
