# SPDX-License-Identifier: Apache-2.0
# Runs PROGRAM, expects its output to match EXPECT, and checks the shared
# libraries it loads (ldd): none may match a pattern of FORBIDDEN, each
# pattern of REQUIRED must match one. The programs are linked with
# --no-as-needed, so every library on their link line is loaded and shows.
#   cmake -DPROGRAM=<exe> -DEXPECT=<regex> -DFORBIDDEN=<a,b> -DREQUIRED=<a,b> -P check_linked.cmake
cmake_minimum_required(VERSION 3.25)
string(REPLACE "," ";" FORBIDDEN "${FORBIDDEN}")
string(REPLACE "," ";" REQUIRED "${REQUIRED}")
execute_process(COMMAND "${PROGRAM}" RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 0 OR NOT output MATCHES "${EXPECT}")
  message(FATAL_ERROR "${PROGRAM} exited ${status}, printing:\n${output}${errors}\nexpected: ${EXPECT}")
endif()

find_program(LDD ldd REQUIRED)
execute_process(COMMAND "${LDD}" "${PROGRAM}" RESULT_VARIABLE status OUTPUT_VARIABLE libraries)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ldd ${PROGRAM} failed (${status})")
endif()
foreach(pattern IN LISTS FORBIDDEN)
  if(libraries MATCHES "${pattern}")
    message(FATAL_ERROR "${PROGRAM} loads ${pattern}, which it must not link:\n${libraries}")
  endif()
endforeach()
foreach(pattern IN LISTS REQUIRED)
  if(NOT libraries MATCHES "${pattern}")
    message(FATAL_ERROR "${PROGRAM} does not load ${pattern}:\n${libraries}")
  endif()
endforeach()
message(STATUS "${PROGRAM}: loads none of '${FORBIDDEN}', loads '${REQUIRED}'")
