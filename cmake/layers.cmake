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

# suture_test_suite(LAYER): one GoogleTest binary per layer from tests/LAYER/*.cpp.
function(suture_test_suite layer)
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${layer}/*.cpp)
  if(NOT srcs)
    return()
  endif()
  add_executable(test_${layer} ${srcs})
  target_link_libraries(test_${layer} PRIVATE suture_${layer} GTest::gtest GTest::gtest_main GTest::gmock)
  target_include_directories(test_${layer} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_compile_definitions(test_${layer} PRIVATE
    SUTURE_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    SUTURE_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(test_${layer} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "unit;${layer}"
    ENVIRONMENT "SUTURE_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
endfunction()
