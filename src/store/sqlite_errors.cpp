#include "store/sqlite_errors.hpp"

#include <sqlite3.h>

#include <new>
#include <string>

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
    default:
      break;  // SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY, SQLITE_CANTOPEN…
  }
  throw Error(code, std::string(doing) + ": " + e.what());
}

}  // namespace crm::detail
