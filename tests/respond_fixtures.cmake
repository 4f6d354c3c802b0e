# Solidity fixtures of the respond layer (tests/fixtures/respond): pausable
# targets for `suture pause`, compiled with OpenZeppelin 5.4.0 from node_modules
# into ${CMAKE_BINARY_DIR}/fixtures/respond/contracts.json (solc standard JSON).
set(SUTURE_RESPOND_FIXTURES_DIR ${CMAKE_SOURCE_DIR}/tests/fixtures/respond)
file(GLOB respond_fixture_sources CONFIGURE_DEPENDS ${SUTURE_RESPOND_FIXTURES_DIR}/*.sol)
suture_solidity(TARGET respond_fixtures
  OUTPUT ${CMAKE_BINARY_DIR}/fixtures/respond/contracts.json
  BASE ${SUTURE_RESPOND_FIXTURES_DIR}
  SOURCES ${respond_fixture_sources})
if(TARGET test_integration)
  add_dependencies(test_integration respond_fixtures)
endif()
