#!/usr/bin/env bash
# Runs every libFuzzer binary in BUILD/fuzz for SECONDS each; fails on a crash.
set -euo pipefail
build=$1; seconds=$2
shopt -s nullglob
targets=("$build"/fuzz/fuzz_*)
if ((${#targets[@]} == 0)); then echo "fuzz: no targets built" >&2; exit 1; fi
for t in "${targets[@]}"; do
  [[ -x $t && ! -d $t ]] || continue
  name=$(basename "$t")
  corpus="$build/fuzz/corpus-$name"; mkdir -p "$corpus"
  echo "fuzz: $name for ${seconds}s"
  "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" \
     >"$build/fuzz/$name.log" 2>&1 || { tail -50 "$build/fuzz/$name.log"; echo "fuzz: $name FAILED" >&2; exit 1; }
  grep -E 'stat::number_of_executed_units' "$build/fuzz/$name.log" || true
done
