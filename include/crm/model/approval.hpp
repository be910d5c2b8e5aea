// SPDX-License-Identifier: Apache-2.0
#pragma once
// An approval: a record (a deal whose discount passes a threshold, say)
// waits for one or more people to approve it, in order. While it is
// pending, the fields it locks cannot change; its outcome is a change like
// any other, so rules can act on it (docs/WORKFLOW.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/time.hpp"

namespace crm {

// Numeric values are stored: never renumber, only append.
enum class ApprovalStatus : std::uint8_t { pending = 0, approved = 1, rejected = 2 };

template <>
struct EnumNames<ApprovalStatus> {
  static constexpr std::string_view what = "approval status";
  static constexpr std::array<std::pair<ApprovalStatus, std::string_view>, 3> names{{
      {ApprovalStatus::pending, "pending"},
      {ApprovalStatus::approved, "approved"},
      {ApprovalStatus::rejected, "rejected"},
  }};
};

struct ApprovalDecision {
  std::string approver{};
  bool approved = false;
  std::string comment{};
  Timestamp at{};

  friend bool operator==(const ApprovalDecision&, const ApprovalDecision&) = default;
};

// What a host (or a rule) asks to have approved.
struct ApprovalRequest {
  std::string name{};    // required: what is asked ("discount"); one pending per name and record
  std::string entity{};  // "customer", "interaction", "lead", "opportunity" or "task"
  Id record_id = 0;
  std::vector<std::string> approvers{};      // at least one; each must approve, in this order
  std::vector<std::string> locked_fields{};  // fields of the record that cannot change while pending
  std::string requested_by{};
};

struct Approval {
  Id id = 0;
  Version version = 0;

  std::string name{};
  std::string entity{};
  Id record_id = 0;
  std::vector<std::string> approvers{};
  std::vector<std::string> locked_fields{};
  ApprovalStatus status = ApprovalStatus::pending;
  std::vector<ApprovalDecision> decisions{};  // in the order they were made
  std::string requested_by{};
  std::string rule{};  // the workflow rule that asked, empty when a person did
  // Whose turn it is while pending: approvers[decisions.size()]; empty otherwise.
  std::string waiting_for{};

  Timestamp created_at{};  // when it was requested
  std::optional<Timestamp> decided_at{};
  Timestamp updated_at{};

  friend bool operator==(const Approval&, const Approval&) = default;
};

}  // namespace crm
