# `suture report` end to end on the built `suture` (tests/report_cli.sh).
# Label "unit": no node, no network (the sqlite3 shell edits the ledger).
add_test(NAME cli_report COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/report_cli.sh $<TARGET_FILE:suture>)
set_tests_properties(cli_report PROPERTIES LABELS "unit;cli" PASS_REGULAR_EXPRESSION "report cli: ok")
