# `suture check` next to OpenZeppelin's validator (@openzeppelin/upgrades-core,
# pinned in package.json) on every fixture pair of tests/fixtures/check/pairs:
# fails on any difference in finding codes that
# tests/fixtures/check/openzeppelin-expected.json does not list with its reason,
# and on a listed difference that no longer occurs. Skipped (exit 77) when
# node_modules lacks the package. docs/check-vs-openzeppelin.md has the table.
find_program(SUTURE_NODE node)
if(TARGET suture AND SUTURE_NODE)
  add_test(NAME check_vs_openzeppelin
           COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/compare-openzeppelin.mjs
                   --build ${CMAKE_BINARY_DIR} --suture $<TARGET_FILE:suture>)
  set_tests_properties(check_vs_openzeppelin PROPERTIES LABELS "compare;upgrade" SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
