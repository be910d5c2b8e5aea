#include "crm/engine.hpp"

#include <algorithm>

#include "crm/error.hpp"
#include "engine/check.hpp"
#include "engine/checked_clock.hpp"
#include "engine/cursor.hpp"
#include "engine/deal_rules.hpp"
#include "engine/each_stored.hpp"
#include "engine/hooked_store.hpp"
#include "engine/layout.hpp"
#include "engine/purchase_stats.hpp"
#include "engine/purchase_stats_cache.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"
#include "model/validate.hpp"
#include "store/store_support.hpp"
#include "text/quote.hpp"
#include "workflow/runner.hpp"

namespace crm {

namespace {

using detail::Layout;
namespace index = detail::index;

template <class T>
constexpr std::string_view collection = Layout<T>::collection;

void check_limit(std::size_t limit) {
  if (limit == 0 || limit > max_page_size)
    detail::refuse("limit", std::to_string(limit) + " is outside 1.." + std::to_string(max_page_size));
}

// Listings accept one filter at a time; say so rather than ignore the others.
void check_one_filter(std::initializer_list<bool> filters, std::string_view query) {
  if (std::count(filters.begin(), filters.end(), true) > 1)
    detail::refuse(query, "give at most one filter (each listing follows one index)");
}

}  // namespace

struct Engine::Impl {
  std::unique_ptr<detail::HookedStore> store;  // the host's store, telling stats_cache about commits
  EngineOptions options;
  std::unique_ptr<detail::workflow::Runner> workflow;
  std::unique_ptr<detail::PurchaseStatsCache> stats_cache;
  std::unique_ptr<detail::PurchaseStatsKeeper> purchase_stats;

  detail::WriteContext context() const {
    return {options.default_region, options.phone_check, options.clock->now()};
  }

  template <class T>
  std::optional<T> load(Id id) const {
    auto stored = store->get(collection<T>, id);
    if (!stored) return std::nullopt;
    return detail::decode<T>(*stored);
  }

  // The record with this id; Errc::not_found names `field` when the id came
  // from a reference ("interaction.customer_id: customer 7 not found").
  template <class T>
  T load_or_throw(Id id, std::string_view field = {}) const {
    auto record = load<T>(id);
    if (!record) {
      if (field.empty()) detail::throw_not_found(collection<T>, id);  // the store's own wording
      throw Error(Errc::not_found,
                  std::string(field) + ": " + std::string(collection<T>) + " " + std::to_string(id) + " not found");
    }
    return std::move(*record);
  }

  template <class T>
  std::optional<T> by_key(std::string_view index_name, std::string_view key) const {
    auto id = store->find(index_name, key);
    return id ? load<T>(*id) : std::nullopt;
  }

  bool any_in(std::string_view index_name, std::string prefix) const {
    Scan scan = by_index(index_name, std::move(prefix));
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

  // The pipeline a deal names: stored, or the built-in default.
  std::optional<Pipeline> pipeline_named(std::string_view name) const {
    const std::string key = fold_case(name);
    if (auto stored = by_key<Pipeline>(index::pipeline_name, key)) return stored;
    if (key == "default") return default_pipeline();
    return std::nullopt;
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

  // Workflow rules see every change of the records they watch, last.
  // Returns true when their actions changed records (maybe this one).
  template <class T>
  bool notify_workflow(const T* before, const T* after, Timestamp now) {
    if constexpr (detail::workflow::is_watched<T>) return workflow->on_change(before, after, now);
    return false;
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
        store->update(collection<detail::FieldOutcomes>, record.id, record.version, detail::record_write(record));
      else
        store->insert(collection<detail::FieldOutcomes>, detail::record_write(record));
    }
  }

  void insert_history(StageChange& change) {
    change.id = store->insert(collection<StageChange>, detail::record_write(change));
    change.version = 1;
  }

  template <class T>
  T create(T record, std::string_view by = {}) {
    if (record.id != 0 || record.version != 0)
      detail::refuse(std::string(collection<T>) + ".id", "must be 0 on create (the store assigns ids)");
    const auto ctx = context();
    detail::validate(record, ctx);  // before the transaction: keeps the write lock short
    record.created_at = ctx.now;
    if constexpr (requires { record.updated_at; }) record.updated_at = ctx.now;
    Transaction tx(*store);
    const T* none = nullptr;
    apply_rules(record, none);
    check_references(record, none);
    record.id = store->insert(collection<T>, detail::record_write(record));
    record.version = 1;
    after_write(record, none, ctx.now, by);
    // The caller gets the record as stored: after its rules, when they changed anything.
    if (notify_workflow(none, &record, ctx.now)) record = load_or_throw<T>(record.id);
    tx.commit();
    return record;
  }

  template <class T>
  T update(T record, std::string_view by = {}) {
    const auto ctx = context();
    detail::validate(record, ctx);
    Transaction tx(*store);
    const T before = load_or_throw<T>(record.id);
    if constexpr (detail::workflow::is_watched<T>) workflow->check_locks(before, record);
    apply_rules(record, &before);
    check_references(record, &before);
    record.created_at = before.created_at;
    if constexpr (requires { record.updated_at; }) record.updated_at = ctx.now;
    record.version = store->update(collection<T>, record.id, record.version, detail::record_write(record));
    after_write(record, &before, ctx.now, by);
    if (notify_workflow(&before, &record, ctx.now)) record = load_or_throw<T>(record.id);
    tx.commit();
    return record;
  }

  template <class T>
  void erase(Id id, Version version) {
    Transaction tx(*store);
    const T record = load_or_throw<T>(id);
    check_erasable(record);
    if constexpr (detail::workflow::is_watched<T>) workflow->check_not_pending(record);
    store->erase(collection<T>, id, version);
    if constexpr (std::is_same_v<T, Opportunity>) erase_history(id);
    if constexpr (std::is_same_v<T, Interaction>) purchase_stats->on_write(&record, nullptr);
    notify_workflow(&record, static_cast<const T*>(nullptr), context().now);
    tx.commit();
  }

  // A deal's history goes with it.
  void erase_history(Id opportunity) {
    detail::each_stored(*store, by_index(index::stage_change_opportunity, detail::number_key(opportunity)),
                        [&](const StoredRecord& entry) { store->erase(collection<StageChange>, entry.id, entry.version); });
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
    deal.id = store->insert(collection<Opportunity>, detail::record_write(deal));
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

  template <class T>
  Page<T> page(Scan scan, const std::string& cursor, std::size_t limit) const {
    check_limit(limit);
    if (!cursor.empty()) scan.after = detail::cursor_bytes(cursor);
    scan.limit = limit;
    const auto result = store->scan(scan);
    Page<T> page;
    page.items.reserve(result.records.size());
    for (const auto& stored : result.records) {
      // A damaged record is named, not fatal: the rest of the page is good.
      try {
        page.items.push_back(detail::decode<T>(stored));
      } catch (const Error& e) {
        if (e.code() != Errc::corrupt) throw;
        page.damaged.push_back(stored.id);
      }
    }
    page.next_cursor = detail::cursor_text(result.cursor);
    return page;
  }

  static Scan by_index(std::string_view index_name, std::string prefix) {
    Scan scan;
    scan.index = index_name;
    scan.prefix = std::move(prefix);
    return scan;
  }

  template <class T>
  static Scan by_id() {
    Scan scan;
    scan.collection = collection<T>;
    return scan;
  }
};

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
  impl_->workflow =
      std::make_unique<detail::workflow::Runner>(*impl_->store, *this, impl_->options.workflow_depth_limit,
                                                 impl_->options.workflow_action_limit);
  impl_->stats_cache = std::make_unique<detail::PurchaseStatsCache>(
      *impl_->store, [impl = impl_.get()](Id customer) { return impl->purchase_stats->of_customer(customer); });
  impl_->store->listen(impl_->stats_cache.get());
  impl_->purchase_stats = std::make_unique<detail::PurchaseStatsKeeper>(*impl_->store, *impl_->stats_cache);
  impl_->purchase_stats->build_if_missing();
}

Engine::~Engine() = default;

Customer Engine::create(Customer customer) { return impl_->create(std::move(customer)); }
Interaction Engine::create(Interaction interaction) { return impl_->create(std::move(interaction)); }
Lead Engine::create(Lead lead) { return impl_->create(std::move(lead)); }
Opportunity Engine::create(Opportunity opportunity) { return impl_->create(std::move(opportunity)); }
Pipeline Engine::create(Pipeline pipeline) { return impl_->create(std::move(pipeline)); }
Task Engine::create(Task task) { return impl_->create(std::move(task)); }

Customer Engine::update(Customer customer) { return impl_->update(std::move(customer)); }
Interaction Engine::update(Interaction interaction) { return impl_->update(std::move(interaction)); }
Lead Engine::update(Lead lead) { return impl_->update(std::move(lead)); }
Opportunity Engine::update(Opportunity opportunity) { return impl_->update(std::move(opportunity)); }
Pipeline Engine::update(Pipeline pipeline) { return impl_->update(std::move(pipeline)); }
Task Engine::update(Task task) { return impl_->update(std::move(task)); }

Opportunity Engine::move_stage(Id opportunity, Version version, std::string_view stage, std::string_view by) {
  auto deal = impl_->open_deal(opportunity, version, "move");
  deal.stage = stage;
  return impl_->update(std::move(deal), by);
}

Opportunity Engine::close_won(Id opportunity, Version version, std::string_view by) {
  auto deal = impl_->open_deal(opportunity, version, "win");
  deal.status = DealStatus::won;
  return impl_->update(std::move(deal), by);
}

Opportunity Engine::close_lost(Id opportunity, Version version, std::string_view reason, std::string_view by) {
  auto deal = impl_->open_deal(opportunity, version, "lose");
  deal.status = DealStatus::lost;
  deal.lost_reason = reason;
  return impl_->update(std::move(deal), by);
}

Opportunity Engine::import_opportunity(Opportunity opportunity, const std::vector<StageStep>& steps) {
  return impl_->import_deal(std::move(opportunity), steps);
}

std::optional<Pipeline> Engine::find_pipeline(std::string_view name) const { return impl_->pipeline_named(name); }

template <Record T>
  requires(!std::same_as<T, Approval>)
void Engine::erase(Id id, Version version) {
  impl_->erase<T>(id, version);
}

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
  return impl_->store->count(collection<T>);
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

Page<Customer> Engine::list(const CustomerQuery& q) const {
  check_one_filter({q.name_prefix.has_value(), q.owner.has_value(), q.stage.has_value(), q.tag.has_value(),
                    q.organisation_id.has_value()},
                   "customer query");
  Scan scan = Impl::by_id<Customer>();
  if (q.name_prefix) scan = Impl::by_index(index::customer_name, fold_case(*q.name_prefix));
  if (q.owner) scan = Impl::by_index(index::customer_owner, detail::text_key(*q.owner));
  if (q.stage) scan = Impl::by_index(index::customer_stage, detail::number_key(static_cast<std::int64_t>(*q.stage)));
  if (q.tag) scan = Impl::by_index(index::customer_tag, detail::text_key(fold_case(*q.tag)));
  if (q.organisation_id) scan = Impl::by_index(index::customer_organisation, detail::number_key(*q.organisation_id));
  return impl_->page<Customer>(std::move(scan), q.cursor, q.limit);
}

Page<Interaction> Engine::list(const InteractionQuery& q) const {
  const int given = (q.customer_id != 0) + (q.lead_id != 0) + (q.opportunity_id != 0);
  if (given > 1) detail::refuse("interaction query", "give at most one of customer_id, lead_id, opportunity_id");
  if (given == 0) return impl_->page<Interaction>(Impl::by_id<Interaction>(), q.cursor, q.limit);
  Scan scan = q.customer_id != 0 ? Impl::by_index(index::interaction_customer, detail::number_key(q.customer_id))
              : q.lead_id != 0   ? Impl::by_index(index::interaction_lead, detail::number_key(q.lead_id))
                                 : Impl::by_index(index::interaction_opportunity, detail::number_key(q.opportunity_id));
  scan.descending = true;  // newest first
  return impl_->page<Interaction>(std::move(scan), q.cursor, q.limit);
}

Page<Lead> Engine::list(const LeadQuery& q) const {
  check_one_filter({q.status.has_value(), q.owner.has_value(), q.email.has_value(), q.phone.has_value(),
                    q.name_prefix.has_value(), q.assignment_rule.has_value()},
                   "lead query");
  Scan scan = Impl::by_id<Lead>();
  if (q.status) scan = Impl::by_index(index::lead_status, detail::number_key(static_cast<std::int64_t>(*q.status)));
  if (q.owner) scan = Impl::by_index(index::lead_owner, detail::text_key(*q.owner));
  if (q.email) scan = Impl::by_index(index::lead_email, detail::text_key(normalize_email(*q.email)));
  if (q.phone)
    scan = Impl::by_index(index::lead_phone, detail::text_key(normalize_phone(*q.phone, impl_->options.default_region,
                                                                              PhoneCheck::possible)));
  if (q.name_prefix) scan = Impl::by_index(index::lead_name, fold_case(*q.name_prefix));
  if (q.assignment_rule) {
    scan = Impl::by_index(index::lead_assignment, detail::text_key(*q.assignment_rule));
    scan.descending = true;
  }
  return impl_->page<Lead>(std::move(scan), q.cursor, q.limit);
}

Page<Opportunity> Engine::list(const OpportunityQuery& q) const {
  if (q.stage && !q.pipeline) detail::refuse("opportunity query", "a stage needs its pipeline");
  check_one_filter({q.customer_id.has_value(), q.owner.has_value(), q.status.has_value(), q.pipeline.has_value()},
                   "opportunity query");
  Scan scan = Impl::by_id<Opportunity>();
  if (q.customer_id) scan = Impl::by_index(index::opportunity_customer, detail::number_key(*q.customer_id));
  if (q.owner) scan = Impl::by_index(index::opportunity_owner, detail::text_key(*q.owner));
  if (q.status)
    scan = Impl::by_index(index::opportunity_status, detail::number_key(static_cast<std::int64_t>(*q.status)));
  if (q.pipeline) {
    // Deals are stored under the pipeline's own spelling of both names.
    const auto pipeline = find_pipeline(*q.pipeline);
    const auto* stage = pipeline && q.stage ? pipeline->find_stage(*q.stage) : nullptr;
    std::string prefix = detail::text_key(pipeline ? pipeline->name : *q.pipeline);
    if (q.stage) prefix += detail::text_key(stage ? stage->name : *q.stage);
    scan = Impl::by_index(index::opportunity_stage, std::move(prefix));
  }
  return impl_->page<Opportunity>(std::move(scan), q.cursor, q.limit);
}

Page<Pipeline> Engine::list(const PipelineQuery& q) const {
  return impl_->page<Pipeline>(Impl::by_id<Pipeline>(), q.cursor, q.limit);
}

Page<StageChange> Engine::list(const StageChangeQuery& q) const {
  Scan scan = q.opportunity_id != 0
                  ? Impl::by_index(index::stage_change_opportunity, detail::number_key(q.opportunity_id))
                  : Impl::by_index(index::stage_change_at, {});
  if (q.opportunity_id != 0 && q.since) detail::refuse("stage change query", "give opportunity_id or since, not both");
  // Every stored key is the time plus the entry's id, so the bare time sorts
  // just before the first entry at `since`.
  if (q.since) scan.after = detail::number_key(to_millis(*q.since));
  return impl_->page<StageChange>(std::move(scan), q.cursor, q.limit);
}

OutcomeCounts Engine::lead_outcomes() const {
  OutcomeCounts counts;
  detail::each_stored(*impl_->store, Impl::by_id<detail::FieldOutcomes>(), [&](const StoredRecord& stored) {
    auto record = detail::decode<detail::FieldOutcomes>(stored);
    if (record.field.empty())
      counts.total = record.values[""];
    else
      counts.by_field[record.field] = std::move(record.values);
  });
  return counts;
}

std::vector<PurchaseStats> Engine::purchase_stats(Id customer) const {
  return impl_->purchase_stats->of_customer(customer);
}

Page<PurchaseStats> Engine::list(const PurchaseStatsQuery& q) const {
  auto records = impl_->page<detail::PurchaseStatsRecord>(Impl::by_index(index::purchase_stats_customer, {}),
                                                          q.cursor, q.limit);
  Page<PurchaseStats> page{.next_cursor = std::move(records.next_cursor), .damaged = std::move(records.damaged)};
  page.items.reserve(records.items.size());
  for (auto& record : records.items) page.items.push_back(record.stats);
  return page;
}

PurchaseStatsRebuild Engine::rebuild_purchase_stats() { return impl_->purchase_stats->rebuild(); }

std::vector<std::pair<Currency, std::size_t>> Engine::purchase_currencies() const {
  return impl_->stats_cache->currencies();
}

std::vector<PurchaseStats> Engine::purchase_population(const Currency& currency) const {
  return impl_->stats_cache->population(currency);
}

Page<Task> Engine::list(const TaskQuery& q) const {
  const int ids = (q.customer_id != 0) + (q.lead_id != 0) + (q.opportunity_id != 0);
  if (ids > 1 || (ids == 1 && (q.owner || q.due_before)))
    detail::refuse("task query", "give an owner, or one of customer_id, lead_id, opportunity_id");
  if (ids == 1) {
    Scan scan = q.customer_id != 0 ? Impl::by_index(index::task_customer, detail::number_key(q.customer_id))
                : q.lead_id != 0   ? Impl::by_index(index::task_lead, detail::number_key(q.lead_id))
                                   : Impl::by_index(index::task_opportunity, detail::number_key(q.opportunity_id));
    return impl_->page<Task>(std::move(scan), q.cursor, q.limit);
  }
  const std::string status = detail::number_key(static_cast<std::int64_t>(q.status));
  auto page = impl_->page<Task>(q.owner ? Impl::by_index(index::task_owner, detail::text_key(*q.owner) + status)
                                        : Impl::by_index(index::task_due, status),
                                q.cursor, q.limit);
  if (q.due_before) {  // listed in due order: cut at the first that is not due before
    const auto late = std::find_if(page.items.begin(), page.items.end(),
                                   [&](const Task& t) { return !t.due_at || *t.due_at >= *q.due_before; });
    if (late != page.items.end()) {
      page.items.erase(late, page.items.end());
      page.next_cursor.clear();
    }
  }
  return page;
}

WorkflowRule Engine::save_rule(std::string_view json) {
  return impl_->workflow->save_rule(json, impl_->options.clock->now());
}

void Engine::erase_rule(std::string_view name) { impl_->workflow->erase_rule(name); }

std::optional<WorkflowRule> Engine::find_rule(std::string_view name) const { return impl_->workflow->find_rule(name); }

Page<WorkflowRule> Engine::list(const RuleQuery& q) const {
  return impl_->page<WorkflowRule>(Impl::by_id<WorkflowRule>(), q.cursor, q.limit);
}

RunDueReport Engine::run_due(Timestamp now, std::size_t limit) {
  if (limit == 0) detail::refuse("run_due limit", "must be at least 1");
  detail::check_time(now, "run_due now");
  return impl_->workflow->run_due(now, limit);
}

Page<TimedAction> Engine::list(const TimedActionQuery& q) const {
  return impl_->page<TimedAction>(Impl::by_index(index::timer_due, {}), q.cursor, q.limit);
}

Page<RuleFiring> Engine::list(const FiringQuery& q) const {
  if (q.rule && (q.entity || q.record_id != 0)) detail::refuse("firing query", "give a rule or a record, not both");
  if (q.entity.has_value() != (q.record_id != 0)) detail::refuse("firing query", "a record needs entity and record_id");
  Scan scan = q.rule     ? Impl::by_index(index::firing_rule, detail::text_key(*q.rule))
              : q.entity ? Impl::by_index(index::firing_record,
                                          detail::text_key(*q.entity) + detail::number_key(q.record_id))
                         : Impl::by_index(index::firing_at, {});
  return impl_->page<RuleFiring>(std::move(scan), q.cursor, q.limit);
}

Approval Engine::request_approval(ApprovalRequest request) {
  return impl_->workflow->request_approval(std::move(request), {}, impl_->options.clock->now());
}

Approval Engine::approve(Id approval, Version expected, std::string_view approver, std::string_view comment) {
  return impl_->workflow->decide(approval, expected, approver, comment, true, impl_->options.clock->now());
}

Approval Engine::reject(Id approval, Version expected, std::string_view approver, std::string_view comment) {
  return impl_->workflow->decide(approval, expected, approver, comment, false, impl_->options.clock->now());
}

Page<Approval> Engine::list(const ApprovalQuery& q) const {
  if (q.entity.has_value() != (q.record_id != 0)) detail::refuse("approval query", "a record needs entity and record_id");
  check_one_filter({q.waiting_for.has_value(), q.entity.has_value(), q.status.has_value()}, "approval query");
  Scan scan = Impl::by_id<Approval>();
  if (q.waiting_for) scan = Impl::by_index(index::approval_waiting, detail::text_key(*q.waiting_for));
  if (q.entity) scan = Impl::by_index(index::approval_record, detail::approval_record_key(*q.entity, q.record_id));
  if (q.status)
    scan = Impl::by_index(index::approval_status, detail::number_key(static_cast<std::int64_t>(*q.status)));
  return impl_->page<Approval>(std::move(scan), q.cursor, q.limit);
}

Page<Notification> Engine::list(const OutboxQuery& q) const {
  return impl_->page<Notification>(Impl::by_id<Notification>(), q.cursor, q.limit);
}

void Engine::acknowledge(Id notification) {
  Transaction tx(*impl_->store);
  if (const auto stored = impl_->store->get(collection<Notification>, notification))
    impl_->store->erase(collection<Notification>, notification, stored->version);
  tx.commit();
}

Transaction Engine::transaction() { return Transaction(*impl_->store); }

const EngineOptions& Engine::options() const { return impl_->options; }

template void Engine::erase<Customer>(Id, Version);
template void Engine::erase<Interaction>(Id, Version);
template void Engine::erase<Lead>(Id, Version);
template void Engine::erase<Opportunity>(Id, Version);
template void Engine::erase<Pipeline>(Id, Version);
template void Engine::erase<Task>(Id, Version);
template Customer Engine::get<Customer>(Id) const;
template Interaction Engine::get<Interaction>(Id) const;
template Lead Engine::get<Lead>(Id) const;
template Opportunity Engine::get<Opportunity>(Id) const;
template Pipeline Engine::get<Pipeline>(Id) const;
template Task Engine::get<Task>(Id) const;
template Approval Engine::get<Approval>(Id) const;
template std::optional<Customer> Engine::find<Customer>(Id) const;
template std::optional<Interaction> Engine::find<Interaction>(Id) const;
template std::optional<Lead> Engine::find<Lead>(Id) const;
template std::optional<Opportunity> Engine::find<Opportunity>(Id) const;
template std::optional<Pipeline> Engine::find<Pipeline>(Id) const;
template std::optional<Task> Engine::find<Task>(Id) const;
template std::optional<Approval> Engine::find<Approval>(Id) const;
template std::size_t Engine::count<Customer>() const;
template std::size_t Engine::count<Interaction>() const;
template std::size_t Engine::count<Lead>() const;
template std::size_t Engine::count<Opportunity>() const;
template std::size_t Engine::count<Pipeline>() const;
template std::size_t Engine::count<Task>() const;
template std::size_t Engine::count<Approval>() const;

}  // namespace crm
