// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the C API's opaque handles are on the C++ side, and the helpers every
// crm_* function uses to check its arguments.

#include <crm/crm.h>

#include <crm/crm.hpp>

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "store/owner.hpp"

namespace crm::c_api {

// What an engine handle and its transactions share. A transaction is ended
// for its owner by another thread (crm_transaction_free there, or
// crm_engine_close) only while that owner is in no call on the engine:
// `in_call` counts each owner's calls in progress, and holding `mutex`
// keeps an idle owner from starting one.
struct EngineState {
  // Calls hold it shared; close takes it alone, so it waits for calls in
  // progress and no call sees a half-closed engine.
  std::shared_mutex gate;
  // Null once closed. Shared with open transactions, which keep the store
  // alive until they end.
  std::shared_ptr<Engine> engine;

  std::mutex mutex;  // guards what follows
  std::condition_variable call_ended;
  std::unordered_map<detail::OwnerId, int> in_call;
  std::vector<crm_transaction*> open;  // open transaction handles, oldest first
  bool closing = false;
};

}  // namespace crm::c_api

struct crm_engine {
  std::shared_ptr<crm::c_api::EngineState> state = std::make_shared<crm::c_api::EngineState>();
};

struct crm_transaction {
  std::shared_ptr<crm::c_api::EngineState> state;
  std::shared_ptr<crm::Engine> engine;           // null once ended: the store may close
  std::optional<crm::Transaction> transaction;   // empty once ended
  crm::detail::OwnerId owner = crm::detail::current_owner();
  const char* ended_by = nullptr;                // why it ended, when not by its own commit or rollback (a literal)
};

struct crm_customer {
  crm::Customer value;
};
struct crm_interaction {
  crm::Interaction value;
};
struct crm_lead {
  crm::Lead value;
};
struct crm_opportunity {
  crm::Opportunity value;
};
struct crm_task {
  crm::Task value;
};

struct crm_page {
  std::variant<std::vector<crm_customer>, std::vector<crm_interaction>, std::vector<crm_lead>,
               std::vector<crm_opportunity>, std::vector<crm_task>>
      items;
  std::string next_cursor;
  std::vector<int64_t> damaged;  // crm::Page::damaged
};

namespace crm::c_api {

// The handle type of a record type, and back.
template <class T>
struct HandleOf;
template <>
struct HandleOf<Customer> {
  using type = crm_customer;
};
template <>
struct HandleOf<Interaction> {
  using type = crm_interaction;
};
template <>
struct HandleOf<Lead> {
  using type = crm_lead;
};
template <>
struct HandleOf<Opportunity> {
  using type = crm_opportunity;
};
template <>
struct HandleOf<Task> {
  using type = crm_task;
};
template <class T>
using Handle = typename HandleOf<T>::type;

// A list call's limit of 0 means the library's default page size.
constexpr std::size_t default_page_limit = crm::default_page_size;

// Throws Errc::invalid_argument when a required pointer argument is NULL.
template <class P>
P* require(P* pointer, const char* name) {
  if (pointer == nullptr) throw Error(Errc::invalid_argument, std::string(name) + " is NULL");
  return pointer;
}

// Thrown when a call finds the engine closed; guarded() maps it to CRM_CLOSED,
// which has no crm::Errc of its own.
struct ClosedEngine {};

// Counts a call of the calling thread on an engine for its duration (see
// EngineState). Throws ClosedEngine once the engine is closing.
class CallScope {
 public:
  explicit CallScope(EngineState& state);
  ~CallScope();
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

 private:
  EngineState& state_;
  detail::OwnerId owner_;
};

// Runs `call` with the engine while holding its gate shared.
template <class F>
decltype(auto) with_engine(crm_engine* handle, F&& call) {
  require(handle, "engine");
  auto& state = *handle->state;
  std::shared_lock lock(state.gate);
  if (!state.engine) throw ClosedEngine{};
  CallScope counted(state);
  return call(*state.engine);
}

// Stores a new heap object in *out, after the work that could fail is done.
template <class T, class... Args>
void emit(T** out, Args&&... args) {
  *out = new T{std::forward<Args>(args)...};
}

// A copy of text the caller frees with crm_string_free().
char* copy_string(const std::string& text);

}  // namespace crm::c_api
