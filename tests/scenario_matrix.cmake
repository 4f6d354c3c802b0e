# The scenario matrix (issue 13, tests/scenarios): each exploit scenario of tests/fixtures/exploits with
# a history of tens of users, its correct fix and wrong fixes (tests/fixtures/exploits/<scenario>/matrix),
# through the replay, fuzz and invariants gates, on anvil (scenario_matrix) and on the in-process node
# over a state file (scenario_matrix_state, the embedded default).
if(SUTURE_SANITIZE OR NOT TARGET suture_test_support)
  return()
endif()

# One build per scenario (the scenarios share contract names such as Attacker): its src/ and matrix/
# and the proxy; the reentrancy bank's replay-wrong fix is tests/fixtures/replay's EtherBankV2Fee.
set(scenario_builds "")
foreach(scenario reentrancy access-control price-manipulation share-inflation)
  file(GLOB scenario_sources CONFIGURE_DEPENDS
       ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/${scenario}/src/*.sol
       ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/${scenario}/matrix/*.sol)
  list(APPEND scenario_sources ${CMAKE_SOURCE_DIR}/node_modules/@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol)
  if(scenario STREQUAL "reentrancy")
    list(APPEND scenario_sources ${CMAKE_SOURCE_DIR}/tests/fixtures/replay/EtherBankV2Fee.sol)
  endif()
  string(REPLACE "-" "_" scenario_target scenario_${scenario}_build)
  suture_solidity(TARGET ${scenario_target} OUTPUT ${CMAKE_BINARY_DIR}/fixtures/scenarios/${scenario}.json
                  BASE ${CMAKE_SOURCE_DIR}/tests/fixtures SOURCES ${scenario_sources} NOT_ALL)
  list(APPEND scenario_builds ${scenario_target})
endforeach()

file(GLOB scenario_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/*.cpp)
add_executable(test_scenarios ${scenario_test_sources})
target_link_libraries(test_scenarios PRIVATE suture_verify suture_chain suture_test_support GTest::gtest GTest::gtest_main)
add_dependencies(test_scenarios ${scenario_builds})

add_test(NAME scenario_matrix COMMAND test_scenarios --gtest_brief=1)
set_tests_properties(scenario_matrix PROPERTIES LABELS "integration;verify" TIMEOUT 300)
add_test(NAME scenario_matrix_state COMMAND test_scenarios --gtest_brief=1)
set_tests_properties(scenario_matrix_state PROPERTIES LABELS "integration;verify;devnode" TIMEOUT 300
                     ENVIRONMENT "SUTURE_TEST_NODE=state")
