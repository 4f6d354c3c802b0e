# `suture check` end to end through the command line (exit codes, formats).
if(TARGET suture)
  add_test(NAME check_cli
           COMMAND ${CMAKE_COMMAND} -DSUTURE=$<TARGET_FILE:suture>
                   -DBUILD=${CMAKE_BINARY_DIR}/fixtures/check/pairs.solc.json
                   -DFIXTURES=${CMAKE_SOURCE_DIR}/tests/fixtures/check
                   -DTMP=${CMAKE_BINARY_DIR}/check_cli_tmp
                   -P ${CMAKE_SOURCE_DIR}/tests/upgrade/data/check_cli.cmake)
  set_tests_properties(check_cli PROPERTIES LABELS "unit;upgrade")
endif()
