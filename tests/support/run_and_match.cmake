# SPDX-License-Identifier: Apache-2.0
# Runs each COMMAND<n> (n = 1, 2, …; a ;-list of program and arguments) in
# order; fails unless each exits 0, and unless the last one's output matches
# the regular expression EXPECT. (PASS_REGULAR_EXPRESSION alone would ignore
# the exit code.)
#   cmake -DCOMMAND1=prog;arg -DEXPECT=regex -P run_and_match.cmake
set(n 1)
while(DEFINED COMMAND${n})
  execute_process(COMMAND ${COMMAND${n}} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "exit code ${rc}: ${COMMAND${n}}")
  endif()
  math(EXPR n "${n} + 1")
endwhile()
if(n EQUAL 1)
  message(FATAL_ERROR "no COMMAND1 given")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match: ${EXPECT}")
endif()
