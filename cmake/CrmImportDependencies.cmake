# The import readers' dependencies, shared by the `crm` tool (examples/cli)
# and the import fuzz target (tests/fuzz); included at the top so that both
# directories see ZLIB::ZLIB.

# `crm import sales` reads CSV with the header-only Fast C++ CSV Parser
# (Debian: libfccp-dev). The CLI tests read the data set with it too.
find_path(FCCP_INCLUDE_DIR libfccp/csv.h)
if(NOT FCCP_INCLUDE_DIR)
  message(FATAL_ERROR "libfccp/csv.h not found: install libfccp-dev (scripts/install-deps.sh), "
                      "or pass -DFCCP_INCLUDE_DIR=<dir holding libfccp/csv.h>")
endif()
add_library(crm_cli_csv INTERFACE)
target_include_directories(crm_cli_csv SYSTEM INTERFACE ${FCCP_INCLUDE_DIR})
# fccp.hpp: how every reader here includes it.
target_include_directories(crm_cli_csv INTERFACE ${PROJECT_SOURCE_DIR}/examples/cli/csv)
# Files are read on the calling thread: no reader thread per file.
target_compile_definitions(crm_cli_csv INTERFACE CSV_IO_NO_THREAD)

# `crm import online-retail` reads the gzip-compressed file through zlib.
find_package(ZLIB REQUIRED)
