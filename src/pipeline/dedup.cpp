// SPDX-License-Identifier: Apache-2.0
#include "crm/pipeline/dedup.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "crm/error.hpp"
#include "pipeline/each_page.hpp"

namespace crm {

namespace {

using detail::each_page;

MatchSubject subject_of(const Lead& l) {
  // A lead named after its company has no person name of its own.
  return {l.given_name, l.family_name, l.display_name == l.company ? std::string() : l.display_name,
          l.company,    l.email,       l.phone,
          l.external_id};
}

MatchSubject subject_of(const Customer& c) {
  const bool organisation = c.kind == PartyKind::organisation;
  return {c.given_name,
          c.family_name,
          organisation ? std::string() : c.display_name,
          organisation ? c.display_name : std::string(),
          c.emails.empty() ? std::string() : c.emails.front(),
          c.phones.empty() ? std::string() : c.phones.front(),
          c.external_id};
}

bool has_rule(const MatchRules& rules, MatchField field, bool exact) {
  return std::any_of(rules.rules.begin(), rules.rules.end(), [&](const MatchRule& r) {
    return r.field == field && (r.method == MatchMethod::exact) == exact;
  });
}

class Collector {
 public:
  explicit Collector(Id self) : self_(self) {}

  void exact(RecordKind kind, Id id, std::string name, MatchField field) {
    if (kind == RecordKind::lead && id == self_) return;
    auto& c = at(kind, id, std::move(name));
    c.match.score = 1.0;
    c.match.duplicate = true;
    c.match.reasons.push_back({field, MatchMethod::exact, 1.0});
  }

  void fuzzy(RecordKind kind, Id id, std::string name, MatchResult match) {
    if ((kind == RecordKind::lead && id == self_) || !match.duplicate) return;
    auto& c = at(kind, id, std::move(name));
    if (match.score > c.match.score) c.match = std::move(match);
  }

  std::vector<DuplicateCandidate> best_first() && {
    std::vector<DuplicateCandidate> out;
    for (auto& [key, candidate] : found_) out.push_back(std::move(candidate));
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.match.score > b.match.score; });
    return out;
  }

 private:
  DuplicateCandidate& at(RecordKind kind, Id id, std::string name) {
    auto [it, fresh] = found_.try_emplace({kind, id});
    if (fresh) it->second = {kind, id, std::move(name), {}};
    return it->second;
  }

  Id self_;
  std::map<std::pair<RecordKind, Id>, DuplicateCandidate> found_;  // ordered: ties stay by kind, then id
};

// The lead's e-mail and phone as the engine stores them, or empty when they
// would not pass its checks (the write then fails with the engine's message).
void normalise_contacts(MatchSubject& s, const Engine& engine) {
  try {
    if (!s.email.empty()) s.email = normalize_email(s.email);
  } catch (const Error&) {
    s.email.clear();
  }
  try {
    if (!s.phone.empty()) s.phone = normalize_phone(s.phone, engine.options().default_region, PhoneCheck::possible);
  } catch (const Error&) {
    s.phone.clear();
  }
}

void exact_candidates(const Engine& engine, const MatchSubject& s, const MatchRules& rules, Collector& out) {
  if (!s.email.empty() && has_rule(rules, MatchField::email, true)) {
    each_page(engine, LeadQuery{.email = s.email},
              [&](const Lead& l) { out.exact(RecordKind::lead, l.id, l.display_name, MatchField::email); });
    if (auto c = engine.find_customer_by_email(s.email))
      out.exact(RecordKind::customer, c->id, c->display_name, MatchField::email);
  }
  if (!s.phone.empty() && has_rule(rules, MatchField::phone, true)) {
    each_page(engine, LeadQuery{.phone = s.phone},
              [&](const Lead& l) { out.exact(RecordKind::lead, l.id, l.display_name, MatchField::phone); });
    if (auto c = engine.find_customer_by_phone(s.phone))
      out.exact(RecordKind::customer, c->id, c->display_name, MatchField::phone);
  }
  if (!s.external_id.empty() && has_rule(rules, MatchField::external_id, true)) {
    if (auto l = engine.find_lead_by_external_id(s.external_id))
      out.exact(RecordKind::lead, l->id, l->display_name, MatchField::external_id);
    if (auto c = engine.find_customer_by_external_id(s.external_id))
      out.exact(RecordKind::customer, c->id, c->display_name, MatchField::external_id);
  }
}

void fuzzy_candidates(const Engine& engine, const MatchSubject& s, const MatchRules& rules, Collector& out) {
  if (!has_rule(rules, MatchField::person_name, false) && !has_rule(rules, MatchField::company, false)) return;
  std::set<std::string> blocks;
  for (const auto& name : {s.person_name(), s.company})
    if (auto key = block_key(name); !key.empty()) blocks.insert(std::move(key));
  for (const auto& block : blocks) {
    each_page(engine, LeadQuery{.name_prefix = block}, [&](const Lead& l) {
      out.fuzzy(RecordKind::lead, l.id, l.display_name, compare(s, subject_of(l), rules));
    });
    each_page(engine, CustomerQuery{.name_prefix = block}, [&](const Customer& c) {
      out.fuzzy(RecordKind::customer, c.id, c.display_name, compare(s, subject_of(c), rules));
    });
  }
}

std::string describe(const DuplicateCandidate& c) {
  std::string text = std::string(c.kind == RecordKind::lead ? "lead " : "customer ") + std::to_string(c.id) + " '" +
                     c.name + "' (score " + std::to_string(c.match.score).substr(0, 4);
  for (const auto& reason : c.match.reasons)
    text += "; " + std::string(to_string(reason.field)) + " " + std::string(to_string(reason.method));
  return text + ")";
}

}  // namespace

std::vector<DuplicateCandidate> find_duplicates(const Engine& engine, const Lead& lead, const MatchRules& rules) {
  validate(rules);
  MatchSubject subject = subject_of(lead);
  normalise_contacts(subject, engine);
  Collector found(lead.id);
  exact_candidates(engine, subject, rules, found);
  fuzzy_candidates(engine, subject, rules, found);
  return std::move(found).best_first();
}

LeadCreation create_lead(Engine& engine, Lead lead, DuplicatePolicy policy, const MatchRules& rules) {
  auto tx = engine.transaction();  // no other write between the check and the create
  LeadCreation result;
  if (policy != DuplicatePolicy::allow) result.duplicates = find_duplicates(engine, lead, rules);
  if (policy == DuplicatePolicy::refuse && !result.duplicates.empty()) {
    const auto more = result.duplicates.size() - 1;
    throw Error(Errc::already_exists, "lead '" + lead.display_name + "': looks like a duplicate of " +
                                          describe(result.duplicates.front()) +
                                          (more > 0 ? " and " + std::to_string(more) + " more" : ""));
  }
  result.lead = engine.create(std::move(lead));
  tx.commit();
  return result;
}

std::vector<DuplicatePair> scan_duplicates(const Engine& engine, const MatchRules& rules,
                                           const std::function<void(std::size_t)>& progress) {
  validate(rules);
  std::vector<DuplicatePair> pairs;
  std::size_t scanned = 0;
  each_page(engine, LeadQuery{}, [&](const Lead& lead) {
    for (auto& candidate : find_duplicates(engine, lead, rules))
      if (candidate.kind == RecordKind::customer || candidate.id > lead.id)
        pairs.push_back({lead.id, std::move(candidate)});
    if (++scanned % 1000 == 0 && progress) progress(scanned);
  });
  if (progress) progress(scanned);
  return pairs;
}

}  // namespace crm
