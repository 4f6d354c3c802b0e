# suture_layer(NAME DEPS ...): a static library `suture_NAME` from src/NAME/*.cpp.
# Sources are globbed so that adding a file needs no edit here.
function(suture_layer name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.cpp)
  if(srcs)
    add_library(suture_${name} STATIC ${srcs})
    target_include_directories(suture_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(suture_${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(suture_${name} INTERFACE)
    target_include_directories(suture_${name} INTERFACE ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(suture_${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# suture_test_suite(DIR [LIBS ...] [LABEL label]): one GoogleTest binary per
# folder tests/DIR/*.cpp, linked with suture_DIR (or LIBS). Label defaults to "unit".
function(suture_test_suite dir)
  cmake_parse_arguments(ARG "" "LABEL" "LIBS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${dir}/*.cpp)
  if(NOT srcs)
    return()
  endif()
  if(NOT ARG_LIBS)
    set(ARG_LIBS suture_${dir})
  endif()
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(test_${dir} ${srcs})
  target_link_libraries(test_${dir} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_include_directories(test_${dir} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_compile_definitions(test_${dir} PRIVATE
    SUTURE_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    SUTURE_BINARY_DIR="${CMAKE_BINARY_DIR}")
  # One CTest entry per binary: suites share expensive fixtures (an anvil node,
  # loaded conformance files) across their tests, which per-test processes would defeat.
  add_test(NAME ${dir} COMMAND test_${dir} --gtest_brief=1)
  set_tests_properties(${dir} PROPERTIES LABELS "${ARG_LABEL};${dir}"
    ENVIRONMENT "SUTURE_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
endfunction()
