// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_schema.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

#include "crm/error.hpp"

namespace crm::detail {

namespace {

// Version 1. Records of every kind share one table and one id sequence
// (AUTOINCREMENT: ids are never reused). `keys` holds the index entries a
// record owns, so an update can remove exactly those. Index entries live in
// two WITHOUT ROWID tables clustered on (index name, key).
constexpr const char* schema_v1 = R"sql(
CREATE TABLE records(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  collection TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  body       BLOB    NOT NULL,
  keys       BLOB    NOT NULL
);
CREATE INDEX records_by_collection ON records(collection, id);
CREATE TABLE unique_keys(
  name TEXT    NOT NULL,
  key  BLOB    NOT NULL,
  id   INTEGER NOT NULL,
  PRIMARY KEY(name, key)
) WITHOUT ROWID;
CREATE TABLE sorted_keys(
  name TEXT    NOT NULL,
  key  BLOB    NOT NULL,
  id   INTEGER NOT NULL,
  PRIMARY KEY(name, key)
) WITHOUT ROWID;
)sql";

// The tables every statement of SqliteStore reads: a file without one of
// them is damaged (dropped by hand, or a broken copy), and saying so when
// it opens beats "no such table" from the first read.
constexpr const char* store_tables[] = {"records", "unique_keys", "sorted_keys"};

void require_tables(SQLite::Database& db) {
  SQLite::Statement table(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  for (const char* name : store_tables) {
    table.bind(1, name);
    const bool present = table.executeStep();
    table.reset();
    if (!present) throw Error(Errc::corrupt, std::string("table '") + name + "' is missing: the file is damaged");
  }
}

std::int64_t pragma(SQLite::Database& db, const char* name) {
  SQLite::Statement query(db, std::string("PRAGMA ") + name);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

void set_pragma(SQLite::Database& db, const char* name, std::int64_t value) {
  db.exec(std::string("PRAGMA ") + name + " = " + std::to_string(value));
}

// Whether the file already holds this build's schema, read in a read
// transaction: opening a current file then never waits for another process
// that is writing to it (WAL readers do not wait for writers).
bool schema_is_current(SQLite::Database& db, int target) {
  SQLite::Statement version(db, "PRAGMA user_version");
  SQLite::Statement application(db, "PRAGMA application_id");
  return version.executeStep() && version.getColumn(0).getInt64() == target && application.executeStep() &&
         application.getColumn(0).getInt64() == crm_application_id;
}

}  // namespace

std::span<const Migration> migrations() {
  // Append a step here when the schema changes; bump SqliteStore::schema_version.
  return {};
}

void prepare_schema(SQLite::Database& db, bool writable, int target, std::span<const Migration> steps) {
  if (writable && schema_is_current(db, target)) {
    require_tables(db);
    return;
  }
  // BEGIN IMMEDIATE makes the check-then-create atomic between processes.
  // Reading a non-database file fails here without writing to it.
  db.exec(writable ? "BEGIN IMMEDIATE" : "BEGIN");
  try {
    const auto application_id = pragma(db, "application_id");
    const auto version = pragma(db, "user_version");
    SQLite::Statement tables(db, "SELECT count(*) FROM sqlite_master");
    tables.executeStep();
    const bool empty = tables.getColumn(0).getInt64() == 0;

    if (application_id == 0 && empty) {
      if (!writable) throw Error(Errc::not_found, "the database is empty and was opened read-only");
      db.exec(schema_v1);
      set_pragma(db, "application_id", crm_application_id);
      set_pragma(db, "user_version", 1);
    } else if (application_id != crm_application_id) {
      throw Error(Errc::corrupt, "not a crm database (application_id " + std::to_string(application_id) + ")");
    } else if (version < 1) {
      // crm sets the version in the transaction that creates the schema, so
      // a crm file at version 0 or below has a damaged header: not a bug in
      // crm, and nothing a migration could mend.
      throw Error(Errc::corrupt, "schema version " + std::to_string(version) +
                                     " is not one crm writes (1.." + std::to_string(target) + "): the file is damaged");
    } else if (version > target) {
      throw Error(Errc::unsupported, "written by a newer crm (schema version " + std::to_string(version) +
                                         "; this build reads up to " + std::to_string(target) + ")");
    }

    auto current = pragma(db, "user_version");
    if (current < target && !writable)
      throw Error(Errc::unsupported, "schema version " + std::to_string(current) +
                                         " must be migrated; open the database writable once");
    for (const auto& step : steps) {
      if (step.to_version <= current || step.to_version > target) continue;
      if (step.to_version != current + 1)
        throw Error(Errc::internal, "missing migration to schema version " + std::to_string(current + 1));
      step.apply(db);
      set_pragma(db, "user_version", step.to_version);
      current = step.to_version;
    }
    if (current != target)
      throw Error(Errc::internal, "no migration reaches schema version " + std::to_string(target));
    require_tables(db);
    db.exec("COMMIT");
  } catch (...) {
    db.tryExec("ROLLBACK");
    throw;
  }
}

}  // namespace crm::detail
