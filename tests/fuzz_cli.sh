#!/usr/bin/env bash
# `suture verify fuzz` and `suture verify invariants` end to end on a state
# file built with `suture devnet` (tests/fuzz_cli.cmake): tests/fixtures/fuzz's
# vault behind an ERC1967 proxy with a deposit. Old vs old and the correct fix
# pass; the wrong fix's rounding change fails with a one-call reproducer
# (JSON and .t.sol), the same for a seed with any --jobs; the solvency-breaking new function fails the invariant
# gate, user relation and Solidity checker alike; bad input exits 2. With
# FORGE set (and SOLC, the solc-js-as-native wrapper), each generated .t.sol
# is built by forge and run by forge test and suture test: test_old_code
# passes, test_new_code_behaves_as_old fails, in both.
# Usage: fuzz_cli.sh SUTURE FUZZ_BUILD_JSON WORKDIR [FORGE SOLC SOLCJS]
set -u
S=$1 B=$2 W=$3 FORGE=${4:-} SOLC=${5:-} SOLCJS=${6:-}
. "$(dirname "${BASH_SOURCE[0]}")/cli_require.sh"
rm -rf "$W" && mkdir -p "$W" && cd "$W" || exit 1
DEV0=0x77F6cbD166DD059a33afDe102d79845fDd090228
"$S" devnet new d.state --accounts 2 >/dev/null || fail "devnet new"
IMPL=$("$S" devnet exec d.state --artifact "$B" --contract FuzzVaultV1 2>/dev/null) || fail "deploy V1"
PROXY=$("$S" devnet exec d.state --artifact "$B" --contract ERC1967Proxy --arg "$IMPL" \
        --arg "0xc4d66de8000000000000000000000000${DEV0:2}" 2>/dev/null) || fail "deploy proxy"
"$S" devnet exec d.state --call "$PROXY" --sig 'deposit()' --value 4000000000000000000 >/dev/null 2>&1 || fail "deposit"
F=(verify fuzz --target "$PROXY" --build "$B" --state d.state --runs 1500)
I=(verify invariants --target "$PROXY" --build "$B" --state d.state --runs 1500)
SOLVENT='totalAssets() >= totalSupply()'

expect_re 0 "fuzz gate: PASSED" -- "${F[@]}" --new FuzzVaultV1 --invariant "$SOLVENT"
expect_re 0 "fuzz gate: PASSED" -- "${F[@]}" --new FuzzVaultV2Fixed --invariant "$SOLVENT" --seed 5
expect_re 1 "error \[fuzz-difference\] previewFee\(uint256\) by 0x[0-9a-fA-F]{40}: old returned [0-9]+, new returned [0-9]+" \
    -- "${F[@]}" --new FuzzVaultV2Wrong --out wrong
printf '%s\n' "$out" | grep -q "reproducer (1 call" || fail "the wrong fix's reproducer is not one call: $out"
[ -s wrong/fuzz-1.json ] && [ -s wrong/FuzzFinding1.t.sol ] || fail "reproducers not written: $(ls wrong)"
grep -q '"transactions"' wrong/fuzz-1.json || fail "fuzz-1.json has no transactions"
# The same seed finds the same reproducer.
expect_re 1 "fuzz-difference" -- "${F[@]}" --new FuzzVaultV2Wrong --out again
cmp -s wrong/fuzz-1.json again/fuzz-1.json || fail "the same seed wrote another reproducer"
# And the same with one thread or two.
expect_re 1 "fuzz-difference" -- "${F[@]}" --new FuzzVaultV2Wrong --jobs 1 --out jobs1
expect_re 1 "fuzz-difference" -- "${F[@]}" --new FuzzVaultV2Wrong --jobs 2 --out jobs2
cmp -s wrong/fuzz-1.json jobs1/fuzz-1.json && cmp -s jobs1/fuzz-1.json jobs2/fuzz-1.json ||
    fail "--jobs 1 and --jobs 2 wrote different reproducers"

expect_re 1 "error \[invariant-broken-by-patch\] totalAssets\(\) >= totalSupply\(\) breaks on the new code after donateToReserves\(uint256\)" \
    -- "${I[@]}" --new FuzzVaultV2Donate --invariant "$SOLVENT" --out donate
printf '%s\n' "$out" | grep -q "1 new, not in the old code: donateToReserves(uint256)" || fail "donateToReserves not shown as new: $out"
expect_re 1 "invariant_solvent\(\) breaks on the new code" -- "${I[@]}" --new FuzzVaultV2Donate --invariant-contract FuzzVaultSolvency
expect_re 0 "invariants gate: PASSED" -- "${I[@]}" --new FuzzVaultV2Fixed --invariant-contract FuzzVaultSolvency
expect_re 0 "\"passed\": true" -- --json "${I[@]}" --new FuzzVaultV1 --invariant "$SOLVENT"

expect_re 2 "no function nosuch" -- "${I[@]}" --new FuzzVaultV1 --invariant 'nosuch() > 1'
expect_re 2 "no invariants to check" -- "${I[@]}" --new FuzzVaultV1
expect_re 2 "--state FILE or --rpc URL" -- verify fuzz --target "$PROXY" --build "$B" --new FuzzVaultV1
expect_re 2 "depth" -- "${F[@]}" --new FuzzVaultV1 --depth 0
expect_re 2 "--history needs a node" -- "${F[@]}" --new FuzzVaultV1 --history 1..2

if [ -n "$FORGE" ]; then
    export SOLCJS
    for dir in wrong donate; do
        mkdir -p "proj-$dir/test" "proj-$dir/src"
        cp "$dir/FuzzFinding1.t.sol" "proj-$dir/test/"
        printf '[profile.default]\nsrc = "src"\ntest = "test"\nout = "out"\nlibs = []\noffline = true\nauto_detect_solc = false\nsolc = "%s"\nevm_version = "cancun"\n' \
            "$SOLC" > "proj-$dir/foundry.toml"
        (cd "proj-$dir" && "$FORGE" build --quiet) || fail "forge build of $dir/FuzzFinding1.t.sol"
        for runner in forge suture; do
            if [ $runner = forge ]; then res=$(cd "proj-$dir" && "$FORGE" test 2>&1)
            else res=$("$S" test --root "proj-$dir" 2>&1); fi
            printf '%s\n' "$res" | grep -q "\[PASS\] test_old_code()" || fail "$runner test: test_old_code did not pass ($dir): $res"
            printf '%s\n' "$res" | grep -q "\[FAIL: call [0-9]*: .*\] test_new_code_behaves_as_old()" ||
                fail "$runner test: test_new_code_behaves_as_old did not fail on a call ($dir): $res"
        done
    done
fi
echo "fuzz cli: ok"
