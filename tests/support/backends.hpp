// SPDX-License-Identifier: Apache-2.0
#pragma once
// The storage backends every parameterised suite runs against. A backend
// here can make a fresh store in a directory and "reopen" it: close the
// SQLite file and open it again, or save the memory store to a snapshot and
// load it back, so durability is tested the same way for both.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "crm/store/memory_store.hpp"
#include "crm/store/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace crm::test {

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const TempDir&)> open;
  // Takes the store, makes it durable and closes it, and returns a store opened from what was kept.
  std::function<std::unique_ptr<Store>(std::unique_ptr<Store>, const TempDir&)> reopen;
  // A fresh store whose waits for the write slot (and, in memory, readers'
  // waits for a writer) give up after `busy_timeout`.
  std::function<std::unique_ptr<Store>(const TempDir&, std::chrono::milliseconds busy_timeout)> open_with_busy_timeout;

  // Names the parameter in test output instead of a byte dump.
  friend void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }
};

inline std::vector<Backend> all_backends() {
  // Durability::normal keeps the suite fast; fsync behaviour is SQLite's own.
  const SqliteOptions fast{.durability = SqliteOptions::Durability::normal};
  return {
      {"memory", [](const TempDir&) -> std::unique_ptr<Store> { return std::make_unique<MemoryStore>(); },
       [](std::unique_ptr<Store> store, const TempDir& dir) -> std::unique_ptr<Store> {
         dynamic_cast<MemoryStore&>(*store).save_snapshot(dir / "snapshot.bin");
         store.reset();
         return MemoryStore::load_snapshot(dir / "snapshot.bin");
       },
       [](const TempDir&, std::chrono::milliseconds busy_timeout) -> std::unique_ptr<Store> {
         return std::make_unique<MemoryStore>(MemoryOptions{.busy_timeout = busy_timeout});
       }},
      {"sqlite", [fast](const TempDir& dir) -> std::unique_ptr<Store> {
         return std::make_unique<SqliteStore>(dir / "crm.db", fast);
       },
       [fast](std::unique_ptr<Store> store, const TempDir& dir) -> std::unique_ptr<Store> {
         store.reset();
         return std::make_unique<SqliteStore>(dir / "crm.db", fast);
       },
       [fast](const TempDir& dir, std::chrono::milliseconds busy_timeout) -> std::unique_ptr<Store> {
         SqliteOptions options = fast;
         options.busy_timeout = busy_timeout;
         return std::make_unique<SqliteStore>(dir / "crm.db", options);
       }},
  };
}

inline std::string backend_name(const testing::TestParamInfo<Backend>& info) { return info.param.name; }

}  // namespace crm::test
