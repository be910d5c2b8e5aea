// SPDX-License-Identifier: Apache-2.0
// What only the SQLite file format has: identity, versioning and migration,
// WAL, read-only use.

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <fstream>
#include <iterator>
#include <limits>

#include "store/records.hpp"
#include "crm/store/sqlite_store.hpp"
#include "store/sqlite_schema.hpp"
#include "support/errors.hpp"
#include "support/temp_dir.hpp"

namespace crm::test {
namespace {

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::int64_t pragma(const std::filesystem::path& path, const std::string& name) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA " + name).getInt64();
}

TEST(SqliteStoreTest, CreatesAVersionedCrmDatabaseInWalMode) {
  TempDir dir;
  { SqliteStore store(dir / "crm.db"); }
  EXPECT_EQ(pragma(dir / "crm.db", "application_id"), detail::crm_application_id);
  EXPECT_EQ(pragma(dir / "crm.db", "user_version"), SqliteStore::schema_version);
  SQLite::Database db((dir / "crm.db").string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(SqliteStoreTest, RefusesAFileThatIsNotADatabaseAndLeavesItAlone) {
  TempDir dir;
  const auto path = dir / "notes.txt";
  std::ofstream(path) << "Dear diary, this is not a database. It is long enough to look like a header page.\n";
  const auto before = file_bytes(path);
  const auto error = error_of([&] { SqliteStore store(path); });
  EXPECT_EQ(error.code, Errc::corrupt);
  EXPECT_NE(error.message.find("notes.txt"), std::string::npos) << error.message;
  EXPECT_EQ(file_bytes(path), before);
  EXPECT_FALSE(std::filesystem::exists(dir / "notes.txt-wal"));
}

TEST(SqliteStoreTest, RefusesAnotherApplicationsDatabaseAndLeavesItAlone) {
  TempDir dir;
  const auto path = dir / "other.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total INTEGER); INSERT INTO invoices VALUES (1, 100)");
  }
  const auto before = file_bytes(path);
  const auto error = error_of([&] { SqliteStore store(path); });
  EXPECT_EQ(error.code, Errc::corrupt);
  EXPECT_NE(error.message.find("not a crm database"), std::string::npos) << error.message;
  EXPECT_EQ(file_bytes(path), before);
}

TEST(SqliteStoreTest, RefusesADatabaseWrittenByANewerCrm) {
  TempDir dir;
  const auto path = dir / "crm.db";
  { SqliteStore store(path); }
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 99");
  }
  const auto error = error_of([&] { SqliteStore store(path); });
  EXPECT_EQ(error.code, Errc::unsupported);
  EXPECT_NE(error.message.find("newer"), std::string::npos) << error.message;
  EXPECT_EQ(pragma(path, "user_version"), 99);
}

// The migration runner, with steps made up for the test: the real list is
// empty until the schema first changes.
void add_notes_table(SQLite::Database& db) { db.exec("CREATE TABLE notes(text TEXT)"); }
void fail_step(SQLite::Database& db) {
  db.exec("CREATE TABLE half_done(x)");
  throw Error(Errc::storage, "step failed");
}

TEST(SqliteSchemaTest, MigratesAnOlderDatabaseForwardStepByStep) {
  TempDir dir;
  const auto path = dir / "crm.db";
  { SqliteStore store(path); }
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  const detail::Migration steps[] = {{2, add_notes_table}};
  detail::prepare_schema(db, true, 2, steps);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 2);
  EXPECT_TRUE(db.tableExists("notes"));
}

TEST(SqliteSchemaTest, AFailedMigrationChangesNothing) {
  TempDir dir;
  const auto path = dir / "crm.db";
  { SqliteStore store(path); }
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  const detail::Migration steps[] = {{2, add_notes_table}, {3, fail_step}};
  EXPECT_EQ(error_of([&] { detail::prepare_schema(db, true, 3, steps); }).code, Errc::storage);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 1);
  EXPECT_FALSE(db.tableExists("notes"));
  EXPECT_FALSE(db.tableExists("half_done"));
}

TEST(SqliteSchemaTest, AMissingMigrationStepIsRefused) {
  TempDir dir;
  const auto path = dir / "crm.db";
  { SqliteStore store(path); }
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  const detail::Migration steps[] = {{3, add_notes_table}};
  EXPECT_EQ(error_of([&] { detail::prepare_schema(db, true, 3, steps); }).code, Errc::internal);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 1);
}

TEST(SqliteStoreTest, AReadOnlyStoreReadsButRefusesWrites) {
  TempDir dir;
  const auto path = dir / "crm.db";
  Id id = 0;
  {
    SqliteStore store(path);
    id = store.insert("thing", record("a"));
  }
  SqliteStore store(path, {.read_only = true});
  EXPECT_EQ(store.get("thing", id)->body, "a");
  EXPECT_EQ(error_of([&] { store.insert("thing", record("b")); }).code, Errc::permission_denied);
  EXPECT_EQ(store.count("thing"), 1U);
}

TEST(SqliteStoreTest, OpeningAMissingFileReadOnlyIsNotFound) {
  TempDir dir;
  EXPECT_EQ(error_of([&] { SqliteStore store(dir / "missing.db", {.read_only = true}); }).code, Errc::not_found);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST(SqliteStoreTest, AskingForAnInMemoryDatabaseIsRefused) {
  EXPECT_EQ(error_of([] { SqliteStore store(":memory:"); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([] { SqliteStore store(""); }).code, Errc::invalid_argument);
}

TEST(SqliteStoreTest, AnUnwritableDirectoryGivesAStorageError) {
  EXPECT_EQ(error_of([] { SqliteStore store("/nonexistent-dir/crm.db"); }).code, Errc::storage);
}

TEST(SqliteStoreTest, APageCacheSizeOutsideItsRangeIsRefusedBeforeTheFileIsCreated) {
  TempDir dir;
  for (const std::int64_t mib : {std::int64_t{-1}, (std::int64_t{1} << 20) + 1, std::numeric_limits<std::int64_t>::max()}) {
    const auto failure = error_of([&] { SqliteStore store(dir / "crm.db", {.page_cache_mib = mib}); });
    EXPECT_EQ(failure.code, Errc::invalid_argument);
    EXPECT_NE(failure.message.find("page_cache_mib " + std::to_string(mib)), std::string::npos) << failure.message;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "crm.db"));
}

TEST(SqliteStoreTest, AStoreWithALargerPageCacheKeepsEveryRecord) {
  TempDir dir;
  std::vector<Id> ids;
  {
    SqliteStore store(dir / "crm.db", {.page_cache_mib = 64});
    store.begin();
    for (int i = 0; i < 2000; ++i) ids.push_back(store.insert("thing", record(std::string(500, static_cast<char>('a' + i % 26)))));
    store.commit();
  }
  SqliteStore store(dir / "crm.db", {.page_cache_mib = 1});
  ASSERT_EQ(store.count("thing"), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i)
    EXPECT_EQ(store.get("thing", ids[i])->body, std::string(500, static_cast<char>('a' + i % 26)));
}

TEST(SqliteStoreTest, TwoStoresOnOneFileShareCommittedData) {
  TempDir dir;
  SqliteStore writer(dir / "crm.db");
  SqliteStore reader(dir / "crm.db");
  const Id id = writer.insert("thing", record("shared"));
  EXPECT_EQ(reader.get("thing", id)->body, "shared");
}

}  // namespace
}  // namespace crm::test
