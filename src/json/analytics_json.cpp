// Analytics results as JSON (crm/json.hpp): money in minor units of the
// report's currency, times in ms since the epoch, enums by name.
#include <nlohmann/json.hpp>

#include "crm/json.hpp"

namespace crm {

namespace {

using json = nlohmann::json;
using namespace analytics;

json stats_value(const PurchaseStats& s) {
  return {{"customer_id", s.customer_id},       {"currency", s.currency.code()},
          {"purchases", s.purchases},           {"purchase_days", s.purchase_days},
          {"total_minor", s.total_minor},       {"first_day_minor", s.first_day_minor},
          {"average_minor", s.average_minor()}, {"first_at", to_millis(s.first_at)},
          {"last_at", to_millis(s.last_at)}};
}

template <class Params>
json fit_value(const ModelFit<Params>& fit, json params) {
  params["log_likelihood"] = fit.log_likelihood;
  params["customers"] = fit.customers;
  params["iterations"] = fit.iterations;
  params["converged"] = fit.converged;
  return params;
}

json customer_value_json(const CustomerValue& v) {
  return {{"customer_id", v.customer_id},
          {"frequency", v.summary.frequency},
          {"recency", v.summary.recency},
          {"age", v.summary.age},
          {"average_spend_minor", v.summary.average_spend},
          {"p_alive", v.p_alive},
          {"churn_risk", v.churn_risk},
          {"expected_purchases", v.expected_purchases},
          {"expected_average_spend_minor", v.expected_average_spend},
          {"clv_minor", v.clv}};
}

}  // namespace

std::string to_json(const PurchaseStats& stats) { return stats_value(stats).dump(); }

std::string to_json(const std::vector<PurchaseStats>& stats) {
  json all = json::array();
  for (const auto& s : stats) all.push_back(stats_value(s));
  return all.dump();
}

std::string to_json(const PurchaseStatsRebuild& r) {
  return json{{"purchases", r.purchases}, {"stats", r.stats},         {"added", r.added},
              {"corrected", r.corrected}, {"removed", r.removed}}
      .dump();
}

std::string to_json(const RfmReport& report) {
  const auto& s = report.summary;
  const auto q = static_cast<std::size_t>(s.cuts.scores);
  json segments = json::array();
  for (const auto& [name, customers] : s.segments) segments.push_back({{"name", name}, {"customers", customers}});
  json counts = json::object();
  for (std::size_t d = 0; d < 3; ++d)
    counts[std::string(1, "rfm"[d])] = std::vector<std::size_t>(s.score_counts[d].begin(), s.score_counts[d].begin() + q);
  return json{{"currency", report.currency.code()},
              {"as_of", to_millis(s.cuts.as_of)},
              {"scores", s.cuts.scores},
              {"customers", s.cuts.population},
              {"cuts",
               {{"recency_ms", s.cuts.recency_ms},
                {"frequency", s.cuts.frequency},
                {"monetary_minor", s.cuts.monetary_minor}}},
              {"segments", std::move(segments)},
              {"score_counts", std::move(counts)}}
      .dump();
}

std::string to_json(const ValueReport& report) {
  json quadrants = json::array();
  for (const auto& [quadrant, name] : EnumNames<ValueQuadrant>::names) {
    const auto i = static_cast<std::size_t>(quadrant);
    quadrants.push_back({{"quadrant", name},
                         {"customers", report.matrix.customers[i]},
                         {"total_minor", report.matrix.total_minor[i]}});
  }
  json stages = json::array();
  for (const auto& [stage, name] : EnumNames<PurchaseStage>::names)
    stages.push_back({{"stage", name}, {"customers", report.stages[static_cast<std::size_t>(stage)]}});
  return json{{"currency", report.currency.code()},
              {"as_of", to_millis(report.as_of)},
              {"customers", report.customers},
              {"thresholds",
               {{"frequency", report.matrix.thresholds.frequency},
                {"average_spend_minor", report.matrix.thresholds.average_spend_minor}}},
              {"quadrants", std::move(quadrants)},
              {"stages", std::move(stages)}}
      .dump();
}

std::string to_json(const ClvReport& report) {
  const auto& bg = report.purchases.params;
  const auto& gg = report.spend.params;
  json top = json::array();
  for (const auto& v : report.top) top.push_back(customer_value_json(v));
  return json{{"currency", report.currency.code()},
              {"as_of", to_millis(report.as_of)},
              {"period_days", static_cast<double>(report.period.count()) / 86'400'000.0},
              {"horizon_periods", report.clv.horizon_periods},
              {"discount_rate", report.clv.discount_rate},
              {"margin", report.clv.margin},
              {"customers", report.customers},
              {"repeat_customers", report.repeat_customers},
              {"bg_nbd", fit_value(report.purchases, {{"r", bg.r}, {"alpha", bg.alpha}, {"a", bg.a}, {"b", bg.b}})},
              {"gamma_gamma", fit_value(report.spend, {{"p", gg.p}, {"q", gg.q}, {"gamma_minor", gg.gamma}})},
              {"total_clv_minor", report.total_clv},
              {"churn_risk_bands", report.churn_risk_bands},
              {"top", std::move(top)}}
      .dump();
}

std::string to_json(const BasketReport& report) {
  json rules = json::array();
  for (const auto& r : report.rules)
    rules.push_back({{"antecedent", r.antecedent},
                     {"consequent", r.consequent},
                     {"baskets", r.baskets},
                     {"support", r.support},
                     {"confidence", r.confidence},
                     {"lift", r.lift}});
  return json{{"baskets", report.baskets},
              {"items", report.items},
              {"itemsets", report.itemsets.size()},
              {"rules", std::move(rules)}}
      .dump();
}

std::string to_json(const Page<SegmentMember>& page) {
  json items = json::array();
  for (const auto& m : page.items) {
    json item = stats_value(m.stats);
    item["r"] = m.rfm.r;
    item["f"] = m.rfm.f;
    item["m"] = m.rfm.m;
    item["segment"] = m.rfm.segment;
    item["quadrant"] = to_string(m.quadrant);
    item["stage"] = to_string(m.stage);
    items.push_back(std::move(item));
  }
  return json{{"items", std::move(items)}, {"next_cursor", page.next_cursor}}.dump();
}

}  // namespace crm
