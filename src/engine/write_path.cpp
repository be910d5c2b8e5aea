// SPDX-License-Identifier: Apache-2.0
// crm::Engine's write path: every create, update and erase, the deal moves
// and imports. A write validates its record, then in one transaction applies
// the state rules, checks references, writes the record, writes what follows
// from it (stage history, purchase statistics, lead tallies), and last tells
// the change hook (the workflow), whose rules may change records in turn.
#include <algorithm>
#include <type_traits>

#include "crm/engine.hpp"
#include "engine/opportunity_rules.hpp"
#include "engine/each_stored.hpp"
#include "engine/engine_impl.hpp"
#include "engine/lead_outcomes.hpp"
#include "text/quote.hpp"

namespace crm {

namespace index = detail::index;

// The write path's helpers, over the engine's state.
struct Engine::Impl::Writes {
  Impl& impl;
  detail::HookedStore* const store = impl.store.get();
  detail::PurchaseStatsKeeper* const purchase_stats = impl.purchase_stats.get();
  detail::ChangeHook* const hook = impl.workflow.get();

  detail::WriteContext context() const { return impl.context(); }
  template <class T>
  T load_or_throw(Id id, std::string_view field = {}) const {
    return impl.load_or_throw<T>(id, field);
  }
  template <class T>
  std::optional<T> by_key(std::string_view index_name, std::string_view key) const {
    return impl.by_key<T>(index_name, key);
  }
  std::optional<Pipeline> pipeline_named(std::string_view name) const { return impl.pipeline_named(name); }

  bool any_in(std::string_view index_name, std::string prefix) const {
    Scan scan = detail::by_index(index_name, std::move(prefix));
    scan.limit = 1;
    return !store->scan(scan).records.empty();
  }

  void refuse_if_referenced(std::string_view index_name, Id id, std::string_view what, std::string_view by) const {
    if (any_in(index_name, detail::number_key(id)))
      throw Error(Errc::conflict, std::string(what) + " " + std::to_string(id) + ": still has " + std::string(by));
  }

  // References of each record type must exist; `before` is the stored state on update.
  void check_references(const Customer& c, const Customer* before) const {
    if (c.organisation_id != 0) {
      if (c.organisation_id == c.id) detail::refuse("customer.organisation_id", "a customer cannot belong to itself");
      if (load_or_throw<Customer>(c.organisation_id, "customer.organisation_id").kind != PartyKind::organisation)
        detail::refuse("customer.organisation_id",
                       "customer " + std::to_string(c.organisation_id) + " is not an organisation");
    }
    if (before && before->kind == PartyKind::organisation && c.kind != PartyKind::organisation)
      refuse_if_referenced(index::customer_organisation, c.id, "organisation", "members");
  }

  void check_references(const Interaction& i, const Interaction*) const {
    if (i.customer_id != 0) load_or_throw<Customer>(i.customer_id, "interaction.customer_id");
    if (i.lead_id != 0) load_or_throw<Lead>(i.lead_id, "interaction.lead_id");
    if (i.opportunity_id != 0) load_or_throw<Opportunity>(i.opportunity_id, "interaction.opportunity_id");
  }

  void check_references(const Lead& l, const Lead*) const {
    if (l.converted_customer_id != 0) load_or_throw<Customer>(l.converted_customer_id, "lead.converted_customer_id");
    if (l.converted_opportunity_id != 0)
      load_or_throw<Opportunity>(l.converted_opportunity_id, "lead.converted_opportunity_id");
  }

  void check_references(const Opportunity& o, const Opportunity*) const {
    if (o.customer_id != 0) load_or_throw<Customer>(o.customer_id, "opportunity.customer_id");
    if (o.lead_id != 0) load_or_throw<Lead>(o.lead_id, "opportunity.lead_id");
  }

  void check_references(const Task& t, const Task*) const {
    if (t.customer_id != 0) load_or_throw<Customer>(t.customer_id, "task.customer_id");
    if (t.lead_id != 0) load_or_throw<Lead>(t.lead_id, "task.lead_id");
    if (t.opportunity_id != 0) load_or_throw<Opportunity>(t.opportunity_id, "task.opportunity_id");
  }

  void check_references(const Pipeline& p, const Pipeline* before) const {
    if (before == nullptr) return;
    const std::string deals_in = detail::text_key(before->name);
    if (fold_case(p.name) != fold_case(before->name)) {
      if (any_in(index::opportunity_stage, deals_in))
        throw Error(Errc::conflict, "pipeline '" + before->name + "': cannot be renamed while deals use it");
      return;
    }
    for (const auto& stage : before->stages)
      if (p.find_stage(stage.name) == nullptr && any_in(index::opportunity_stage, deals_in + detail::text_key(stage.name)))
        throw Error(Errc::conflict, "pipeline '" + before->name + "': stage '" + stage.name + "' still has deals");
  }

  // What must not be erased while other records point at it.
  void check_erasable(const Customer& c) const {
    refuse_if_referenced(index::interaction_customer, c.id, "customer", "interactions");
    refuse_if_referenced(index::opportunity_customer, c.id, "customer", "opportunities");
    refuse_if_referenced(index::customer_organisation, c.id, "organisation", "members");
    refuse_if_referenced(index::task_customer, c.id, "customer", "tasks");
  }
  void check_erasable(const Interaction&) const {}
  void check_erasable(const Task&) const {}
  void check_erasable(const Lead& l) const {
    refuse_if_referenced(index::interaction_lead, l.id, "lead", "interactions");
    refuse_if_referenced(index::task_lead, l.id, "lead", "tasks");
  }
  void check_erasable(const Opportunity& o) const {
    refuse_if_referenced(index::interaction_opportunity, o.id, "opportunity", "interactions");
    refuse_if_referenced(index::task_opportunity, o.id, "opportunity", "tasks");
  }
  void check_erasable(const Pipeline& p) const {
    if (any_in(index::opportunity_stage, detail::text_key(p.name)))
      throw Error(Errc::conflict, "pipeline '" + p.name + "': still has deals");
  }

  // State rules that need the stored record (`before`, null on create).
  template <class T>
  void apply_rules(T&, const T*) const {}
  void apply_rules(Lead& l, const Lead* before) const {
    if (before == nullptr && l.status == LeadStatus::converted)
      throw Error(Errc::conflict, "lead: only conversion makes a lead converted");
    if (before != nullptr && !lead_transition_allowed(before->status, l.status))
      throw Error(Errc::conflict, "lead " + std::to_string(l.id) + ": cannot go from " +
                                      std::string(to_string(before->status)) + " to " +
                                      std::string(to_string(l.status)) +
                                      " (new -> working -> qualified | disqualified; qualified -> converted)");
    if (l.status != LeadStatus::converted && (l.converted_customer_id != 0 || l.converted_opportunity_id != 0))
      detail::refuse("lead.converted_customer_id", "set only by conversion");
  }
  void apply_rules(Opportunity& o, const Opportunity* before) const {
    const auto pipeline = pipeline_named(o.pipeline);
    if (!pipeline) detail::refuse("opportunity.pipeline", "no pipeline named " + detail::quote(o.pipeline));
    detail::apply_pipeline(o, *pipeline, before);
  }

  // Records that follow a write, in its transaction.
  template <class T>
  void after_write(const T&, const T*, Timestamp, std::string_view) {}
  void after_write(const Opportunity& o, const Opportunity* before, Timestamp now, std::string_view by) {
    if (auto change = detail::stage_change(o, before, now, by)) insert_history(*change);
  }
  void after_write(const Interaction& i, const Interaction* before, Timestamp, std::string_view) {
    purchase_stats->on_write(before, &i);
  }
  void after_write(const Lead& l, const Lead* before, Timestamp, std::string_view) {
    const auto closed = [](const Lead& x) {
      return x.status == LeadStatus::converted || x.status == LeadStatus::disqualified;
    };
    if (closed(l) && !(before != nullptr && closed(*before))) count_outcome(l, l.status == LeadStatus::converted);
  }

  // The change hook (the workflow) hears of every change, last. Returns
  // true when it changed records meanwhile (maybe this one).
  template <class T>
  bool tell_hook(const T* before, const T* after, Timestamp now) {
    return hook->after_write(before, after, now);
  }

  // Adds a closed lead to the stored tallies, one record per field.
  void count_outcome(const Lead& lead, bool won) {
    OutcomeCounts delta;
    delta.add(lead, won);
    delta.by_field[""][""] = delta.total;
    for (const auto& [field, values] : delta.by_field) {
      if (!detail::counted_field(field)) continue;
      auto stored = by_key<detail::FieldOutcomes>(index::lead_outcome_field, detail::text_key(field));
      detail::FieldOutcomes record = stored.value_or(detail::FieldOutcomes{.field = field});
      for (const auto& [value, tally] : values) {
        record.values[value].won += tally.won;
        record.values[value].lost += tally.lost;
      }
      if (stored)
        store->update(detail::collection_of<detail::FieldOutcomes>, record.id, record.version,
                      detail::record_write(record));
      else
        store->insert(detail::collection_of<detail::FieldOutcomes>, detail::record_write(record));
    }
  }

  void insert_history(StageChange& change) {
    change.id = store->insert(detail::collection_of<StageChange>, detail::record_write(change));
    change.version = 1;
  }

  template <class T>
  T create(T record, std::string_view by = {}) {
    if (record.id != 0 || record.version != 0)
      detail::refuse(std::string(detail::collection_of<T>) + ".id", "must be 0 on create (the store assigns ids)");
    const auto ctx = context();
    detail::validate(record, ctx);  // before the transaction: keeps the write lock short
    record.created_at = ctx.now;
    if constexpr (requires { record.updated_at; }) record.updated_at = ctx.now;
    Transaction tx(*store);
    const T* none = nullptr;
    apply_rules(record, none);
    check_references(record, none);
    record.id = store->insert(detail::collection_of<T>, detail::record_write(record));
    record.version = 1;
    after_write(record, none, ctx.now, by);
    // The caller gets the record as stored: after its rules, when they changed anything.
    if (tell_hook(none, &record, ctx.now)) record = load_or_throw<T>(record.id);
    tx.commit();
    return record;
  }

  template <class T>
  T update(T record, std::string_view by = {}) {
    const auto ctx = context();
    detail::validate(record, ctx);
    Transaction tx(*store);
    const T before = load_or_throw<T>(record.id);
    hook->before_update(before, record);
    apply_rules(record, &before);
    check_references(record, &before);
    record.created_at = before.created_at;
    if constexpr (requires { record.updated_at; }) record.updated_at = ctx.now;
    record.version = store->update(detail::collection_of<T>, record.id, record.version, detail::record_write(record));
    after_write(record, &before, ctx.now, by);
    if (tell_hook(&before, &record, ctx.now)) record = load_or_throw<T>(record.id);
    tx.commit();
    return record;
  }

  template <class T>
  void erase(Id id, Version version) {
    Transaction tx(*store);
    const T record = load_or_throw<T>(id);
    check_erasable(record);
    hook->before_erase(record);
    store->erase(detail::collection_of<T>, id, version);
    if constexpr (std::is_same_v<T, Opportunity>) erase_history(id);
    if constexpr (std::is_same_v<T, Interaction>) purchase_stats->on_write(&record, nullptr);
    tell_hook(&record, static_cast<const T*>(nullptr), context().now);
    tx.commit();
  }

  // A deal's history goes with it.
  void erase_history(Id opportunity) {
    detail::each_stored(*store, detail::by_index(index::stage_change_opportunity, detail::number_key(opportunity)),
                        [&](const StoredRecord& entry) {
                          store->erase(detail::collection_of<StageChange>, entry.id, entry.version);
                        });
  }

  Opportunity import_deal(Opportunity deal, const std::vector<StageStep>& steps) {
    if (deal.id != 0 || deal.version != 0) detail::refuse("opportunity.id", "must be 0 on import");
    if (steps.empty()) detail::refuse("import steps", "a deal needs at least one step of history");
    for (std::size_t i = 0; i < steps.size(); ++i)
      detail::check_time(steps[i].at, detail::indexed("import steps", i) + ".at");
    for (std::size_t i = 1; i < steps.size(); ++i)
      if (steps[i].at < steps[i - 1].at)
        detail::refuse(detail::indexed("import steps", i) + ".at", "earlier than the step before");
    const auto& last = steps.back();
    deal.stage = last.stage;
    deal.status = last.status;
    deal.closed_at = last.status == DealStatus::open ? std::nullopt : std::optional(last.at);
    detail::validate(deal, context());
    deal.created_at = steps.front().at;
    deal.updated_at = last.at;

    Transaction tx(*store);
    const auto pipeline = pipeline_named(deal.pipeline);
    if (!pipeline) detail::refuse("opportunity.pipeline", "no pipeline named " + detail::quote(deal.pipeline));
    detail::apply_pipeline(deal, *pipeline, nullptr);
    check_references(deal, nullptr);
    deal.id = store->insert(detail::collection_of<Opportunity>, detail::record_write(deal));
    deal.version = 1;

    // Replay the steps so that each entry holds the deal as it stood then.
    Opportunity state = deal, previous;
    state.probability = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      state.stage = steps[i].stage;
      state.status = steps[i].status;
      detail::apply_pipeline(state, *pipeline, i == 0 ? nullptr : &previous);
      if (auto change = detail::stage_change(state, i == 0 ? nullptr : &previous, steps[i].at, steps[i].by))
        insert_history(*change);
      previous = state;
    }
    tx.commit();
    return deal;
  }

  // A deal loaded at `version` and still open, for the moves below.
  Opportunity open_deal(Id id, Version version, std::string_view move) const {
    auto deal = load_or_throw<Opportunity>(id);
    deal.version = version;
    if (deal.status != DealStatus::open)
      throw Error(Errc::conflict, "opportunity " + std::to_string(id) + ": cannot " + std::string(move) +
                                      " a deal that is already " + std::string(to_string(deal.status)));
    return deal;
  }
};

Customer Engine::create(Customer customer) { return Impl::Writes{*impl_}.create(std::move(customer)); }
Interaction Engine::create(Interaction interaction) { return Impl::Writes{*impl_}.create(std::move(interaction)); }
Lead Engine::create(Lead lead) { return Impl::Writes{*impl_}.create(std::move(lead)); }
Opportunity Engine::create(Opportunity opportunity) { return Impl::Writes{*impl_}.create(std::move(opportunity)); }
Pipeline Engine::create(Pipeline pipeline) { return Impl::Writes{*impl_}.create(std::move(pipeline)); }
Task Engine::create(Task task) { return Impl::Writes{*impl_}.create(std::move(task)); }

Customer Engine::update(Customer customer) { return Impl::Writes{*impl_}.update(std::move(customer)); }
Interaction Engine::update(Interaction interaction) { return Impl::Writes{*impl_}.update(std::move(interaction)); }
Lead Engine::update(Lead lead) { return Impl::Writes{*impl_}.update(std::move(lead)); }
Opportunity Engine::update(Opportunity opportunity) { return Impl::Writes{*impl_}.update(std::move(opportunity)); }
Pipeline Engine::update(Pipeline pipeline) { return Impl::Writes{*impl_}.update(std::move(pipeline)); }
Task Engine::update(Task task) { return Impl::Writes{*impl_}.update(std::move(task)); }

Opportunity Engine::move_stage(Id opportunity, Version version, std::string_view stage, std::string_view by) {
  Impl::Writes writes{*impl_};
  auto deal = writes.open_deal(opportunity, version, "move");
  deal.stage = stage;
  return writes.update(std::move(deal), by);
}

Opportunity Engine::close_won(Id opportunity, Version version, std::string_view by) {
  Impl::Writes writes{*impl_};
  auto deal = writes.open_deal(opportunity, version, "win");
  deal.status = DealStatus::won;
  return writes.update(std::move(deal), by);
}

Opportunity Engine::close_lost(Id opportunity, Version version, std::string_view reason, std::string_view by) {
  Impl::Writes writes{*impl_};
  auto deal = writes.open_deal(opportunity, version, "lose");
  deal.status = DealStatus::lost;
  deal.lost_reason = reason;
  return writes.update(std::move(deal), by);
}

Opportunity Engine::import_opportunity(Opportunity opportunity, const std::vector<StageStep>& steps) {
  return Impl::Writes{*impl_}.import_deal(std::move(opportunity), steps);
}

template <Record T>
  requires(!std::same_as<T, Approval>)
void Engine::erase(Id id, Version version) {
  Impl::Writes{*impl_}.erase<T>(id, version);
}

PurchaseStatsRebuild Engine::rebuild_purchase_stats() { return impl_->purchase_stats->rebuild(); }

void Engine::acknowledge(Id notification) {
  Transaction tx(*impl_->store);
  if (const auto stored = impl_->store->get(detail::collection_of<Notification>, notification))
    impl_->store->erase(detail::collection_of<Notification>, notification, stored->version);
  tx.commit();
}

#define CRM_INSTANTIATE_ERASE(T) template void Engine::erase<T>(Id, Version);
CRM_FOR_EACH_ERASABLE_RECORD(CRM_INSTANTIATE_ERASE)
#undef CRM_INSTANTIATE_ERASE

}  // namespace crm
