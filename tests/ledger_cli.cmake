# The ledger commands end to end on the built `suture` (tests/ledger_cli.sh).
# Label "unit": no node, no network.
add_test(NAME cli_ledger COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ledger_cli.sh $<TARGET_FILE:suture>)
set_tests_properties(cli_ledger PROPERTIES LABELS "unit;cli" PASS_REGULAR_EXPRESSION "ledger cli: ok")
