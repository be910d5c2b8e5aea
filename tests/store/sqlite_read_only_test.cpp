// SPDX-License-Identifier: Apache-2.0
// Opening a crm file read-only where nothing may be written beside it: a
// read-only directory, a read-only file system, a read-only copy (a kiosk
// image, a backup on a DVD). SQLite keeps a WAL file's index in a -shm file
// it must create; where it cannot, the store opens the file immutable.
// Each case runs in a child process that drops root or mounts read-only.

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <string>

#include "crm/error.hpp"
#include "crm/store/sqlite_store.hpp"
#include "store/records.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace crm::test {
namespace {

namespace fs = std::filesystem;

class SqliteReadOnly : public testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(folder);
    SqliteStore store(db, {.durability = SqliteOptions::Durability::normal});
    for (int i = 0; i < 3; ++i) store.insert("thing", record("record " + std::to_string(i), {{"thing.code", std::to_string(i)}}));
  }

  // The child's verdict on reading the file read-only: 0 when it reads all
  // three records and refuses a write.
  int read_three() const {
    SqliteStore store(db, {.read_only = true});
    if (store.count("thing") != 3 || !store.find("thing.code", "2")) return 1;
    try {
      store.insert("thing", record("refused"));
      return 2;
    } catch (const Error& e) {
      if (e.code() != Errc::permission_denied) return 3;
    }
    return 0;
  }

  // Copies the file's parts (`suffixes` of crm.db) into a read-only folder
  // `name` while a writer holds a fourth record in the WAL, uncheckpointed.
  fs::path copy_while_written(const std::string& name, std::initializer_list<const char*> suffixes) const {
    const fs::path copy_folder = dir / name;
    fs::create_directories(copy_folder);
    {
      SQLite::Database writer(db.string(), SQLite::OPEN_READWRITE);
      writer.exec("PRAGMA wal_autocheckpoint = 0");
      SqliteStore more(db, {.durability = SqliteOptions::Durability::normal});
      more.insert("thing", record("in the wal", {{"thing.code", "wal"}}));
      for (const char* suffix : suffixes)
        fs::copy_file(db.string() + suffix, copy_folder / (std::string("crm.db") + suffix));
    }
    fs::permissions(copy_folder, read_only_folder);
    return copy_folder;
  }

  static constexpr fs::perms read_only_folder = fs::perms::owner_read | fs::perms::owner_exec |
                                                fs::perms::group_read | fs::perms::group_exec |
                                                fs::perms::others_read | fs::perms::others_exec;

  void expect_passes(int code) const {
    if (code == child_cannot_set_up) GTEST_SKIP() << "cannot drop root or mount read-only here";
    EXPECT_EQ(code, 0) << "the child failed (see its message above)";
  }

  TempDir dir;
  fs::path folder = dir / "shop";
  fs::path db = folder / "crm.db";
};

TEST_F(SqliteReadOnly, OpensAFileInAReadOnlyDirectory) {
  fs::permissions(folder, read_only_folder);
  expect_passes(run_in_child([&] { return drop_root() ? read_three() : child_cannot_set_up; }));
  fs::permissions(folder, fs::perms::owner_all);
}

TEST_F(SqliteReadOnly, OpensAFileOnAReadOnlyFileSystem) {
  expect_passes(run_in_child([&] { return mount_read_only(folder) ? read_three() : child_cannot_set_up; }));
}

TEST_F(SqliteReadOnly, OpensAReadOnlyCopyInADirectoryItCannotWriteTo) {
  const fs::path copy_folder = dir / "dvd";
  fs::create_directories(copy_folder);
  fs::copy_file(db, copy_folder / "crm.db");
  fs::permissions(copy_folder / "crm.db", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(copy_folder, read_only_folder);
  expect_passes(run_in_child([&] {
    if (!drop_root()) return child_cannot_set_up;
    SqliteStore store(copy_folder / "crm.db", {.read_only = true});
    return store.count("thing") == 3 ? 0 : 1;
  }));
  fs::permissions(copy_folder, fs::perms::owner_all);
}

TEST_F(SqliteReadOnly, OpensAReadOnlyFileInAWritableDirectory) {
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(folder, fs::perms::all);
  expect_passes(run_in_child([&] { return drop_root() ? read_three() : child_cannot_set_up; }));
}

TEST_F(SqliteReadOnly, ReadsCommitsStillInTheWalWhenItsIndexCameAlong) {
  // A copy taken while a writer had the file open: the last commits are in
  // crm.db-wal, and crm.db-shm came with it.
  const fs::path copy_folder = copy_while_written("copy", {"", "-wal", "-shm"});
  expect_passes(run_in_child([&] {
    if (!drop_root()) return child_cannot_set_up;
    SqliteStore store(copy_folder / "crm.db", {.read_only = true});
    return store.count("thing") == 4 && store.find("thing.code", "wal") ? 0 : 1;
  }));
  fs::permissions(copy_folder, fs::perms::owner_all);
}

TEST_F(SqliteReadOnly, RefusesClearlyAWalItCannotReadRatherThanReadWithoutIt) {
  // Commits in crm.db-wal without their index, where none can be made:
  // reading the file alone would silently miss them.
  const fs::path copy_folder = copy_while_written("partial", {"", "-wal"});
  expect_passes(run_in_child([&] {
    if (!drop_root()) return child_cannot_set_up;
    try {
      SqliteStore store(copy_folder / "crm.db", {.read_only = true});
      return 1;
    } catch (const Error& e) {
      const std::string message = e.what();
      std::fprintf(stderr, "%s\n", e.what());
      return e.code() == Errc::permission_denied && message.find("crm.db-wal") != std::string::npos ? 0 : 2;
    }
  }));
  fs::permissions(copy_folder, fs::perms::owner_all);
}

}  // namespace
}  // namespace crm::test
