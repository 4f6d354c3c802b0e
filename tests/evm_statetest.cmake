# Conformance: every Cancun case of ethereum/tests GeneralStateTests through
# `suture evm statetest` (label "conformance"). The fixtures come from
# $SUTURE_ETHEREUM_TESTS, else $SUTURE_SHARED/ethereum-tests, else the shared
# folder beside the repo; when they are absent the runner exits 77 saying so
# and CTest reports the test as skipped, not passed. The log names the ten
# cases that took the most CPU time (the folder's wall time is bounded below
# by the longest one: a blake2f call with 2^32-1 rounds).
if(DEFINED ENV{SUTURE_ETHEREUM_TESTS} AND NOT "$ENV{SUTURE_ETHEREUM_TESTS}" STREQUAL "")
  set(_suture_ethereum_tests "$ENV{SUTURE_ETHEREUM_TESTS}")
elseif(DEFINED ENV{SUTURE_SHARED} AND NOT "$ENV{SUTURE_SHARED}" STREQUAL "")
  set(_suture_ethereum_tests "$ENV{SUTURE_SHARED}/ethereum-tests")
else()
  set(_suture_ethereum_tests "${CMAKE_SOURCE_DIR}/../shared/ethereum-tests")
endif()

add_test(NAME evm_statetest
  COMMAND $<TARGET_FILE:suture> evm statetest --skip-missing --slowest 10 "${_suture_ethereum_tests}/GeneralStateTests")
set_tests_properties(evm_statetest PROPERTIES
  LABELS "conformance;evm"
  SKIP_RETURN_CODE 77
  FAIL_REGULAR_EXPRESSION " [1-9][0-9]* failed"
  TIMEOUT 1800)
