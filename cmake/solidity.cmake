# suture_solidity(TARGET name OUTPUT file BASE dir SOURCES a.sol ... [FORMAT solc|hardhat] [OPTIMIZE] [NOT_ALL])
# NOT_ALL: built only on request (e.g. large benchmark inputs), not by the default build.
# Compiles Solidity with the pinned solc-js at build time (Cancun rules) into a
# standard-JSON output (or Hardhat build-info) file that tests load.
find_program(NODE_PROGRAM node REQUIRED)
function(suture_solidity)
  cmake_parse_arguments(ARG "OPTIMIZE;NOT_ALL" "TARGET;OUTPUT;BASE;FORMAT" "SOURCES;DEPENDS" ${ARGN})
  if(NOT ARG_FORMAT)
    set(ARG_FORMAT solc)
  endif()
  set(extra "")
  if(ARG_OPTIMIZE)
    list(APPEND extra --optimize)
  endif()
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${NODE_PROGRAM} ${CMAKE_SOURCE_DIR}/scripts/solc-compile.mjs --out ${ARG_OUTPUT}
            --format ${ARG_FORMAT} --evm-version cancun --base ${ARG_BASE} ${extra} ${ARG_SOURCES}
    DEPENDS ${ARG_SOURCES} ${ARG_DEPENDS} ${CMAKE_SOURCE_DIR}/scripts/solc-compile.mjs ${CMAKE_SOURCE_DIR}/package-lock.json
    WORKING_DIRECTORY ${ARG_BASE}
    COMMENT "solc-js: ${ARG_TARGET}"
    VERBATIM)
  if(ARG_NOT_ALL)
    add_custom_target(${ARG_TARGET} DEPENDS ${ARG_OUTPUT})
  else()
    add_custom_target(${ARG_TARGET} ALL DEPENDS ${ARG_OUTPUT})
  endif()
endfunction()
