// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the workflow records and hands to the host: rules as stored,
// the log of rule firings, timed actions waiting for their time, and the
// outbox of notifications. The rule JSON format, the firing order and the
// guarantees are in docs/WORKFLOW.md. The engine stores them, below the
// workflow that writes them, so they live with the model.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/time.hpp"

namespace crm {

// A rule as stored: its name and its JSON, in canonical form.
struct WorkflowRule {
  Id id = 0;
  Version version = 0;
  std::string name{};
  std::string definition{};  // the rule's JSON
  Timestamp saved_at{};

  friend bool operator==(const WorkflowRule&, const WorkflowRule&) = default;
};

// Numeric values are stored: never renumber, only append.
enum class FiringOutcome : std::uint8_t {
  ran = 0,      // the conditions held and every action ran
  skipped = 1,  // a timed action whose conditions no longer held (or whose record or rule is gone)
  failed = 2,   // a timed action, or a rule with "on_failure": "skip", whose actions threw:
                // their changes were undone, `detail` says why
  queued = 3,   // a time rule's action was queued for later
};

template <>
struct EnumNames<FiringOutcome> {
  static constexpr std::string_view what = "firing outcome";
  static constexpr std::array<std::pair<FiringOutcome, std::string_view>, 4> names{{
      {FiringOutcome::ran, "ran"},
      {FiringOutcome::skipped, "skipped"},
      {FiringOutcome::failed, "failed"},
      {FiringOutcome::queued, "queued"},
  }};
};

// One rule firing, written in the transaction of the change that caused it
// (a firing whose actions fail rolls back with that change and is not logged,
// the caller gets the error instead, unless the rule says "on_failure":
// "skip": then it is logged as failed). Entries are never changed.
struct RuleFiring {
  Id id = 0;
  Version version = 0;
  std::string rule{};    // "" for the built-in task reminder
  std::string entity{};  // "customer", "interaction", "lead", "opportunity", "task"
  Id record_id = 0;
  Timestamp at{};
  FiringOutcome outcome = FiringOutcome::ran;
  std::string detail{};  // why it was skipped or failed; when a queued action is due
  std::int32_t depth = 0;  // 0 for a change the host made, n for one made by a rule at depth n-1

  friend bool operator==(const RuleFiring&, const RuleFiring&) = default;
};

// A time rule's action waiting for its time; Engine::run_due() runs it. One
// per (rule, record): a change that moves the time moves it.
struct TimedAction {
  Id id = 0;
  Version version = 0;
  std::string rule{};
  std::string entity{};
  Id record_id = 0;
  Timestamp due_at{};
  Timestamp queued_at{};

  friend bool operator==(const TimedAction&, const TimedAction&) = default;
};

// An outbox entry: a notification for the host to deliver. It stays until
// the host acknowledges it, so delivery is at least once; `key` is the same
// for every delivery of one notification, for the receiver to drop repeats.
struct Notification {
  Id id = 0;
  Version version = 0;
  std::string key{};  // unique: rule/entity/record/version that caused it
  std::string topic{};
  std::string to{};
  std::string rule{};
  std::string entity{};
  Id record_id = 0;
  // The record as JSON (crm/json.hpp) when the rule fired; for topic
  // "rule.failed" (a skip rule that failed), {"error": message, "record": record}.
  std::string payload{};
  Timestamp created_at{};

  friend bool operator==(const Notification&, const Notification&) = default;
};

// What one run_due() call did.
struct RunDueReport {
  std::size_t ran = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  bool more = false;  // the limit stopped it with due actions left

  friend bool operator==(const RunDueReport&, const RunDueReport&) = default;
};

}  // namespace crm
