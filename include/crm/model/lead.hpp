#pragma once
// A lead: an unqualified prospect. Its behaviour (qualification, scoring,
// conversion) belongs to the pipeline work; here it is stored and loaded.

#include <cstdint>
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

  friend bool operator==(const Lead&, const Lead&) = default;
};

}  // namespace crm
