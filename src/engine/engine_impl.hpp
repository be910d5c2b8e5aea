// SPDX-License-Identifier: Apache-2.0
#pragma once
// What an Engine holds, shared by the files that implement its calls, one
// file per job: engine.cpp (opening, reads by id and key, transactions),
// write_path.cpp (every create, update and erase), listings.cpp (the
// listings and the statistics reads) and workflow_calls.cpp (the calls the
// engine hands to its workflow service).
//
// The engine sees the workflow only through WorkflowService
// (workflow_service.hpp): nothing here or in the files above includes
// src/workflow, src/pipeline or src/analytics (tests/layers checks it).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "crm/engine.hpp"
#include "crm/error.hpp"
#include "engine/hooked_store.hpp"
#include "engine/layout.hpp"
#include "engine/purchase_stats.hpp"
#include "engine/purchase_stats_cache.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"
#include "engine/workflow_service.hpp"
#include "model/validate.hpp"
#include "store/store_support.hpp"

namespace crm {

namespace detail {

template <class T>
inline constexpr std::string_view collection_of = Layout<T>::collection;

inline Scan by_index(std::string_view index_name, std::string prefix) {
  Scan scan;
  scan.index = index_name;
  scan.prefix = std::move(prefix);
  return scan;
}

// Every record of a type, in id order.
template <class T>
Scan by_id() {
  Scan scan;
  scan.collection = collection_of<T>;
  return scan;
}

}  // namespace detail

struct Engine::Impl {
  std::unique_ptr<detail::HookedStore> store;  // the host's store, telling stats_cache about commits
  EngineOptions options;
  std::unique_ptr<detail::WorkflowService> workflow;  // also the change hook every write calls
  std::unique_ptr<detail::PurchaseStatsCache> stats_cache;
  std::unique_ptr<detail::PurchaseStatsKeeper> purchase_stats;

  struct Writes;  // the write path (write_path.cpp)

  detail::WriteContext context() const {
    return {options.default_region, options.phone_check, options.clock->now()};
  }

  template <class T>
  std::optional<T> load(Id id) const {
    auto stored = store->get(detail::collection_of<T>, id);
    if (!stored) return std::nullopt;
    return detail::decode<T>(*stored);
  }

  // The record with this id; Errc::not_found names `field` when the id came
  // from a reference ("interaction.customer_id: customer 7 not found").
  template <class T>
  T load_or_throw(Id id, std::string_view field = {}) const {
    auto record = load<T>(id);
    if (!record) {
      if (field.empty()) detail::throw_not_found(detail::collection_of<T>, id);  // the store's own wording
      throw Error(Errc::not_found, std::string(field) + ": " + std::string(detail::collection_of<T>) + " " +
                                       std::to_string(id) + " not found");
    }
    return std::move(*record);
  }

  template <class T>
  std::optional<T> by_key(std::string_view index_name, std::string_view key) const {
    auto id = store->find(index_name, key);
    return id ? load<T>(*id) : std::nullopt;
  }

  // The pipeline a deal names: stored, or the built-in default.
  std::optional<Pipeline> pipeline_named(std::string_view name) const {
    const std::string key = fold_case(name);
    if (auto stored = by_key<Pipeline>(detail::index::pipeline_name, key)) return stored;
    if (key == "default") return default_pipeline();
    return std::nullopt;
  }
};

}  // namespace crm
