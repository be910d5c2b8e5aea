// SPDX-License-Identifier: Apache-2.0
#pragma once
// The benchmarks' data: a deterministic, seeded generator of a shop's
// customers, their interactions and purchases, and some leads and deals.
//
// Every record is a pure function of (seed, size, its index): customer i is
// the same whichever others are generated, so a benchmark can ask for the
// phone of customer 123456 without generating the 123455 before it, and the
// same seed always gives the same data, byte for byte.
//
// What the data look like (docs/PERFORMANCE.md has the numbers):
//   - customers of 14 regions (GB 28%, US 10%, DE 9%, FR, ES, PL, RU, GR, JP,
//     CN, KR, AE, EG, IN), named in their script (Latin with diacritics,
//     Cyrillic, Greek, CJK, Hangul, Arabic, Devanagari), NFC UTF-8;
//   - mobile numbers that libphonenumber accepts as valid for the region,
//     unique, typed the way people type them ("07400 123456",
//     "+49 151 2345-6789", "0033 6 12 34 56 78"); 15% have a second one;
//   - unique e-mails (romanised names) and loyalty-card external ids;
//   - about 10 interactions per customer: purchases skewed as in a shop (25%
//     never buy, 40% buy once, the rest 2 + a Lomax tail, a few buy hundreds
//     of times), in the region's currency, some with line items; the rest
//     calls, e-mails, visits and notes; all between data_start and data_end.

#include <crm/model/customer.hpp>
#include <crm/model/interaction.hpp>
#include <crm/model/lead.hpp>
#include <crm/model/opportunity.hpp>
#include <crm/time.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::bench {

inline constexpr std::uint64_t default_seed = 20'260'107;

// The data span two years; every record is created "now", at data_end, by a
// fixed clock, so that the engine and the baselines store equal bytes.
inline constexpr Timestamp data_start = from_millis(1'704'067'200'000);  // 2024-01-01T00:00Z
inline constexpr Timestamp data_end = from_millis(1'767'225'600'000);    // 2026-01-01T00:00Z

// Numbers without a country code are read in this region (EngineOptions::default_region).
inline constexpr std::string_view home_region = "GB";

// One interaction of the history, in the order a shop writes them.
struct InteractionRef {
  std::int64_t at = 0;          // ms since the epoch
  std::uint32_t customer = 0;   // index 0..N-1
  std::uint32_t ordinal = 0;    // 0..interaction_count(customer)-1
};

class DataGenerator {
 public:
  explicit DataGenerator(std::int64_t customers, std::uint64_t seed = default_seed);

  std::int64_t customers() const { return customers_; }

  // Customer i as the host hands it to Engine::create: phones and e-mail as
  // typed at the till (not yet canonical), id 0.
  Customer customer(std::int64_t i) const;
  // The same customer's first phone spelled differently from customer(i),
  // e-mail with capitals and stray spaces, and external id: lookup inputs.
  std::string phone_as_typed(std::int64_t i) const;
  std::string email_as_typed(std::int64_t i) const;
  std::string external_id(std::int64_t i) const;

  // Customer i's history: purchases first (ordinals 0..purchases-1), then other touches.
  std::int64_t purchase_count(std::int64_t i) const;
  std::int64_t interaction_count(std::int64_t i) const;
  // Interaction `ordinal` of customer i, who is stored under `customer_id`.
  Interaction interaction(std::int64_t i, std::int64_t ordinal, Id customer_id) const;
  // Every interaction of every customer, sorted by time (ties by customer, ordinal).
  std::vector<InteractionRef> history_in_time_order() const;

  // A purchase customer i makes after the history (at data_end + n seconds):
  // what the purchase benchmarks log.
  Interaction new_purchase(std::int64_t i, Id customer_id, std::int64_t n) const;

  // One lead per 20 customers, one deal per 50 (on customers n * 50).
  std::int64_t leads() const { return customers_ / 20; }
  Lead lead(std::int64_t n) const;
  std::int64_t opportunities() const { return customers_ / 50; }
  std::int64_t opportunity_customer(std::int64_t n) const { return n * 50; }
  Opportunity opportunity(std::int64_t n, Id customer_id) const;

 private:
  struct Profile;
  Profile profile(std::int64_t i) const;
  std::int64_t interaction_time(const Profile& p, std::int64_t i, std::int64_t ordinal) const;

  std::int64_t customers_;
  std::uint64_t seed_;
  std::vector<std::uint8_t> slot_region_;  // 100 slots: the region of customers i % 100
  std::vector<std::uint32_t> slot_rank_;   // the slot's rank among its region's slots
};

}  // namespace crm::bench
