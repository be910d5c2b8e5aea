// SPDX-License-Identifier: Apache-2.0
#pragma once
// An opportunity: a deal in a pipeline of stages. Stage rules, history and
// forecasts belong to the pipeline work; here it is stored and loaded.

#include <cstdint>
#include <optional>
#include <string>

#include "crm/attribute.hpp"
#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/money.hpp"
#include "crm/time.hpp"

namespace crm {

// Numeric values are stored: never renumber, only append.
enum class DealStatus : std::uint8_t { open = 0, won = 1, lost = 2 };

template <>
struct EnumNames<DealStatus> {
  static constexpr std::string_view what = "deal status";
  static constexpr std::array<std::pair<DealStatus, std::string_view>, 3> names{{
      {DealStatus::open, "open"},
      {DealStatus::won, "won"},
      {DealStatus::lost, "lost"},
  }};
};

struct Opportunity {
  Id id = 0;
  Version version = 0;

  std::string name{};     // required
  Id customer_id = 0;   // the account, or 0 while unknown
  Id lead_id = 0;       // the lead it came from, if any

  std::string pipeline = "default";
  std::string stage{};    // required: a stage name of the pipeline
  std::optional<Money> amount{};  // never negative
  std::optional<Timestamp> expected_close{};
  std::int32_t probability = 0;  // percent, 0..100

  DealStatus status = DealStatus::open;
  std::string lost_reason{};  // required when lost
  std::optional<Timestamp> closed_at{};  // set by the engine when the status leaves open

  std::string owner{};
  Tags tags{};
  Attributes attributes{};
  std::string external_id{};  // unique among opportunities

  Timestamp created_at{};
  Timestamp updated_at{};

  friend bool operator==(const Opportunity&, const Opportunity&) = default;
};

}  // namespace crm
