# `suture demo` end to end on anvil and on the embedded default, the verdicts
# of both runs asserted and compared (tests/demo_cli.sh).
if(TARGET suture)  # examples_venue (the venue build it runs on) is defined after tests/
  add_test(NAME demo_cli
    COMMAND bash ${CMAKE_SOURCE_DIR}/tests/demo_cli.sh ${CMAKE_BINARY_DIR}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(demo_cli PROPERTIES
    LABELS "integration;demo"
    PASS_REGULAR_EXPRESSION "demo cli: ok"
    FAIL_REGULAR_EXPRESSION "FAIL"
    TIMEOUT 300)
endif()
