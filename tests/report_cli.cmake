# `suture report` end to end on the built `suture` (tests/report_cli.sh).
# Label "unit": no node, no network (the sqlite3 shell edits the ledger).
add_test(NAME cli_report COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/report_cli.sh $<TARGET_FILE:suture>)
set_tests_properties(cli_report PROPERTIES LABELS "unit;cli" PASS_REGULAR_EXPRESSION "report cli: ok")

# The protocol on the embedded default (devnet, run, approve, state-file
# deploy) and its report (tests/report_e2e.sh). No node: label "unit".
# The vault example (target examples_vault, part of the default build) is
# defined after tests/, so no if(TARGET ...) here.
add_test(NAME report_e2e COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/report_e2e.sh $<TARGET_FILE:suture>
         ${CMAKE_BINARY_DIR}/examples/vault.json)
set_tests_properties(report_e2e PROPERTIES LABELS "unit;cli" PASS_REGULAR_EXPRESSION "report e2e: ok")
