#!/usr/bin/env bash
# A local Sesame cluster: two Payara Micro instances of the self-contained wars on one PostgreSQL, sharing Payara's
# data grid (Hazelcast) over loopback only: revocations, key versions and rate limits are cluster-wide.
#
#   tools/cluster.sh start [a|b]   build the wars if missing, start instance a then b (or one), wait until ready
#   tools/cluster.sh stop [a|b]    stop by PID (TERM, then KILL after 30 s)
#   tools/cluster.sh status        PIDs, readiness and grid members of each instance
#
# Instances (loopback only):   a: http://127.0.0.1:8181  grid 127.0.0.1:6900
#                              b: http://127.0.0.1:8182  grid 127.0.0.1:6901
# Settings (environment):
#   SESAME_DB_URL        jdbc:postgresql://127.0.0.1:5432/sesame (that database is created when missing and psql can)
#   SESAME_DB_USER       postgres        SESAME_DB_PASSWORD  (none)
#   SESAME_CLUSTER_DIR   target/cluster: shared/ (secrets.env, bootstrap credentials), a/ and b/ (log, pid, root dir)
#   SESAME_CLUSTER_APPS  "api admin" (both wars, at /api and /admin) or "api"
#   SESAME_CLUSTER_NAME  sesame-local    SESAME_CLUSTER_HTTP_PORTS "8181 8182"   SESAME_CLUSTER_GRID_PORTS "6900 6901"
#   SESAME_CLUSTER_HEAP  512m            any other SESAME_* setting is passed on to both instances
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MICRO="$ROOT/micro/target/payara-micro"
DIR="${SESAME_CLUSTER_DIR:-$ROOT/target/cluster}"
APPS="${SESAME_CLUSTER_APPS:-api admin}"
NAME="${SESAME_CLUSTER_NAME:-sesame-local}"
read -r -a HTTP_PORTS <<< "${SESAME_CLUSTER_HTTP_PORTS:-8181 8182}"
read -r -a GRID_PORTS <<< "${SESAME_CLUSTER_GRID_PORTS:-6900 6901}"
HEAP="${SESAME_CLUSTER_HEAP:-512m}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
INSTANCES=(a b)

say() { printf '\033[1m%s\033[0m\n' "$*"; }
fail() { printf 'cluster: %s\n' "$*" >&2; exit 1; }

index_of() { case "$1" in a) echo 0 ;; b) echo 1 ;; *) fail "unknown instance '$1' (a or b)" ;; esac; }
pid_of() { local f="$DIR/$1/pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2> /dev/null && cat "$f" || true; }
url_of() { echo "http://127.0.0.1:${HTTP_PORTS[$(index_of "$1")]}"; }

members_list() {
  local list="" p
  for p in "${GRID_PORTS[@]}"; do list="${list:+$list,}127.0.0.1:$p"; done
  echo "$list"
}

prepare() {
  if [ ! -f "$MICRO/payara-micro.jar" ] || [ ! -f "$MICRO/api.war" ]; then
    say "Building the Payara Micro wars (first build downloads dependencies: a few minutes)…"
    "$ROOT/mvnw" -q -B -ntp -DskipTests -pl micro -am package || fail "build failed (run ./mvnw -DskipTests package)"
  fi
  mkdir -p "$DIR/shared"
  DIR="$(cd "$DIR" && pwd)"
  export SESAME_DB_URL="${SESAME_DB_URL:-jdbc:postgresql://127.0.0.1:5432/sesame}"
  export SESAME_DB_USER="${SESAME_DB_USER:-postgres}"
  case "$SESAME_DB_URL" in
    jdbc:postgresql:*) ;;
    *) fail "a cluster needs a shared PostgreSQL: SESAME_DB_URL=jdbc:postgresql://… (is $SESAME_DB_URL)" ;;
  esac
  local database
  database="$(sed -E 's|^jdbc:postgresql://[^/]+/([^?]+).*|\1|' <<< "$SESAME_DB_URL")"
  if command -v psql > /dev/null && [[ "$SESAME_DB_URL" =~ ^jdbc:postgresql://(127\.0\.0\.1|localhost)(:5432)?/ ]]; then
    if ! PGPASSWORD="${SESAME_DB_PASSWORD:-}" psql -h 127.0.0.1 -U "$SESAME_DB_USER" -d "$database" -Atqc 'select 1' > /dev/null 2>&1; then
      say "Creating PostgreSQL database $database…"
      PGPASSWORD="${SESAME_DB_PASSWORD:-}" createdb -h 127.0.0.1 -U "$SESAME_DB_USER" "$database" \
        || fail "could not create database $database; create it or set SESAME_DB_URL"
    fi
  fi
  # Both instances must share the pepper and the signing-key encryption key: generated once, mode 0600.
  local secrets="$DIR/shared/secrets.env"
  (umask 077; touch "$secrets")
  grep -q '^SESAME_TOKEN_PEPPER=' "$secrets" \
    || printf 'SESAME_TOKEN_PEPPER=%s\n' "$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')" >> "$secrets"
  grep -q '^SESAME_SIGNING_ENCRYPTION_KEY=' "$secrets" \
    || printf 'SESAME_SIGNING_ENCRYPTION_KEY=%s\n' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >> "$secrets"
  while IFS='=' read -r name value; do
    [ -n "${!name:-}" ] || export "$name=$value"
  done < "$secrets"
  export SESAME_DATA_DIR="$DIR/shared" SESAME_CLUSTER_ENABLED=true
}

start_instance() {
  local name="$1" i http grid
  i="$(index_of "$name")"; http="${HTTP_PORTS[$i]}"; grid="${GRID_PORTS[$i]}"
  if [ -n "$(pid_of "$name")" ]; then
    say "Instance $name is already running (PID $(pid_of "$name"))."
    return
  fi
  if (exec 3<> "/dev/tcp/127.0.0.1/$http") 2> /dev/null; then
    fail "port $http is in use by another program"
  fi
  local home="$DIR/$name"
  # A root directory left by a killed instance would deploy the wars twice: start from an empty one.
  rm -rf "$home/root"
  mkdir -p "$home"
  local deploys=() app
  for app in $APPS; do deploys+=(--deploy "$MICRO/$app.war"); done
  say "Starting instance $name on $(url_of "$name") (grid port $grid)…"
  # setsid: the instance outlives this script; its PID is the Java process (exec).
  setsid bash -c 'exec "$@"' _ "$JAVA" "-Xmx$HEAP" -Dhazelcast.socket.bind.any=false \
      -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl \
      -jar "$MICRO/payara-micro.jar" "${deploys[@]}" \
      --port "$http" --name "sesame-$name" --prebootcommandfile "$MICRO/preboot.txt" \
      --clustername "$NAME" --clustermode "tcpip:$(members_list)" \
      --interfaces 127.0.0.1 --hzpublicaddress 127.0.0.1 --startport "$grid" \
      --rootdir "$home/root" > "$home/payara-micro.log" 2>&1 < /dev/null &
  echo $! > "$home/pid"
  await_ready "$name"
}

await_ready() {
  local name="$1" url started pid
  url="$(url_of "$name")"; started=$(date +%s); pid="$(cat "$DIR/$name/pid")"
  while true; do
    kill -0 "$pid" 2> /dev/null || { tail -n 40 "$DIR/$name/payara-micro.log" >&2; fail "instance $name exited; log: $DIR/$name/payara-micro.log"; }
    if grep -q -E "Exception while (preparing|loading) the app" "$DIR/$name/payara-micro.log"; then
      grep -E -A3 "Exception while (preparing|loading) the app|Sesame cannot start" "$DIR/$name/payara-micro.log" | head -20 >&2
      stop_instance "$name"
      fail "instance $name could not deploy Sesame (above); log: $DIR/$name/payara-micro.log"
    fi
    if curl -fsS "$url/health/ready" > /dev/null 2>&1 \
        && { [[ " $APPS " != *" admin "* ]] || curl -fsS "$url/admin/login.xhtml" > /dev/null 2>&1; }; then
      break
    fi
    if [ $(( $(date +%s) - started )) -ge 300 ]; then
      local why
      why="$(curl -sS "$url/health/ready" 2>&1 || true)"
      stop_instance "$name"
      fail "instance $name not ready after 300 s: $why; log: $DIR/$name/payara-micro.log"
    fi
    sleep 1
  done
  say "Instance $name is ready at $url (PID $pid, $(( $(date +%s) - started )) s): $(members "$name") grid member(s)"
}

members() {
  curl -fsS "$(url_of "$1")/health/ready" 2> /dev/null | sed -nE 's/.*"clusterMembers":"?([0-9]+).*/\1/p' || true
}

stop_instance() {
  local name="$1" pid
  pid="$(pid_of "$name")"
  if [ -z "$pid" ]; then
    rm -f "$DIR/$name/pid"
    return
  fi
  say "Stopping instance $name (PID $pid)…"
  kill "$pid" 2> /dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2> /dev/null || break; sleep 1; done
  kill -9 "$pid" 2> /dev/null || true
  rm -f "$DIR/$name/pid"
}

command="${1:-}"
targets=("${INSTANCES[@]}")
[ -n "${2:-}" ] && { index_of "$2" > /dev/null; targets=("$2"); }

case "$command" in
  start)
    prepare
    for name in "${targets[@]}"; do start_instance "$name"; done
    if [ ${#targets[@]} -eq 2 ]; then
      for _ in $(seq 1 60); do [ "$(members a)" = "2" ] && [ "$(members b)" = "2" ] && break; sleep 1; done
      [ "$(members a)" = "2" ] || fail "the instances did not form one grid (see the logs in $DIR/a and $DIR/b)"
    fi
    echo "  API:    $(url_of a)/api/v1   $(url_of b)/api/v1"
    [[ " $APPS " == *" admin "* ]] && echo "  Portal: $(url_of a)/admin/   $(url_of b)/admin/"
    [ -f "$DIR/shared/bootstrap-credentials.properties" ] \
      && echo "  Bootstrap credentials: $DIR/shared/bootstrap-credentials.properties"
    echo "  Logs:   $DIR/a/payara-micro.log  $DIR/b/payara-micro.log     Stop: tools/cluster.sh stop"
    ;;
  stop)
    for name in "${targets[@]}"; do stop_instance "$name"; done
    ;;
  status)
    for name in "${targets[@]}"; do
      pid="$(pid_of "$name")"
      if [ -n "$pid" ]; then
        echo "$name: PID $pid, $(url_of "$name"), ready: $(curl -s -o /dev/null -w '%{http_code}' "$(url_of "$name")/health/ready"), grid members: $(members "$name")"
      else
        echo "$name: stopped"
      fi
    done
    ;;
  *)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
