# The fuzz and invariant gates' fixtures (tests/verify/fuzz_run_test.cpp and
# the CLI test): tests/fixtures/fuzz's vault (old, a correct fix, a wrong fix,
# a fix with a solvency-breaking new function, a Solidity invariant) and the
# proxy, compiled by solc-js (standard JSON) into fixtures/fuzz/contracts.json.
if(TARGET test_verify)
  file(GLOB fuzz_fixture_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fixtures/fuzz/*.sol)
  list(APPEND fuzz_fixture_sources
       ${CMAKE_SOURCE_DIR}/node_modules/@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol)
  suture_solidity(TARGET fuzz_fixtures_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/fuzz/contracts.json
                  BASE ${CMAKE_SOURCE_DIR}/tests/fixtures SOURCES ${fuzz_fixture_sources})
  add_dependencies(test_verify fuzz_fixtures_build)
endif()
