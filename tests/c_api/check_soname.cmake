# SPDX-License-Identifier: Apache-2.0
# Fails unless LIBRARY (libcrm.so as built) is the file FILE_NAME and its
# dynamic section records SONAME: the release in the file's name, the ABI in
# the name hosts link against. Run by ctest as CApiLibraryNamesItsVersions.
get_filename_component(name ${LIBRARY} NAME)
if(NOT name STREQUAL FILE_NAME)
  message(FATAL_ERROR "libcrm is built as ${name}, expected ${FILE_NAME}")
endif()
find_program(READELF readelf REQUIRED)
execute_process(COMMAND ${READELF} -d ${LIBRARY} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf failed on ${LIBRARY}")
endif()
string(REGEX MATCH "\\(SONAME\\)[^\n]*\\[([^]\n]*)\\]" _ "${dynamic}")
if(NOT CMAKE_MATCH_1 STREQUAL SONAME)
  message(FATAL_ERROR "${name} has SONAME '${CMAKE_MATCH_1}', expected ${SONAME}")
endif()
message(STATUS "${name}: SONAME ${CMAKE_MATCH_1}")
