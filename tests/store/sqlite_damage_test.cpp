// SPDX-License-Identifier: Apache-2.0
// A damaged SQLite file: what crm finds when the schema version or one of
// its tables is wrong. Damage is Errc::corrupt naming what is wrong, never
// Errc::internal (a bug in crm) or Errc::storage (the disk failed).

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include "crm/store/sqlite_store.hpp"
#include "store/records.hpp"
#include "support/errors.hpp"
#include "support/temp_dir.hpp"

namespace crm::test {
namespace {

// A crm file with one record, closed.
std::filesystem::path stored_file(const TempDir& dir) {
  const auto path = dir / "crm.db";
  SqliteStore store(path);
  store.insert("thing", record("body", {{"thing.key", "k"}}, {{"thing.sorted", "s"}}));
  return path;
}

void exec(const std::filesystem::path& path, const std::string& sql) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  db.exec(sql);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(SqliteDamageTest, ASchemaVersionBelowOneIsCorrupt) {
  for (const int version : {0, -1}) {
    TempDir dir;
    const auto path = stored_file(dir);
    exec(path, "PRAGMA user_version = " + std::to_string(version));
    for (const bool read_only : {false, true}) {
      const auto failure = error_of([&] { SqliteStore store(path, {.read_only = read_only}); });
      EXPECT_EQ(failure.code, Errc::corrupt) << version << (read_only ? " read-only: " : ": ") << failure.message;
      EXPECT_TRUE(contains(failure.message, "schema version " + std::to_string(version))) << failure.message;
    }
  }
}

TEST(SqliteDamageTest, AMissingTableIsCorruptNamingIt) {
  for (const std::string table : {"records", "unique_keys", "sorted_keys"}) {
    TempDir dir;
    const auto path = stored_file(dir);
    exec(path, "DROP TABLE " + table);
    for (const bool read_only : {false, true}) {
      const auto failure = error_of([&] { SqliteStore store(path, {.read_only = read_only}); });
      EXPECT_EQ(failure.code, Errc::corrupt) << table << ": " << failure.message;
      EXPECT_TRUE(contains(failure.message, "'" + table + "'")) << failure.message;
    }
  }
}

// Dropped behind an open store's back (by another program on the file).
TEST(SqliteDamageTest, ATableDroppedWhileTheStoreIsOpenIsCorruptNamingIt) {
  for (const std::string table : {"records", "unique_keys", "sorted_keys"}) {
    TempDir dir;
    const auto path = stored_file(dir);
    SqliteStore store(path);
    exec(path, "DROP TABLE " + table);
    const auto failure = error_of([&] {
      (void)store.find("thing.key", "k");
      (void)store.scan({.index = "thing.sorted"});
      (void)store.get("thing", 1);
    });
    EXPECT_EQ(failure.code, Errc::corrupt) << table << ": " << failure.message;
    EXPECT_TRUE(contains(failure.message, table)) << failure.message;
  }
}

}  // namespace
}  // namespace crm::test
