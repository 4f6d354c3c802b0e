# Starts a private anvil node on a free loopback port (sourced by bash
# scripts: scripts/demo-deploy.sh, tests/demo_cli.sh). Run from the source
# dir (anvil from node_modules/.bin, installed by scripts/setup.sh).
# start_anvil [ANVIL ARGS...]: sets $anvil_port, $anvil_url and $anvil_pid,
# and waits until the port answers (at most 10 s). Returns 1, saying why on
# stderr, when anvil is missing or does not come up. The caller stops it
# (stop_anvil, e.g. from its EXIT trap).
start_anvil() {
  local bin=node_modules/.bin/anvil
  [[ -x $bin ]] || { echo "FAIL: $bin missing: run scripts/setup.sh" >&2; return 1; }
  for _ in $(seq 50); do
    anvil_port=$((20000 + RANDOM % 30000))
    (exec 3<>/dev/tcp/127.0.0.1/$anvil_port) 2>/dev/null || break
  done
  "$bin" --hardfork cancun --port "$anvil_port" --silent "$@" &
  anvil_pid=$!
  anvil_url=http://127.0.0.1:$anvil_port
  for _ in $(seq 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$anvil_port) 2>/dev/null && return 0
    kill -0 "$anvil_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "FAIL: anvil did not answer on $anvil_url" >&2
  return 1
}

# stop_anvil: stops the node start_anvil started, if any.
stop_anvil() {
  [[ -n ${anvil_pid:-} ]] && kill "$anvil_pid" 2>/dev/null
  anvil_pid=
  return 0
}
