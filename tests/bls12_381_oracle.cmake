# BLS12-381 (src/evm/bls12_381_*.cpp, the 0x0a point evaluation precompile)
# against @noble/curves: scripts/bls12-381-oracle.mjs generates seeded random
# cases (scalar multiplication, addition, decoding of valid and invalid
# compressed points, pairing products, point-evaluation inputs from the
# ethereum/tests external KZG vectors and mutations of them) and
# tests/bls12_381/oracle_check recomputes them; the EIP-2537 precompiles 0x0b..0x11
# run on random valid and invalid inputs through run_precompile. Skipped (exit 77) when
# node_modules lacks @noble/curves. A few seconds.
find_program(SUTURE_NODE node)
if(SUTURE_NODE AND TARGET suture_evm)
  add_executable(bls12_381_oracle_check ${CMAKE_CURRENT_SOURCE_DIR}/bls12_381/oracle_check.cpp)
  target_link_libraries(bls12_381_oracle_check PRIVATE suture_evm)
  if(DEFINED ENV{SUTURE_ETHEREUM_TESTS} AND NOT "$ENV{SUTURE_ETHEREUM_TESTS}" STREQUAL "")
    set(_bls_tests "$ENV{SUTURE_ETHEREUM_TESTS}")
  else()
    set(_bls_tests "${CMAKE_SOURCE_DIR}/../shared/ethereum-tests")
  endif()
  add_test(NAME bls12_381_oracle
           COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/bls12-381-oracle.mjs
                   --checker $<TARGET_FILE:bls12_381_oracle_check> --seed 1 --cases 20
                   --vectors ${_bls_tests}/GeneralStateTests/Pyspecs/cancun/eip4844_blobs/point_evaluation_precompile_external_vectors.json
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(bls12_381_oracle PROPERTIES LABELS "unit;evm" SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
