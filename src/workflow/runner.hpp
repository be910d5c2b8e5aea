// SPDX-License-Identifier: Apache-2.0
#pragma once
// The workflow runner: fires rules. It plugs into the engine below it as
// the engine's WorkflowService (engine/workflow_service.hpp): the engine
// calls its ChangeHook inside the transaction of every write, after the write;
// matching rules run their actions there and then, through the engine's own
// public calls, which join that transaction. So an action that fails fails
// the change (unless its rule says "on_failure": "skip"), and a change an
// action makes fires rules in turn (one level deeper, up to the depth limit;
// all of them together up to the action limit, chain.hpp).
//
// Rules are kept parsed in memory and re-read when the stored rule-set token
// differs from the one they were parsed under (rule_set_stamp.hpp).

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "crm/engine.hpp"
#include "crm/store/store.hpp"
#include "engine/workflow_service.hpp"
#include "workflow/rule.hpp"

namespace crm::detail::workflow {

template <class T>
inline constexpr bool is_watched = std::is_same_v<T, Customer> || std::is_same_v<T, Interaction> ||
                                   std::is_same_v<T, Lead> || std::is_same_v<T, Opportunity> ||
                                   std::is_same_v<T, Task> || std::is_same_v<T, Approval>;

template <class T>
constexpr Entity entity_of() {
  if constexpr (std::is_same_v<T, Customer>) return Entity::customer;
  if constexpr (std::is_same_v<T, Interaction>) return Entity::interaction;
  if constexpr (std::is_same_v<T, Lead>) return Entity::lead;
  if constexpr (std::is_same_v<T, Opportunity>) return Entity::opportunity;
  if constexpr (std::is_same_v<T, Task>) return Entity::task;
  return Entity::approval;
}

// The parsed rules, grouped by entity in firing order.
struct RuleSet {
  std::uint64_t token = 0;
  std::array<std::vector<Rule>, entity_count> by_entity{};
  std::array<bool, entity_count> reads_customer{};  // some rule of the entity reads customer.* fields
  const Rule* find(std::string_view name) const;
};

class Runner final : public WorkflowService {
 public:
  Runner(Store& store, Engine& engine, std::size_t depth_limit, std::size_t action_limit);

  // The engine's change hook: watched records fire rules and are checked
  // against pending approvals; pipelines are not watched.
  void before_update(const Customer& before, const Customer& after) const override { check_locks(before, after); }
  void before_update(const Interaction& before, const Interaction& after) const override {
    check_locks(before, after);
  }
  void before_update(const Lead& before, const Lead& after) const override { check_locks(before, after); }
  void before_update(const Opportunity& before, const Opportunity& after) const override {
    check_locks(before, after);
  }
  void before_update(const Pipeline&, const Pipeline&) const override {}
  void before_update(const Task& before, const Task& after) const override { check_locks(before, after); }
  void before_erase(const Customer& record) const override { check_not_pending(record); }
  void before_erase(const Interaction& record) const override { check_not_pending(record); }
  void before_erase(const Lead& record) const override { check_not_pending(record); }
  void before_erase(const Opportunity& record) const override { check_not_pending(record); }
  void before_erase(const Pipeline&) const override {}
  void before_erase(const Task& record) const override { check_not_pending(record); }
  bool after_write(const Customer* before, const Customer* after, Timestamp now) override {
    return on_change(before, after, now);
  }
  bool after_write(const Interaction* before, const Interaction* after, Timestamp now) override {
    return on_change(before, after, now);
  }
  bool after_write(const Lead* before, const Lead* after, Timestamp now) override {
    return on_change(before, after, now);
  }
  bool after_write(const Opportunity* before, const Opportunity* after, Timestamp now) override {
    return on_change(before, after, now);
  }
  bool after_write(const Pipeline*, const Pipeline*, Timestamp) override { return false; }
  bool after_write(const Task* before, const Task* after, Timestamp now) override {
    return on_change(before, after, now);
  }

  // A record was created (before null), updated, or erased (after null).
  // Returns true when rule actions changed records meanwhile, so that the
  // record written may no longer be as stored (the caller reads it again).
  template <class T>
  bool on_change(const T* before, const T* after, Timestamp now);

  WorkflowRule save_rule(std::string_view json, Timestamp now) override;
  void erase_rule(std::string_view name) override;
  std::optional<WorkflowRule> find_rule(std::string_view name) const override;

  RunDueReport run_due(Timestamp now, std::size_t limit) override;

  // Approvals (approvals.cpp). `rule` names the rule that asks, if any.
  Approval request_approval(ApprovalRequest request, std::string rule, Timestamp now);
  Approval request_approval(ApprovalRequest request, Timestamp now) override {
    return request_approval(std::move(request), {}, now);
  }
  Approval decide(Id approval, Version expected, std::string_view approver, std::string_view comment, bool approve,
                  Timestamp now) override;
  // Throw Errc::conflict when a pending approval of the record forbids the change.
  template <class T>
  void check_locks(const T& before, const T& after) const;
  template <class T>
  void check_not_pending(const T& record) const;

 private:
  // One change as rules see it. `cause` tells changes of one record apart
  // in notification keys: "v3" (the version it made), "erased", or "t<ms>"
  // (the due time of a timed action).
  struct Change {
    Entity entity;
    Id id;
    std::string cause;
    const nlohmann::json* before;
    const nlohmann::json* after;
    Id customer_id;
    Timestamp now;

    // "rule/entity/record/cause": what a notification of this firing is
    // keyed by, so that the same firing run twice enqueues it once.
    std::string firing_key(std::string_view rule) const;
  };

  std::shared_ptr<const RuleSet> rules();
  void touch_rules();
  void on_change(const Change& change, const RuleSet& set);
  void schedule(const Rule& rule, const Change& change, const Subject& subject);
  void schedule_reminder(const Task* task, Timestamp now);
  void fire(const Rule& rule, const Change& change, const Subject& subject);
  // Runs the rule's actions in order, each counted against the action limit;
  // an action's error is rethrown naming the rule and the action.
  void run_actions(const Rule& rule, const Change& change, const Subject& subject);
  FiringOutcome run_timer(const TimedAction& timer, Entity entity, Timestamp now, std::string& detail);
  // A failed timed action of a rule that says "on_failure": "skip" tells the host.
  void notify_timer_failure(const TimedAction& timer, Entity entity, Timestamp now, std::string_view error);
  FiringOutcome remind(const Change& change, const nlohmann::json& task, std::string& detail);
  void log(std::string_view rule, Entity entity, Id id, Timestamp at, FiringOutcome outcome, std::string detail,
           std::int32_t depth);
  bool upsert_timer(TimedAction timer);  // false when it was queued for that time already
  void drop_timer(std::string_view rule, Entity entity, Id id);
  void finish_timer(const TimedAction& timer);
  std::optional<nlohmann::json> load_json(Entity entity, Id id) const;
  // The change's customer, when some rule of the entity reads customer fields.
  std::optional<nlohmann::json> customer_for(const RuleSet& set, const Change& change) const;
  bool has_pending(std::string_view entity, Id record, std::string_view name) const;  // approvals.cpp

  // Actions (actions.cpp).
  void run_action(const Rule& rule, std::size_t index, const Change& change, const Subject& subject);
  // Enqueues a notification, once per key; `payload` is its JSON text.
  void notify(std::string key, std::string topic, std::string to, std::string_view rule, const Change& change,
              std::string payload);
  // The "rule.failed" notification of a rule that says "on_failure": "skip".
  void notify_failure(const Rule& rule, const Change& change, const nlohmann::json& record, std::string_view error);

  Store& store_;
  Engine& engine_;
  std::size_t depth_limit_;
  std::size_t action_limit_;
  std::shared_ptr<const RuleSet> rules_;
};

}  // namespace crm::detail::workflow
