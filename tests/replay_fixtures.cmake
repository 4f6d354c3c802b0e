# The replay gate's fixtures (tests/integration/replay_anvil_test.cpp): the
# reentrancy scenario's bank (V1, the correct fix, the attacker) with
# tests/fixtures/replay's behaviour-changing "fix" and the proxy, compiled by
# solc-js (standard JSON) into fixtures/replay/contracts.json.
if(TARGET test_integration)
  file(GLOB replay_fixture_sources CONFIGURE_DEPENDS
       ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/reentrancy/src/*.sol
       ${CMAKE_SOURCE_DIR}/tests/fixtures/replay/*.sol)
  list(APPEND replay_fixture_sources
       ${CMAKE_SOURCE_DIR}/node_modules/@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol)
  suture_solidity(TARGET replay_fixtures_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/replay/contracts.json
                  BASE ${CMAKE_SOURCE_DIR}/tests/fixtures SOURCES ${replay_fixture_sources})
  add_dependencies(test_integration replay_fixtures_build)
endif()
