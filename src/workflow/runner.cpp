// SPDX-License-Identifier: Apache-2.0
#include "workflow/runner.hpp"

#include <algorithm>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "engine/each_stored.hpp"
#include "engine/fresh_token.hpp"
#include "engine/layout.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"
#include "json/record_value.hpp"
#include "text/quote.hpp"
#include "workflow/chain.hpp"
#include "workflow/rule_values.hpp"

namespace crm::detail::workflow {

namespace {

template <class T>
constexpr std::string_view collection = Layout<T>::collection;

std::size_t slot(Entity entity) { return static_cast<std::size_t>(entity); }

Entity entity_of(const TimedAction& timer) {
  if (const auto entity = entity_named(timer.entity)) return *entity;
  throw Error(Errc::corrupt, "workflow: a timed action names unknown entity '" + timer.entity + "'");
}

bool reads_customer(const Condition& c) {
  if (c.kind == Condition::Kind::compare) return c.field.on_customer || (c.other && c.other->on_customer);
  return std::any_of(c.children.begin(), c.children.end(), [](const Condition& x) { return reads_customer(x); });
}

Scan whole(std::string_view name) {
  Scan scan;
  scan.collection = name;
  return scan;
}

std::optional<RuleSetStamp> read_stamp(const Store& store) {
  Scan scan = whole(collection<RuleSetStamp>);
  scan.limit = 1;
  auto page = store.scan(scan);
  if (page.records.empty()) return std::nullopt;
  return decode<RuleSetStamp>(page.records.front());
}

// Whether a rule that says "on_failure": "skip" may go on without its effects:
// yes for what its actions did wrong (bad values, taken keys, stale or
// locked records, chains that loop); no for a broken store, and no once the
// change has spent its action budget (that bound fails the whole change).
bool skippable(const Error& e) {
  const Errc code = e.code();
  return !budget_exhausted() && (code == Errc::invalid_argument || code == Errc::not_found ||
                                 code == Errc::already_exists || code == Errc::conflict);
}

// The record a time rule counts from, as a due time; nothing when the field is
// unset. A due time outside the supported range fails the change (crm::add).
std::optional<Timestamp> due_time(const Rule& rule, const Subject& subject) {
  const auto* value = resolve(*rule.trigger.field, subject);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return crm::add(from_millis(value->get<std::int64_t>()), std::chrono::milliseconds(rule.trigger.offset_ms),
                  "rule '" + rule.name + "': trigger " + rule.trigger.field->text + " + offset");
}

}  // namespace

const Rule* RuleSet::find(std::string_view name) const {
  const std::string folded = fold_case(name);
  for (const auto& rules : by_entity)
    for (const auto& rule : rules)
      if (fold_case(rule.name) == folded) return &rule;
  return nullptr;
}

Runner::Runner(Store& store, Engine& engine, std::size_t depth_limit, std::size_t action_limit)
    : store_(store), engine_(engine), depth_limit_(depth_limit), action_limit_(action_limit) {}

std::shared_ptr<const RuleSet> Runner::rules() {
  const auto stamp = read_stamp(store_);
  const std::uint64_t token = stamp ? stamp->token : 0;
  if (rules_ && rules_->token == token) return rules_;
  auto fresh = std::make_shared<RuleSet>();
  fresh->token = token;
  each_stored(store_, whole(collection<WorkflowRule>), [&](const StoredRecord& stored) {
    const auto record = decode<WorkflowRule>(stored);
    Rule rule;
    try {
      rule = parse_rule(record.definition);
    } catch (const Error& e) {
      throw Error(Errc::corrupt, std::string("workflow: stored ") + e.what());
    }
    const auto s = slot(rule.trigger.entity);
    fresh->reads_customer[s] = fresh->reads_customer[s] || reads_customer(rule.when);
    fresh->by_entity[s].push_back(std::move(rule));
  });
  for (auto& rules : fresh->by_entity)
    std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
      return std::pair(a.order, fold_case(a.name)) < std::pair(b.order, fold_case(b.name));
    });
  rules_ = std::move(fresh);
  return rules_;
}

void Runner::touch_rules() {
  auto stamp = read_stamp(store_).value_or(RuleSetStamp{});
  stamp.token = fresh_token();
  if (stamp.id == 0)
    store_.insert(collection<RuleSetStamp>, record_write(stamp));
  else
    store_.update(collection<RuleSetStamp>, stamp.id, stamp.version, record_write(stamp));
}

WorkflowRule Runner::save_rule(std::string_view json, Timestamp now) {
  const Rule rule = parse_rule(json);
  WorkflowRule record{.name = rule.name, .definition = to_json(rule), .saved_at = now};
  Transaction tx(store_);
  const auto stored = store_.find(index::workflow_rule_name, fold_case(rule.name));
  if (stored) {
    record.id = *stored;
    record.version = store_.update(collection<WorkflowRule>, *stored,
                                   decode<WorkflowRule>(*store_.get(collection<WorkflowRule>, *stored)).version,
                                   record_write(record));
  } else {
    record.id = store_.insert(collection<WorkflowRule>, record_write(record));
    record.version = 1;
  }
  touch_rules();
  tx.commit();
  return record;
}

void Runner::erase_rule(std::string_view name) {
  Transaction tx(store_);
  const auto stored = find_rule(name);
  if (!stored) throw Error(Errc::not_found, "workflow rule " + quote(name) + " not found");
  store_.erase(collection<WorkflowRule>, stored->id, stored->version);
  touch_rules();
  tx.commit();
}

std::optional<WorkflowRule> Runner::find_rule(std::string_view name) const {
  const auto id = store_.find(index::workflow_rule_name, fold_case(name));
  if (!id) return std::nullopt;
  const auto stored = store_.get(collection<WorkflowRule>, *id);
  return stored ? std::optional(decode<WorkflowRule>(*stored)) : std::nullopt;
}

template <class T>
bool Runner::on_change(const T* before, const T* after, Timestamp now) {
  if constexpr (std::is_same_v<T, Task>) schedule_reminder(after, now);
  constexpr Entity entity = entity_of<T>();
  const auto set = rules();  // held: an action's change may re-read the rules
  if (set->by_entity[slot(entity)].empty()) return false;
  if (chain_depth() == 0) begin_change();  // a host's change: its own action budget
  const auto edits = rule_edits();

  const nlohmann::json before_doc = before ? record_value(*before) : nlohmann::json();
  const nlohmann::json after_doc = after ? record_value(*after) : nlohmann::json();
  const T& record = after ? *after : *before;
  Id customer_id = 0;
  if constexpr (std::is_same_v<T, Customer>)
    customer_id = record.id;
  else if constexpr (requires { record.customer_id; })
    customer_id = record.customer_id;
  const std::string cause = after ? "v" + std::to_string(after->version) : "erased";
  on_change(Change{entity, record.id, cause, before ? &before_doc : nullptr, after ? &after_doc : nullptr,
                   customer_id, now},
            *set);
  return rule_edits() != edits;
}

void Runner::on_change(const Change& change, const RuleSet& set) {
  const auto& candidates = set.by_entity[slot(change.entity)];
  const auto customer = customer_for(set, change);
  // A deleted record's rules read it as it was.
  const Subject subject{change.after ? change.after : change.before, change.before,
                        customer ? &*customer : nullptr};

  for (const auto& rule : candidates) {
    if (!rule.enabled) continue;
    const auto on = rule.trigger.on;
    if (on == TriggerKind::time) {
      schedule(rule, change, subject);
      continue;
    }
    const bool created = change.before == nullptr, erased = change.after == nullptr;
    const bool kind_matches = on == TriggerKind::created   ? created
                              : on == TriggerKind::updated ? !created && !erased
                              : on == TriggerKind::deleted ? erased
                                                           : !erased;  // saved, changed
    if (!kind_matches || !trigger_matches(rule.trigger, subject) || !holds(rule.when, subject)) continue;
    fire(rule, change, subject);
  }
}

void Runner::fire(const Rule& rule, const Change& change, const Subject& subject) {
  const ChainLink link{rule.name, change.entity, change.id};
  const std::int32_t depth = chain_depth();
  const ChainGuard guard(link, depth_limit_);
  if (rule.on_failure == FailurePolicy::fail) {
    run_actions(rule, change, subject);
  } else {
    try {
      Transaction savepoint(store_);  // a failure undoes this rule's effects, and only them
      run_actions(rule, change, subject);
      savepoint.commit();
    } catch (const Error& e) {
      if (!skippable(e)) throw;
      log(rule.name, change.entity, change.id, change.now, FiringOutcome::failed, e.what(), depth);
      notify_failure(rule, change, *subject.after, e.what());
      return;
    }
  }
  log(rule.name, change.entity, change.id, change.now, FiringOutcome::ran, {}, depth);
}

void Runner::run_actions(const Rule& rule, const Change& change, const Subject& subject) {
  for (std::size_t i = 0; i < rule.actions.size(); ++i) {
    spend_action(rule, i, action_limit_);
    try {
      run_action(rule, i, change, subject);
    } catch (const RuleFailure&) {
      throw;  // named already, by the rule further down the chain where it failed
    } catch (const Error& e) {
      throw RuleFailure(e.code(), "rule '" + rule.name + "': " + item("actions", i) + " (" +
                                      std::string(to_string(rule.actions[i].kind)) + "): " + e.what());
    }
  }
}

void Runner::schedule(const Rule& rule, const Change& change, const Subject& subject) {
  // Queued while the conditions hold (checked again when due), dropped once they do not.
  const auto due = change.after != nullptr && holds(rule.when, subject) ? due_time(rule, subject) : std::nullopt;
  if (!due) return drop_timer(rule.name, change.entity, change.id);
  TimedAction timer{.rule = rule.name,
                    .entity = std::string(to_string(change.entity)),
                    .record_id = change.id,
                    .due_at = *due,
                    .queued_at = change.now};
  if (upsert_timer(timer))
    log(rule.name, change.entity, change.id, change.now, FiringOutcome::queued, "due " + to_iso8601(*due),
        chain_depth());
}

void Runner::schedule_reminder(const Task* task, Timestamp now) {
  if (task == nullptr) return;  // an erased task's reminder is skipped when due
  if (task->status != TaskStatus::open || !task->remind_at) return drop_timer({}, Entity::task, task->id);
  upsert_timer(TimedAction{.rule = {},
                           .entity = std::string(to_string(Entity::task)),
                           .record_id = task->id,
                           .due_at = *task->remind_at,
                           .queued_at = now});
}

bool Runner::upsert_timer(TimedAction timer) {
  const auto id = store_.find(index::timer_key, timer_key(timer.rule, timer.entity, timer.record_id));
  if (!id) {
    store_.insert(collection<TimedAction>, record_write(timer));
    return true;
  }
  const auto stored = decode<TimedAction>(*store_.get(collection<TimedAction>, *id));
  if (stored.due_at == timer.due_at) return false;
  store_.update(collection<TimedAction>, stored.id, stored.version, record_write(timer));
  return true;
}

// Removes a timed action that has run, unless its own actions moved it to
// another time (then it stays queued for that time). Left in place while
// they ran, it is not queued again by their changes.
void Runner::finish_timer(const TimedAction& timer) {
  const auto stored = store_.get(collection<TimedAction>, timer.id);
  if (!stored) return;
  if (stored->version == timer.version || decode<TimedAction>(*stored).due_at == timer.due_at)
    store_.erase(collection<TimedAction>, stored->id, stored->version);
}

void Runner::drop_timer(std::string_view rule, Entity entity, Id id) {
  const auto found = store_.find(index::timer_key, timer_key(rule, to_string(entity), id));
  if (!found) return;
  const auto stored = store_.get(collection<TimedAction>, *found);
  store_.erase(collection<TimedAction>, *found, stored->version);
}

void Runner::log(std::string_view rule, Entity entity, Id id, Timestamp at, FiringOutcome outcome,
                 std::string detail, std::int32_t depth) {
  RuleFiring firing{.rule = std::string(rule),
                    .entity = std::string(to_string(entity)),
                    .record_id = id,
                    .at = at,
                    .outcome = outcome,
                    .detail = std::move(detail),
                    .depth = depth};
  store_.insert(collection<RuleFiring>, record_write(firing));
}

std::optional<nlohmann::json> Runner::customer_for(const RuleSet& set, const Change& change) const {
  if (!set.reads_customer[slot(change.entity)] || change.customer_id == 0) return std::nullopt;
  return load_json(Entity::customer, change.customer_id);
}

std::optional<nlohmann::json> Runner::load_json(Entity entity, Id id) const {
  auto json_of = [](const auto& record) { return record ? std::optional(record_value(*record)) : std::nullopt; };
  switch (entity) {
    case Entity::customer: return json_of(engine_.find<Customer>(id));
    case Entity::interaction: return json_of(engine_.find<Interaction>(id));
    case Entity::lead: return json_of(engine_.find<Lead>(id));
    case Entity::opportunity: return json_of(engine_.find<Opportunity>(id));
    case Entity::task: return json_of(engine_.find<Task>(id));
    case Entity::approval: return json_of(engine_.find<Approval>(id));
  }
  return std::nullopt;
}

RunDueReport Runner::run_due(Timestamp now, std::size_t limit) {
  RunDueReport report;
  constexpr std::size_t batch = 256;  // one commit per batch; each action in a nested transaction
  while (report.ran + report.skipped + report.failed < limit) {
    Scan scan;
    scan.index = index::timer_due;
    scan.limit = std::min(batch, limit - (report.ran + report.skipped + report.failed));
    Transaction tx(store_);
    const auto page = store_.scan(scan);
    std::size_t done = 0;
    for (const auto& stored : page.records) {
      const auto timer = decode<TimedAction>(stored);
      if (timer.due_at > now) break;
      ++done;
      const Entity entity = entity_of(timer);
      std::string detail;
      FiringOutcome outcome;
      try {
        Transaction action(store_);
        outcome = run_timer(timer, entity, now, detail);
        finish_timer(timer);
        log(timer.rule, entity, timer.record_id, now, outcome, detail, 0);
        action.commit();
      } catch (const Error& e) {
        outcome = FiringOutcome::failed;
        finish_timer(timer);
        log(timer.rule, entity, timer.record_id, now, outcome, e.what(), 0);
        notify_timer_failure(timer, entity, now, e.what());
      }
      ++(outcome == FiringOutcome::ran ? report.ran : outcome == FiringOutcome::skipped ? report.skipped
                                                                                        : report.failed);
    }
    tx.commit();
    if (done < page.records.size() || page.cursor.empty() || done == 0) return report;
  }
  // The limit stopped it: say whether anything due is left.
  Scan next;
  next.index = index::timer_due;
  next.limit = 1;
  const auto left = store_.scan(next);
  report.more = !left.records.empty() && decode<TimedAction>(left.records.front()).due_at <= now;
  return report;
}

FiringOutcome Runner::run_timer(const TimedAction& timer, Entity entity, Timestamp now, std::string& detail) {
  begin_change();  // each timed action is a change of its own, with its own action budget
  auto record = load_json(entity, timer.record_id);
  if (!record) {
    detail = "the record was erased";
    return FiringOutcome::skipped;
  }
  const Id customer_id = entity == Entity::customer ? timer.record_id : record->value("customer_id", Id{0});
  const Change change{entity, timer.record_id, "t" + std::to_string(to_millis(timer.due_at)), &*record, &*record,
                      customer_id, now};
  if (timer.rule.empty()) return remind(change, *record, detail);

  const auto set = rules();
  const Rule* rule = set->find(timer.rule);
  if (rule == nullptr || rule->trigger.on != TriggerKind::time || !rule->enabled) {
    detail = rule == nullptr ? "the rule was erased" : "the rule was disabled or changed";
    return FiringOutcome::skipped;
  }
  const auto customer = customer_for(*set, change);
  const Subject subject{&*record, &*record, customer ? &*customer : nullptr};
  if (!holds(rule->when, subject)) {
    detail = "its conditions no longer hold";
    return FiringOutcome::skipped;
  }
  const ChainGuard guard(ChainLink{rule->name, entity, timer.record_id}, depth_limit_);
  run_actions(*rule, change, subject);
  return FiringOutcome::ran;
}

void Runner::notify_timer_failure(const TimedAction& timer, Entity entity, Timestamp now, std::string_view error) {
  if (timer.rule.empty()) return;  // a reminder
  const auto set = rules();
  const Rule* rule = set->find(timer.rule);
  if (rule == nullptr || rule->on_failure != FailurePolicy::skip) return;
  const auto record = load_json(entity, timer.record_id);
  if (!record) return;
  const Change change{entity, timer.record_id, "t" + std::to_string(to_millis(timer.due_at)), &*record, &*record,
                      0, now};
  notify_failure(*rule, change, *record, error);
}

template bool Runner::on_change(const Customer*, const Customer*, Timestamp);
template bool Runner::on_change(const Interaction*, const Interaction*, Timestamp);
template bool Runner::on_change(const Lead*, const Lead*, Timestamp);
template bool Runner::on_change(const Opportunity*, const Opportunity*, Timestamp);
template bool Runner::on_change(const Task*, const Task*, Timestamp);
template bool Runner::on_change(const Approval*, const Approval*, Timestamp);

}  // namespace crm::detail::workflow

namespace crm::detail {

std::unique_ptr<WorkflowService> make_workflow(Store& store, Engine& engine, std::size_t depth_limit,
                                               std::size_t action_limit) {
  return std::make_unique<workflow::Runner>(store, engine, depth_limit, action_limit);
}

}  // namespace crm::detail
