# The patch pipeline end to end on the built `suture` and the embedded default
# (tests/pipeline_cli.sh): init, patch, run, status, approve, deploy --patch,
# and the refusals; the route-rule fixtures of tests/fixtures/pipeline.
# Label "unit": no node, no network.
if(TARGET suture AND TARGET exploit_reentrancy_build)
  file(GLOB pipeline_fixture_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fixtures/pipeline/*.sol)
  list(APPEND pipeline_fixture_sources
       ${CMAKE_SOURCE_DIR}/node_modules/@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol)
  suture_solidity(TARGET pipeline_fixtures_build OUTPUT ${CMAKE_BINARY_DIR}/fixtures/pipeline-rules.json
                  BASE ${CMAKE_SOURCE_DIR}/tests/fixtures/pipeline SOURCES ${pipeline_fixture_sources})
  add_test(NAME cli_pipeline
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/pipeline_cli.sh $<TARGET_FILE:suture>
                   ${CMAKE_BINARY_DIR}/fixtures/exploit-reentrancy.json ${CMAKE_BINARY_DIR}/fixtures/pipeline-rules.json)
  set_tests_properties(cli_pipeline PROPERTIES LABELS "unit;cli;pipeline" PASS_REGULAR_EXPRESSION "pipeline cli: ok"
                       TIMEOUT 300)
endif()
