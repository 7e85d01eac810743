# hitd_add_test(NAME <name> LABELS <label>... SOURCES <file>...
#               [LIBS <lib>...] [ARGS <arg>...] [TIMEOUT <seconds>])
#
# Builds one GoogleTest executable <name> from SOURCES, linked to GTest::gtest_main,
# GTest::gmock, hitd_warnings, LIBS and the allocator, and registers it as ONE ctest test
# of the same name carrying LABELS, so `ctest -L <label>` selects it and ctest's output
# stays one line per executable. Run the executable itself to see or filter single cases
# (--gtest_filter=Suite.Case).
include_guard(GLOBAL)

set(HITD_TEST_TIMEOUT 300 CACHE STRING "Default ctest timeout in seconds for hitd_add_test")

function(hitd_add_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;TIMEOUT" "LABELS;SOURCES;LIBS;ARGS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "hitd_add_test: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_NAME)
    message(FATAL_ERROR "hitd_add_test: NAME is required")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "hitd_add_test(${arg_NAME}): SOURCES is required")
  endif()
  if(NOT arg_LABELS)
    message(FATAL_ERROR "hitd_add_test(${arg_NAME}): LABELS is required (ctest -L selects by them)")
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT ${HITD_TEST_TIMEOUT})
  endif()

  add_executable(${arg_NAME} ${arg_SOURCES})
  target_link_libraries(${arg_NAME} PRIVATE ${arg_LIBS} GTest::gmock GTest::gtest_main
                                            hitd_warnings)
  hitd_link_allocator(${arg_NAME})

  add_test(NAME ${arg_NAME} COMMAND ${arg_NAME} ${arg_ARGS})
  set_tests_properties(${arg_NAME} PROPERTIES LABELS "${arg_LABELS}" TIMEOUT ${arg_TIMEOUT})
endfunction()
