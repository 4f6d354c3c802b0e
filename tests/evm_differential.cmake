# The EVM against anvil (revm) on generated transactions (issue 18,
# scripts/evm-differential.mjs): for every case the same pre-state is set on
# anvil (anvil_setCode/StorageAt/Balance/Nonce) and in a MemoryBackend, the
# same signed transaction runs on both (anvil over JSON-RPC, Suture in
# process through tests/evmdiff/evmdiff_exec), and status, gas used, return
# data, logs, balances, nonces, code and storage of every touched account are
# compared; then tests/fixtures/evmdiff/*.json are replayed. The families run
# are the script's DEFAULT_FAMILIES (those that agree today).
# SUTURE_EVMDIFF_CASES / SUTURE_EVMDIFF_SEED / SUTURE_EVMDIFF_FAMILIES in the
# environment override cases per family, seed and families (SUTURE_EVMDIFF_JOBS:
# anvil nodes per fork working at once, default 1); a failure prints
# the seed and writes each differing case to <build>/evmdiff.
# evm_differential_selfcheck runs Suture's side on Shanghai and must find
# differences (the comparison can fail). Skipped (exit 77) when node_modules
# lacks anvil or @noble/curves.
find_program(SUTURE_NODE node)
set(SUTURE_EVMDIFF_CASES 150 CACHE STRING "cases per family in the evm_differential test")
if(SUTURE_NODE AND TARGET suture_evm AND NOT SUTURE_SANITIZE)
  add_executable(evmdiff_exec ${CMAKE_CURRENT_SOURCE_DIR}/evmdiff/evmdiff_exec.cpp)
  target_link_libraries(evmdiff_exec PRIVATE suture_evm)
  add_test(NAME evm_differential
           COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/evm-differential.mjs
                   --exec $<TARGET_FILE:evmdiff_exec> --cases ${SUTURE_EVMDIFF_CASES} --seed 1
                   --fixtures ${CMAKE_SOURCE_DIR}/tests/fixtures/evmdiff --out ${CMAKE_BINARY_DIR}/evmdiff
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(evm_differential PROPERTIES LABELS "integration;evm" SKIP_RETURN_CODE 77 TIMEOUT 600)
  add_test(NAME evm_differential_selfcheck
           COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/evm-differential.mjs
                   --exec $<TARGET_FILE:evmdiff_exec> --families cancun --cases 20 --seed 1
                   --suture-fork Shanghai --expect-differences --out ${CMAKE_BINARY_DIR}/evmdiff-selfcheck
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(evm_differential_selfcheck PROPERTIES LABELS "integration;evm" SKIP_RETURN_CODE 77 TIMEOUT 120)
endif()
