// SPDX-License-Identifier: Apache-2.0
// crm::Engine: opening an engine over a store, reads by id and by unique
// key, the integrity check and transactions. The other calls live by job in
// write_path.cpp, listings.cpp and workflow_calls.cpp (engine_impl.hpp).
#include "crm/engine.hpp"

#include "engine/check.hpp"
#include "engine/checked_clock.hpp"
#include "engine/engine_impl.hpp"
#include "text/quote.hpp"

namespace crm {

namespace index = detail::index;

Engine::Engine(std::unique_ptr<Store> store, EngineOptions options) : impl_(std::make_unique<Impl>()) {
  if (!store) throw Error(Errc::invalid_argument, "engine: no store given");
  if (!is_supported_region(options.default_region))
    throw Error(Errc::invalid_argument, "engine: default_region " + detail::quote(options.default_region) +
                                            " is not a region libphonenumber knows (use ISO 3166, e.g. GB)");
  if (options.workflow_action_limit == 0)
    throw Error(Errc::invalid_argument, "engine: workflow_action_limit 0: must be at least 1 (default " +
                                            std::to_string(EngineOptions{}.workflow_action_limit) + ")");
  if (!options.clock) options.clock = std::make_shared<SystemClock>();
  options.clock = std::make_shared<detail::CheckedClock>(std::move(options.clock));  // refuses readings out of range
  impl_->store = std::make_unique<detail::HookedStore>(std::move(store));
  impl_->options = std::move(options);
  // The workflow plugs in through the engine's own interface (workflow_service.hpp).
  impl_->workflow = detail::make_workflow(*impl_->store, *this, impl_->options.workflow_depth_limit,
                                          impl_->options.workflow_action_limit);
  impl_->stats_cache = std::make_unique<detail::PurchaseStatsCache>(
      *impl_->store, [impl = impl_.get()](Id customer) { return impl->purchase_stats->of_customer(customer); });
  impl_->store->listen(impl_->stats_cache.get());
  impl_->purchase_stats = std::make_unique<detail::PurchaseStatsKeeper>(*impl_->store, *impl_->stats_cache);
  impl_->purchase_stats->build_if_missing();
}

Engine::~Engine() = default;

std::optional<Pipeline> Engine::find_pipeline(std::string_view name) const { return impl_->pipeline_named(name); }

template <Record T>
T Engine::get(Id id) const {
  return impl_->load_or_throw<T>(id);
}

template <Record T>
std::optional<T> Engine::find(Id id) const {
  return impl_->load<T>(id);
}

template <Record T>
std::size_t Engine::count() const {
  return impl_->store->count(detail::collection_of<T>);
}

CheckReport Engine::check() const { return detail::check_store(*impl_->store); }

std::optional<Customer> Engine::find_customer_by_phone(std::string_view phone) const {
  // Lookups only need the canonical form: a number that merely looks
  // possible cannot match a stored one, so it finds nothing instead of failing.
  return impl_->by_key<Customer>(index::customer_phone,
                                 normalize_phone(phone, impl_->options.default_region, PhoneCheck::possible));
}

std::optional<Customer> Engine::find_customer_by_email(std::string_view email) const {
  return impl_->by_key<Customer>(index::customer_email, normalize_email(email));
}

std::optional<Customer> Engine::find_customer_by_external_id(std::string_view external_id) const {
  return impl_->by_key<Customer>(index::customer_external_id, external_id);
}

std::optional<Lead> Engine::find_lead_by_external_id(std::string_view external_id) const {
  return impl_->by_key<Lead>(index::lead_external_id, external_id);
}

std::optional<Opportunity> Engine::find_opportunity_by_external_id(std::string_view external_id) const {
  return impl_->by_key<Opportunity>(index::opportunity_external_id, external_id);
}

Transaction Engine::transaction() { return Transaction(*impl_->store); }

const EngineOptions& Engine::options() const { return impl_->options; }

#define CRM_INSTANTIATE_READS(T)                           \
  template T Engine::get<T>(Id) const;                     \
  template std::optional<T> Engine::find<T>(Id) const;     \
  template std::size_t Engine::count<T>() const;
CRM_FOR_EACH_RECORD(CRM_INSTANTIATE_READS)
#undef CRM_INSTANTIATE_READS

}  // namespace crm
