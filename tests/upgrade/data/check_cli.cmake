# CTest script: `suture check` exit codes and output formats.
#   cmake -DSUTURE=<suture> -DBUILD=<pairs.solc.json> -DFIXTURES=<tests/fixtures/check> -DTMP=<dir> -P check_cli.cmake
file(MAKE_DIRECTORY ${TMP})
set(PAIR pairs/layout_insert.sol)

function(run expect_rc)
  execute_process(COMMAND ${SUTURE} ${ARGN} WORKING_DIRECTORY ${FIXTURES}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "suture ${ARGN}: exit ${rc}, expected ${expect_rc}\nstdout: ${out}\nstderr: ${err}")
  endif()
  set(OUT "${out}" PARENT_SCOPE)
  set(ERR "${err}" PARENT_SCOPE)
endfunction()

function(expect_match text regex)
  if(NOT "${text}" MATCHES "${regex}")
    message(FATAL_ERROR "expected /${regex}/ in:\n${text}")
  endif()
endfunction()

# A failing pair: exit 1, file:line:col and a fix hint per finding.
run(1 check --old ${BUILD} --old-contract ${PAIR}:V1 --new ${BUILD} --new-contract ${PAIR}:V2)
expect_match("${OUT}" "error\\[insert\\] pairs/layout_insert.sol:5:[0-9]+: inserted `x`")
expect_match("${OUT}" "fix: Declare new variables")
expect_match("${OUT}" "Storage layout:")

# A clean pair: exit 0.
run(0 check --old ${BUILD} --old-contract pairs/layout_append.sol:V1 --new ${BUILD} --new-contract pairs/layout_append.sol:V2)
expect_match("${OUT}" "no blocking finding")

# Suppressions are listed.
run(0 check --old ${BUILD} --old-contract pairs/delegatecall_allowed.sol:V1 --new ${BUILD}
    --new-contract pairs/delegatecall_allowed.sol:V2)
expect_match("${OUT}" "allowed by @custom:oz-upgrades-unsafe-allow delegatecall \\(pairs/delegatecall_allowed.sol:")

# JSON and SARIF.
run(1 --json check --old ${BUILD} --old-contract ${PAIR}:V1 --new ${BUILD} --new-contract ${PAIR}:V2
    --sarif ${TMP}/out.sarif)
expect_match("${OUT}" "\"safe\": false")
expect_match("${OUT}" "\"code\": \"insert\"")
file(READ ${TMP}/out.sarif sarif)
expect_match("${sarif}" "\"version\": \"2.1.0\"")
expect_match("${sarif}" "\"ruleId\": \"insert\"")
expect_match("${sarif}" "\"startLine\": 5")

# Input and usage errors: exit 2 with one line.
file(READ ${BUILD} whole LIMIT 20000)
file(WRITE ${TMP}/cut.json "${whole}")
run(2 check --old ${TMP}/cut.json --old-contract V1 --new ${BUILD} --new-contract ${PAIR}:V2)
expect_match("${ERR}" "^suture: error: [^\n]*cut.json: \\$[^\n]*: truncated JSON[^\n]*\n$")
run(2 check --old ${BUILD} --old-contract Nope --new ${BUILD} --new-contract ${PAIR}:V2)
expect_match("${ERR}" "no contract named \"Nope\"")
run(2 check --old ${BUILD} --old-contract V1 --new ${BUILD} --new-contract ${PAIR}:V2)
expect_match("${ERR}" "ambiguous")
run(2 check --new ${BUILD} --new-contract ${PAIR}:V2 --proxy bogus)
run(2 check --old ${BUILD} --new ${BUILD} --new-contract ${PAIR}:V2)
run(2 check --old ${BUILD} --old-contract ${PAIR}:V1)
run(2 check --old ${TMP}/missing.json --old-contract V1 --new ${BUILD} --new-contract ${PAIR}:V2)
expect_match("${ERR}" "no such file")
