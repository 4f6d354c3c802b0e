# `suture verify fuzz` / `suture verify invariants` on a devnet state file
# (tests/fuzz_cli.sh), no node. Outside the sanitizer tree, with the pinned
# forge and the solc-js wrapper when present, the generated reproducer tests
# are also built by forge and run by forge test and suture test.
if(TARGET suture AND TARGET test_verify)  # test_verify builds fixtures/fuzz (fuzz_fixtures.cmake)
  set(_fuzz_forge_args "")
  set(_fuzz_shared "${CMAKE_SOURCE_DIR}/../shared")
  if(DEFINED ENV{SUTURE_SHARED} AND NOT "$ENV{SUTURE_SHARED}" STREQUAL "")
    set(_fuzz_shared "$ENV{SUTURE_SHARED}")
  endif()
  get_filename_component(_fuzz_shared "${_fuzz_shared}" ABSOLUTE)
  if(NOT SUTURE_SANITIZE AND EXISTS ${CMAKE_SOURCE_DIR}/node_modules/.bin/forge
     AND EXISTS ${_fuzz_shared}/tools/solc-js-as-native)
    set(_fuzz_forge_args ${CMAKE_SOURCE_DIR}/node_modules/.bin/forge ${_fuzz_shared}/tools/solc-js-as-native
                         ${CMAKE_SOURCE_DIR}/node_modules/solc)
  endif()
  add_test(NAME cli_verify_fuzz
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_cli.sh $<TARGET_FILE:suture>
            ${CMAKE_BINARY_DIR}/fixtures/fuzz/contracts.json ${CMAKE_CURRENT_BINARY_DIR}/fuzz_cli ${_fuzz_forge_args})
  set_tests_properties(cli_verify_fuzz PROPERTIES LABELS "unit;cli;verify" PASS_REGULAR_EXPRESSION "fuzz cli: ok"
    FAIL_REGULAR_EXPRESSION "FAIL:" TIMEOUT 300)
endif()
