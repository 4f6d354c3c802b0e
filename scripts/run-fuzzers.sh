#!/usr/bin/env bash
# Runs every libFuzzer binary in BUILD/fuzz for SECONDS each; fails on a crash.
# The artifact loader target starts from real artifacts (scripts/fuzz-artifact-seeds.mjs):
# the committed Foundry fixtures and, when a test build has compiled them, the
# solc/Hardhat fixtures of SUTURE_FIXTURE_BUILDS (default: build).
set -euo pipefail
build=$1; seconds=$2
shopt -s nullglob
targets=("$build"/fuzz/fuzz_*)
if ((${#targets[@]} == 0)); then echo "fuzz: no targets built" >&2; exit 1; fi
for t in "${targets[@]}"; do
  [[ -x $t && ! -d $t ]] || continue
  name=$(basename "$t")
  corpus="$build/fuzz/corpus-$name"; mkdir -p "$corpus"
  extra=()
  if [[ $name == fuzz_artifact_load ]]; then
    seeds="$build/fuzz/seeds-$name"; rm -rf "$seeds"
    # shellcheck disable=SC2086
    node scripts/fuzz-artifact-seeds.mjs "$seeds" ${SUTURE_FIXTURE_BUILDS:-build}
    extra=(-max_len=1048576 "$seeds")
  fi
  echo "fuzz: $name for ${seconds}s"
  "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]:0:1}" "$corpus" \
     "${extra[@]:1}" >"$build/fuzz/$name.log" 2>&1 || { tail -50 "$build/fuzz/$name.log"; echo "fuzz: $name FAILED" >&2; exit 1; }
  grep -E 'stat::number_of_executed_units' "$build/fuzz/$name.log" || true
done
