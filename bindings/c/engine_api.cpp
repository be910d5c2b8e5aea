// SPDX-License-Identifier: Apache-2.0
// Version, options, opening and closing engines, transactions.
#include <crm/version.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>

#include "guard.hpp"

using namespace crm::c_api;

namespace {

constexpr const char* closed_by_close = "the engine was closed, which rolled it back";

// Whether the caller's options struct reaches a field: a caller built
// against an older, smaller crm_options does not set the newer fields.
bool reaches(const crm_options& options, std::size_t offset, std::size_t size) {
  return options.struct_size >= offset + size;
}
#define CRM_OPTION(options, field, fallback) \
  (reaches(options, offsetof(crm_options, field), sizeof(options.field)) ? options.field : (fallback))

// CRM_OPTIONS_INIT spells the defaults again for C's static initialisers;
// the compiler pins what it can reach here, and c_api/options_init_test
// compares the macro with crm_options_init field by field.
constexpr crm_options static_defaults = CRM_OPTIONS_INIT;
static_assert(static_defaults.struct_size == sizeof(crm_options));
static_assert(static_defaults.durability == CRM_DURABILITY_FULL);
static_assert(static_defaults.busy_timeout_ms == crm::default_busy_timeout.count());
static_assert(static_defaults.phone_check == CRM_PHONE_CHECK_VALID);

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
  const std::int64_t busy_ms = CRM_OPTION(options, busy_timeout_ms, std::int64_t{crm::default_busy_timeout.count()});
  sqlite.busy_timeout = std::chrono::milliseconds(busy_ms);
  crm::check_options(sqlite);
  const char* path = CRM_OPTION(options, path, nullptr);
  if (path != nullptr && *path != '\0') return std::make_unique<crm::SqliteStore>(path, sqlite);
  if (sqlite.read_only)
    throw crm::Error(crm::Errc::invalid_argument, "read_only needs a path: an engine in memory has nothing to read");
  return std::make_unique<crm::MemoryStore>(crm::MemoryOptions{.busy_timeout = sqlite.busy_timeout});
}

using crm::c_api::EngineState;
using crm::detail::OwnerId;

// state.mutex is held in everything below.

bool idle(const EngineState& state, OwnerId owner) {
  return owner == crm::detail::current_owner() || !state.in_call.contains(owner);  // counts of 0 are erased
}

// Rolls back `handle` for its owner, after the owner's transactions begun
// after it (nested in it), newest first. The owner must be idle or the caller.
void roll_back_from(EngineState& state, crm_transaction* handle, const char* why) noexcept {
  auto& open = state.open;
  const auto at = std::find(open.begin(), open.end(), handle);
  if (at == open.end()) return;
  const auto first = static_cast<std::size_t>(at - open.begin());
  for (std::size_t i = open.size(); i-- > first;) {
    crm_transaction* t = open[i];
    if (t->owner != handle->owner) continue;
    open.erase(open.begin() + static_cast<std::ptrdiff_t>(i));
    t->transaction->rollback();  // acts for the owner when called from another thread
    t->transaction.reset();
    t->engine.reset();
    t->ended_by = t == handle ? why : "it was rolled back with the transaction it was nested in";
  }
}

// Waits until the owner of `handle` is in no call, then rolls it back.
void roll_back_for_owner(EngineState& state, std::unique_lock<std::mutex>& lock, crm_transaction* handle,
                         const char* why) {
  const OwnerId owner = handle->owner;
  state.call_ended.wait(lock, [&] { return idle(state, owner); });
  roll_back_from(state, handle, why);
}

// Rolls back every open transaction whose owner is idle (all of them when
// `wait`), oldest owner first; each is rolled back from its outermost level.
void roll_back_open(EngineState& state, std::unique_lock<std::mutex>& lock, bool wait, const char* why) {
  for (;;) {
    const auto next = std::find_if(state.open.begin(), state.open.end(),
                                   [&](const crm_transaction* t) { return wait || idle(state, t->owner); });
    if (next == state.open.end()) return;
    roll_back_for_owner(state, lock, *next, why);
  }
}

// The open transaction of the calling thread that `handle` names.
crm::Transaction& owned_open(crm_transaction* handle) {
  require(handle, "transaction");
  if (!handle->transaction) {
    if (handle->ended_by == closed_by_close) throw ClosedEngine{};
    std::string message = "the transaction has already ended";
    if (handle->ended_by != nullptr) message.append(": ").append(handle->ended_by);
    throw crm::Error(crm::Errc::invalid_argument, message);
  }
  if (handle->owner != crm::detail::current_owner())
    throw crm::Error(crm::Errc::invalid_argument, "the transaction belongs to another thread");
  return *handle->transaction;
}

}  // namespace

namespace crm::c_api {

CallScope::CallScope(EngineState& state) : state_(state), owner_(detail::current_owner()) {
  std::lock_guard lock(state_.mutex);
  if (state_.closing) throw ClosedEngine{};
  ++state_.in_call[owner_];
}

CallScope::~CallScope() {
  {
    std::lock_guard lock(state_.mutex);
    if (const auto it = state_.in_call.find(owner_); it != state_.in_call.end() && --it->second == 0)
      state_.in_call.erase(it);
  }
  state_.call_ended.notify_all();
}

}  // namespace crm::c_api

extern "C" {

// Both spellings of the release come from crm.h (the build reads the
// project's version from it), so they agree; this keeps them so.
static_assert(crm::version_number == CRM_VERSION_NUMBER, "crm/version.hpp and crm.h name different releases");

const char* crm_version(void) { return crm::version; }
int crm_version_number(void) { return CRM_VERSION_NUMBER; }
int crm_abi_version(void) { return CRM_ABI_VERSION; }

void crm_options_init(crm_options* options, size_t struct_size) {
  if (options == nullptr || struct_size < sizeof(options->struct_size)) return;
  crm_options defaults{};
  defaults.durability = CRM_DURABILITY_FULL;
  defaults.busy_timeout_ms = crm::default_busy_timeout.count();
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
    const int phone_check = CRM_OPTION(given, phone_check, static_cast<int>(CRM_PHONE_CHECK_VALID));
    if (phone_check != CRM_PHONE_CHECK_VALID && phone_check != CRM_PHONE_CHECK_POSSIBLE)
      throw crm::Error(crm::Errc::invalid_argument,
                       "phone_check " + std::to_string(phone_check) + " is not a crm_phone_check");
    engine_options.phone_check =
        phone_check == CRM_PHONE_CHECK_POSSIBLE ? crm::PhoneCheck::possible : crm::PhoneCheck::valid;
    auto engine = std::make_shared<crm::Engine>(open_store(*options), std::move(engine_options));
    auto handle = std::make_unique<crm_engine>();
    handle->state->engine = std::move(engine);
    *out_engine = handle.release();
  });
}

crm_status crm_engine_close(crm_engine* engine) {
  return guarded(__func__, [&] {
    require(engine, "engine");
    auto& state = *engine->state;
    {
      // Refuse new calls, and free the write slot of transactions whose
      // owners are idle (this thread's among them), so that calls waiting
      // for it can finish.
      std::unique_lock lock(state.mutex);
      state.closing = true;
      roll_back_open(state, lock, false, closed_by_close);
    }
    std::unique_lock exclusive(state.gate);  // waits for calls in progress
    std::unique_lock lock(state.mutex);
    roll_back_open(state, lock, true, closed_by_close);
    state.engine.reset();
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
    with_engine(engine, [&](crm::Engine& e) {
      auto& state = *engine->state;
      auto handle = std::make_unique<crm_transaction>();
      handle->state = engine->state;
      handle->engine = state.engine;
      handle->transaction.emplace(e.transaction());  // waits for the write slot: CRM_BUSY after the busy timeout
      std::lock_guard lock(state.mutex);
      state.open.push_back(handle.get());  // if this throws, the handle's destructor rolls the transaction back
      *out_transaction = handle.release();
    });
  });
}

crm_status crm_transaction_commit(crm_transaction* transaction) {
  return guarded(__func__, [&] {
    auto& open = owned_open(transaction);
    auto& state = *transaction->state;
    CallScope counted(state);
    {
      std::lock_guard lock(state.mutex);
      const auto newest = std::find_if(state.open.rbegin(), state.open.rend(),
                                       [&](const crm_transaction* t) { return t->owner == transaction->owner; });
      if (newest != state.open.rend() && *newest != transaction)
        throw crm::Error(crm::Errc::invalid_argument,
                         "commit: a transaction begun inside this one is still open; commit or roll it back first");
    }
    // A failed commit has rolled back: the transaction is over either way.
    struct End {
      crm_transaction* t;
      ~End() {
        std::lock_guard lock(t->state->mutex);
        auto& list = t->state->open;
        list.erase(std::remove(list.begin(), list.end(), t), list.end());
        t->transaction.reset();
        t->engine.reset();
      }
    } end{transaction};
    open.commit();
  });
}

crm_status crm_transaction_rollback(crm_transaction* transaction) {
  return guarded(__func__, [&] {
    require(transaction, "transaction");
    if (!transaction->transaction) owned_open(transaction);  // says why it has ended
    auto& state = *transaction->state;
    std::unique_lock lock(state.mutex);
    roll_back_for_owner(state, lock, transaction, nullptr);
  });
}

void crm_transaction_free(crm_transaction* transaction) {
  if (transaction == nullptr) return;
  {
    auto& state = *transaction->state;
    std::unique_lock lock(state.mutex);
    if (transaction->transaction) roll_back_for_owner(state, lock, transaction, "it was freed");
  }
  delete transaction;
}

}  // extern "C"
