// SPDX-License-Identifier: Apache-2.0
#pragma once
// A customer: a person or an organisation the host does business with.

#include <cstdint>
#include <map>
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
enum class PartyKind : std::uint8_t { person = 0, organisation = 1 };

enum class LifecycleStage : std::uint8_t { prospect = 0, new_customer = 1, active = 2, at_risk = 3, churned = 4 };

// Channels a customer can consent (or not) to be marketed on.
enum class ConsentChannel : std::uint8_t { email = 0, sms = 1, phone = 2, post = 3, push = 4 };

template <>
struct EnumNames<PartyKind> {
  static constexpr std::string_view what = "party kind";
  static constexpr std::array<std::pair<PartyKind, std::string_view>, 2> names{{
      {PartyKind::person, "person"},
      {PartyKind::organisation, "organisation"},
  }};
};

template <>
struct EnumNames<LifecycleStage> {
  static constexpr std::string_view what = "lifecycle stage";
  static constexpr std::array<std::pair<LifecycleStage, std::string_view>, 5> names{{
      {LifecycleStage::prospect, "prospect"},
      {LifecycleStage::new_customer, "new"},
      {LifecycleStage::active, "active"},
      {LifecycleStage::at_risk, "at-risk"},
      {LifecycleStage::churned, "churned"},
  }};
};

template <>
struct EnumNames<ConsentChannel> {
  static constexpr std::string_view what = "consent channel";
  static constexpr std::array<std::pair<ConsentChannel, std::string_view>, 5> names{{
      {ConsentChannel::email, "email"},
      {ConsentChannel::sms, "sms"},
      {ConsentChannel::phone, "phone"},
      {ConsentChannel::post, "post"},
      {ConsentChannel::push, "push"},
  }};
};

struct Address {
  std::string label{};  // "home", "billing", "delivery"…
  std::string line1{};
  std::string line2{};
  std::string city{};
  std::string region{};
  std::string postal_code{};
  std::string country{};  // ISO 3166-1 alpha-2, upper case ("GB")

  friend bool operator==(const Address&, const Address&) = default;
};

// Marketing consent on one channel. `at` is when it was given or withdrawn;
// left at the epoch on write, the engine stamps the current time.
struct Consent {
  bool granted = false;
  Timestamp at{};
  std::string source{};  // where it was captured: "pos", "web form"…

  friend bool operator==(const Consent&, const Consent&) = default;
};

struct Customer {
  Id id = 0;            // assigned by the store
  Version version = 0;  // assigned by the store; pass it back unchanged on update

  PartyKind kind = PartyKind::person;
  Id organisation_id = 0;  // a person's organisation (a customer of kind organisation), or 0

  std::string display_name{};  // required; derived from given + family name when left empty
  std::string given_name{};
  std::string family_name{};

  std::vector<std::string> emails{};  // trimmed, lower-cased; each unique across customers
  std::vector<std::string> phones{};  // E.164 ("+442079460018"); each unique across customers
  std::vector<Address> addresses{};
  Tags tags{};
  Attributes attributes{};

  LifecycleStage stage = LifecycleStage::prospect;
  std::string tier{};   // "gold", "silver"…: the host's own names
  std::string owner{};  // the responsible user, in the host's own terms

  std::optional<Money> credit_limit{};  // never negative
  std::int64_t loyalty_points = 0;    // never negative
  std::map<ConsentChannel, Consent> consents{};

  std::string external_id{};  // the host's key (ERP number, loyalty card); unique among customers

  Timestamp created_at{};  // set by the engine
  Timestamp updated_at{};  // set by the engine

  friend bool operator==(const Customer&, const Customer&) = default;
};

}  // namespace crm
