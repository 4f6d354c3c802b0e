#!/usr/bin/env bash
# Wall time of `suture check` next to OpenZeppelin's validator
# (@openzeppelin/upgrades-core, pinned in package.json) on the same build-info,
# best of N runs (default 5), each a fresh process as a user would run it:
#   1. one V1 -> V2 fixture pair (PAIR, default initializers_ok: imports
#      OpenZeppelin's Initializable/Ownable/Pausable), compiled alone into a
#      Hardhat build-info folder:
#        npx @openzeppelin/upgrades-core validate DIR --contract V2 --reference V1
#        node <its cli.js> validate ...            (the same without npx's start-up)
#        suture check --old F --old-contract V1 --new F --new-contract V2
#   2. all of @openzeppelin/contracts-upgradeable (CMake target check_oz_upgradeable):
#        npx @openzeppelin/upgrades-core validate DIR   (runs its validations on every
#        contract, reports those it detects as upgradeable and not abstract)
#        suture check --new F        (the same choice of contracts: whole-build mode)
#        suture check --new F --all  (every contract)
#
# Usage: bench/compare-openzeppelin-time.sh [BUILD_DIR]   (default: build)
# Needs: <build>/suture, the target check_oz_upgradeable and
# node_modules from scripts/setup.sh. Env: RUNS (default 5), PAIR.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
runs=${RUNS:-5}
pair=${PAIR:-initializers_ok}
suture=$build/suture
oz_build=$build/fixtures/check/oz-upgradeable.build-info.json
oz_cli=$repo/node_modules/@openzeppelin/upgrades-core/dist/cli/cli.js

for f in "$suture" "$oz_build" "$oz_cli" "$repo/tests/fixtures/check/pairs/$pair.sol"; do
  [[ -e $f ]] || { echo "compare-openzeppelin-time: $f not found (build suture and check_oz_upgradeable; run scripts/setup.sh)" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Build-info folders as Hardhat writes them (solc-compile.mjs --format hardhat
# lists every source in the input, as Hardhat does). The pair is compiled alone:
# OpenZeppelin validates every contract of a build-info folder, whatever
# --contract says; the validator reads a folder, so the OZ build gets one of its own.
node "$repo/scripts/solc-compile.mjs" --format hardhat --base "$repo/tests/fixtures/check" \
  --out "$tmp/pair/pair.json" "$repo/tests/fixtures/check/pairs/$pair.sol"
mkdir -p "$tmp/oz"
cp "$oz_build" "$tmp/oz/"
pair_file=$tmp/pair/pair.json
oz_file=$tmp/oz/$(basename "$oz_build")

# Best wall time and best CPU time (user + sys, the process and its children)
# in ms of RUNS runs of a command, as "wall cpu". Output discarded; exit code
# 1 (findings) is fine, anything else stops the benchmark. CPU time is the
# number to trust when the machine is loaded (the load average is printed).
best_ms() {
  local bw= bc= w u s rc
  for ((i = 0; i < runs; ++i)); do
    rc=0
    /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || rc=$?
    if ((rc > 1)); then
      echo "compare-openzeppelin-time: '$*' exited $rc: $(head -c 300 "$tmp/err")" >&2
      exit 1
    fi
    read -r w u s < <(tail -n 1 "$tmp/time")
    w=$(awk -v w="$w" 'BEGIN { printf "%d", w * 1000 }')
    u=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')
    [[ -z $bw || $w -lt $bw ]] && bw=$w
    [[ -z $bc || $u -lt $bc ]] && bc=$u
  done
  echo "$bw $bc"
}
# /usr/bin/time counts CPU in 10 ms ticks: a 0 means "under 10 ms".
row() { printf '%-64s %8s %8s\n' "$1" "$2" "$([[ $3 == 0 ]] && echo '<10' || echo "$3")"; }

cd "$repo"  # npx resolves the pinned package from node_modules
echo "best of $runs runs, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "OpenZeppelin upgrades-core $(node -p "require('$oz_cli/../../../package.json').version"), $("$suture" --version)"
echo
row "one pair ($pair, V2 against V1)" "wall ms" "cpu ms"
read -r a ac < <(best_ms npx --no-install @openzeppelin/upgrades-core validate "$tmp/pair" --contract V2 --reference V1)
row "  npx @openzeppelin/upgrades-core validate" "$a" "$ac"
read -r b bc < <(best_ms node "$oz_cli" validate "$tmp/pair" --contract V2 --reference V1)
row "  node upgrades-core/dist/cli/cli.js validate (no npx)" "$b" "$bc"
read -r c cc < <(best_ms "$suture" check --old "$pair_file" --old-contract V1 --new "$pair_file" --new-contract V2)
row "  suture check" "$c" "$cc"
contracts=$(node -e "const d=require('$oz_file');let n=0;for(const s of Object.values(d.output.sources))for(const c of (s.ast.nodes||[]))if(c.nodeType==='ContractDefinition'&&c.contractKind==='contract')n++;console.log(n)")
echo
row "@openzeppelin/contracts-upgradeable ($contracts contracts)" "wall ms" "cpu ms"
read -r d dc < <(best_ms npx --no-install @openzeppelin/upgrades-core validate "$tmp/oz")
row "  npx @openzeppelin/upgrades-core validate (every contract)" "$d" "$dc"
read -r e ec < <(best_ms node "$oz_cli" validate "$tmp/oz")
row "  node upgrades-core/dist/cli/cli.js validate (no npx)" "$e" "$ec"
read -r f fc < <(best_ms "$suture" check --new "$oz_file")
row "  suture check --new (the upgradeable contracts, as OZ validate)" "$f" "$fc"
read -r g gc < <(best_ms "$suture" check --new "$oz_file" --all)
row "  suture check --new --all (every contract)" "$g" "$gc"
echo
awk -v a="$a" -v c="$c" -v d="$d" -v f="$f" -v ac="$ac" -v cc="$cc" -v dc="$dc" -v fc="$fc" -v b="$b" -v e="$e" '
  function r(x, y) { return y > 0 ? sprintf("%.1fx", x / y) : sprintf("over %.0fx", x / 10) }
  BEGIN { printf "npx / suture: one pair %s wall, %s cpu; whole build %s wall, %s cpu\n",
          r(a, c), r(ac, cc), r(d, f), r(dc, fc)
          printf "node cli.js / suture (no npx start-up): one pair %s wall; whole build %s wall\n", r(b, c), r(e, f) }'
