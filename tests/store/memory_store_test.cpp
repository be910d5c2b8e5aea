// SPDX-License-Identifier: Apache-2.0
// What only the memory store has: snapshot files.

#include <gtest/gtest.h>

#include <fstream>

#include "store/records.hpp"
#include "crm/store/memory_store.hpp"
#include "support/errors.hpp"
#include "support/temp_dir.hpp"

namespace crm::test {
namespace {

TEST(MemoryStoreTest, LoadingAMissingSnapshotIsNotFound) {
  TempDir dir;
  EXPECT_EQ(error_of([&] { MemoryStore::load_snapshot(dir / "missing.bin"); }).code, Errc::not_found);
}

TEST(MemoryStoreTest, LoadingAFileThatIsNotASnapshotIsCorrupt) {
  TempDir dir;
  std::ofstream(dir / "junk.bin") << "definitely not a boost archive";
  const auto error = error_of([&] { MemoryStore::load_snapshot(dir / "junk.bin"); });
  EXPECT_EQ(error.code, Errc::corrupt);
  EXPECT_NE(error.message.find("junk.bin"), std::string::npos) << error.message;
}

TEST(MemoryStoreTest, ATruncatedSnapshotIsCorrupt) {
  TempDir dir;
  MemoryStore store;
  for (int i = 0; i < 100; ++i) store.insert("thing", record(std::string(100, 'x')));
  store.save_snapshot(dir / "full.bin");
  const auto size = std::filesystem::file_size(dir / "full.bin");
  std::filesystem::copy_file(dir / "full.bin", dir / "cut.bin");
  std::filesystem::resize_file(dir / "cut.bin", size / 2);
  EXPECT_EQ(error_of([&] { MemoryStore::load_snapshot(dir / "cut.bin"); }).code, Errc::corrupt);
}

TEST(MemoryStoreTest, SnapshotHoldsOnlyCommittedDataAndIsRefusedInsideATransaction) {
  TempDir dir;
  MemoryStore store;
  const Id kept = store.insert("thing", record("kept"));
  store.begin();
  store.insert("thing", record("pending"));
  EXPECT_EQ(error_of([&] { store.save_snapshot(dir / "s.bin"); }).code, Errc::invalid_argument);
  store.rollback();
  store.save_snapshot(dir / "s.bin");
  const auto loaded = MemoryStore::load_snapshot(dir / "s.bin");
  EXPECT_EQ(loaded->count("thing"), 1U);
  EXPECT_EQ(loaded->get("thing", kept)->body, "kept");
}

TEST(MemoryStoreTest, SavingReplacesTheSnapshotAtomically) {
  TempDir dir;
  MemoryStore store;
  store.insert("thing", record("one"));
  store.save_snapshot(dir / "s.bin");
  store.insert("thing", record("two"));
  store.save_snapshot(dir / "s.bin");
  EXPECT_FALSE(std::filesystem::exists(dir / "s.bin.tmp"));
  EXPECT_EQ(MemoryStore::load_snapshot(dir / "s.bin")->count("thing"), 2U);
}

TEST(MemoryStoreTest, SavingIntoAMissingDirectoryIsAStorageError) {
  TempDir dir;
  MemoryStore store;
  EXPECT_EQ(error_of([&] { store.save_snapshot(dir / "no" / "such" / "dir.bin"); }).code, Errc::storage);
}

}  // namespace
}  // namespace crm::test
