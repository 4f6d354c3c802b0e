#!/usr/bin/env bash
# Wall and CPU time of the exploit gate next to `forge test` on the same PoC, both warm (the Foundry
# project built; forge's cache present), best of N runs (default 5), each a fresh process:
#   1. one PoC, the reentrancy scenario's test/Exploit.t.sol::test_exploit:
#        forge test --match-path test/Exploit.t.sol --match-test test_exploit   (one implementation)
#        suture verify exploit --test test/Exploit.t.sol:ExploitTest::test_exploit
#               --swap EtherBankV1=EtherBankV2Fixed                         (old AND new: two runs)
#   2. the whole Foundry conformance suite (tests/fixtures/foundry-suite):
#        forge test        next to        suture test
# forge runs offline through ../shared/tools/solc-js-as-native, which answers forge's `solc --version`
# with node (~0.5 s CPU of every forge run; forge cannot skip it), as a user of solc-js would.
#
# Usage: bench/compare-forge-time.sh [BUILD_DIR]   (default: build; needs the forge-built fixtures)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
runs=${RUNS:-5}
suture=${SUTURE:-$build/suture}
forge=$repo/node_modules/.bin/forge
scenario=$build/fixtures/foundry/repo/tests/fixtures/exploits/reentrancy
suite=$build/fixtures/foundry/repo/tests/fixtures/foundry-suite
for f in "$suture" "$forge" "$scenario/out" "$suite/out"; do
  [[ -e $f ]] || { echo "compare-forge-time: $f not found (build first: ./dev build)" >&2; exit 2; }
done
export SOLCJS=$repo/node_modules/solc
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT

# best DIR CMD...: the best wall and CPU seconds of `runs` runs of CMD in DIR.
best() {
  local dir=$1; shift
  local bw=999 bc=999 out w c
  for _ in $(seq "$runs"); do
    (cd "$dir" && /usr/bin/time -o "$timing" -f '%e %U %S' "$@" >/dev/null 2>&1) || true
    out=$(tail -1 "$timing")
    read -r w u s <<<"$out"
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    bw=$(awk -v a="$w" -v b="$bw" 'BEGIN { print (a < b) ? a : b }')
    bc=$(awk -v a="$c" -v b="$bc" 'BEGIN { print (a < b) ? a : b }')
  done
  echo "$bw $bc"
}

row() { printf '| %-62s | %6s s | %6s s |\n' "$1" $2; }
echo "| run | wall | CPU |"
echo "|---|---:|---:|"
row "forge test, reentrancy test_exploit (V1 only)" \
  "$(best "$scenario" "$forge" test --offline --match-path test/Exploit.t.sol --match-test test_exploit)"
row "suture verify exploit, same test, old + new (swap to V2Fixed)" \
  "$(best "$scenario" "$suture" verify exploit --build . --test test/Exploit.t.sol:ExploitTest::test_exploit --swap EtherBankV1=EtherBankV2Fixed)"
row "forge test, foundry-suite (194 tests)" "$(best "$suite" "$forge" test --offline)"
row "suture test, foundry-suite" "$(best "$suite" "$suture" test)"
