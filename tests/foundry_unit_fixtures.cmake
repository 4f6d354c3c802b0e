# The `suture test` runner's unit fixture (tests/fixtures/foundry-unit: a test contract that reaches the
# cheatcodes without forge-std), compiled by solc-js into standard JSON for tests/verify/foundry_runner_test.cpp.
if(TARGET test_verify)
  suture_solidity(TARGET foundry_unit_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/foundry-unit.json
                  BASE ${CMAKE_SOURCE_DIR}/tests/fixtures/foundry-unit
                  SOURCES ${CMAKE_SOURCE_DIR}/tests/fixtures/foundry-unit/RunnerUnit.t.sol)
  add_dependencies(test_verify foundry_unit_build)
endif()
