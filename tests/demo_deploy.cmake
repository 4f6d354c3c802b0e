# The deploy half of the main job as a user runs it (scripts/demo-deploy.sh):
# `suture create` stands up VaultV1 behind a UUPS proxy on its own anvil node,
# `suture inspect` reads it, `suture deploy --route uups` ships VaultV2 and
# verifies it on chain. Passes only when post-deploy verification passed.
add_test(NAME demo_deploy
  COMMAND bash ${CMAKE_SOURCE_DIR}/scripts/demo-deploy.sh ${CMAKE_BINARY_DIR}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(demo_deploy PROPERTIES
  LABELS "integration;deploy"
  PASS_REGULAR_EXPRESSION "post-deploy verification passed"
  FAIL_REGULAR_EXPRESSION "FAIL|rollback:"
  TIMEOUT 120)
