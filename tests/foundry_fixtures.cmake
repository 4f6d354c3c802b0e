# Foundry fixtures: the conformance suite of `suture test` (tests/fixtures/foundry-suite) and the exploit
# scenarios (tests/fixtures/exploits/*), built by the pinned forge from node_modules, offline, compiling
# through solc-js (<shared>/tools/solc-js-as-native). Shared folder: $SUTURE_SHARED, else ../shared.
#
# Nothing is built in the source tree: each project is copied to
# ${CMAKE_BINARY_DIR}/fixtures/foundry/repo/<its path in the repo>, beside the symlinks
# fixtures/foundry/shared -> the shared folder and fixtures/foundry/repo/node_modules -> node_modules,
# so the relative paths of the projects' foundry.toml (solc, remappings) resolve there unchanged and
# forge writes out/ and cache/ into the build dir.
#
# Tests (scripts/compare-forge-results.mjs says what each checks and shows forge's --json shape):
#   forge_oracle_suite     forge test --json on the suite -> fixtures/foundry/forge-suite.json
#   suture_test_vs_forge   suture test --json on the same project: same status for every test;
#                          skipped (77) only while suture has no `test` sub-command
#   suture_test_logs_vs_forge  the same, also comparing each test's decoded logs (console.log, log_*)
#   forge_oracle_exploits  each scenario with SUTURE_IMPL=V1/V2Fixed/V2Wrong: pass/fail/pass
#   suture_test_exploits_vs_forge  the same with `suture test` (skipped like suture_test_vs_forge)
#   exploit_txs_anvil_<s>  scenario <s>'s txs/setup.json + txs/exploit.json on a fresh anvil per version
#                          (V2s upgraded to and swapped in): reproduces / blocked / reproduces
#                          (scripts/exploit-txs.mjs)
# Not built in the sanitizer tree (it runs only the unit label).
if(SUTURE_SANITIZE)
  return()
endif()

if(DEFINED ENV{SUTURE_SHARED} AND NOT "$ENV{SUTURE_SHARED}" STREQUAL "")
  set(_suture_foundry_shared "$ENV{SUTURE_SHARED}")
else()
  set(_suture_foundry_shared "${CMAKE_SOURCE_DIR}/../shared")
endif()
get_filename_component(_suture_foundry_shared "${_suture_foundry_shared}" ABSOLUTE)
set(SUTURE_FORGE ${CMAKE_SOURCE_DIR}/node_modules/.bin/forge)
set(SUTURE_FOUNDRY_DIR ${CMAKE_BINARY_DIR}/fixtures/foundry)
find_program(SUTURE_NODE node)

if(NOT EXISTS ${SUTURE_FORGE} OR NOT EXISTS ${_suture_foundry_shared}/tools/solc-js-as-native
   OR NOT EXISTS ${_suture_foundry_shared}/forge-std/src/Test.sol OR NOT SUTURE_NODE)
  message(STATUS "Foundry fixtures not built: needs node, ${SUTURE_FORGE} (npm ci) and "
                 "${_suture_foundry_shared}/{tools/solc-js-as-native,forge-std}")
  return()
endif()

file(MAKE_DIRECTORY ${SUTURE_FOUNDRY_DIR}/repo)
file(CREATE_LINK ${_suture_foundry_shared} ${SUTURE_FOUNDRY_DIR}/shared SYMBOLIC)
file(CREATE_LINK ${CMAKE_SOURCE_DIR}/node_modules ${SUTURE_FOUNDRY_DIR}/repo/node_modules SYMBOLIC)

# suture_foundry_project(TARGET RELPATH): copy the project at RELPATH (foundry.toml, src/, test/) into the
# mirror and `forge build` it there (from that folder: forge resolves a relative `solc` path from its
# working directory, not from --root); the target's stamp file is newer than every source it compiled.
# An exploit scenario (one with txs/) also gets its txs/ copied and txs/setup.json written: the
# starting state of txs/exploit.json as transactions (scripts/exploit-txs.mjs).
function(suture_foundry_project target relpath)
  set(src ${CMAKE_SOURCE_DIR}/${relpath})
  set(dst ${SUTURE_FOUNDRY_DIR}/repo/${relpath})
  file(GLOB_RECURSE sols CONFIGURE_DEPENDS ${src}/src/*.sol ${src}/test/*.sol)
  set(txs_steps "")
  set(txs_files "")
  if(EXISTS ${src}/txs)
    file(GLOB txs_files CONFIGURE_DEPENDS ${src}/txs/*.json)
    set(txs_steps
      COMMAND ${CMAKE_COMMAND} -E copy_directory ${src}/txs ${dst}/txs
      COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/exploit-txs.mjs setup --root ${dst} --out ${dst}/txs/setup.json)
  endif()
  add_custom_command(
    OUTPUT ${dst}/build.stamp
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${dst}/src ${dst}/test ${dst}/txs
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${src}/src ${dst}/src
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${src}/test ${dst}/test
    COMMAND ${CMAKE_COMMAND} -E copy ${src}/foundry.toml ${dst}/foundry.toml
    COMMAND ${CMAKE_COMMAND} -E chdir ${dst} ${CMAKE_COMMAND} -E env SOLCJS=${CMAKE_SOURCE_DIR}/node_modules/solc
            ${SUTURE_FORGE} build --quiet
    ${txs_steps}
    COMMAND ${CMAKE_COMMAND} -E touch ${dst}/build.stamp
    DEPENDS ${sols} ${txs_files} ${src}/foundry.toml ${CMAKE_SOURCE_DIR}/package-lock.json
            ${CMAKE_SOURCE_DIR}/scripts/exploit-txs.mjs
    COMMENT "forge build: ${relpath}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${dst}/build.stamp)
endfunction()

set(SUTURE_FOUNDRY_SUITE ${SUTURE_FOUNDRY_DIR}/repo/tests/fixtures/foundry-suite)
suture_foundry_project(foundry_suite tests/fixtures/foundry-suite)
file(GLOB _suture_exploit_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/tests/fixtures/exploits/*/foundry.toml)
set(_suture_exploit_names "")
foreach(toml ${_suture_exploit_dirs})
  get_filename_component(dir ${toml} DIRECTORY)
  get_filename_component(name ${dir} NAME)
  string(MAKE_C_IDENTIFIER ${name} id)
  suture_foundry_project(foundry_exploit_${id} tests/fixtures/exploits/${name})
  list(APPEND _suture_exploit_names ${name})
endforeach()

# The suite reads these through envUint/envAddress/envOr (tests/fixtures/foundry-suite/test/EnvVars.t.sol).
set(_suture_suite_env "SUTURE_SUITE_UINT=42;SUTURE_SUITE_ADDRESS=0x00000000000000000000000000000000000A11CE")
set(_suture_compare ${CMAKE_SOURCE_DIR}/scripts/compare-forge-results.mjs)

add_test(NAME forge_oracle_suite
         COMMAND ${SUTURE_NODE} ${_suture_compare} oracle --forge ${SUTURE_FORGE} --root ${SUTURE_FOUNDRY_SUITE}
                 --out ${SUTURE_FOUNDRY_DIR}/forge-suite.json)
set_tests_properties(forge_oracle_suite PROPERTIES
  LABELS "conformance;verify" ENVIRONMENT "${_suture_suite_env}" FIXTURES_SETUP forge_suite_json TIMEOUT 600)

if(TARGET suture)
  add_test(NAME suture_test_vs_forge
           COMMAND ${SUTURE_NODE} ${_suture_compare} compare --forge-json ${SUTURE_FOUNDRY_DIR}/forge-suite.json
                   --suture $<TARGET_FILE:suture> --root ${SUTURE_FOUNDRY_SUITE})
  set_tests_properties(suture_test_vs_forge PROPERTIES
    LABELS "conformance;compare;verify" ENVIRONMENT "${_suture_suite_env}" FIXTURES_REQUIRED forge_suite_json
    SKIP_RETURN_CODE 77 TIMEOUT 600)
  # The console.log / log_* lines (decoded_logs) of the tests both agree on, as forge prints them.
  add_test(NAME suture_test_logs_vs_forge
           COMMAND ${SUTURE_NODE} ${_suture_compare} compare --logs --forge-json ${SUTURE_FOUNDRY_DIR}/forge-suite.json
                   --suture $<TARGET_FILE:suture> --root ${SUTURE_FOUNDRY_SUITE})
  set_tests_properties(suture_test_logs_vs_forge PROPERTIES
    LABELS "conformance;compare;verify" ENVIRONMENT "${_suture_suite_env}" FIXTURES_REQUIRED forge_suite_json
    SKIP_RETURN_CODE 77 TIMEOUT 600)
endif()

add_test(NAME forge_oracle_exploits
         COMMAND ${SUTURE_NODE} ${_suture_compare} exploits --forge ${SUTURE_FORGE}
                 --root ${SUTURE_FOUNDRY_DIR}/repo/tests/fixtures/exploits)
set_tests_properties(forge_oracle_exploits PROPERTIES
  LABELS "conformance;verify" FIXTURES_SETUP forge_exploits_json TIMEOUT 900)
if(TARGET suture)
  add_test(NAME suture_test_exploits_vs_forge
           COMMAND ${SUTURE_NODE} ${_suture_compare} exploits --suture $<TARGET_FILE:suture>
                   --root ${SUTURE_FOUNDRY_DIR}/repo/tests/fixtures/exploits)
  set_tests_properties(suture_test_exploits_vs_forge PROPERTIES
    LABELS "conformance;compare;verify" FIXTURES_REQUIRED forge_exploits_json SKIP_RETURN_CODE 77 TIMEOUT 600)
endif()

foreach(name ${_suture_exploit_names})
  string(MAKE_C_IDENTIFIER ${name} id)
  add_test(NAME exploit_txs_anvil_${id}
           COMMAND ${SUTURE_NODE} ${CMAKE_SOURCE_DIR}/scripts/exploit-txs.mjs anvil
                   --root ${SUTURE_FOUNDRY_DIR}/repo/tests/fixtures/exploits/${name})
  set_tests_properties(exploit_txs_anvil_${id} PROPERTIES LABELS "integration;verify" TIMEOUT 300)
endforeach()
