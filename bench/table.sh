#!/usr/bin/env bash
# `./dev bench`: every benchmark the project has, in one table, each next to its target.
#   1. each Google Benchmark program in BUILD/bench runs once with JSON output (BUILD/bench-results/);
#   2. the rows of bench/targets.tsv are read from those results;
#   3. the EVM rows: each ../shared/evm-bench program next to evmone's published time (BENCH.md);
#   4. wall-time rows measured on the built `suture` (check, the exploit gate next to forge, the demo).
# A missing program or result is a row saying so, never a number. Exit 0 when everything ran (a missed
# target is reported in the table, not as a failure: benchmarks measure, tests decide).
# Usage: bench/table.sh [BUILD_DIR]   env: BENCH_WALL=0 skips step 4, BENCH_FILTER=REGEX limits step 1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
shared=${SUTURE_SHARED:-$repo/../shared}
out=$build/bench-results
mkdir -p "$out"
command -v jq >/dev/null || { echo "bench: jq not found (scripts/setup.sh installs it)" >&2; exit 2; }
tty=0; [[ -t 2 ]] && tty=1
note() { if ((tty)); then printf '\r\033[K%s' "$*" >&2; else echo "$*" >&2; fi; }

# 1. Run the benchmark programs.
for b in "$build"/bench/bench_*; do
  [[ -x $b && -f $b ]] || continue
  name=$(basename "$b")
  [[ -n ${BENCH_FILTER:-} && ! $name =~ $BENCH_FILTER ]] && continue
  note "bench: running $name"
  if ! "$b" --benchmark_format=json --benchmark_out="$out/$name.json" --benchmark_out_format=json \
        >/dev/null 2>"$out/$name.err"; then
    note "bench: $name failed, see $out/$name.err"; ((tty)) && echo >&2
  fi
done
((tty)) && note "" && printf '\r' >&2

# value BINARY NAME METRIC: the measurement in the metric's unit, or empty when absent.
value() {
  local file=$out/$1.json
  [[ -s $file ]] || return 0
  jq -r --arg n "$2" --arg m "$3" '
    def scale: {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1e3}[.time_unit];
    [.benchmarks[] | select(.name == $n and (.error_occurred | not))][0] // empty
    | if $m == "ms" then .real_time * scale
      elif $m == "cpu_ms" then .cpu_time * scale
      elif $m == "us" then .real_time * scale * 1e3
      elif $m == "cpu_us" then .cpu_time * scale * 1e3
      elif ($m | startswith("counter:")) then .[$m[8:]] // empty
      elif ($m | startswith("per_s:")) then ($m[6:] | tonumber) / (.real_time * scale / 1e3)
      else empty end' "$file"
}

# verdict MEASURED TARGET: met / MISSED / blank.
verdict() {
  local v=$1 t=$2
  [[ -z $v || $t == - ]] && return 0
  awk -v v="$v" -v op="${t:0:2}" -v x="${t:2}" 'BEGIN {
    ok = (op == "<=") ? (v <= x) : (v >= x); print ok ? "met" : "MISSED" }'
}

fmt() { [[ -z $1 ]] && echo "not measured" || awk -v v="$1" 'BEGIN { printf (v >= 100 ? "%\047.0f" : "%.2f"), v }'; }
unit_of() {
  case $1 in ms|cpu_ms) echo "ms" ;; us|cpu_us) echo "µs" ;; counter:*|per_s:*) echo "/s" ;; *) echo "" ;; esac
}
row() { printf '| %-10s | %-62s | %14s | %12s | %-6s |\n' "$@"; }

echo "Suture benchmarks ($(date -u +%F), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)); raw results: $out"
echo
row area what measured target status
echo "|------------|----------------------------------------------------------------|---------------:|-------------:|--------|"

# 2. The rows with targets.
while IFS=$'\t' read -r area bin name metric target what; do
  [[ -z $area || $area == \#* ]] && continue
  v=$(value "$bin" "$name" "$metric")
  u=$(unit_of "$metric")
  t=$target; [[ $t != - ]] && t="${t:0:2} $(fmt "${t:2}") $u"
  row "$area" "$what" "$(fmt "$v")${v:+ $u}" "$t" "$(verdict "$v" "$target")"
done <"$repo/bench/targets.tsv"

# 3. The EVM: each program next to evmone's baseline interpreter on the same kind of machine.
if [[ -f $shared/evm-bench/BENCH.md ]]; then
  while IFS='|' read -r _ prog _ evmone _; do
    prog=$(echo "$prog" | xargs); evmone=$(echo "$evmone" | tr -d ', ')
    [[ $prog == main/* || $prog == micro/* ]] || continue
    v=$(value bench_evm "$prog" cpu_us)  # CPU time: a loaded machine inflates wall time, not CPU time
    row evm "$prog, CPU (evmone: $evmone µs)" "$(fmt "$v")${v:+ µs}" "<= $evmone µs" "$(verdict "$v" "<=$evmone")"
  done <"$shared/evm-bench/BENCH.md"
else
  row evm "../shared/evm-bench/BENCH.md not found (set SUTURE_SHARED)" "not measured" - ""
fi

# 4. Wall time of whole commands (best of a few runs; needs the test fixtures built by ./dev test).
[[ ${BENCH_WALL:-1} == 0 ]] && exit 0
suture=$build/suture
best_s() {  # best wall seconds of "$@" over 3 runs; empty when it fails
  local best=
  for _ in 1 2 3; do
    local t0 t1 rc=0
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || rc=$?; t1=$(date +%s%N)
    ((rc > 1)) && return 0
    local s; s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [[ -z $best ]] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
  done
  echo "$best"
}
pairs=$build/fixtures/check/pairs.solc.json
if [[ -f $pairs ]]; then
  note "bench: timing suture check"
  v=$(best_s "$suture" check --old "$pairs" --old-contract pairs/layout_insert.sol:V1 --new "$pairs" \
        --new-contract pairs/layout_insert.sol:V2)
  row check "\`suture check\` one pair, process wall time" "$(fmt "$v")${v:+ s}" - ""
else
  row check "\`suture check\` wall time: fixtures not built (./dev test)" "not measured" - ""
fi
scenario=$build/fixtures/foundry/repo/tests/fixtures/exploits/reentrancy
if [[ -d $scenario/out ]]; then
  note "bench: timing the exploit gate and forge"
  v=$(cd "$scenario" && best_s "$suture" verify exploit --build . \
        --test test/Exploit.t.sol:ExploitTest::test_exploit --swap EtherBankV1=EtherBankV2Fixed)
  f=$(cd "$scenario" && SOLCJS=$repo/node_modules/solc best_s "$repo/node_modules/.bin/forge" test --offline \
        --match-path test/Exploit.t.sol --match-test test_exploit)
  row exploit "exploit gate old+new, wall (forge, one impl: $(fmt "$f") s)" "$(fmt "$v")${v:+ s}" "<= 0.10 s" \
    "$(verdict "$v" "<=0.1")"
else
  row exploit "exploit gate vs forge: fixtures not built (./dev test)" "not measured" - ""
fi
if "$suture" demo --help >/dev/null 2>&1; then
  note "bench: timing suture demo"
  dir=$(mktemp -d); v=$(best_s "$suture" demo --dir "$dir/demo"); rm -rf "$dir"
  row demo "\`suture demo\` on the embedded default, wall time" "$(fmt "$v")${v:+ s}" "<= 20 s" "$(verdict "$v" "<=20")"
else
  row demo "\`suture demo\`: not in this build" "not measured" "<= 20 s" ""
fi
((tty)) && note "" && printf '\r' >&2
exit 0
