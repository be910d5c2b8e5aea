// SPDX-License-Identifier: Apache-2.0
#pragma once
// A task (a to-do): something one person should do by a time, about a
// customer, lead or deal. Hosts create them; so do workflow rules.

#include <cstdint>
#include <optional>
#include <string>

#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/time.hpp"

namespace crm {

// Numeric values are stored: never renumber, only append.
enum class TaskStatus : std::uint8_t { open = 0, done = 1, cancelled = 2 };
enum class TaskPriority : std::uint8_t { low = 0, normal = 1, high = 2, urgent = 3 };

template <>
struct EnumNames<TaskStatus> {
  static constexpr std::string_view what = "task status";
  static constexpr std::array<std::pair<TaskStatus, std::string_view>, 3> names{{
      {TaskStatus::open, "open"},
      {TaskStatus::done, "done"},
      {TaskStatus::cancelled, "cancelled"},
  }};
};

template <>
struct EnumNames<TaskPriority> {
  static constexpr std::string_view what = "task priority";
  static constexpr std::array<std::pair<TaskPriority, std::string_view>, 4> names{{
      {TaskPriority::low, "low"},
      {TaskPriority::normal, "normal"},
      {TaskPriority::high, "high"},
      {TaskPriority::urgent, "urgent"},
  }};
};

struct Task {
  Id id = 0;
  Version version = 0;

  std::string subject{};  // required
  std::string body{};
  std::string owner{};    // who should do it, in the host's own terms; may be empty (unassigned)
  std::optional<Timestamp> due_at{};
  // When to remind the owner: the engine queues a "task.reminder"
  // notification for this time while the task is open.
  std::optional<Timestamp> remind_at{};
  TaskPriority priority = TaskPriority::normal;
  TaskStatus status = TaskStatus::open;

  // What it is about; each may be 0.
  Id customer_id = 0;
  Id lead_id = 0;
  Id opportunity_id = 0;

  std::string rule{};  // the workflow rule that created it, empty when a person did
  std::optional<Timestamp> completed_at{};  // set by the engine when the task leaves open

  Timestamp created_at{};
  Timestamp updated_at{};

  friend bool operator==(const Task&, const Task&) = default;
};

}  // namespace crm
