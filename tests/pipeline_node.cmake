# The patch pipeline end to end against anvil (tests/pipeline_node/): suture
# init --rpc on a deployed UUPS proxy, run (the gates on the node's fork),
# approvals, deploy --patch through the node route, log verify, and each
# refusal against the node (missing approvals, digest changed after approval,
# tampered ledger, concurrent process, wrong key, a reviewer not in the
# policy). Its own CTest entry, label integration. After pipeline_cli.cmake
# (alphabetical), which compiles tests/fixtures/pipeline.
if(NOT SUTURE_SANITIZE AND TARGET suture_test_support AND TARGET pipeline_fixtures_build AND TARGET deploy_fixtures)
  suture_test_suite(pipeline_node LIBS suture_deploy suture_ledger suture_upgrade suture_chain LABEL integration)
  if(TARGET test_pipeline_node)
    target_link_libraries(test_pipeline_node PRIVATE suture_test_support)
    add_dependencies(test_pipeline_node suture pipeline_fixtures_build deploy_fixtures)
    set_tests_properties(pipeline_node PROPERTIES TIMEOUT 180)
  endif()
endif()
