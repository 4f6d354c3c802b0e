# `suture check` fixtures (tests/fixtures/check): every old/new pair compiled
# once per artifact format by the pinned solc-js, and all of
# @openzeppelin/contracts-upgradeable compiled once into a build-info for bench_check.
file(GLOB SUTURE_CHECK_PAIRS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fixtures/check/pairs/*.sol)
set(SUTURE_CHECK_OUT ${CMAKE_BINARY_DIR}/fixtures/check)
suture_solidity(TARGET check_pairs_solc OUTPUT ${SUTURE_CHECK_OUT}/pairs.solc.json
                BASE ${CMAKE_SOURCE_DIR}/tests/fixtures/check SOURCES ${SUTURE_CHECK_PAIRS})
suture_solidity(TARGET check_pairs_hardhat OUTPUT ${SUTURE_CHECK_OUT}/build-info/pairs.json FORMAT hardhat
                BASE ${CMAKE_SOURCE_DIR}/tests/fixtures/check SOURCES ${SUTURE_CHECK_PAIRS})

file(GLOB_RECURSE SUTURE_OZ_UPGRADEABLE CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/node_modules/@openzeppelin/contracts-upgradeable/*.sol)
list(FILTER SUTURE_OZ_UPGRADEABLE EXCLUDE REGEX "/(mocks|vendor)/")
suture_solidity(TARGET check_oz_upgradeable OUTPUT ${SUTURE_CHECK_OUT}/oz-upgradeable.build-info.json FORMAT hardhat
                BASE ${CMAKE_SOURCE_DIR}/node_modules SOURCES ${SUTURE_OZ_UPGRADEABLE} NOT_ALL)

foreach(t test_upgrade test_solidity)
  if(TARGET ${t})
    add_dependencies(${t} check_pairs_solc check_pairs_hardhat)
  endif()
endforeach()
if(TARGET bench_check)
  add_dependencies(bench_check check_pairs_hardhat)  # the OZ build: `make bench` builds check_oz_upgradeable
endif()
