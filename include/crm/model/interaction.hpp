// SPDX-License-Identifier: Apache-2.0
#pragma once
// One touch with a customer (or a lead) on one channel. A purchase is an
// interaction of kind purchase carrying an amount and optional line items.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crm/attribute.hpp"
#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/money.hpp"
#include "crm/time.hpp"

namespace crm {

// Numeric values are stored: never renumber, only append.
enum class Channel : std::uint8_t {
  phone = 0, email = 1, web = 2, chat = 3, social = 4, in_person = 5, pos = 6, kiosk = 7, letter = 8, other = 9
};

enum class Direction : std::uint8_t { inbound = 0, outbound = 1, internal = 2 };

enum class InteractionKind : std::uint8_t {
  note = 0, call = 1, meeting = 2, message = 3, purchase = 4, refund = 5, complaint = 6, visit = 7, other = 8
};

template <>
struct EnumNames<Channel> {
  static constexpr std::string_view what = "channel";
  static constexpr std::array<std::pair<Channel, std::string_view>, 10> names{{
      {Channel::phone, "phone"},
      {Channel::email, "email"},
      {Channel::web, "web"},
      {Channel::chat, "chat"},
      {Channel::social, "social"},
      {Channel::in_person, "in-person"},
      {Channel::pos, "pos"},
      {Channel::kiosk, "kiosk"},
      {Channel::letter, "letter"},
      {Channel::other, "other"},
  }};
};

template <>
struct EnumNames<Direction> {
  static constexpr std::string_view what = "direction";
  static constexpr std::array<std::pair<Direction, std::string_view>, 3> names{{
      {Direction::inbound, "inbound"},
      {Direction::outbound, "outbound"},
      {Direction::internal, "internal"},
  }};
};

template <>
struct EnumNames<InteractionKind> {
  static constexpr std::string_view what = "interaction kind";
  static constexpr std::array<std::pair<InteractionKind, std::string_view>, 9> names{{
      {InteractionKind::note, "note"},
      {InteractionKind::call, "call"},
      {InteractionKind::meeting, "meeting"},
      {InteractionKind::message, "message"},
      {InteractionKind::purchase, "purchase"},
      {InteractionKind::refund, "refund"},
      {InteractionKind::complaint, "complaint"},
      {InteractionKind::visit, "visit"},
      {InteractionKind::other, "other"},
  }};
};

// The channel of a purchase logged without one: crm_purchase_log with a NULL
// channel, Python's Engine.log_purchase(channel=None) and `crm log` with
// --amount or --item and no --channel all take it from here. An Interaction
// written whole (C++, JSON, --from-json) keeps the channel it holds, which is
// Channel::other unless set.
inline constexpr Channel default_purchase_channel = Channel::pos;

struct LineItem {
  std::string sku{};
  std::string description{};
  std::int64_t quantity = 1;  // positive
  Money unit_price{};           // not negative; same currency as the interaction's amount

  friend bool operator==(const LineItem&, const LineItem&) = default;
};

struct Interaction {
  Id id = 0;
  Version version = 0;

  Id customer_id = 0;  // at least one of customer_id and lead_id is set
  Id lead_id = 0;
  Id opportunity_id = 0;

  Channel channel = Channel::other;
  Direction direction = Direction::inbound;
  InteractionKind kind = InteractionKind::note;

  std::string subject{};
  std::string body{};
  std::string outcome{};
  Timestamp occurred_at{};  // left at the epoch, the engine stamps the current time

  // Purchases and refunds only. Left empty on a purchase with line items,
  // the engine fills it with the items' total.
  std::optional<Money> amount{};
  std::vector<LineItem> items{};
  Attributes attributes{};

  Timestamp created_at{};

  friend bool operator==(const Interaction&, const Interaction&) = default;
};

}  // namespace crm
