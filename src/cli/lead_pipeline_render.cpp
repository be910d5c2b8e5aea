// SPDX-License-Identifier: Apache-2.0
// How duplicates, conversions, assignments and predictions look on stdout.
#include <crm/json.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <utility>

#include "lead_pipeline.hpp"

namespace crm::cli {

namespace {

using nlohmann::json;

std::string kind_text(RecordKind kind) { return kind == RecordKind::lead ? "lead" : "customer"; }

json json_of(const DuplicateCandidate& c) {
  json reasons = json::array();
  for (const auto& r : c.match.reasons)
    reasons.push_back({{"field", std::string(to_string(r.field))},
                       {"method", std::string(to_string(r.method))},
                       {"similarity", r.similarity}});
  return {{"kind", kind_text(c.kind)}, {"id", c.id}, {"name", c.name}, {"score", c.match.score}, {"reasons", reasons}};
}

json json_list(const std::vector<DuplicateCandidate>& candidates) {
  json out = json::array();
  for (const auto& c : candidates) out.push_back(json_of(c));
  return out;
}

template <Record T>
json record_json(const T& record) {
  return json::parse(crm::to_json(record));
}

std::string weight_text(double weight) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.2f", weight);
  return text;
}

std::string lead_text(const Lead& lead) { return "lead " + std::to_string(lead.id) + " '" + lead.display_name + "'"; }

}  // namespace

std::string score_text(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", score);
  return text;
}

std::string reasons_text(const MatchResult& match) {
  std::string out;
  for (const auto& r : match.reasons) {
    out += (out.empty() ? "" : "; ") + std::string(to_string(r.field)) + " " + std::string(to_string(r.method));
    if (r.method != MatchMethod::exact) out += " " + score_text(r.similarity);
  }
  return out;
}

Table candidates_table(const std::vector<DuplicateCandidate>& candidates) {
  Table table({{"kind"}, {"id", true}, {"name"}, {"score", true}, {"why", false, 80}});
  for (const auto& c : candidates)
    table.add({kind_text(c.kind), std::to_string(c.id), c.name, score_text(c.match.score), reasons_text(c.match)});
  return table;
}

void warn_duplicates(std::ostream& err, const std::string& subject, const std::vector<DuplicateCandidate>& candidates) {
  if (candidates.empty()) return;
  err << "crm: warning: " << subject << " may duplicate:\n";
  candidates_table(candidates).print(err);
}

void print_duplicates(const Context& ctx, Id lead, const std::vector<DuplicateCandidate>& candidates) {
  if (ctx.options.json) {
    std::cout << json{{"lead_id", lead}, {"duplicates", json_list(candidates)}}.dump() << '\n';
    return;
  }
  if (candidates.empty())
    std::cout << "no duplicates of lead " << lead << '\n';
  else
    candidates_table(candidates).print(std::cout);
}

void print_pairs(const Context& ctx, const std::vector<DuplicatePair>& pairs) {
  if (ctx.options.json) {
    json out = json::array();
    for (const auto& p : pairs) out.push_back({{"lead_id", p.lead_id}, {"duplicate", json_of(p.duplicate)}});
    std::cout << json{{"pairs", out}}.dump() << '\n';
    return;
  }
  if (pairs.empty()) {
    std::cout << "no duplicates\n";
    return;
  }
  Table table({{"lead", true}, {"kind"}, {"id", true}, {"name"}, {"score", true}, {"why", false, 80}});
  for (const auto& p : pairs) {
    const auto& c = p.duplicate;
    table.add({std::to_string(p.lead_id), kind_text(c.kind), std::to_string(c.id), c.name, score_text(c.match.score),
               reasons_text(c.match)});
  }
  table.print(std::cout);
}

void print_conversion(const Context& ctx, const ConversionResult& r, const ConversionNews& news) {
  const bool customer_created =
      r.customer_created || (r.organisation && r.organisation->id == r.customer.id && news.organisation_created);
  if (ctx.options.json) {
    json out{{"lead", record_json(r.lead)},
             {"customer", record_json(r.customer)},
             {"customer_created", customer_created},
             {"organisation", r.organisation ? record_json(*r.organisation) : json()},
             {"organisation_created", news.organisation_created},
             {"opportunity", r.opportunity ? record_json(*r.opportunity) : json()},
             {"interactions_moved", r.interactions_moved},
             {"similar", json_list(r.similar)}};
    std::cout << out.dump() << '\n';
    return;
  }
  const auto made = [](bool created) { return created ? " (created)" : " (existing)"; };
  Table table({{"", false, 20}, {"", false, 200}});
  table.add({"lead", std::to_string(r.lead.id) + " " + r.lead.display_name + " (converted)"});
  table.add({"customer", std::to_string(r.customer.id) + " " + r.customer.display_name + made(customer_created)});
  if (r.organisation)
    table.add({"organisation", std::to_string(r.organisation->id) + " " + r.organisation->display_name +
                                   made(news.organisation_created)});
  if (r.opportunity) {
    const auto& o = *r.opportunity;
    std::string text = std::to_string(o.id) + " " + o.name + ", " + o.stage;
    if (o.amount) text += ", " + to_string(*o.amount);
    table.add({"deal", text + " (created)"});
  }
  table.add({"interactions moved", std::to_string(r.interactions_moved)});
  table.print(std::cout);
}

void print_assignment(const Context& ctx, const Lead& lead, const std::optional<AssignmentDecision>& decision) {
  if (ctx.options.json) {
    json out{{"lead_id", lead.id}, {"assigned", decision.has_value()}};
    if (decision) {
      out["owner"] = decision->owner;
      out["rule"] = decision->rule;
      out["strategy"] = std::string(to_string(decision->strategy));
    }
    std::cout << out.dump() << '\n';
    return;
  }
  if (decision)
    std::cout << lead_text(lead) << ": owner " << decision->owner << " (rule '" << decision->rule << "', "
              << to_string(decision->strategy) << ")\n";
  else
    std::cout << lead_text(lead) << ": no rule matches; owner unchanged\n";
}

void print_prediction(const Context& ctx, const Lead& lead, const OutcomeCounts& counts, const Prediction& p) {
  if (ctx.options.json) {
    json contributions = json::array();
    for (const auto& c : p.contributions)
      contributions.push_back({{"field", c.field}, {"value", c.value}, {"weight", c.weight}});
    json out{{"lead_id", lead.id},
             {"trained", p.trained},
             {"won", counts.total.won},
             {"lost", counts.total.lost},
             {"probability", p.trained ? json(p.probability) : json()},
             {"percent", p.trained ? json(p.percent) : json()},
             {"contributions", contributions}};
    std::cout << out.dump() << '\n';
    return;
  }
  if (!p.trained) {
    std::cout << lead_text(lead) << ": not trained yet (no closed leads)\n";
    return;
  }
  char probability[32];
  std::snprintf(probability, sizeof probability, "%.4f", p.probability);
  std::cout << lead_text(lead) << ": " << p.percent << "% likely to convert (probability " << probability << "; from "
            << counts.total.won << " won, " << counts.total.lost << " lost)\n";
  if (p.contributions.empty()) {
    std::cout << "no field value seen often enough to count\n";
    return;
  }
  Table table({{"", false, 60}, {"", true}});
  for (const auto& c : p.contributions) table.add({c.field + "=" + c.value, weight_text(c.weight)});
  table.print(std::cout);
}

}  // namespace crm::cli
