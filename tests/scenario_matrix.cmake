# The scenario matrix (issue 13, tests/scenarios): each exploit scenario of tests/fixtures/exploits with
# a history of tens of users, its correct fix and wrong fixes (tests/fixtures/exploits/<scenario>/matrix),
# through the replay, fuzz and invariants gates, on anvil (scenario_matrix) and on the in-process node
# over a state file (scenario_matrix_state, the embedded default).
if(SUTURE_SANITIZE OR NOT TARGET suture_test_support)
  return()
endif()

set(scenario_oz ${CMAKE_SOURCE_DIR}/node_modules/@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol)
# One build per scenario (the scenarios share contract names such as Attacker).
file(GLOB scenario_reentrancy_sources CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/reentrancy/src/*.sol
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/reentrancy/matrix/*.sol)
list(APPEND scenario_reentrancy_sources ${CMAKE_SOURCE_DIR}/tests/fixtures/replay/EtherBankV2Fee.sol ${scenario_oz})
suture_solidity(TARGET scenario_reentrancy_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/scenarios/reentrancy.json
                BASE ${CMAKE_SOURCE_DIR}/tests/fixtures SOURCES ${scenario_reentrancy_sources} NOT_ALL)
file(GLOB scenario_access_sources CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/access-control/src/*.sol
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/access-control/matrix/*.sol)
list(APPEND scenario_access_sources ${scenario_oz})
suture_solidity(TARGET scenario_access_control_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/scenarios/access-control.json
                BASE ${CMAKE_SOURCE_DIR}/tests/fixtures SOURCES ${scenario_access_sources} NOT_ALL)
file(GLOB scenario_market_sources CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/price-manipulation/src/*.sol
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/price-manipulation/matrix/*.sol)
list(APPEND scenario_market_sources ${scenario_oz})
suture_solidity(TARGET scenario_price_manipulation_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/scenarios/price-manipulation.json
                BASE ${CMAKE_SOURCE_DIR}/tests/fixtures SOURCES ${scenario_market_sources} NOT_ALL)
file(GLOB scenario_vault_sources CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/share-inflation/src/*.sol
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/share-inflation/matrix/*.sol)
list(APPEND scenario_vault_sources ${scenario_oz})
suture_solidity(TARGET scenario_share_inflation_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/scenarios/share-inflation.json
                BASE ${CMAKE_SOURCE_DIR}/tests/fixtures SOURCES ${scenario_vault_sources} NOT_ALL)

file(GLOB scenario_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/scenarios/*.cpp)
add_executable(test_scenarios ${scenario_test_sources})
target_link_libraries(test_scenarios PRIVATE suture_verify suture_chain suture_test_support GTest::gtest GTest::gtest_main)
add_dependencies(test_scenarios scenario_reentrancy_build scenario_access_control_build scenario_price_manipulation_build
                 scenario_share_inflation_build)

add_test(NAME scenario_matrix COMMAND test_scenarios --gtest_brief=1)
set_tests_properties(scenario_matrix PROPERTIES LABELS "integration;verify" TIMEOUT 300)
add_test(NAME scenario_matrix_state COMMAND test_scenarios --gtest_brief=1)
set_tests_properties(scenario_matrix_state PROPERTIES LABELS "integration;verify;devnode" TIMEOUT 300
                     ENVIRONMENT "SUTURE_TEST_NODE=state")
