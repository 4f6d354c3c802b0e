# Hostile and mistaken input, tried as a user would (issue 17): every case
# exits non-zero, and the first line of stderr says what is wrong. Inputs are
# made at test time by tests/bad_input/run_case.cmake (large ones generated,
# never committed); the misbehaving nodes are tests/bad_input/node_server.mjs.
if(TARGET suture)
  # suture_bad_input(NAME EXIT code FIRST regex [INPUT generator] [STDOUT file] [LINE last] ARGS ...):
  # FIRST matches the first line of stderr (the last one with LINE last).
  function(suture_bad_input name)
    cmake_parse_arguments(ARG "" "EXIT;FIRST;INPUT;STDOUT;LINE" "ARGS" ${ARGN})
    add_test(NAME bad_input_${name}
             COMMAND ${CMAKE_COMMAND} -DSUTURE=$<TARGET_FILE:suture> -DSOURCE=${CMAKE_SOURCE_DIR}
                     -DTMP=${CMAKE_BINARY_DIR}/bad_input/${name} -DINPUT=${ARG_INPUT} -DEXPECT_EXIT=${ARG_EXIT}
                     "-DFIRST=${ARG_FIRST}" "-DARGS=${ARG_ARGS}" -DSTDOUT=${ARG_STDOUT} -DLINE=${ARG_LINE}
                     -P ${CMAKE_SOURCE_DIR}/tests/bad_input/run_case.cmake)
    set_tests_properties(bad_input_${name} PROPERTIES LABELS "unit;cli")
  endfunction()
  set(_check check --new @TMP@/a.json --new-contract A)
  set(_check_foundry check --new @TMP@/out --new-contract V1)

  # Never crash on an artifact: a field of the wrong JSON type is one error naming file and JSON path.
  suture_bad_input(abi_type_number INPUT abi_type_number EXIT 2 ARGS ${_check}
    FIRST "^suture: error: .*a.json: \\$\\.contracts\\[\"A\\.sol\"\\]\\.A\\.abi\\[0\\]\\.type: expected a string, found a number$")
  suture_bad_input(abi_type_null INPUT abi_type_null EXIT 2 ARGS ${_check}
    FIRST "^suture: error: .*a.json: .*\\.abi\\[0\\]\\.type: expected a string, found null$")
  suture_bad_input(abi_inputs_string INPUT abi_inputs_string EXIT 2 ARGS ${_check}
    FIRST "^suture: error: .*a.json: .*\\.abi\\[0\\]\\.inputs: expected an array of parameters, found a string$")
  # 100,000 levels of nesting: where the loader skips it, it loads (and the check then asks for
  # the storage layout); where it keeps it, a clear error instead of a stack overflow.
  foreach(kind arrays objects)
    suture_bad_input(deep_skipped_${kind} INPUT deep_skipped_${kind} EXIT 2 ARGS ${_check}
      FIRST "^suture: error: .*: no storageLayout in the solc output")
    suture_bad_input(deep_kept_${kind} INPUT deep_kept_${kind} EXIT 2 ARGS ${_check}
      FIRST "^suture: error: .*a.json: values nested deeper than 2500 levels at byte [0-9]+")
  endforeach()

  # Accepted without a word before.
  suture_bad_input(storage_slot_above_2_256 INPUT slot_above_2_256 EXIT 2 ARGS ${_check_foundry}
    FIRST "^suture: error: .*V1.json: \\$\\.storageLayout\\.storage\\[0\\]\\.slot: value 0x1(0)+ is not below 2\\^256$")
  suture_bad_input(storage_number_of_bytes_3_4e41 INPUT number_of_bytes_3_4e41 EXIT 2 ARGS ${_check_foundry}
    FIRST "^suture: error: .*V1.json: \\$\\.storageLayout\\.types\\.t_uint256: numberOfBytes 340000000000000000000000000000000000000000 of \"uint256\": expected 1 to 32")
  suture_bad_input(deployed_code_not_hex INPUT deployed_code_not_hex EXIT 2 ARGS ${_check_foundry}
    FIRST "^suture: error: .*V1.json: \\$\\.deployedBytecode\\.object: not hex code: character 0 is 'z'$")
  suture_bad_input(creation_code_one_byte INPUT creation_code_one_byte EXIT 2 ARGS ${_check_foundry}
    FIRST "^suture: error: .*: the creation code of V1 \\(1 byte\\) deploys no code: the artifact's bytecode is empty or invalid$")
  suture_bad_input(creation_code_empty INPUT creation_code_empty EXIT 2 ARGS ${_check_foundry}
    FIRST "^suture: error: .*V1.json: \\$: bytecode is empty but deployedBytecode is not")
  suture_bad_input(old_contract_without_old INPUT foundry EXIT 2 ARGS ${_check_foundry} --old-contract V1
    FIRST "^suture: error: --old-contract needs --old BUILD")
  suture_bad_input(stdout_full EXIT 2 STDOUT /dev/full ARGS keccak abc
    FIRST "^suture: error: could not write the output to stdout \\(No space left on device\\)")
  suture_bad_input(node_answers_100_mib INPUT huge_node EXIT 3 LINE last ARGS inspect 0x0000000000000000000000000000000000000001 --rpc @RPC@
    FIRST "^suture: error: eth_[A-Za-z]+ at http://127\\.0\\.0\\.1:[0-9]+: the answer is larger than the limit of 64 MiB$")
  suture_bad_input(block_negative EXIT 2 ARGS inspect 0x0000000000000000000000000000000000000001 --rpc @RPC@ --block -1
    FIRST "^--block: a block number is 0 or more \\(leave --block out for the latest block\\), got -1$")
  suture_bad_input(key_env_and_keystore INPUT foundry EXIT 2
    ARGS create --rpc @RPC@ --artifact @TMP@/out --contract V1 --key-env K --keystore @TMP@/ks.json
    FIRST "--key-env excludes --keystore|which key\\?")
  suture_bad_input(key_file_is_a_directory INPUT key_folder EXIT 2
    ARGS create --rpc @RPC@ --artifact @TMP@/out --contract V1 --key-file @TMP@/keydir
    FIRST "^suture: error: key file .*keydir: is a directory, not a key file$")
  suture_bad_input(statetest_empty_folder INPUT empty_folder EXIT 2 ARGS evm statetest @TMP@/empty
    FIRST "^suture: error: no state-test files \\(\\*\\.json\\) under .*empty$")
  suture_bad_input(statetest_filter_matches_nothing INPUT statetest_no_tests EXIT 2 ARGS evm statetest @TMP@/tests -k nope
    FIRST "^suture: error: no test named \"nope\" in 1 file\\(s\\) under ")

  # Waits with no word: the wait is named, the time-outs are options.
  suture_bad_input(node_never_answers INPUT silent_node EXIT 3
    ARGS inspect 0x0000000000000000000000000000000000000001 --rpc @RPC@ --rpc-timeout 3
    FIRST "^suture: waiting for eth_[A-Za-z]+ at http://127\\.0\\.0\\.1:[0-9]+: 2 s of --rpc-timeout 3 s$")
  suture_bad_input(node_never_answers_times_out INPUT silent_node EXIT 3
    ARGS inspect 0x0000000000000000000000000000000000000001 --rpc @RPC@ --rpc-timeout 1
    FIRST "^suture: error: eth_[A-Za-z]+ at http://127\\.0\\.0\\.1:[0-9]+: no answer within the request time-out of 1 s$")
  suture_bad_input(evm_run_endless_loop EXIT 1 ARGS evm run 0x5b600056 --gas 9223372036854775807 --time-limit 1
    FIRST "^suture: error: evm run: stopped after the --time-limit of 1 s")

  # Unclear before.
  suture_bad_input(unknown_option_before_missing_required EXIT 2 ARGS check --new-contrat V2
    FIRST "^The following arguments were not expected: .*--new-contrat")
  suture_bad_input(long_argument_is_not_echoed INPUT long_argument EXIT 2 ARGS abi encode "f(uint8)"
    FIRST "^suture: error: .*\\.\\.\\.\\([0-9]+ bytes\\)\\.\\.\\.")
endif()
