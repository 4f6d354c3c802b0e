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
# `suture migrate` end to end (tests/migrate_cli.sh): on the embedded default
# through --state FILE, on the in-process node (--rpc state:FILE) and on anvil.
if(TARGET suture)
  foreach(mode state node-state anvil)
    if(mode STREQUAL "state")
      set(name cli_migrate)
      set(labels "unit;cli")
    elseif(mode STREQUAL "node-state")
      set(name cli_migrate_node_state)
      set(labels "cli")
    else()
      set(name cli_migrate_anvil)
      set(labels "integration;cli")
    endif()
    add_test(NAME ${name}
      COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/migrate_cli.sh $<TARGET_FILE:suture>
              ${CMAKE_BINARY_DIR}/fixtures/migrate/contracts.json ${CMAKE_CURRENT_BINARY_DIR}/migrate_cli_${mode}
              ${CMAKE_SOURCE_DIR} ${mode})
    set_tests_properties(${name} PROPERTIES LABELS "${labels}" PASS_REGULAR_EXPRESSION "migrate cli: ok"
      FAIL_REGULAR_EXPRESSION "FAIL:" TIMEOUT 120)
  endforeach()
endif()
