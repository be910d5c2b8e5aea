// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string_view>

#include <SQLiteCpp/Exception.h>

namespace crm::detail {

// Rethrows a SQLiteCpp exception as crm::Error with the matching Errc
// (read-only file -> permission_denied, damaged file or a table or column
// of crm's missing from it -> corrupt, disk full or I/O -> storage),
// prefixed by what was being done.
[[noreturn]] void throw_sqlite_error(const SQLite::Exception& e, std::string_view doing);

}  // namespace crm::detail
