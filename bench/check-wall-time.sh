#!/usr/bin/env bash
# Wall time of the `suture check` command, process start to exit (what a user
# or CI waits for): best of N runs on one V1->V2 pair and on a whole build of
# all of @openzeppelin/contracts-upgradeable (86 contracts; `make bench` or the
# CMake target check_oz_upgradeable builds it).
#   bench/check-wall-time.sh [BUILD_DIR] [RUNS]    (defaults: build, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-5}
suture=$build/suture
pair_build=$build/fixtures/check/pairs.solc.json
oz_build=$build/fixtures/check/oz-upgradeable.build-info.json
for f in "$suture" "$pair_build" "$oz_build"; do
  [[ -e $f ]] || { echo "check-wall-time: $f is missing (build suture, check_pairs_solc and check_oz_upgradeable)" >&2; exit 2; }
done

# Best wall time in ms of `suture "$@"` over $runs runs; exit codes 0 and 1 (findings) are normal.
best_ms() {
  local best=
  for ((i = 0; i < runs; i++)); do
    local t0 t1 rc=0
    t0=$(date +%s%N)
    "$suture" "$@" >/dev/null 2>&1 || rc=$?
    t1=$(date +%s%N)
    if ((rc > 1)); then echo "check-wall-time: suture $* exited $rc" >&2; exit 2; fi
    local ms=$(((t1 - t0) / 1000))
    if [[ -z $best ]] || ((ms < best)); then best=$ms; fi
  done
  printf '%d.%03d' $((best / 1000)) $((best % 1000))
}

pair=pairs/layout_insert.sol
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   (best of $runs runs, wall time in ms)"
echo "one pair ($pair V1 -> V2, $(du -h "$pair_build" | cut -f1) solc output): $(best_ms check --old "$pair_build" --old-contract $pair:V1 --new "$pair_build" --new-contract $pair:V2)"
echo "OZ upgradeable build, upgradeable contracts (OZ validate's choice): $(best_ms check --new "$oz_build")"
echo "OZ upgradeable build, every contract (--all, 86): $(best_ms check --new "$oz_build" --all)"
