// Leads in the pipeline: duplicate detection, creation under a duplicate
// policy, and conversion into a customer (and deal).
#include <crm/pipeline/conversion.hpp>
#include <crm/pipeline/dedup.hpp>

#include "guard.hpp"
#include "json_args.hpp"

using namespace crm::c_api;

namespace {

std::string_view kind_name(crm::RecordKind kind) { return kind == crm::RecordKind::lead ? "lead" : "customer"; }

json candidates_json(const std::vector<crm::DuplicateCandidate>& candidates) {
  json array = json::array();
  for (const auto& candidate : candidates) {
    json reasons = json::array();
    for (const auto& reason : candidate.match.reasons)
      reasons.push_back({{"field", std::string(crm::to_string(reason.field))},
                         {"method", std::string(crm::to_string(reason.method))},
                         {"similarity", reason.similarity}});
    array.push_back({{"kind", std::string(kind_name(candidate.kind))},
                     {"id", candidate.id},
                     {"name", candidate.name},
                     {"score", candidate.match.score},
                     {"reasons", std::move(reasons)}});
  }
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
  if (auto policy = args.text("on_similar")) options.on_similar = policy_of("conversion options.on_similar", *policy);
  return options;
}

json optional_record(const auto& record) { return record ? record_json(*record) : json(nullptr); }

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

crm_status crm_lead_create_checked(crm_engine* engine, crm_lead* lead, const char* policy,
                                   char** out_duplicates_json) {
  reset_out(out_duplicates_json);
  return guarded(__func__, [&] {
    require(lead, "lead");
    const auto chosen = policy_of("policy", require(policy, "policy"));
    auto created = with_engine(engine, [&](crm::Engine& e) { return crm::create_lead(e, lead->value, chosen); });
    // Written before the handle changes: a failure here leaves it unchanged.
    if (out_duplicates_json != nullptr) *out_duplicates_json = emit_json(candidates_json(created.duplicates));
    lead->value = std::move(created.lead);
  });
}

crm_status crm_lead_convert(crm_engine* engine, int64_t lead_id, int64_t expected_version, const char* options_json,
                            char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    const auto options = conversion_options(options_json);
    auto result =
        with_engine(engine, [&](crm::Engine& e) { return crm::convert_lead(e, lead_id, expected_version, options); });
    if (out_json == nullptr) return;
    *out_json = emit_json({{"lead", record_json(result.lead)},
                           {"customer", record_json(result.customer)},
                           {"customer_created", result.customer_created},
                           {"organisation", optional_record(result.organisation)},
                           {"opportunity", optional_record(result.opportunity)},
                           {"interactions_moved", result.interactions_moved},
                           {"similar", candidates_json(result.similar)}});
  });
}

}  // extern "C"
