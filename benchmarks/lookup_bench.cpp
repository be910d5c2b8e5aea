// SPDX-License-Identifier: Apache-2.0
// Customer lookup by phone, the POS hot path: a cashier types a number and
// the till must show the customer at once. Compares, in the same run,
//   - the engine on SQLite and on memory (normalise with libphonenumber,
//     unique-index lookup, decode the record), and
//   - a raw baseline: a prepared SELECT on an indexed SQLite table holding the
//     same E.164 strings, with no normalisation or decoding.
// The gap between the two SQLite rows is what the engine's safety costs.

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <crm/crm.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int customers = 10'000;

// A valid London number per index: 020 7946 0000.. are reserved for drama,
// so the generator uses the 020 3xxx block, valid in libphonenumber.
std::string national_phone(int i) { return "020 3" + std::to_string(10000000 + i).substr(1); }

std::filesystem::path temp_file(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  return path;
}

std::unique_ptr<crm::Engine> filled_engine(std::unique_ptr<crm::Store> store) {
  auto engine = std::make_unique<crm::Engine>(std::move(store), crm::EngineOptions{.default_region = "GB"});
  auto batch = engine->transaction();
  for (int i = 0; i < customers; ++i) {
    crm::Customer c;
    c.display_name = "Customer " + std::to_string(i);
    c.phones = {national_phone(i)};
    engine->create(std::move(c));
  }
  batch.commit();
  return engine;
}

void lookup_through(benchmark::State& state, crm::Engine& engine) {
  int i = 0;
  for (auto _ : state) {
    auto found = engine.find_customer_by_phone(national_phone(i));
    if (!found) throw std::runtime_error("customer not found");
    benchmark::DoNotOptimize(found);
    i = (i + 7919) % customers;
  }
}

void BM_EngineSqlite(benchmark::State& state) {
  static auto engine = filled_engine(std::make_unique<crm::SqliteStore>(temp_file("crm-bench-lookup.db")));
  lookup_through(state, *engine);
}

void BM_EngineMemory(benchmark::State& state) {
  static auto engine = filled_engine(std::make_unique<crm::MemoryStore>());
  lookup_through(state, *engine);
}

void check(int rc, sqlite3* db) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db));
}

// The baseline stores the already-normalised E.164 string next to a blob of
// the same size as an encoded customer, so only the engine's work differs.
void BM_RawSqliteBaseline(benchmark::State& state) {
  sqlite3* db = nullptr;
  check(sqlite3_open(temp_file("crm-bench-raw.db").c_str(), &db), db);
  check(sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; CREATE TABLE c(id INTEGER PRIMARY KEY, phone TEXT UNIQUE, body BLOB);"
                     "BEGIN;",
                     nullptr, nullptr, nullptr),
        db);
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(db, "INSERT INTO c(phone, body) VALUES(?, zeroblob(80))", -1, &insert, nullptr), db);
  std::vector<std::string> e164;
  for (int i = 0; i < customers; ++i) {
    e164.push_back(crm::normalize_phone(national_phone(i), "GB"));
    sqlite3_bind_text(insert, 1, e164.back().c_str(), -1, SQLITE_STATIC);
    check(sqlite3_step(insert), db);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  check(sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr), db);

  sqlite3_stmt* select = nullptr;
  check(sqlite3_prepare_v2(db, "SELECT id, body FROM c WHERE phone = ?", -1, &select, nullptr), db);
  int i = 0;
  for (auto _ : state) {
    sqlite3_bind_text(select, 1, e164[static_cast<std::size_t>(i)].c_str(), -1, SQLITE_STATIC);
    if (sqlite3_step(select) != SQLITE_ROW) throw std::runtime_error("row not found");
    benchmark::DoNotOptimize(sqlite3_column_int64(select, 0));
    benchmark::DoNotOptimize(sqlite3_column_blob(select, 1));
    sqlite3_reset(select);
    i = (i + 7919) % customers;
  }
  sqlite3_finalize(select);
  sqlite3_close(db);
}

// The share of the engine's time that is libphonenumber parsing the input.
void BM_NormalizePhoneOnly(benchmark::State& state) {
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(crm::normalize_phone(national_phone(i), "GB", crm::PhoneCheck::possible));
    i = (i + 7919) % customers;
  }
}

}  // namespace

BENCHMARK(BM_RawSqliteBaseline);
BENCHMARK(BM_EngineSqlite);
BENCHMARK(BM_EngineMemory);
BENCHMARK(BM_NormalizePhoneOnly);

BENCHMARK_MAIN();
