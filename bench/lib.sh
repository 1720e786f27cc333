# Shared by the benchmark scripts (sourced; needs ROOT and SESAME_DATA_DIR).

# start_sesame LOG: starts ./sesame --no-build in a session of its own (its PID in SESAME_PID) and waits until it is
# ready and has written its bootstrap credentials; if it dies first, prints its log and exits.
start_sesame() {
  local log="$1"
  setsid "$ROOT/sesame" --no-build > "$log" 2>&1 < /dev/null &
  SESAME_PID=$!
  for _ in $(seq 1 180); do
    grep -q "is ready at" "$log" 2> /dev/null && break
    kill -0 "$SESAME_PID" 2> /dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
  done
  for _ in $(seq 1 30); do [ -s "$SESAME_DATA_DIR/bootstrap-credentials.properties" ] && break; sleep 1; done
}
