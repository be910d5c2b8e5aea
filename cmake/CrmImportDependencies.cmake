# SPDX-License-Identifier: Apache-2.0
# The data-set readers' dependencies (src/datasets), which the `crm` tool
# (src/cli), the import fuzz target (tests/fuzz) and the tool's tests use;
# included at the top so that every directory sees crm_csv and ZLIB::ZLIB.

# `crm import sales` reads CSV with the header-only Fast C++ CSV Parser
# (Debian: libfccp-dev). The CLI tests read the data set with it too.
find_path(FCCP_INCLUDE_DIR libfccp/csv.h)
if(NOT FCCP_INCLUDE_DIR)
  message(FATAL_ERROR "libfccp/csv.h not found: install libfccp-dev (scripts/install-deps.sh), "
                      "or pass -DFCCP_INCLUDE_DIR=<dir holding libfccp/csv.h>")
endif()
# Every reader includes it as "datasets/fccp.hpp", which quiets GCC inside it.
add_library(crm_csv INTERFACE)
target_include_directories(crm_csv SYSTEM INTERFACE ${FCCP_INCLUDE_DIR})
# Files are read on the calling thread: no reader thread per file.
target_compile_definitions(crm_csv INTERFACE CSV_IO_NO_THREAD)

# `crm import online-retail` reads the gzip-compressed file through zlib.
find_package(ZLIB REQUIRED)
