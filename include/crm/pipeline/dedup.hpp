// SPDX-License-Identifier: Apache-2.0
#pragma once
// Duplicate detection for leads, over an engine: on create (the caller picks
// refuse, warn or allow) and on demand over the data already stored.
//
// Candidates come from two places: exact lookups of the lead's normalised
// e-mail, phone and external_id among leads and customers (for each field
// the rules match exactly), and fuzzy comparison (crm/pipeline/matching.hpp)
// against the leads and customers whose name starts with the same letter as
// the lead's person name or company (block_key). A typo in that first letter
// is therefore not found by the fuzzy pass.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "crm/engine.hpp"
#include "crm/pipeline/matching.hpp"

namespace crm {

enum class DuplicatePolicy : std::uint8_t { refuse = 0, warn = 1, allow = 2 };

template <>
struct EnumNames<DuplicatePolicy> {
  static constexpr std::string_view what = "duplicate policy";
  static constexpr std::array<std::pair<DuplicatePolicy, std::string_view>, 3> names{{
      {DuplicatePolicy::refuse, "refuse"},
      {DuplicatePolicy::warn, "warn"},
      {DuplicatePolicy::allow, "allow"},
  }};
};

enum class RecordKind : std::uint8_t { lead = 0, customer = 1 };

struct DuplicateCandidate {
  RecordKind kind = RecordKind::lead;
  Id id = 0;
  std::string name{};  // the candidate's display name
  MatchResult match{};  // score 1 for an exact match; reasons say which rules passed
};

// The stored leads and customers that `lead` duplicates under `rules`, best
// score first (ties by kind, then id). The lead itself (same id) is never a
// candidate. Its e-mail and phone are normalised as the engine would.
std::vector<DuplicateCandidate> find_duplicates(const Engine& engine, const Lead& lead,
                                                const MatchRules& rules = MatchRules::defaults());

struct LeadCreation {
  Lead lead{};                               // as stored; id 0 when nothing was stored
  std::vector<DuplicateCandidate> duplicates{};  // empty under allow
};

// Creates a lead after checking for duplicates in the same transaction.
// refuse: when there is a candidate, throws Errc::already_exists naming the
// best one and stores nothing; warn: stores the lead and returns the
// candidates; allow: stores it without looking.
LeadCreation create_lead(Engine& engine, Lead lead, DuplicatePolicy policy,
                         const MatchRules& rules = MatchRules::defaults());

struct DuplicatePair {
  Id lead_id = 0;
  DuplicateCandidate duplicate{};  // a customer, or a lead with a larger id
};

// Scans every stored lead for duplicates among leads and customers; each
// pair of leads is reported once. `progress` (optional) is called with the
// number of leads scanned so far, every 1,000 leads and at the end.
std::vector<DuplicatePair> scan_duplicates(const Engine& engine, const MatchRules& rules = MatchRules::defaults(),
                                           const std::function<void(std::size_t)>& progress = {});

}  // namespace crm
