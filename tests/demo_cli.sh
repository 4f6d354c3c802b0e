#!/usr/bin/env bash
# `suture demo` end to end, twice: on a private anvil node (--rpc) and on the
# embedded default (the in-process node over a state file). Asserts the
# verdicts of each run (the exploit drains, the monitor's pause saves, every
# gate of the fix passes, each wrong fix stops at its own gate, the fix is
# deployed, verified and the venue unpaused, the reports exist and the ledger
# verifies), that the narrative off a terminal is plain step lines, that the
# ledger records the unpause as the timelock's (through the Safe), and that
# the two runs agree on all of them.
# Usage: demo_cli.sh BUILD_DIR (run from the source dir).
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
S=$build/suture
. scripts/anvil.sh
work=$(mktemp -d)
trap 'stop_anvil; rm -rf "$work"' EXIT
start_anvil || exit 1

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

run anvil --rpc "$anvil_url"
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
  # Not on a terminal: step lines only, no progress notices or terminal escapes in the log.
  if grep -q -e '^suture: ' -e $'\r' -e $'\033' "$work/$r.log"; then
    echo "FAIL: $r: progress or escapes in a non-terminal narrative:"; grep -n -e '^suture: ' -e $'\r' -e $'\033' "$work/$r.log" | head -5
    fails=$((fails + 1))
  else
    echo "ok: $r: the narrative off a terminal is plain step lines"
  fi
  # The unpause went through the timelock (scheduled and executed by the Safe); the ledger says so.
  "$S" --json log --ledger "$work/$r/suture.ledger" > "$work/$r.log.json"
  check "$r: the ledger records the unpause as the timelock's, through the Safe" \
    '[.events[] | select(.kind == "respond.unpause") | .data] | length == 1 and (.[0] | .mechanism == "timelock" and .status == "done" and .proposer_executor.safe != null and .proposer_executor.schedule_tx != null and .operation != null)' "$work/$r.log.json"
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
