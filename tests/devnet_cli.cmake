# `suture devnet` on a fresh state file (tests/devnet_cli.sh): new, deploy the
# example VaultV1 from its artifact, calls with decoded outputs, a revert
# (exit 1, nothing committed), a transaction list, show, bad input. No node.
add_test(NAME cli_devnet
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/devnet_cli.sh $<TARGET_FILE:suture>
          ${CMAKE_BINARY_DIR}/examples/vault.json ${CMAKE_CURRENT_BINARY_DIR}/devnet_cli)
set_tests_properties(cli_devnet PROPERTIES LABELS "unit;cli" PASS_REGULAR_EXPRESSION "devnet cli: ok"
  FAIL_REGULAR_EXPRESSION "FAIL:")
