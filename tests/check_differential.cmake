# `suture check` against OpenZeppelin's validator on generated Solidity
# (scripts/check-differential.mjs): a fixed seed, 700 cases per rule family
# (init, layout, unsafe, state, and old: solc 0.7 code; about 5,200
# contracts and pairs compared), in
# whole-build mode and, for every 10th pair, pair mode. Fails on a
# disagreement that tests/fixtures/check/differential-expected.json does not
# explain, and on any case where Suture is more lenient. Skipped (exit 77)
# when node_modules lacks solc or @openzeppelin/upgrades-core.
# docs/check-vs-openzeppelin.md has the numbers.
find_program(SUTURE_NODE node)
set(SUTURE_DIFFERENTIAL_CASES 700 CACHE STRING "cases per rule family in the check_differential test")
if(TARGET suture AND SUTURE_NODE)
  add_test(NAME check_differential
           COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/check-differential.mjs
                   --build ${CMAKE_BINARY_DIR} --suture $<TARGET_FILE:suture> --seed 1
                   --cases ${SUTURE_DIFFERENTIAL_CASES} --out ${CMAKE_BINARY_DIR}/differential)
  set_tests_properties(check_differential PROPERTIES LABELS "compare;upgrade" SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()
