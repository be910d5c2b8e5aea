// SPDX-License-Identifier: Apache-2.0
#pragma once
// The data sets core_bench runs on, built once per size from the generator
// and cached in the temp directory:
//   crm-core-bench-v<version>-engine-<N>.db        Engine + SqliteStore
//   crm-core-bench-v<version>-raw-<N>.db           RawSqlite (same schema)
//   crm-core-bench-v<version>-memory-<N>.snapshot  Engine + MemoryStore, saved
// The bare Boost.MultiIndex set has no file: it is built in the process.
// Every set holds the same customers (ids 1..N in generator order) and the
// same interactions, written as a shop writes them: customers first, then the
// history in time order; the engine sets then get the leads and deals (no
// benchmark reads those, the baselines do not have them). A file is built
// under "<name>.partial" and renamed when complete; delete the files to
// rebuild. Progress goes to stderr.

#include <crm/engine.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "bare_multi_index.hpp"
#include "data_generator.hpp"

namespace crm::bench {

// CRM_BENCH_SIZE: tiny (1,000 customers), 10k, 100k (the default), 1M, 10M,
// or a plain number. Throws std::invalid_argument for anything else.
std::int64_t bench_customers();

// CRM_BENCH_HISTORY: "full" (the default) gives the customers their
// interactions; "none" builds sets of customers only (their own files,
// "...-customers-only"), for the lookups, inserts and opening at sizes whose
// full history would take hours to build. Throws std::invalid_argument for
// anything else.
bool with_history();

// The engine options of every set: numbers read in GB, the default phone
// check, and a clock stopped at data_end (so bodies are the same bytes as the baselines').
EngineOptions engine_options();

// The id customer i is stored under in every set (checked while building).
constexpr Id customer_id(std::int64_t i) { return i + 1; }

// How many interactions the sets hold: what the generator gives the N
// customers, or none without history.
std::int64_t expected_interactions(const DataGenerator& generator);

// The cached files, built first if missing.
std::filesystem::path engine_sqlite_file(const DataGenerator& generator);
std::filesystem::path raw_sqlite_file(const DataGenerator& generator);
std::filesystem::path engine_memory_snapshot(const DataGenerator& generator);

// Every customer and interaction into a bare container.
void fill_bare(BareMultiIndex& bare, const DataGenerator& generator);

// Bytes the process holds on the heap now (glibc's count of allocated
// bytes, not RSS): the difference over a build is what the data take.
std::int64_t heap_in_use();

}  // namespace crm::bench
