# SPDX-License-Identifier: Apache-2.0
# Every source file of the project carries its licence in an SPDX line near
# its top (LICENSE holds the text). Run: cmake -DROOT=<source dir> -P check_spdx.cmake
set(tag "SPDX-License-Identifier: Apache-2.0")
set(missing "")
foreach(dir include src bindings tests examples benchmarks cmake scripts)
  file(GLOB_RECURSE files LIST_DIRECTORIES false
    "${ROOT}/${dir}/*.c" "${ROOT}/${dir}/*.h" "${ROOT}/${dir}/*.cpp" "${ROOT}/${dir}/*.hpp"
    "${ROOT}/${dir}/*.py" "${ROOT}/${dir}/*.sh" "${ROOT}/${dir}/*.cmake" "${ROOT}/${dir}/CMakeLists.txt")
  foreach(file IN LISTS files)
    if(file MATCHES "/(corpus|unreachable_fixture|upward_fixture)/")
      continue()  # fuzz inputs and the checks' own bad examples
    endif()
    file(STRINGS "${file}" head LIMIT_COUNT 3)
    string(FIND "${head}" "${tag}" at)
    if(at EQUAL -1)
      list(APPEND missing "${file}")
    endif()
  endforeach()
endforeach()
foreach(file ${ROOT}/CMakeLists.txt ${ROOT}/.ci/run)
  file(STRINGS "${file}" head LIMIT_COUNT 3)
  string(FIND "${head}" "${tag}" at)
  if(at EQUAL -1)
    list(APPEND missing "${file}")
  endif()
endforeach()
if(missing)
  list(JOIN missing "\n  " shown)
  message(FATAL_ERROR "no '${tag}' in the first three lines of:\n  ${shown}")
endif()
