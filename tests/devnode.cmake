# Node-backed suites run again on the in-process node over a state file
# (chain/devnode, "state:PATH") instead of anvil: SUTURE_TEST_NODE=state makes
# them mine their history there (tests/support/devnode.hpp). The replay gate
# then replays the embedded default's own history (issue 13).
if(TARGET test_integration)
  add_test(NAME replay_state COMMAND test_integration --gtest_brief=1 --gtest_filter=ReplayAnvil.*)
  set_tests_properties(replay_state PROPERTIES LABELS "integration;devnode"
    ENVIRONMENT "SUTURE_SOURCE_DIR=${CMAKE_SOURCE_DIR};SUTURE_TEST_NODE=state")
endif()

# `suture pause` / `unpause` with --rpc state:FILE (tests/devnode_cli.sh): no node process.
add_test(NAME cli_devnode_pause
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/devnode_cli.sh $<TARGET_FILE:suture>
          ${CMAKE_BINARY_DIR}/fixtures/respond/contracts.json ${CMAKE_CURRENT_BINARY_DIR}/devnode_cli)
set_tests_properties(cli_devnode_pause PROPERTIES LABELS "unit;cli;devnode" PASS_REGULAR_EXPRESSION "devnode cli: ok"
  FAIL_REGULAR_EXPRESSION "FAIL:")
