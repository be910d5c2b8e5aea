# SPDX-License-Identifier: Apache-2.0
# Keeps the engine below the services built on it (docs/ARCHITECTURE.md,
# "Layers"): fails when a file of the engine, the model or the stores
# includes a header of the sales pipeline, workflow, analytics or JSON,
# public (crm/pipeline/...) or internal (pipeline/...). The engine reaches
# the workflow only through its own interface, src/engine/workflow_service.hpp.
#   cmake -DROOT=<source tree> -P check_layers.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT ROOT)
  message(FATAL_ERROR "give -DROOT=<source tree>")
endif()
get_filename_component(ROOT "${ROOT}" ABSOLUTE)

file(GLOB_RECURSE files RELATIVE "${ROOT}"
  "${ROOT}/src/engine/*.?pp" "${ROOT}/src/model/*.?pp" "${ROOT}/src/store/*.?pp"
  "${ROOT}/include/crm/engine*.hpp" "${ROOT}/include/crm/check.hpp"
  "${ROOT}/include/crm/model/*.hpp" "${ROOT}/include/crm/store/*.hpp")
if(NOT files)
  message(FATAL_ERROR "no engine, model or store files under ${ROOT}")
endif()

set(above "(crm/)?(pipeline|workflow|analytics|json)/|crm/json\\.hpp")
set(found "")
foreach(file IN LISTS files)
  file(STRINGS "${ROOT}/${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" included "${line}")
    if(included MATCHES "^(${above})")
      list(APPEND found "${file}: ${included}")
    endif()
  endforeach()
endforeach()
list(LENGTH files count)
if(found)
  list(JOIN found "\n  " text)
  message(FATAL_ERROR "the engine, model and stores must not include the services above them:\n  ${text}")
endif()
message(STATUS "${count} engine, model and store files include nothing of the services above them")
