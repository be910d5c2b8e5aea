// SPDX-License-Identifier: Apache-2.0
#pragma once
// A lead: an unqualified prospect. Its status follows a lifecycle the engine
// enforces (see lead_transition_allowed); conversion, duplicate detection,
// scoring and assignment live in crm/pipeline/.

#include <cstdint>
#include <optional>
#include <string>

#include "crm/attribute.hpp"
#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/time.hpp"

namespace crm {

// Numeric values are stored: never renumber, only append.
enum class LeadStatus : std::uint8_t { new_lead = 0, working = 1, qualified = 2, disqualified = 3, converted = 4 };

template <>
struct EnumNames<LeadStatus> {
  static constexpr std::string_view what = "lead status";
  static constexpr std::array<std::pair<LeadStatus, std::string_view>, 5> names{{
      {LeadStatus::new_lead, "new"},
      {LeadStatus::working, "working"},
      {LeadStatus::qualified, "qualified"},
      {LeadStatus::disqualified, "disqualified"},
      {LeadStatus::converted, "converted"},
  }};
};

// The lifecycle: new -> working -> qualified | disqualified, qualified ->
// converted. Staying in the same status is always allowed.
constexpr bool lead_transition_allowed(LeadStatus from, LeadStatus to) {
  using enum LeadStatus;
  if (from == to) return true;
  switch (from) {
    case new_lead: return to == working;
    case working: return to == qualified || to == disqualified;
    case qualified: return to == converted;
    case disqualified:
    case converted: return false;
  }
  return false;
}

struct Lead {
  Id id = 0;
  Version version = 0;

  std::string display_name{};  // required; derived from the names or the company when empty
  std::string given_name{};
  std::string family_name{};
  std::string company{};
  std::string job_title{};
  std::string email{};  // normalised like a customer's; not unique (duplicates are a pipeline concern)
  std::string phone{};  // E.164

  std::string source{};     // "trade show", "web form"…
  std::string industry{};
  std::string territory{};  // region used by assignment rules
  LeadStatus status = LeadStatus::new_lead;
  std::string status_reason{};  // why it was disqualified
  std::int32_t score = 0;     // 0..100
  std::string owner{};

  Tags tags{};
  Attributes attributes{};
  std::string external_id{};  // unique among leads

  Id converted_customer_id = 0;  // set by conversion
  Id converted_opportunity_id = 0;

  Timestamp created_at{};
  Timestamp updated_at{};

  // Set by assignment rules (crm/pipeline/assignment.hpp): the rule that chose
  // the owner, and when.
  std::string assignment_rule{};
  std::optional<Timestamp> assigned_at{};

  friend bool operator==(const Lead&, const Lead&) = default;
};

}  // namespace crm
