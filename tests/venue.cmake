# The derivatives venue of `suture demo` (examples/venue, src/demo/venue.hpp): deployed with a history
# on anvil and attacked (tests/venue/venue_test.cpp, label integration).
if(SUTURE_SANITIZE OR NOT TARGET suture_test_support)
  return()
endif()
file(GLOB venue_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/venue/*.cpp)
add_executable(test_venue ${venue_test_sources})
target_link_libraries(test_venue PRIVATE suture_demo suture_test_support GTest::gtest GTest::gtest_main)
add_dependencies(test_venue examples_venue)
if(TARGET suture)
  add_dependencies(test_venue suture)  # venue_gates_test.cpp runs `suture run`
endif()
add_test(NAME venue COMMAND test_venue --gtest_brief=1)
set_tests_properties(venue PROPERTIES LABELS "integration;venue" TIMEOUT 300)

# The exploit as a Foundry test, with forge and `suture test` (tests/venue_foundry.sh), on the build
# dir's copy of the project made by tests/foundry_fixtures.cmake's suture_foundry_project.
if(COMMAND suture_foundry_project AND TARGET suture)
  suture_foundry_project(foundry_venue examples/venue)
  add_test(NAME venue_foundry
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/venue_foundry.sh ${SUTURE_FOUNDRY_DIR}/repo/examples/venue
                   ${SUTURE_FORGE} $<TARGET_FILE:suture> ${CMAKE_SOURCE_DIR}/node_modules/solc)
  set_tests_properties(venue_foundry PROPERTIES LABELS "integration;venue" TIMEOUT 300)
endif()
