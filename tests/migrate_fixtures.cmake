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
