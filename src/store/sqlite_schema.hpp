// SPDX-License-Identifier: Apache-2.0
#pragma once
// The SQLite file format: identity, schema creation and forward migration.

#include <cstdint>
#include <span>

#include <SQLiteCpp/Database.h>

namespace crm::detail {

// PRAGMA application_id of every crm database ("CRM" + 1).
inline constexpr std::int32_t crm_application_id = 0x43524D01;

// One step of the schema: applied to a database at version to_version - 1.
struct Migration {
  int to_version;
  void (*apply)(SQLite::Database& db);
};

// The steps from version 1 up to SqliteStore::schema_version, in order.
std::span<const Migration> migrations();

// Brings the database behind `db` to `target`, inside one transaction:
// creates the schema in an empty database, migrates an older crm database
// with `steps`, and refuses (changing nothing) a database that is not crm's
// (Errc::corrupt) or is newer than `target` (Errc::unsupported). A crm file
// at schema version 0 or below, or missing one of the tables the store
// reads, is damaged (Errc::corrupt naming the version or table). A read-only
// open may not create or migrate.
void prepare_schema(SQLite::Database& db, bool writable, int target, std::span<const Migration> steps);

}  // namespace crm::detail
