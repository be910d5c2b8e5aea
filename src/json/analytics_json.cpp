// SPDX-License-Identifier: Apache-2.0
// Analytics results as JSON (crm/json.hpp): money in minor units of the
// report's currency, times in ms since the epoch, enums by name.
//
// Reports can be large (a basket report keeps up to 10,000 rules, a segment
// page 1,000 customers) and are written when memory may be short, so they
// are built without nlohmann's initializer lists and released after they
// are dumped (json/json_release.hpp): running out of memory here is
// std::bad_alloc, never std::terminate from a destructor that allocates.
#include <nlohmann/json.hpp>

#include "crm/json.hpp"
#include "json/json_release.hpp"

namespace crm {

namespace {

using json = nlohmann::json;
using detail::make_object;
using detail::put;
using namespace analytics;

json stats_value(const PurchaseStats& s) {
  return make_object("customer_id", s.customer_id, "currency", s.currency.code(), "purchases", s.purchases,
                     "purchase_days", s.purchase_days, "total_minor", s.total_minor, "first_day_minor",
                     s.first_day_minor, "average_minor", s.average_minor(), "first_at", to_millis(s.first_at),
                     "last_at", to_millis(s.last_at));
}

template <class Params>
json fit_value(const ModelFit<Params>& fit, json params) {
  const detail::ReleaseOnThrow release(params);
  params["log_likelihood"] = fit.log_likelihood;
  params["customers"] = fit.customers;
  params["iterations"] = fit.iterations;
  params["converged"] = fit.converged;
  return params;
}

json customer_value_json(const CustomerValue& v) {
  return make_object("customer_id", v.customer_id, "frequency", v.summary.frequency, "recency", v.summary.recency,
                     "age", v.summary.age, "average_spend_minor", v.summary.average_spend, "p_alive", v.p_alive,
                     "churn_risk", v.churn_risk, "expected_purchases", v.expected_purchases,
                     "expected_average_spend_minor", v.expected_average_spend, "clv_minor", v.clv);
}

// Appends the value make() builds, released if appending fails.
template <class Make>
void append(json& list, Make&& make) {
  json item = make();
  const detail::ReleaseOnThrow release(item);
  list.push_back(std::move(item));
}

}  // namespace

std::string to_json(const PurchaseStats& stats) {
  json document = stats_value(stats);
  return detail::dump_and_release(document);
}

std::string to_json(const std::vector<PurchaseStats>& stats) {
  json all = json::array();
  const detail::ReleaseOnExit release(all);
  for (const auto& s : stats) append(all, [&] { return stats_value(s); });
  return all.dump();
}

std::string to_json(const PurchaseStatsRebuild& r) {
  json document = make_object("purchases", r.purchases, "stats", r.stats, "added", r.added, "corrected",
                              r.corrected, "removed", r.removed);
  return detail::dump_and_release(document);
}

std::string to_json(const RfmReport& report) {
  const auto& s = report.summary;
  const auto q = static_cast<std::size_t>(s.cuts.scores);
  json document = make_object("currency", report.currency.code(), "as_of", to_millis(s.cuts.as_of), "scores",
                              s.cuts.scores, "customers", s.cuts.population);
  const detail::ReleaseOnExit release(document);
  put(document, "cuts",
      make_object("recency_ms", s.cuts.recency_ms, "frequency", s.cuts.frequency, "monetary_minor",
                  s.cuts.monetary_minor));
  json& segments = document["segments"] = json::array();
  for (const auto& [name, customers] : s.segments)
    append(segments, [&, &n = name, &c = customers] { return make_object("name", n, "customers", c); });
  json& counts = document["score_counts"] = json::object();
  for (std::size_t d = 0; d < 3; ++d)
    put(counts, std::string(1, "rfm"[d]),
        std::vector<std::size_t>(s.score_counts[d].begin(), s.score_counts[d].begin() + q));
  return document.dump();
}

std::string to_json(const ValueReport& report) {
  json document = make_object("currency", report.currency.code(), "as_of", to_millis(report.as_of), "customers",
                              report.customers);
  const detail::ReleaseOnExit release(document);
  put(document, "thresholds",
      make_object("frequency", report.matrix.thresholds.frequency, "average_spend_minor",
                  report.matrix.thresholds.average_spend_minor));
  json& quadrants = document["quadrants"] = json::array();
  for (const auto& [quadrant, name] : EnumNames<ValueQuadrant>::names) {
    const auto i = static_cast<std::size_t>(quadrant);
    append(quadrants, [&, &n = name] {
      return make_object("quadrant", n, "customers", report.matrix.customers[i], "total_minor",
                         report.matrix.total_minor[i]);
    });
  }
  json& stages = document["stages"] = json::array();
  for (const auto& [stage, name] : EnumNames<PurchaseStage>::names) {
    const auto i = static_cast<std::size_t>(stage);
    append(stages, [&, &n = name] { return make_object("stage", n, "customers", report.stages[i]); });
  }
  return document.dump();
}

std::string to_json(const ClvReport& report) {
  const auto& bg = report.purchases.params;
  const auto& gg = report.spend.params;
  json document = make_object(
      "currency", report.currency.code(), "as_of", to_millis(report.as_of), "period_days",
      static_cast<double>(report.period.count()) / 86'400'000.0, "horizon_periods", report.clv.horizon_periods,
      "discount_rate", report.clv.discount_rate, "margin", report.clv.margin, "customers", report.customers,
      "repeat_customers", report.repeat_customers, "total_clv_minor", report.total_clv, "churn_risk_bands",
      report.churn_risk_bands);
  const detail::ReleaseOnExit release(document);
  put(document, "bg_nbd", fit_value(report.purchases, make_object("r", bg.r, "alpha", bg.alpha, "a", bg.a, "b", bg.b)));
  put(document, "gamma_gamma", fit_value(report.spend, make_object("p", gg.p, "q", gg.q, "gamma_minor", gg.gamma)));
  json& top = document["top"] = json::array();
  for (const auto& v : report.top) append(top, [&] { return customer_value_json(v); });
  return document.dump();
}

std::string to_json(const BasketReport& report) {
  // stopped_by names the budget's query key, or is null when nothing stopped.
  json document = make_object("baskets", report.baskets, "items", report.items, "itemsets",
                              report.itemsets.size(), "rules_found", report.rules_found, "truncated",
                              report.truncated(), "stopped_by",
                              report.truncated() ? json(to_string(report.stopped_by)) : json(nullptr));
  const detail::ReleaseOnExit release(document);
  json& rules = document["rules"] = json::array();
  rules.get_ref<json::array_t&>().reserve(report.rules.size());
  for (const auto& r : report.rules)
    append(rules, [&] {
      return make_object("antecedent", r.antecedent, "consequent", r.consequent, "baskets", r.baskets, "support",
                         r.support, "confidence", r.confidence, "lift", r.lift);
    });
  return document.dump();
}

std::string to_json(const Page<SegmentMember>& page) {
  json document = make_object("next_cursor", page.next_cursor);
  const detail::ReleaseOnExit release(document);
  json& items = document["items"] = json::array();
  for (const auto& m : page.items)
    append(items, [&] {
      json item = stats_value(m.stats);
      const detail::ReleaseOnThrow release_item(item);
      item["r"] = m.rfm.r;
      item["f"] = m.rfm.f;
      item["m"] = m.rfm.m;
      item["segment"] = m.rfm.segment;
      item["quadrant"] = to_string(m.quadrant);
      item["stage"] = to_string(m.stage);
      return item;
    });
  return document.dump();
}

}  // namespace crm
