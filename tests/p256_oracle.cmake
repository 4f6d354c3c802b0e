# P256VERIFY (0x0100, EIP-7951, src/evm/precompile_p256verify.cpp on OpenSSL)
# against @noble/curves' p256: scripts/p256-oracle.mjs generates seeded random
# valid signatures and mutations of them (hash, r, s, public key, length) and
# the bls12_381_oracle_check binary (bls12_381_oracle.cmake) runs them through
# run_precompile. Skipped (exit 77) when node_modules lacks @noble/curves. A
# few seconds.
if(SUTURE_NODE AND TARGET bls12_381_oracle_check)
  add_test(NAME p256_oracle
           COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/p256-oracle.mjs
                   --checker $<TARGET_FILE:bls12_381_oracle_check> --seed 1 --cases 300
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(p256_oracle PROPERTIES LABELS "unit;evm" SKIP_RETURN_CODE 77 TIMEOUT 60)
endif()
