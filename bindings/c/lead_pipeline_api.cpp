// SPDX-License-Identifier: Apache-2.0
// Leads in the pipeline: duplicate detection (one lead, or a scan of them
// all), creation under a duplicate policy, conversion into a customer (and
// deal), assignment by rules and scoring.
#include <crm/pipeline/assignment.hpp>
#include <crm/pipeline/conversion.hpp>
#include <crm/pipeline/dedup.hpp>
#include <crm/pipeline/scoring.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>

#include "guard.hpp"
#include "json_args.hpp"

using namespace crm::c_api;

namespace {

std::string_view kind_name(crm::RecordKind kind) { return kind == crm::RecordKind::lead ? "lead" : "customer"; }

json candidate_json(const crm::DuplicateCandidate& candidate) {
  json result = make_object("kind", std::string(kind_name(candidate.kind)), "id", candidate.id, "name",
                            candidate.name, "score", candidate.match.score, "reasons", json::array());
  const crm::detail::ReleaseOnThrow release(result);
  for (const auto& reason : candidate.match.reasons)
    append(result["reasons"], make_object("field", std::string(crm::to_string(reason.field)), "method",
                                          std::string(crm::to_string(reason.method)), "similarity",
                                          reason.similarity));
  return result;
}

json candidates_json(const std::vector<crm::DuplicateCandidate>& candidates) {
  json array = json::array();
  const crm::detail::ReleaseOnThrow release(array);
  for (const auto& candidate : candidates) append(array, candidate_json(candidate));
  return array;
}

crm::DuplicatePolicy policy_of(const std::string& what, const std::string& spelling) {
  try {
    return crm::parse_enum<crm::DuplicatePolicy>(spelling);
  } catch (const crm::Error& e) {
    throw crm::Error(crm::Errc::invalid_argument, what + ": " + e.what());
  }
}

// Every key is read before the engine is touched, so bad options write nothing.
crm::ConversionOptions conversion_options(const char* text) {
  const JsonArgs args(text, "conversion options", {"customer_id", "with_organisation", "opportunity", "on_similar"});
  crm::ConversionOptions options;
  if (auto id = args.integer("customer_id")) options.customer_id = *id;
  if (auto flag = args.boolean("with_organisation")) options.with_organisation = *flag;
  if (const json* deal = args.object("opportunity")) options.opportunity = crm::from_json<crm::Opportunity>(deal->dump());
  options.on_similar = args.enumeration("on_similar", options.on_similar);
  return options;
}

json optional_record(const auto& record) { return record ? record_json(*record) : json(nullptr); }


std::string required_text(const JsonArgs& args, std::string_view key) {
  auto value = args.text(key);
  if (!value) args.refuse(key, "required");
  return std::move(*value);
}

constexpr std::int64_t int32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();

// --- assignment ------------------------------------------------------------------

// Every key is read before the engine is touched; assign_lead() then checks
// the rules as a set (names, teams) before it writes.
crm::AssignmentRules assignment_rules(const char* text) {
  const JsonArgs args(text, "assignment rules", {"rules"});
  crm::AssignmentRules rules;
  for (const auto& rule_args : args.objects(
           "rules", {"name", "territory", "industry", "source", "strategy", "owner", "team"})) {
    crm::AssignmentRule rule;
    rule.name = required_text(rule_args, "name");
    rule.territory = rule_args.text("territory").value_or("");
    rule.industry = rule_args.text("industry").value_or("");
    rule.source = rule_args.text("source").value_or("");
    rule.strategy = rule_args.enumeration("strategy", crm::AssignStrategy::fixed_owner);
    rule.owner = rule_args.text("owner").value_or("");
    for (const auto& member_args : rule_args.objects("team", {"name", "capacity"})) {
      crm::TeamMember member;
      member.name = required_text(member_args, "name");
      member.capacity =
          static_cast<std::size_t>(member_args.integer_in("capacity", 0, std::numeric_limits<std::int64_t>::max())
                                       .value_or(0));
      rule.team.push_back(std::move(member));
    }
    rules.rules.push_back(std::move(rule));
  }
  return rules;
}

json decision_json(const std::optional<crm::AssignmentDecision>& decision) {
  if (!decision) return make_object("assigned", false, "rule", nullptr, "strategy", nullptr, "owner", nullptr);
  return make_object("assigned", true, "rule", decision->rule, "strategy",
                     std::string(crm::to_string(decision->strategy)), "owner", decision->owner);
}

// --- scoring ---------------------------------------------------------------------

struct ScoringConfig {
  crm::PredictiveConfig predictive;
  std::optional<crm::RuleScoring> rules;  // set when "rules" or "behaviour" is given
};

ScoringConfig scoring_config(const char* text) {
  const JsonArgs args(text, "scoring config", {"fields", "smoothing", "min_count", "rules", "behaviour"});
  ScoringConfig config;
  if (auto fields = args.texts("fields")) config.predictive.fields = std::move(*fields);
  if (auto smoothing = args.number("smoothing")) {
    if (!(*smoothing > 0)) args.refuse("smoothing", "expected a number above 0");
    config.predictive.smoothing = *smoothing;
  }
  if (auto min_count = args.integer("min_count")) config.predictive.min_count = *min_count;
  if (!args.has("rules") && !args.has("behaviour")) return config;
  crm::RuleScoring& scoring = config.rules.emplace();
  for (const auto& rule_args : args.objects("rules", {"field", "op", "value", "points"})) {
    crm::ScoringRule rule;
    rule.field = required_text(rule_args, "field");
    rule.op = rule_args.enumeration("op", crm::RuleOp::equals);
    rule.value = rule_args.text("value").value_or("");
    rule.points = static_cast<std::int32_t>(rule_args.integer_in("points", int32_min, int32_max).value_or(0));
    scoring.rules.push_back(std::move(rule));
  }
  for (const auto& rule_args : args.objects("behaviour", {"kind", "threshold", "points"})) {
    crm::BehaviourRule rule;
    const auto kind = rule_args.text("kind");
    if (!kind) rule_args.refuse("kind", "required");
    rule.kind = rule_args.enumeration("kind", rule.kind);
    rule.threshold = rule_args.integer("threshold").value_or(0);
    rule.points = static_cast<std::int32_t>(rule_args.integer_in("points", int32_min, int32_max).value_or(0));
    scoring.behaviour.push_back(rule);
  }
  return config;
}

// The lead's interactions, counted page by page (newest first).
crm::LeadActivity lead_activity(const crm::Engine& engine, crm::Id lead_id) {
  crm::LeadActivity activity;
  crm::InteractionQuery query;
  query.lead_id = lead_id;
  query.limit = crm::max_page_size;
  do {
    auto page = engine.list(query);
    crm::require_whole(page);  // the score counts every interaction
    for (const auto& interaction : page.items) {
      ++activity.interactions;
      if (interaction.direction == crm::Direction::inbound) ++activity.inbound;
      if (!activity.last_contact || interaction.occurred_at > *activity.last_contact)
        activity.last_contact = interaction.occurred_at;
    }
    query.cursor = std::move(page.next_cursor);
  } while (!query.cursor.empty());
  return activity;
}

json prediction_json(const crm::Prediction& prediction) {
  json result = make_object("probability", prediction.probability, "percent", prediction.percent, "trained",
                            prediction.trained, "contributions", json::array());
  const crm::detail::ReleaseOnThrow release(result);
  for (const auto& c : prediction.contributions)
    append(result["contributions"], make_object("field", c.field, "value", c.value, "weight", c.weight));
  return result;
}

json explanation_json(const crm::ScoreExplanation& explanation) {
  json result = make_object("score", explanation.score, "raw", explanation.raw, "hits", json::array());
  const crm::detail::ReleaseOnThrow release(result);
  for (const auto& hit : explanation.hits)
    append(result["hits"], make_object("description", hit.description, "points", hit.points));
  return result;
}

json lead_score(const crm::Engine& engine, crm::Id lead_id, const ScoringConfig& config) {
  const auto lead = engine.get<crm::Lead>(lead_id);
  json result = prediction_json(crm::predict(lead, engine.lead_outcomes(), config.predictive));
  const crm::detail::ReleaseOnThrow release(result);
  if (config.rules) {
    const auto& clock = engine.options().clock;
    const auto now = clock ? clock->now() : crm::SystemClock().now();
    put(result, "rule_score", explanation_json(crm::rule_score(lead, lead_activity(engine, lead_id), *config.rules, now)));
  }
  return result;
}

// --- scanning ----------------------------------------------------------------------

json pairs_json(const std::vector<crm::DuplicatePair>& pairs) {
  json result = make_object("pairs", json::array());
  const crm::detail::ReleaseOnThrow release(result);
  for (const auto& pair : pairs) {
    json entry = candidate_json(pair.duplicate);
    entry["lead_id"] = pair.lead_id;
    append(result["pairs"], std::move(entry));
  }
  return result;
}

// The calls that gained a _json name (crm.h, "Names"), each once: the new
// name and its deprecated alias pass the name the caller used, so messages
// name the function called.

crm_status create_lead_checked_call(const char* function, crm_engine* engine, crm_lead* lead, const char* policy,
                          char** out_duplicates_json) {
  reset_out(out_duplicates_json);
  return guarded(function, [&] {
    require(lead, "lead");
    const auto chosen = policy_of("policy", require(policy, "policy"));
    auto created = with_engine(engine, [&](crm::Engine& e) { return crm::create_lead(e, lead->value, chosen); });
    // Written before the handle changes: a failure here leaves it unchanged.
    if (out_duplicates_json != nullptr) *out_duplicates_json = emit_json(candidates_json(created.duplicates));
    lead->value = std::move(created.lead);
  });
}

crm_status convert_lead_call(const char* function, crm_engine* engine, int64_t lead_id, int64_t expected_version,
                   const char* options_json, char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    const auto options = conversion_options(options_json);
    auto result =
        with_engine(engine, [&](crm::Engine& e) { return crm::convert_lead(e, lead_id, expected_version, options); });
    if (out_json == nullptr) return;
    json document = make_object("customer_created", result.customer_created, "interactions_moved",
                                result.interactions_moved);
    const crm::detail::ReleaseOnExit release(document);  // emit_json takes it when all went well
    put(document, "lead", record_json(result.lead));
    put(document, "customer", record_json(result.customer));
    put(document, "organisation", optional_record(result.organisation));
    put(document, "opportunity", optional_record(result.opportunity));
    put(document, "similar", candidates_json(result.similar));
    *out_json = emit_json(std::move(document));
  });
}

crm_status assign_lead_call(const char* function, crm_engine* engine, int64_t lead_id, const char* rules_json,
                  char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    const auto rules = assignment_rules(require(rules_json, "rules_json"));
    auto decision = with_engine(engine, [&](crm::Engine& e) { return crm::assign_lead(e, lead_id, rules); });
    if (out_json != nullptr) *out_json = emit_json(decision_json(decision));
  });
}

crm_status score_lead_call(const char* function, crm_engine* engine, int64_t lead_id, const char* config_json,
                 char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    require(out_json, "out_json");
    const auto config = scoring_config(config_json);
    *out_json = emit_json(with_engine(engine, [&](crm::Engine& e) { return lead_score(e, lead_id, config); }));
  });
}

}  // namespace

extern "C" {

crm_status crm_lead_duplicates_json(crm_engine* engine, const char* lead_json, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    const auto lead = crm::from_json<crm::Lead>(require(lead_json, "lead_json"));
    auto found = with_engine(engine, [&](crm::Engine& e) { return crm::find_duplicates(e, lead); });
    *out_json = emit_json(candidates_json(found));
  });
}

crm_status crm_lead_create_checked_json(crm_engine* engine, crm_lead* lead, const char* policy,
                                        char** out_duplicates_json) {
  return create_lead_checked_call(__func__, engine, lead, policy, out_duplicates_json);
}
crm_status crm_lead_convert_json(crm_engine* engine, int64_t lead_id, int64_t expected_version,
                                 const char* options_json, char** out_json) {
  return convert_lead_call(__func__, engine, lead_id, expected_version, options_json, out_json);
}
crm_status crm_lead_assign_json(crm_engine* engine, int64_t lead_id, const char* rules_json, char** out_json) {
  return assign_lead_call(__func__, engine, lead_id, rules_json, out_json);
}
crm_status crm_lead_score_json(crm_engine* engine, int64_t lead_id, const char* config_json, char** out_json) {
  return score_lead_call(__func__, engine, lead_id, config_json, out_json);
}

// Deprecated aliases (crm.h), kept for the ABI.
crm_status crm_lead_create_checked(crm_engine* engine, crm_lead* lead, const char* policy,
                                   char** out_duplicates_json) {
  return create_lead_checked_call(__func__, engine, lead, policy, out_duplicates_json);
}
crm_status crm_lead_convert(crm_engine* engine, int64_t lead_id, int64_t expected_version, const char* options_json,
                            char** out_json) {
  return convert_lead_call(__func__, engine, lead_id, expected_version, options_json, out_json);
}
crm_status crm_lead_assign(crm_engine* engine, int64_t lead_id, const char* rules_json, char** out_json) {
  return assign_lead_call(__func__, engine, lead_id, rules_json, out_json);
}
crm_status crm_lead_score(crm_engine* engine, int64_t lead_id, const char* config_json, char** out_json) {
  return score_lead_call(__func__, engine, lead_id, config_json, out_json);
}

crm_status crm_duplicates_scan_json(crm_engine* engine, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    *out_json = emit_json(with_engine(engine, [&](crm::Engine& e) { return pairs_json(crm::scan_duplicates(e)); }));
  });
}

}  // extern "C"
