# SPDX-License-Identifier: Apache-2.0
# Fails unless every public C++ header under ${INCLUDE_DIR}/crm is reachable
# by #include from crm/crm.hpp, so that "the whole C++ API in one include"
# stays true as headers are added. crm/crm.h (the C API) is not C++ and is
# left out; an include that is not under ${INCLUDE_DIR} (crm/version.hpp is
# generated into the build tree) is not followed.
#   cmake -DINCLUDE_DIR=<dir holding crm/> -P check_crm_hpp.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT INCLUDE_DIR)
  message(FATAL_ERROR "give -DINCLUDE_DIR=<dir holding crm/>")
endif()
get_filename_component(INCLUDE_DIR "${INCLUDE_DIR}" ABSOLUTE)

set(reached "")
set(queue "crm/crm.hpp")
while(queue)
  list(POP_FRONT queue header)
  if(header IN_LIST reached OR NOT EXISTS "${INCLUDE_DIR}/${header}")
    continue()
  endif()
  list(APPEND reached "${header}")
  file(STRINGS "${INCLUDE_DIR}/${header}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"crm/[^\"]+\"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"(crm/[^\"]+)\".*" "\\1" included "${line}")
    list(APPEND queue "${included}")
  endforeach()
endwhile()

file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/crm/*.hpp")
set(missing "")
foreach(header IN LISTS headers)
  if(NOT header IN_LIST reached)
    list(APPEND missing "${header}")
  endif()
endforeach()
list(LENGTH reached count)
if(missing)
  list(JOIN missing "\n  " text)
  message(FATAL_ERROR "not reachable from crm/crm.hpp (include them there):\n  ${text}")
endif()
message(STATUS "crm/crm.hpp reaches all ${count} public C++ headers")
