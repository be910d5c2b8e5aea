// SPDX-License-Identifier: Apache-2.0
#include "bench_data.hpp"

#include <malloc.h>

#include <crm/store/memory_store.hpp>
#include <crm/store/sqlite_store.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "raw_sqlite.hpp"

namespace crm::bench {

namespace {

// Part of the cached files' names: bump it whenever the generator, the seed
// or the layout of a set changes, so that stale files are never reused.
constexpr int data_version = 1;
constexpr std::int64_t customers_per_transaction = 10'000;
constexpr std::int64_t interactions_per_transaction = 50'000;
// The SQLite sets are built with this page cache (each, per connection):
// the indexes outgrow SQLite's default 2 MiB long before a million
// customers, and then most inserts read their pages back from the kernel. The timed
// benchmarks open the files with the default on both sides.
constexpr std::int64_t build_page_cache_mib = 2048;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::filesystem::path cached(std::string_view kind, std::int64_t customers, std::string_view ext) {
  return std::filesystem::temp_directory_path() /
         ("crm-core-bench-v" + std::to_string(data_version) + "-" + std::string(kind) + "-" + std::to_string(customers) +
          (with_history() ? "" : "-customers-only") + std::string(ext));
}

void remove_with_wal(const std::filesystem::path& path) {
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

// The history in time order, generated on first use and kept for the other sets.
const std::vector<InteractionRef>& history(const DataGenerator& generator) {
  static std::optional<std::vector<InteractionRef>> refs;
  static std::int64_t of = -1;
  if (!refs || of != generator.customers()) {
    const auto start = std::chrono::steady_clock::now();
    refs = generator.history_in_time_order();
    of = generator.customers();
    std::fprintf(stderr, "core_bench: generated %zu interactions of %lld customers (%.1f s)\n", refs->size(),
                 static_cast<long long>(of), seconds_since(start));
  }
  return *refs;
}

// Reports a long build's progress every tenth.
class Progress {
 public:
  Progress(std::string_view what, std::int64_t total) : what_(what), total_(total) {}
  void step(std::int64_t done) {
    if (total_ < 100'000 || done * 10 / total_ == done_tenths_) return;
    done_tenths_ = done * 10 / total_;
    std::fprintf(stderr, "core_bench: %s: %lld of %lld (%.0f s)\n", what_.c_str(), static_cast<long long>(done),
                 static_cast<long long>(total_), seconds_since(start_));
  }

 private:
  std::string what_;
  std::int64_t total_;
  std::int64_t done_tenths_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void check_id(Id got, std::int64_t i) {
  if (got != customer_id(i))
    throw std::runtime_error("core_bench: customer " + std::to_string(i) + " got id " + std::to_string(got) + ", not " +
                             std::to_string(customer_id(i)));
}

// Customers, then the history, through a sink's insert calls, in batches
// inside the sink's transactions. Sink: begin(), commit(), customer(Customer), interaction(Interaction).
template <class Sink>
void fill(Sink& sink, const DataGenerator& generator, std::string_view label) {
  const auto start = std::chrono::steady_clock::now();
  const std::int64_t n = generator.customers();
  Progress customers(std::string(label) + " customers", n);
  for (std::int64_t first = 0; first < n; first += customers_per_transaction) {
    sink.begin();
    for (std::int64_t i = first; i < std::min(n, first + customers_per_transaction); ++i)
      check_id(sink.customer(generator.customer(i)), i);
    sink.commit();
    customers.step(std::min(n, first + customers_per_transaction));
  }
  static const std::vector<InteractionRef> no_history;
  const auto& refs = with_history() ? history(generator) : no_history;
  const auto total = static_cast<std::int64_t>(refs.size());
  Progress interactions(std::string(label) + " interactions", total);
  for (std::int64_t first = 0; first < total; first += interactions_per_transaction) {
    sink.begin();
    for (std::int64_t k = first; k < std::min(total, first + interactions_per_transaction); ++k) {
      const InteractionRef& r = refs[static_cast<std::size_t>(k)];
      sink.interaction(generator.interaction(r.customer, r.ordinal, customer_id(r.customer)));
    }
    sink.commit();
    interactions.step(std::min(total, first + interactions_per_transaction));
  }
  std::fprintf(stderr, "core_bench: %.*s: %lld customers and %lld interactions written (%.1f s)\n",
               static_cast<int>(label.size()), label.data(), static_cast<long long>(n), static_cast<long long>(total),
               seconds_since(start));
}

struct EngineSink {
  Engine& engine;
  std::optional<Transaction> tx{};
  void begin() { tx.emplace(engine.transaction()); }
  void commit() {
    tx->commit();
    tx.reset();
  }
  Id customer(Customer c) { return engine.create(std::move(c)).id; }
  void interaction(Interaction x) { engine.create(std::move(x)); }
};

struct RawSink {
  RawSqlite& raw;
  void begin() { raw.begin(); }
  void commit() { raw.commit(); }
  Id customer(Customer c) { return raw.insert_customer(std::move(c)); }
  void interaction(Interaction x) { raw.insert_interaction(std::move(x)); }
};

struct BareSink {
  BareMultiIndex& bare;
  void begin() {}
  void commit() {}
  Id customer(Customer c) { return bare.insert_customer(std::move(c)); }
  void interaction(Interaction x) { bare.insert_interaction(std::move(x)); }
};

// The leads and deals of the engine sets, after the history.
void fill_pipeline(Engine& engine, const DataGenerator& generator) {
  auto tx = engine.transaction();
  for (std::int64_t n = 0; n < generator.leads(); ++n) engine.create(generator.lead(n));
  for (std::int64_t n = 0; n < generator.opportunities(); ++n)
    engine.create(generator.opportunity(n, customer_id(generator.opportunity_customer(n))));
  tx.commit();
}

// Builds a missing file into "<path>.partial" with `build`, then renames it.
template <class Build>
std::filesystem::path built(const std::filesystem::path& path, Build&& build) {
  if (std::filesystem::exists(path)) return path;
  const std::filesystem::path partial = path.string() + ".partial";
  remove_with_wal(partial);
  const auto start = std::chrono::steady_clock::now();
  build(partial);
  // Every connection is closed: SQLite has checkpointed the WAL into the file.
  if (std::filesystem::exists(partial.string() + "-wal"))
    throw std::runtime_error(partial.string() + "-wal is left after closing; not renaming");
  std::filesystem::rename(partial, path);
  std::fprintf(stderr, "core_bench: built %s in %.1f s (%.0f MB)\n", path.c_str(), seconds_since(start),
               static_cast<double>(std::filesystem::file_size(path)) / 1e6);
  return path;
}

}  // namespace

std::int64_t bench_customers() {
  const char* text = std::getenv("CRM_BENCH_SIZE");
  const std::string size = text == nullptr || *text == '\0' ? "100k" : text;
  if (size == "tiny") return 1'000;
  if (size == "10k") return 10'000;
  if (size == "100k") return 100'000;
  if (size == "1M") return 1'000'000;
  if (size == "10M") return 10'000'000;
  char* end = nullptr;
  const long long n = std::strtoll(size.c_str(), &end, 10);
  if (end == size.c_str() || *end != '\0' || n < 100 || n > 10'000'000)
    throw std::invalid_argument("CRM_BENCH_SIZE '" + size + "': give tiny, 10k, 100k, 1M, 10M or a number 100..10000000");
  return n;
}

bool with_history() {
  // Read once: file names, counts and probes must all agree.
  static const bool value = [] {
    const char* text = std::getenv("CRM_BENCH_HISTORY");
    const std::string_view history = text == nullptr || *text == '\0' ? "full" : text;
    if (history == "full") return true;
    if (history == "none") return false;
    throw std::invalid_argument("CRM_BENCH_HISTORY '" + std::string(history) + "': give full or none");
  }();
  return value;
}

EngineOptions engine_options() {
  static const auto clock = std::make_shared<const ManualClock>(data_end);
  return {.default_region = std::string(home_region), .phone_check = PhoneCheck::valid, .clock = clock};
}

std::int64_t expected_interactions(const DataGenerator& generator) {
  if (!with_history()) return 0;
  std::int64_t total = 0;
  for (std::int64_t i = 0; i < generator.customers(); ++i) total += generator.interaction_count(i);
  return total;
}

std::filesystem::path engine_sqlite_file(const DataGenerator& generator) {
  return built(cached("engine", generator.customers(), ".db"), [&](const std::filesystem::path& partial) {
    // Durability normal while building: a bulk load need not survive power loss.
    Engine engine(std::make_unique<SqliteStore>(partial, SqliteOptions{.durability = SqliteOptions::Durability::normal,
                                                                       .page_cache_mib = build_page_cache_mib}),
                  engine_options());
    EngineSink sink{engine};
    fill(sink, generator, "engine sqlite");
    fill_pipeline(engine, generator);
  });
}

std::filesystem::path raw_sqlite_file(const DataGenerator& generator) {
  return built(cached("raw", generator.customers(), ".db"), [&](const std::filesystem::path& partial) {
    RawSqlite raw(partial, RawSqlite::Sync::normal, data_end, build_page_cache_mib);
    RawSink sink{raw};
    fill(sink, generator, "raw sqlite");
  });
}

std::filesystem::path engine_memory_snapshot(const DataGenerator& generator) {
  return built(cached("memory", generator.customers(), ".snapshot"), [&](const std::filesystem::path& partial) {
    auto store = std::make_unique<MemoryStore>();
    MemoryStore& memory = *store;
    Engine engine(std::move(store), engine_options());
    EngineSink sink{engine};
    fill(sink, generator, "engine memory");
    fill_pipeline(engine, generator);
    memory.save_snapshot(partial);
  });
}

void fill_bare(BareMultiIndex& bare, const DataGenerator& generator) {
  BareSink sink{bare};
  fill(sink, generator, "bare multi-index");
}

std::int64_t heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<std::int64_t>(info.uordblks + info.hblkhd);
}

}  // namespace crm::bench
