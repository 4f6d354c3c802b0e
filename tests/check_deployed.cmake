# `suture check --old-address` tests: the unit tests read the vault example
# build (bytecode facts of real code); the anvil tests deploy check fixtures.
if(TARGET test_upgrade AND TARGET examples_vault)
  add_dependencies(test_upgrade examples_vault)
endif()
if(TARGET test_integration)
  add_dependencies(test_integration check_pairs_solc)
endif()
