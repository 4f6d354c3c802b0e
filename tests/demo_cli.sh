#!/usr/bin/env bash
# `suture demo` end to end, twice: on a private anvil node (--rpc) and on the
# embedded default (the in-process node over a state file). Asserts the
# verdicts of each run (the exploit drains, the monitor's pause saves, every
# gate of the fix passes, each wrong fix stops at its own gate, the fix is
# deployed, verified and the venue unpaused, the reports exist and the ledger
# verifies) and that the two runs agree on all of them.
# Usage: demo_cli.sh BUILD_DIR (run from the source dir).
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
S=$build/suture
anvil=node_modules/.bin/anvil
[[ -x $anvil ]] || { echo "FAIL: $anvil missing: run scripts/setup.sh" >&2; exit 1; }
work=$(mktemp -d)
node_pid=
trap '[[ -n $node_pid ]] && kill $node_pid 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 50); do
  port=$((20000 + RANDOM % 30000))
  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || break
done
$anvil --hardfork cancun --port "$port" --silent &
node_pid=$!
for _ in $(seq 100); do
  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break
  sleep 0.1
done

fails=0
check() {  # check NAME JQ-EXPRESSION FILE: the expression must be true
  if [[ $(jq -r "$2" "$3") == true ]]; then echo "ok: $1"; else echo "FAIL: $1 ($2 on $3)"; fails=$((fails + 1)); fi
}

run() {  # run NAME ARGS...: the summary JSON in $work/NAME.json, the narrative in $work/NAME.log
  local name=$1; shift
  set +e
  "$S" --json demo --dir "$work/$name" "$@" > "$work/$name.json" 2> "$work/$name.log"
  local rc=$?
  set -e
  cat "$work/$name.log"
  echo "$name: exit $rc"
  [[ $rc -eq 0 ]] || { echo "FAIL: suture demo $* exited $rc"; fails=$((fails + 1)); }
}

run anvil --rpc "http://127.0.0.1:$port"
run embedded

for r in anvil embedded; do
  f=$work/$r.json
  check "$r: every step as expected" '.ok' "$f"
  check "$r: the exploit drains funds" '(.exploit_drain | length) > 1 and .exploit_drain != "0"' "$f"
  check "$r: the monitor fired and the pause saved funds" '.detector == "collateral-outflow" and .saved != "0" and .attack_txs_blocked > 0' "$f"
  check "$r: every gate of the fix passed" '[.fix_gates[]] | all(. == "pass")' "$f"
  check "$r: the fix went through check, exploit, replay, fuzz, invariants, simulate" '.fix_gates | keys == ["check","exploit","fuzz","invariants","replay","simulate"]' "$f"
  check "$r: 2-of-3 approvals" '.approvals == 2 and .threshold == 2' "$f"
  check "$r: deployed, verified, unpaused" '.deployed and .verified and .unpaused' "$f"
  check "$r: each wrong fix stopped at its gate" '[.wrong_fixes[] | .stopped_at == .expected_stop and .as_expected] | (length == 4 and all)' "$f"
  check "$r: the wrong fixes stop at check, exploit, replay, invariants" '[.wrong_fixes[].stopped_at] == ["check","exploit","replay","invariants"]' "$f"
  for k in markdown html; do
    p=$(jq -r ".report.$k" "$f")
    if [[ -s $p ]]; then echo "ok: $r: report $k exists"; else echo "FAIL: $r: report $k missing ($p)"; fails=$((fails + 1)); fi
  done
done

# The two runs agree on every verdict and amount (addresses and times differ).
verdicts='{history_transactions, pool_before, exploit_drain, drained_before_pause, saved, detector, firing_attack_tx,
           attack_txs_blocked, fix_gates, approvals, threshold, deployed, verified, unpaused,
           wrong: [.wrong_fixes[] | {contract, stopped_at, as_expected}]}'
if diff <(jq -S "$verdicts" "$work/anvil.json") <(jq -S "$verdicts" "$work/embedded.json"); then
  echo "ok: anvil and embedded runs agree"
else
  echo "FAIL: anvil and embedded runs disagree (diff above)"; fails=$((fails + 1))
fi

[[ $fails -eq 0 ]] && echo "demo cli: ok"
exit $fails
