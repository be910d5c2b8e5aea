// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_errors.hpp"

#include <sqlite3.h>

#include <new>
#include <string>
#include <string_view>

#include "crm/error.hpp"

namespace crm::detail {

void throw_sqlite_error(const SQLite::Exception& e, std::string_view doing) {
  // SQLite ran out of memory: the same failure as any other allocation, which
  // the C API reports as CRM_OUT_OF_MEMORY (not a storage fault).
  if (e.getErrorCode() == SQLITE_NOMEM) throw std::bad_alloc();
  Errc code = Errc::storage;
  switch (e.getErrorCode()) {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      code = Errc::permission_denied;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = Errc::corrupt;
      break;
    case SQLITE_CONSTRAINT:
      code = Errc::already_exists;
      break;
    case SQLITE_BUSY:  // another process held the file's lock past the busy timeout
    case SQLITE_LOCKED:
      code = Errc::busy;
      break;
    case SQLITE_ERROR: {
      // crm's statements are fixed, so a table or column they name that is
      // not there was removed from the file behind the store's back: damage.
      const std::string_view what = e.what();
      if (what.starts_with("no such table") || what.starts_with("no such column")) code = Errc::corrupt;
      break;
    }
    default:
      break;  // SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN…
  }
  throw Error(code, std::string(doing) + ": " + e.what());
}

}  // namespace crm::detail
