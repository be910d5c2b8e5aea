// SPDX-License-Identifier: Apache-2.0
// The engine's core operations next to hand-written baselines doing the same
// work, in one run (docs/PERFORMANCE.md has the results and the targets):
//   *_EngineSqlite   crm::Engine on crm::SqliteStore
//   *_RawSqlite      SQLiteCpp by hand on the same schema, indexes and pragmas (raw_sqlite.hpp)
//   *_EngineMemory   crm::Engine on crm::MemoryStore
//   *_BareMultiIndex plain structs in bare Boost.MultiIndex containers (bare_multi_index.hpp)
// Operations: bulk customer insert (1,000 per transaction); lookup by phone
// typed in a non-canonical spelling, by e-mail typed with capitals, by
// external id (every side normalises its input with the same crm:: call, so
// the ratio measures storage and decoding); a customer's last 20
// interactions; logging one purchase (its own transaction, statistics
// updated; SQLite with synchronous FULL, the engine's default, and NORMAL);
// opening the database and answering a first lookup; heap bytes per
// customer. Data: bench_data.hpp (generated, cached in the temp directory).
//
//   CRM_BENCH_SIZE=1M ./build/benchmarks/core_bench      (tiny, 10k, 100k = default, 1M, 10M)
//   CRM_BENCH_HISTORY=none ...                           (customers only: no interaction lists)
//   scripts/bench.sh 1M                                  (JSON and a table of ratios)
//
// Before timing, every lookup checks each probe's answer (id and external id)
// and the engine rows compare whole records with their baseline's; inside the
// loop a miss stops the benchmark. Any such failure makes the program exit 1,
// which is what the smoke test (ctest core_bench_smoke) looks at.

#include <benchmark/benchmark.h>

#include <crm/crm.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "bare_multi_index.hpp"
#include "bench_data.hpp"
#include "data_generator.hpp"
#include "raw_sqlite.hpp"

namespace {

using namespace crm;
using namespace crm::bench;

bool core_bench_failed = false;

void fail(benchmark::State& state, const std::string& why) {
  core_bench_failed = true;
  state.SkipWithError(why.c_str());
}

// Runs a benchmark body; an exception (a stale file, a failed build) skips it as failed.
template <class Body>
void guarded(benchmark::State& state, Body&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    fail(state, e.what());
  }
}

// A customer the lookups ask for, with what they type.
struct Probe {
  std::int64_t index = 0;
  Id id = 0;
  std::string phone, email, external_id;
  std::int64_t history = 0;  // their interactions
};

// The data sets of one size, opened or built on first use.
class Sets {
 public:
  explicit Sets(std::int64_t customers) : generator(customers) {
    // Up to 1,024 customers spread over the set (the multiplier is prime to 10).
    const std::int64_t n = std::min<std::int64_t>(customers, 1024);
    for (std::int64_t k = 0; k < n; ++k) {
      const std::int64_t i = (k * 2'654'435'761LL) % customers;
      probes.push_back({i, customer_id(i), generator.phone_as_typed(i), generator.email_as_typed(i),
                        generator.external_id(i), with_history() ? generator.interaction_count(i) : 0});
    }
  }

  const DataGenerator generator;
  std::vector<Probe> probes;

  Engine& sqlite(SqliteOptions::Durability durability = SqliteOptions::Durability::full) {
    auto& slot = sqlite_[durability];
    if (!slot) {
      slot = std::make_unique<Engine>(
          std::make_unique<SqliteStore>(engine_sqlite_file(generator), SqliteOptions{.durability = durability}),
          engine_options());
      check_counts("engine sqlite", static_cast<std::int64_t>(slot->count<Customer>()),
                   static_cast<std::int64_t>(slot->count<Interaction>()));
    }
    return *slot;
  }
  RawSqlite& raw(RawSqlite::Sync sync = RawSqlite::Sync::full) {
    auto& slot = raw_[sync];
    if (!slot) {
      slot = std::make_unique<RawSqlite>(raw_sqlite_file(generator), sync, data_end);
      check_counts("raw sqlite", slot->count("customer"), slot->count("interaction"));
    }
    return *slot;
  }
  // Closes every connection to the SQLite files (the open benchmarks start from none).
  void close_sqlite() {
    sqlite_.clear();
    raw_.clear();
  }
  Engine& memory() {
    if (!memory_) {
      const auto path = engine_memory_snapshot(generator);
      const std::int64_t before = heap_in_use();
      memory_ = std::make_unique<Engine>(MemoryStore::load_snapshot(path), engine_options());
      memory_heap = heap_in_use() - before;
      check_counts("engine memory", static_cast<std::int64_t>(memory_->count<Customer>()),
                   static_cast<std::int64_t>(memory_->count<Interaction>()));
    }
    return *memory_;
  }
  BareMultiIndex& bare() {
    if (!bare_) {
      const std::int64_t before = heap_in_use();
      bare_ = std::make_unique<BareMultiIndex>(data_end);
      fill_bare(*bare_, generator);
      bare_heap = heap_in_use() - before;
    }
    return *bare_;
  }

  std::int64_t memory_heap = -1, bare_heap = -1;  // heap taken by the whole set, once loaded

 private:
  void check_counts(const std::string& what, std::int64_t customers, std::int64_t interactions) {
    if (expected_interactions_ < 0) expected_interactions_ = expected_interactions(generator);
    if (customers != generator.customers() || interactions != expected_interactions_)
      throw std::runtime_error(what + " holds " + std::to_string(customers) + " customers and " +
                               std::to_string(interactions) + " interactions, not " +
                               std::to_string(generator.customers()) + " and " + std::to_string(expected_interactions_) +
                               ": delete the stale file in the temp directory");
  }

  std::int64_t expected_interactions_ = -1;
  std::map<SqliteOptions::Durability, std::unique_ptr<Engine>> sqlite_;
  std::map<RawSqlite::Sync, std::unique_ptr<RawSqlite>> raw_;
  std::unique_ptr<Engine> memory_;
  std::unique_ptr<BareMultiIndex> bare_;
};

Sets& sets(benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<Sets>> all;
  auto& slot = all[state.range(0)];
  if (!slot) slot = std::make_unique<Sets>(state.range(0));
  state.counters["customers"] = static_cast<double>(state.range(0));
  return *slot;
}

// --- Comparing answers ----------------------------------------------------------

std::string customer_difference(const Customer& a, const Customer& b) {
  if (a == b) return {};
  if (a.id != b.id) return "id " + std::to_string(a.id) + " vs " + std::to_string(b.id);
  if (a.display_name != b.display_name) return "display_name '" + a.display_name + "' vs '" + b.display_name + "'";
  if (a.phones != b.phones) return "phones differ";
  if (a.emails != b.emails) return "emails differ";
  if (a.created_at != b.created_at) return "created_at differs";
  return "some other field differs";
}

// Interactions as the two sides store them, ids aside: the id sequences of
// the engine (which also stores statistics and markers) and of a baseline differ.
std::vector<Interaction> without_ids(std::vector<Interaction> list) {
  for (auto& x : list) x.id = 0;
  return list;
}

// --- Bulk insert ----------------------------------------------------------------

constexpr std::int64_t insert_batch = 1'000;

// Inserts draw from a generator of their own (another seed), into empty stores.
const DataGenerator& insert_generator() {
  static const DataGenerator generator(10'000'000, default_seed + 1);
  return generator;
}

std::filesystem::path scratch_file(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("crm-core-bench-scratch-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path;
}

// One iteration: a batch of 1,000 new customers in one transaction. Making
// the records is not timed.
template <class Begin, class Insert, class Commit>
void insert_benchmark(benchmark::State& state, Begin&& begin, Insert&& insert, Commit&& commit) {
  std::int64_t next = 0;
  std::vector<Customer> batch;
  for (auto _ : state) {
    state.PauseTiming();
    batch.clear();
    for (std::int64_t k = 0; k < insert_batch; ++k) batch.push_back(insert_generator().customer(next++));
    state.ResumeTiming();
    begin();
    for (auto& c : batch) insert(std::move(c));
    commit();
  }
  state.SetItemsProcessed(state.iterations() * insert_batch);
}

void BM_InsertCustomers_EngineSqlite(benchmark::State& state) {
  guarded(state, [&] {
    sets(state);
    Engine engine(std::make_unique<SqliteStore>(scratch_file("engine")), engine_options());
    std::optional<Transaction> tx;
    insert_benchmark(state, [&] { tx.emplace(engine.transaction()); }, [&](Customer c) { engine.create(std::move(c)); },
                     [&] { tx->commit(); });
    if (static_cast<std::int64_t>(engine.count<Customer>()) != state.iterations() * insert_batch)
      fail(state, "customers missing after the inserts");
  });
}

void BM_InsertCustomers_RawSqlite(benchmark::State& state) {
  guarded(state, [&] {
    sets(state);
    RawSqlite raw(scratch_file("raw"), RawSqlite::Sync::full, data_end);
    insert_benchmark(state, [&] { raw.begin(); }, [&](Customer c) { raw.insert_customer(std::move(c)); },
                     [&] { raw.commit(); });
    if (raw.count("customer") != state.iterations() * insert_batch) fail(state, "customers missing after the inserts");
  });
}

void BM_InsertCustomers_EngineMemory(benchmark::State& state) {
  guarded(state, [&] {
    sets(state);
    Engine engine(std::make_unique<MemoryStore>(), engine_options());
    std::optional<Transaction> tx;
    insert_benchmark(state, [&] { tx.emplace(engine.transaction()); }, [&](Customer c) { engine.create(std::move(c)); },
                     [&] { tx->commit(); });
    if (static_cast<std::int64_t>(engine.count<Customer>()) != state.iterations() * insert_batch)
      fail(state, "customers missing after the inserts");
  });
}

void BM_InsertCustomers_BareMultiIndex(benchmark::State& state) {
  guarded(state, [&] {
    sets(state);
    BareMultiIndex bare(data_end);
    insert_benchmark(state, [] {}, [&](Customer c) { bare.insert_customer(std::move(c)); }, [] {});
    if (static_cast<std::int64_t>(bare.customers()) != state.iterations() * insert_batch)
      fail(state, "customers missing after the inserts");
  });
}

// --- Lookups ------------------------------------------------------------------

enum class Key { phone, email, external_id };

std::optional<Customer> by(const Engine& e, Key key, const Probe& p) {
  switch (key) {
    case Key::phone: return e.find_customer_by_phone(p.phone);
    case Key::email: return e.find_customer_by_email(p.email);
    default: return e.find_customer_by_external_id(p.external_id);
  }
}

template <class Baseline>
std::optional<Customer> by(const Baseline& b, Key key, const Probe& p) {
  switch (key) {
    case Key::phone: return b.find_by_phone(p.phone);
    case Key::email: return b.find_by_email(p.email);
    default: return b.find_by_external_id(p.external_id);
  }
}

// Checks every probe, and against `baseline` (when given) the whole records
// of the first 64, then times lookups cycling through the probes.
template <class Backend, class Baseline>
void lookup_benchmark(benchmark::State& state, Key key, const Backend& backend, const Baseline* baseline,
                      const std::vector<Probe>& probes) {
  for (const Probe& p : probes) {
    const auto c = by(backend, key, p);
    if (!c || c->id != p.id || c->external_id != p.external_id)
      return fail(state, "lookup of customer " + std::to_string(p.index) + " (" + p.phone + ", " + p.email + ", " +
                             p.external_id + ") missed or found another");
  }
  for (std::size_t k = 0; baseline != nullptr && k < std::min<std::size_t>(64, probes.size()); ++k) {
    const auto difference = customer_difference(*by(backend, key, probes[k]), *by(*baseline, key, probes[k]));
    if (!difference.empty())
      return fail(state, "customer " + std::to_string(probes[k].index) + " differs from the baseline: " + difference);
  }
  std::size_t k = 0;
  for (auto _ : state) {
    auto c = by(backend, key, probes[k]);
    if (!c || c->id != probes[k].id) {
      fail(state, "lookup of customer " + std::to_string(probes[k].index) + " missed");
      break;
    }
    benchmark::DoNotOptimize(c);
    if (++k == probes.size()) k = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

// The raw baseline must store the very bytes the engine stores: the body of
// each probe customer, read from both files.
bool same_customer_bodies(benchmark::State& state, Sets& s) {
  SQLite::Database engine_file(engine_sqlite_file(s.generator).string(), SQLite::OPEN_READONLY);
  const auto body = [](SQLite::Database& db, Id id) {
    SQLite::Statement q(db, "SELECT body FROM records WHERE id = ?1 AND collection = 'customer'");
    q.bind(1, id);
    if (!q.executeStep()) return std::string("(none)");
    return q.getColumn(0).getString();
  };
  for (std::size_t k = 0; k < std::min<std::size_t>(64, s.probes.size()); ++k)
    if (body(engine_file, s.probes[k].id) != body(s.raw().db(), s.probes[k].id)) {
      fail(state, "customer " + std::to_string(s.probes[k].index) + ": the raw baseline stored other bytes than the engine");
      return false;
    }
  return true;
}

template <Key key>
void BM_Lookup_EngineSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    if (key == Key::phone && !same_customer_bodies(state, s)) return;
    lookup_benchmark(state, key, s.sqlite(), &s.raw(), s.probes);
  });
}
template <Key key>
void BM_Lookup_RawSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    lookup_benchmark(state, key, s.raw(), static_cast<const RawSqlite*>(nullptr), s.probes);
  });
}
template <Key key>
void BM_Lookup_EngineMemory(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    lookup_benchmark(state, key, s.memory(), &s.bare(), s.probes);
  });
}
template <Key key>
void BM_Lookup_BareMultiIndex(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    lookup_benchmark(state, key, s.bare(), static_cast<const BareMultiIndex*>(nullptr), s.probes);
  });
}

// --- A customer's last 20 interactions ----------------------------------------

constexpr std::size_t recent_limit = 20;

std::vector<Interaction> recent(const Engine& e, Id customer) {
  return e.list(InteractionQuery{.customer_id = customer, .limit = recent_limit}).items;
}
std::vector<Interaction> recent(const RawSqlite& r, Id customer) {
  return r.last_interactions(customer, static_cast<int>(recent_limit));
}
std::vector<Interaction> recent(const BareMultiIndex& b, Id customer) { return b.last_interactions(customer, recent_limit); }

template <class Backend, class Baseline>
void recent_benchmark(benchmark::State& state, const Backend& backend, const Baseline* baseline,
                      const std::vector<Probe>& probes) {
  const auto expected = [](const Probe& p) { return std::min<std::size_t>(recent_limit, static_cast<std::size_t>(p.history)); };
  for (const Probe& p : probes)
    if (recent(backend, p.id).size() != expected(p))
      return fail(state, "customer " + std::to_string(p.index) + ": wrong number of recent interactions");
  for (std::size_t k = 0; baseline != nullptr && k < std::min<std::size_t>(64, probes.size()); ++k)
    if (without_ids(recent(backend, probes[k].id)) != without_ids(recent(*baseline, probes[k].id)))
      return fail(state, "customer " + std::to_string(probes[k].index) + ": recent interactions differ from the baseline");
  std::size_t k = 0;
  std::int64_t rows = 0;
  for (auto _ : state) {
    auto list = recent(backend, probes[k].id);
    if (list.size() != expected(probes[k])) {
      fail(state, "customer " + std::to_string(probes[k].index) + ": wrong number of recent interactions");
      break;
    }
    rows += static_cast<std::int64_t>(list.size());
    benchmark::DoNotOptimize(list);
    if (++k == probes.size()) k = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["rows"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kAvgIterations);
}

void BM_LastInteractions_EngineSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    recent_benchmark(state, s.sqlite(), &s.raw(), s.probes);
  });
}
void BM_LastInteractions_RawSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    recent_benchmark(state, s.raw(), static_cast<const RawSqlite*>(nullptr), s.probes);
  });
}
void BM_LastInteractions_EngineMemory(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    recent_benchmark(state, s.memory(), &s.bare(), s.probes);
  });
}
void BM_LastInteractions_BareMultiIndex(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    recent_benchmark(state, s.bare(), static_cast<const BareMultiIndex*>(nullptr), s.probes);
  });
}

// --- Logging a purchase ---------------------------------------------------------

// Purchases of the probe customers after the history; each iteration logs one
// (its own transaction), at a time after every earlier one. Afterwards the
// benchmark removes what it logged (untimed), so the cached files stay as built.
template <class Log>
std::vector<Id> purchase_loop(benchmark::State& state, const Sets& s, Log&& log) {
  std::vector<Interaction> pool;
  for (std::size_t k = 0; k < std::min<std::size_t>(512, s.probes.size()); ++k)
    pool.push_back(s.generator.new_purchase(s.probes[k].index, s.probes[k].id, static_cast<std::int64_t>(k)));
  std::vector<Id> logged;
  logged.reserve(1 << 16);
  std::size_t k = 0;
  std::int64_t n = 0;
  for (auto _ : state) {
    Interaction x = pool[k];
    x.occurred_at = data_end + std::chrono::milliseconds(++n);
    logged.push_back(log(std::move(x)));
    if (++k == pool.size()) k = 0;
  }
  state.SetItemsProcessed(state.iterations());
  return logged;
}

std::vector<Id> pool_customers(const Sets& s) {
  std::vector<Id> ids;
  for (std::size_t k = 0; k < std::min<std::size_t>(512, s.probes.size()); ++k) ids.push_back(s.probes[k].id);
  return ids;
}

// The engine's statistics of the purchase customers must equal the baseline's.
template <class Baseline>
bool same_stats(benchmark::State& state, const Engine& engine, const Baseline& baseline, const Sets& s) {
  for (const Id id : pool_customers(s))
    if (engine.purchase_stats(id) != baseline.purchase_stats(id)) {
      fail(state, "customer id " + std::to_string(id) + ": purchase statistics differ from the baseline");
      return false;
    }
  return true;
}

void engine_purchases(benchmark::State& state, Engine& engine) {
  const auto logged = purchase_loop(state, sets(state), [&](Interaction x) { return engine.create(std::move(x)).id; });
  auto tx = engine.transaction();
  for (const Id id : logged) engine.erase<Interaction>(id, 1);
  tx.commit();
}

void raw_purchases(benchmark::State& state, RawSqlite& raw) {
  Sets& s = sets(state);
  const Id last = raw.last_id();
  std::vector<RawSqlite::SavedRow> saved;
  const std::vector<Id> customers = pool_customers(s);
  for (const Id id : std::set<Id>(customers.begin(), customers.end()))
    for (auto& row : raw.stats_rows(id)) saved.push_back(std::move(row));
  purchase_loop(state, s, [&](Interaction x) {
    raw.begin();
    const Id id = raw.insert_interaction(std::move(x));
    raw.commit();
    return id;
  });
  raw.undo_after(last, saved);
}

void BM_LogPurchase_EngineSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    if (same_stats(state, s.sqlite(), s.raw(), s)) engine_purchases(state, s.sqlite());
  });
}
void BM_LogPurchase_RawSqlite(benchmark::State& state) {
  guarded(state, [&] { raw_purchases(state, sets(state).raw()); });
}
void BM_LogPurchaseNormalSync_EngineSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    if (same_stats(state, s.sqlite(), s.raw(), s)) engine_purchases(state, s.sqlite(SqliteOptions::Durability::normal));
  });
}
void BM_LogPurchaseNormalSync_RawSqlite(benchmark::State& state) {
  guarded(state, [&] { raw_purchases(state, sets(state).raw(RawSqlite::Sync::normal)); });
}
void BM_LogPurchase_EngineMemory(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    if (same_stats(state, s.memory(), s.bare(), s)) engine_purchases(state, s.memory());
  });
}
void BM_LogPurchase_BareMultiIndex(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    BareMultiIndex& bare = s.bare();
    const auto logged = purchase_loop(state, s, [&](Interaction x) { return bare.insert_interaction(std::move(x)); });
    for (const Id id : logged) bare.erase_interaction(id);
  });
}

// --- Opening the database --------------------------------------------------------

// One iteration: open the file and answer a first lookup by phone; closing is
// not timed. The files are in the page cache (they were just built or used).
void BM_OpenDatabase_EngineSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    const auto path = engine_sqlite_file(s.generator);
    s.close_sqlite();
    std::size_t k = 0;
    for (auto _ : state) {
      auto engine = std::make_unique<Engine>(std::make_unique<SqliteStore>(path), engine_options());
      const auto c = engine->find_customer_by_phone(s.probes[k].phone);
      if (!c || c->id != s.probes[k].id) {
        fail(state, "first lookup missed");
        break;
      }
      state.PauseTiming();
      engine.reset();
      k = (k + 1) % s.probes.size();
      state.ResumeTiming();
    }
  });
}

void BM_OpenDatabase_RawSqlite(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    const auto path = raw_sqlite_file(s.generator);
    s.close_sqlite();
    std::size_t k = 0;
    for (auto _ : state) {
      auto raw = std::make_unique<RawSqlite>(path, RawSqlite::Sync::full, data_end);
      const auto c = raw->find_by_phone(s.probes[k].phone);
      if (!c || c->id != s.probes[k].id) {
        fail(state, "first lookup missed");
        break;
      }
      state.PauseTiming();
      raw.reset();
      k = (k + 1) % s.probes.size();
      state.ResumeTiming();
    }
  });
}

// --- Memory per customer ---------------------------------------------------------

// Heap bytes per customer: of N customers alone (at most 1,000,000), built in
// the timed iteration, and of the whole loaded set (customers, their history
// and, in the engine, its statistics), divided by N.
constexpr std::int64_t memory_customers_cap = 1'000'000;

template <class Build>
void memory_benchmark(benchmark::State& state, Build&& build, std::int64_t whole_set_heap) {
  const std::int64_t n = std::min(state.range(0), memory_customers_cap);
  std::int64_t bytes = 0;
  for (auto _ : state) bytes = build(n);
  state.counters["bytes_per_customer"] = static_cast<double>(bytes) / static_cast<double>(n);
  state.counters["with_history_bytes_per_customer"] =
      static_cast<double>(whole_set_heap) / static_cast<double>(state.range(0));
}

void BM_MemoryPerCustomer_EngineMemory(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    s.memory();
    memory_benchmark(state, [&](std::int64_t n) {
      const std::int64_t before = heap_in_use();
      Engine engine(std::make_unique<MemoryStore>(), engine_options());
      for (std::int64_t first = 0; first < n; first += 10'000) {
        auto tx = engine.transaction();
        for (std::int64_t i = first; i < std::min(n, first + 10'000); ++i) engine.create(s.generator.customer(i));
        tx.commit();
      }
      return heap_in_use() - before;
    }, s.memory_heap);
  });
}

void BM_MemoryPerCustomer_BareMultiIndex(benchmark::State& state) {
  guarded(state, [&] {
    Sets& s = sets(state);
    s.bare();
    memory_benchmark(state, [&](std::int64_t n) {
      const std::int64_t before = heap_in_use();
      BareMultiIndex bare(data_end);
      for (std::int64_t i = 0; i < n; ++i) bare.insert_customer(s.generator.customer(i));
      return heap_in_use() - before;
    }, s.bare_heap);
  });
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::int64_t customers = 0;
  bool history = true;
  try {
    customers = bench_customers();
    history = with_history();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "core_bench: %s\n", e.what());
    return 1;
  }
  using benchmark::kMicrosecond;
  using benchmark::kMillisecond;
  const auto add = [&](const char* name, void (*fn)(benchmark::State&), benchmark::TimeUnit unit) {
    return benchmark::RegisterBenchmark(name, fn)->Arg(customers)->ArgNames({"customers"})->Unit(unit)->UseRealTime();
  };
  // Open first: it closes the SQLite sets, which the later rows reopen.
  add("BM_OpenDatabase_EngineSqlite", BM_OpenDatabase_EngineSqlite, kMillisecond);
  add("BM_OpenDatabase_RawSqlite", BM_OpenDatabase_RawSqlite, kMillisecond);
  add("BM_InsertCustomers_EngineSqlite", BM_InsertCustomers_EngineSqlite, kMillisecond);
  add("BM_InsertCustomers_RawSqlite", BM_InsertCustomers_RawSqlite, kMillisecond);
  add("BM_InsertCustomers_EngineMemory", BM_InsertCustomers_EngineMemory, kMillisecond);
  add("BM_InsertCustomers_BareMultiIndex", BM_InsertCustomers_BareMultiIndex, kMillisecond);
  add("BM_LookupByPhone_EngineSqlite", BM_Lookup_EngineSqlite<Key::phone>, kMicrosecond);
  add("BM_LookupByPhone_RawSqlite", BM_Lookup_RawSqlite<Key::phone>, kMicrosecond);
  add("BM_LookupByPhone_EngineMemory", BM_Lookup_EngineMemory<Key::phone>, kMicrosecond);
  add("BM_LookupByPhone_BareMultiIndex", BM_Lookup_BareMultiIndex<Key::phone>, kMicrosecond);
  add("BM_LookupByEmail_EngineSqlite", BM_Lookup_EngineSqlite<Key::email>, kMicrosecond);
  add("BM_LookupByEmail_RawSqlite", BM_Lookup_RawSqlite<Key::email>, kMicrosecond);
  add("BM_LookupByEmail_EngineMemory", BM_Lookup_EngineMemory<Key::email>, kMicrosecond);
  add("BM_LookupByEmail_BareMultiIndex", BM_Lookup_BareMultiIndex<Key::email>, kMicrosecond);
  add("BM_LookupByExternalId_EngineSqlite", BM_Lookup_EngineSqlite<Key::external_id>, kMicrosecond);
  add("BM_LookupByExternalId_RawSqlite", BM_Lookup_RawSqlite<Key::external_id>, kMicrosecond);
  add("BM_LookupByExternalId_EngineMemory", BM_Lookup_EngineMemory<Key::external_id>, kMicrosecond);
  add("BM_LookupByExternalId_BareMultiIndex", BM_Lookup_BareMultiIndex<Key::external_id>, kMicrosecond);
  if (history) {  // without history every list would be empty
    add("BM_LastInteractions_EngineSqlite", BM_LastInteractions_EngineSqlite, kMicrosecond);
    add("BM_LastInteractions_RawSqlite", BM_LastInteractions_RawSqlite, kMicrosecond);
    add("BM_LastInteractions_EngineMemory", BM_LastInteractions_EngineMemory, kMicrosecond);
    add("BM_LastInteractions_BareMultiIndex", BM_LastInteractions_BareMultiIndex, kMicrosecond);
  }
  add("BM_LogPurchase_EngineSqlite", BM_LogPurchase_EngineSqlite, kMicrosecond);
  add("BM_LogPurchase_RawSqlite", BM_LogPurchase_RawSqlite, kMicrosecond);
  add("BM_LogPurchaseNormalSync_EngineSqlite", BM_LogPurchaseNormalSync_EngineSqlite, kMicrosecond);
  add("BM_LogPurchaseNormalSync_RawSqlite", BM_LogPurchaseNormalSync_RawSqlite, kMicrosecond);
  add("BM_LogPurchase_EngineMemory", BM_LogPurchase_EngineMemory, kMicrosecond);
  add("BM_LogPurchase_BareMultiIndex", BM_LogPurchase_BareMultiIndex, kMicrosecond);
  add("BM_MemoryPerCustomer_EngineMemory", BM_MemoryPerCustomer_EngineMemory, kMillisecond)->Iterations(1);
  add("BM_MemoryPerCustomer_BareMultiIndex", BM_MemoryPerCustomer_BareMultiIndex, kMillisecond)->Iterations(1);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (core_bench_failed) {
    std::fprintf(stderr, "core_bench: FAILED: a lookup missed or an answer differed from its baseline (see above)\n");
    return 1;
  }
  return 0;
}
