# Solidity fixtures of `suture migrate` (tests/fixtures/migrate): the old
# vault, its push-strategy and claim-strategy replacements, compiled with
# OpenZeppelin 5.4.0 (MerkleProof) into ${CMAKE_BINARY_DIR}/fixtures/migrate/contracts.json.
set(SUTURE_MIGRATE_FIXTURES_DIR ${CMAKE_SOURCE_DIR}/tests/fixtures/migrate)
suture_solidity(TARGET migrate_fixtures
  OUTPUT ${CMAKE_BINARY_DIR}/fixtures/migrate/contracts.json
  BASE ${SUTURE_MIGRATE_FIXTURES_DIR}
  SOURCES ${SUTURE_MIGRATE_FIXTURES_DIR}/MigrationVault.sol)
if(TARGET test_verify)
  add_dependencies(test_verify migrate_fixtures)
endif()
if(TARGET test_pipeline)
  add_dependencies(test_pipeline migrate_fixtures)
endif()
# `suture migrate` end to end on the embedded default (tests/migrate_cli.sh).
if(TARGET suture)
  add_test(NAME cli_migrate
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/migrate_cli.sh $<TARGET_FILE:suture>
            ${CMAKE_BINARY_DIR}/fixtures/migrate/contracts.json ${CMAKE_CURRENT_BINARY_DIR}/migrate_cli ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli_migrate PROPERTIES LABELS "unit;cli" PASS_REGULAR_EXPRESSION "migrate cli: ok"
    FAIL_REGULAR_EXPRESSION "FAIL:" TIMEOUT 120)
endif()
