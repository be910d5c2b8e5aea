// Version, options, opening and closing engines, transactions.
#include <crm/version.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "guard.hpp"

using namespace crm::c_api;

namespace {

// Whether the caller's options struct reaches a field: a caller built
// against an older, smaller crm_options does not set the newer fields.
bool reaches(const crm_options& options, std::size_t offset, std::size_t size) {
  return options.struct_size >= offset + size;
}
#define CRM_OPTION(options, field, fallback) \
  (reaches(options, offsetof(crm_options, field), sizeof(options.field)) ? options.field : (fallback))

// The options are checked whichever store they open: a bad value is the
// caller's mistake even when an engine in memory would not use it.
std::unique_ptr<crm::Store> open_store(const crm_options& options) {
  const int durability = CRM_OPTION(options, durability, static_cast<int>(CRM_DURABILITY_FULL));
  if (durability != CRM_DURABILITY_FULL && durability != CRM_DURABILITY_NORMAL)
    throw crm::Error(crm::Errc::invalid_argument, "durability " + std::to_string(durability) + " is not a crm_durability");
  crm::SqliteOptions sqlite;
  sqlite.durability =
      durability == CRM_DURABILITY_FULL ? crm::SqliteOptions::Durability::full : crm::SqliteOptions::Durability::normal;
  sqlite.read_only = CRM_OPTION(options, read_only, 0) != 0;
  sqlite.page_cache_mib = CRM_OPTION(options, page_cache_mib, std::int64_t{0});
  crm::check_options(sqlite);
  const char* path = CRM_OPTION(options, path, nullptr);
  if (path != nullptr && *path != '\0') return std::make_unique<crm::SqliteStore>(path, sqlite);
  if (sqlite.read_only)
    throw crm::Error(crm::Errc::invalid_argument, "read_only needs a path: an engine in memory has nothing to read");
  return std::make_unique<crm::MemoryStore>();
}

crm::Transaction& open_transaction(crm_transaction* handle) {
  require(handle, "transaction");
  if (!handle->transaction) throw crm::Error(crm::Errc::invalid_argument, "the transaction has already ended");
  if (handle->owner != std::this_thread::get_id())
    throw crm::Error(crm::Errc::invalid_argument, "the transaction belongs to another thread");
  return *handle->transaction;
}

}  // namespace

extern "C" {

const char* crm_version(void) { return crm::version; }
int crm_abi_version(void) { return CRM_ABI_VERSION; }

void crm_options_init(crm_options* options, size_t struct_size) {
  if (options == nullptr || struct_size < sizeof(options->struct_size)) return;
  crm_options defaults{};
  defaults.durability = CRM_DURABILITY_FULL;
  defaults.workflow_action_limit = static_cast<int64_t>(crm::EngineOptions{}.workflow_action_limit);
  // Only the caller's bytes: an older caller's struct may be smaller.
  defaults.struct_size = std::min(struct_size, sizeof(crm_options));
  std::memcpy(options, &defaults, defaults.struct_size);
}

crm_status crm_engine_open(const crm_options* options, crm_engine** out_engine) {
  reset_out(out_engine);
  return guarded(__func__, [&] {
    require(options, "options");
    require(out_engine, "out_engine");
    if (!reaches(*options, offsetof(crm_options, path), sizeof(options->path)))
      throw crm::Error(crm::Errc::invalid_argument, "options.struct_size is " + std::to_string(options->struct_size) +
                                                        "; set it with crm_options_init()");
    crm::EngineOptions engine_options;
    const crm_options& given = *options;
    if (const char* region = CRM_OPTION(given, default_region, nullptr))
      engine_options.default_region = region;
    const std::int64_t action_limit = CRM_OPTION(given, workflow_action_limit, std::int64_t{0});
    if (action_limit < 0)
      throw crm::Error(crm::Errc::invalid_argument,
                       "workflow_action_limit " + std::to_string(action_limit) + ": must be at least 1, or 0 for the default (" +
                           std::to_string(engine_options.workflow_action_limit) + ")");
    if (action_limit > 0) engine_options.workflow_action_limit = static_cast<std::size_t>(action_limit);
    auto engine = std::make_shared<crm::Engine>(open_store(*options), std::move(engine_options));
    auto handle = std::make_unique<crm_engine>();
    handle->engine = std::move(engine);
    *out_engine = handle.release();
  });
}

crm_status crm_engine_close(crm_engine* engine) {
  return guarded(__func__, [&] {
    require(engine, "engine");
    std::unique_lock lock(engine->gate);
    engine->engine.reset();
  });
}

void crm_engine_free(crm_engine* engine) {
  if (engine == nullptr) return;
  (void)crm_engine_close(engine);
  delete engine;
}

crm_status crm_transaction_begin(crm_engine* engine, crm_transaction** out_transaction) {
  reset_out(out_transaction);
  return guarded(__func__, [&] {
    require(out_transaction, "out_transaction");
    auto handle = std::make_unique<crm_transaction>();
    with_engine(engine, [&](crm::Engine&) { handle->engine = engine->engine; });
    handle->transaction.emplace(handle->engine->transaction());
    *out_transaction = handle.release();
  });
}

crm_status crm_transaction_commit(crm_transaction* transaction) {
  return guarded(__func__, [&] {
    auto& open = open_transaction(transaction);
    // A failed commit has rolled back: the transaction is over either way.
    struct End {
      crm_transaction* t;
      ~End() { t->transaction.reset(); }
    } end{transaction};
    open.commit();
  });
}

crm_status crm_transaction_rollback(crm_transaction* transaction) {
  return guarded(__func__, [&] {
    open_transaction(transaction).rollback();
    transaction->transaction.reset();
  });
}

void crm_transaction_free(crm_transaction* transaction) {
  if (transaction == nullptr) return;
  if (transaction->transaction && transaction->owner != std::this_thread::get_id()) {
    // Rolling back belongs to the owning thread; doing it here would corrupt
    // the store's state, so the handle is leaked rather than freed.
    return;
  }
  delete transaction;  // rolls back if still open
}

}  // extern "C"
