# Solidity fixtures of the deploy routes and `inspect` (tests/fixtures/deploy):
# one solc-js run compiles all of them, with OpenZeppelin 5.4.0 from node_modules,
# into ${CMAKE_BINARY_DIR}/fixtures/deploy/contracts.json (solc standard JSON).
set(SUTURE_DEPLOY_FIXTURES_DIR ${CMAKE_SOURCE_DIR}/tests/fixtures/deploy)
set(SUTURE_DEPLOY_FIXTURES_JSON ${CMAKE_BINARY_DIR}/fixtures/deploy/contracts.json)
suture_solidity(TARGET deploy_fixtures
  OUTPUT ${SUTURE_DEPLOY_FIXTURES_JSON}
  BASE ${SUTURE_DEPLOY_FIXTURES_DIR}
  SOURCES
    ${SUTURE_DEPLOY_FIXTURES_DIR}/Box.sol
    ${SUTURE_DEPLOY_FIXTURES_DIR}/OzProxies.sol
    ${SUTURE_DEPLOY_FIXTURES_DIR}/LegacyProxies.sol
    ${SUTURE_DEPLOY_FIXTURES_DIR}/Diamond.sol)
foreach(t test_deploy test_integration)
  if(TARGET ${t})
    add_dependencies(${t} deploy_fixtures)
  endif()
endforeach()
# The CLI end-to-end tests (tests/integration/*_cli_test.cpp) run the `suture` binary.
if(TARGET test_integration AND TARGET suture)
  add_dependencies(test_integration suture)
endif()
# deploy_cli_test.cpp deploys the vault example's unsafe fix (the check gate refuses it).
if(TARGET test_integration AND TARGET examples_vault)
  add_dependencies(test_integration examples_vault)
endif()
