#!/usr/bin/env bash
# The venue's exploit as a Foundry test (examples/venue/test/VenueExploit.t.sol), run by the pinned
# forge and by `suture test` on the build dir's copy of the project: it must pass on PerpVenueV1 (the
# drain), fail on the fix PerpVenueV2, and pass on the wrong fix PerpVenueV2GuardOnly; then the
# exploit gate with the test as PoC: blocked by PerpVenueV2, still exploitable on GuardOnly.
# Usage: venue_foundry.sh PROJECT FORGE SUTURE SOLCJS
set -u
root=$1 forge=$2 suture=$3 solcjs=$4
cd "$root" || exit 2
fail=0
check() {  # name expected-exit command...
  local name=$1 want=$2; shift 2
  "$@" >"$root/last.log" 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; tail -20 "$root/last.log"; fail=1
  else
    echo "ok   $name: exit $got"
  fi
}
for impl in V1:0 V2:1 GuardOnly:0; do
  name=${impl%%:*} want=${impl##*:}
  check "forge test SUTURE_IMPL=$name" "$want" env SUTURE_IMPL="$name" SOLCJS="$solcjs" "$forge" test --offline
  check "suture test SUTURE_IMPL=$name" "$want" env SUTURE_IMPL="$name" "$suture" test --root .
done
poc=test/VenueExploit.t.sol:VenueExploitTest::test_exploit
check "verify exploit --swap PerpVenueV1=PerpVenueV2" 0 "$suture" verify exploit --test "$poc" --build . --swap PerpVenueV1=PerpVenueV2
check "verify exploit --swap PerpVenueV1=PerpVenueV2GuardOnly" 1 "$suture" verify exploit --test "$poc" --build . --swap PerpVenueV1=PerpVenueV2GuardOnly
grep -q "exploit-still-works" "$root/last.log" || { echo "FAIL: GuardOnly without exploit-still-works"; fail=1; }
exit $fail
