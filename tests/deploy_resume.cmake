# Crash-safe deployment (tests/resume/): `suture deploy` SIGKILLed at every
# step boundary of a timelock-route and a Safe-route deploy (SUTURE_FAULT),
# then `suture resume`; a transaction dropped from the pool, the node killed
# and restarted from its dumped state, reorgs of depth 1-3. Its own CTest
# entry (label integration), so it runs beside the other anvil suites.
if(NOT SUTURE_SANITIZE AND TARGET suture_test_support)
  suture_test_suite(resume LIBS suture_pipeline suture_deploy suture_ledger suture_upgrade suture_chain LABEL integration)
  if(TARGET test_resume)
    target_link_libraries(test_resume PRIVATE suture_test_support)
    add_dependencies(test_resume suture)
    if(TARGET deploy_fixtures)
      add_dependencies(test_resume deploy_fixtures)
    endif()
    set_tests_properties(resume PROPERTIES TIMEOUT 300)
  endif()
endif()
