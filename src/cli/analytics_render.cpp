// SPDX-License-Identifier: Apache-2.0
#include "analytics_render.hpp"

#include <crm/money.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <set>

#include "render.hpp"

namespace crm::cli {

namespace {

using namespace crm::analytics;

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Four significant digits: model parameters span many orders of magnitude.
std::string general(double value) {
  if (!std::isfinite(value)) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

std::string percent(double ratio) { return fixed(ratio * 100, 1) + "%"; }

std::string share(std::size_t part, std::size_t whole) {
  return whole == 0 ? "-" : percent(static_cast<double>(part) / static_cast<double>(whole));
}

std::string days_of(std::int64_t ms) { return fixed(static_cast<double>(ms) / 86'400'000.0, 1); }

// A statistic in minor units, rounded to the currency's minor unit and
// written as crm::to_string(Money) writes money: "17.99 GBP".
std::string money_of(double minor, const Currency& currency) {
  constexpr double limit = 9.0e18;  // inside int64
  if (!std::isfinite(minor) || std::fabs(minor) >= limit) return "-";
  return to_string(Money{std::llround(minor), currency});
}

std::string as_of_text(Timestamp t) { return short_time(t) + " UTC"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " + ") + item;
  return out;
}

}  // namespace

void print_rfm(std::ostream& out, const RfmReport& report, const std::string& note) {
  const auto& s = report.summary;
  const auto n = s.cuts.population;
  out << "RFM of " << n << " customer" << (n == 1 ? "" : "s") << " who bought in " << report.currency.code()
      << ", as of " << as_of_text(s.cuts.as_of) << ", " << s.cuts.scores << " scores\n";
  Table segments({{"segment"}, {"customers", true}, {"share", true}});
  for (const auto& [name, customers] : s.segments)
    segments.add({name.empty() ? "(no segment)" : name, std::to_string(customers), share(customers, n)});
  segments.print(out);
  if (!note.empty()) out << note << '\n';

  out << "cuts: scoring above k takes a recency below cut k|k+1, a frequency or monetary value above it\n";
  std::vector<Column> columns{{"cut"}};
  for (int k = 1; k < s.cuts.scores; ++k) columns.push_back({std::to_string(k) + "|" + std::to_string(k + 1), true});
  Table cuts(std::move(columns));
  std::vector<std::string> recency{"recency (days)"}, frequency{"frequency (purchases)"}, monetary{"monetary"};
  for (const auto ms : s.cuts.recency_ms) recency.push_back(days_of(ms));
  for (const auto f : s.cuts.frequency) frequency.push_back(std::to_string(f));
  for (const auto m : s.cuts.monetary_minor) monetary.push_back(to_string(Money{m, report.currency}));
  cuts.add(std::move(recency));
  cuts.add(std::move(frequency));
  cuts.add(std::move(monetary));
  cuts.print(out);

  std::vector<Column> score_columns{{"customers per score"}};
  for (int k = 1; k <= s.cuts.scores; ++k) score_columns.push_back({std::to_string(k), true});
  Table scores(std::move(score_columns));
  for (std::size_t d = 0; d < 3; ++d) {
    std::vector<std::string> row{std::string(1, "RFM"[d])};
    for (int k = 0; k < s.cuts.scores; ++k) row.push_back(std::to_string(s.score_counts[d][static_cast<std::size_t>(k)]));
    scores.add(std::move(row));
  }
  scores.print(out);
}

void print_value(std::ostream& out, const ValueReport& report, bool given_frequency, bool given_spend) {
  const auto& m = report.matrix;
  const auto n = report.customers;
  out << "value matrix of " << n << " customer" << (n == 1 ? "" : "s") << " who bought in " << report.currency.code()
      << ", as of " << as_of_text(report.as_of) << '\n';
  out << "split at " << general(m.thresholds.frequency) << " purchases (" << (given_frequency ? "given" : "median")
      << ") and " << money_of(m.thresholds.average_spend_minor, report.currency) << " average spend per purchase ("
      << (given_spend ? "given" : "median") << "); high is above\n";
  Table quadrants({{"quadrant"}, {"frequency"}, {"spend"}, {"customers", true}, {"share", true}, {"total", true}});
  for (const auto& [quadrant, name] : EnumNames<ValueQuadrant>::names) {
    const auto i = static_cast<std::size_t>(quadrant);
    const bool frequent = quadrant == ValueQuadrant::best || quadrant == ValueQuadrant::frequent;
    const bool spends = quadrant == ValueQuadrant::best || quadrant == ValueQuadrant::spender;
    quadrants.add({std::string(name), frequent ? "high" : "low", spends ? "high" : "low", std::to_string(m.customers[i]),
                   share(m.customers[i], n), to_string(Money{m.total_minor[i], report.currency})});
  }
  quadrants.print(out);
  Table stages({{"lifecycle stage"}, {"customers", true}, {"share", true}});
  for (const auto& [stage, name] : EnumNames<PurchaseStage>::names) {
    const auto customers = report.stages[static_cast<std::size_t>(stage)];
    stages.add({std::string(name), std::to_string(customers), share(customers, n)});
  }
  stages.print(out);
}

void print_clv(std::ostream& out, const ClvReport& report, const CustomerNames& names) {
  const auto& c = report.currency;
  out << "customer lifetime value in " << c.code() << " as of " << as_of_text(report.as_of) << ": " << report.customers
      << " customers, " << report.repeat_customers << " who bought again\n";
  out << "period " << general(static_cast<double>(report.period.count()) / 86'400'000.0) << " days, horizon "
      << report.clv.horizon_periods << " periods, discount rate " << general(report.clv.discount_rate)
      << " per period, margin " << general(report.clv.margin) << '\n';

  Table models({{"model"}, {"parameters", false, 80}, {"log-likelihood", true}, {"customers", true},
                {"converged"}});
  const auto& bg = report.purchases;
  const auto& gg = report.spend;
  models.add({"BG/NBD (purchases)",
              "r " + general(bg.params.r) + "  alpha " + general(bg.params.alpha) + "  a " + general(bg.params.a) +
                  "  b " + general(bg.params.b),
              fixed(bg.log_likelihood, 2), std::to_string(bg.customers), bg.converged ? "yes" : "no"});
  const double unit = std::pow(10.0, c.minor_digits());
  models.add({"Gamma-Gamma (spend)",
              "p " + general(gg.params.p) + "  q " + general(gg.params.q) + "  gamma " +
                  general(gg.params.gamma / unit) + " " + std::string(c.code()),
              fixed(gg.log_likelihood, 2), std::to_string(gg.customers), gg.converged ? "yes" : "no"});
  models.print(out);
  out << "total CLV over " << report.clv.horizon_periods << " periods: " << money_of(report.total_clv, c) << '\n';

  Table bands({{"churn risk"}, {"customers", true}, {"share", true}});
  for (std::size_t b = 0; b < report.churn_risk_bands.size(); ++b)
    bands.add({std::to_string(b * 20) + "-" + std::to_string(b * 20 + 20) + "%",
               std::to_string(report.churn_risk_bands[b]), share(report.churn_risk_bands[b], report.customers)});
  bands.print(out);

  if (report.top.empty()) return;
  out << "top " << report.top.size() << " by CLV (x repeat purchase days; t_x, T in periods)\n";
  Table top({{"id", true}, {"name"}, {"x", true}, {"t_x", true}, {"T", true}, {"P(alive)", true},
             {"exp. purchases", true}, {"exp. spend", true}, {"CLV", true}});
  for (const auto& v : report.top) {
    const auto name = names.find(v.customer_id);
    top.add({std::to_string(v.customer_id), name != names.end() ? name->second : "", fixed(v.summary.frequency, 0),
             fixed(v.summary.recency, 1), fixed(v.summary.age, 1), percent(v.p_alive), fixed(v.expected_purchases, 2),
             money_of(v.expected_average_spend, c), money_of(v.clv, c)});
  }
  top.print(out);
}

void print_basket(std::ostream& out, const BasketReport& report, const BasketQuery& query,
                  const ItemDescriptions& descriptions) {
  const auto& o = query.options;
  out << "market basket of " << report.baskets << " purchase" << (report.baskets == 1 ? "" : "s")
      << " with line items";
  if (query.from) out << " from " << short_time(*query.from).substr(0, 10);
  if (query.to) out << " to " << short_time(*query.to - std::chrono::days{1}).substr(0, 10);  // included
  out << ": " << report.items << " distinct SKUs, " << report.itemsets.size() << " frequent itemsets\n";
  out << "min support " << percent(o.min_support) << ", min confidence " << percent(o.min_confidence)
      << ", itemsets up to " << o.max_itemset << " items\n";
  // A budget that stopped the miner is said before anything it found.
  if (report.stopped_by == BasketStop::max_itemsets)
    out << "stopped early: the budget of " << o.max_itemsets
        << " itemsets (--max-itemsets) ran out; more frequent itemsets were left\n";
  else if (report.stopped_by == BasketStop::max_rule_candidates)
    out << "stopped early: the budget of " << o.max_rule_candidates
        << " rule candidates (--max-rule-candidates) ran out; the rules of later itemsets were not scored\n";
  if (report.rules_found > report.rules.size())
    out << "the best " << report.rules.size() << " of " << report.rules_found << " rules found\n";
  if (report.rules.empty()) {
    out << "no rules\n";
    return;
  }
  Table rules({{"if bought", false, 60}, {"then also", false, 60}, {"baskets", true}, {"support", true},
               {"confidence", true}, {"lift", true}});
  std::set<std::string> skus;
  for (const auto& r : report.rules) {
    rules.add({joined(r.antecedent), joined(r.consequent), std::to_string(r.baskets), percent(r.support),
               percent(r.confidence), fixed(r.lift, 2)});
    skus.insert(r.antecedent.begin(), r.antecedent.end());
    skus.insert(r.consequent.begin(), r.consequent.end());
  }
  rules.print(out);
  if (descriptions.empty()) return;
  Table items({{"SKU"}, {"description", false, 60}});
  for (const auto& sku : skus) {
    const auto d = descriptions.find(sku);
    items.add({sku, d != descriptions.end() ? d->second : ""});
  }
  items.print(out);
}

Table segment_table(const std::vector<SegmentMember>& members, const CustomerNames& names) {
  Table table({{"id", true}, {"name"}, {"purchases", true}, {"total", true}, {"last purchase"}, {"R F M"},
               {"segment"}, {"quadrant"}, {"stage"}});
  for (const auto& m : members) {
    const auto name = names.find(m.customer_id);
    table.add({std::to_string(m.customer_id), name != names.end() ? name->second : "",
               std::to_string(m.stats.purchases), to_string(m.stats.total()), short_time(m.stats.last_at),
               std::to_string(m.rfm.r) + " " + std::to_string(m.rfm.f) + " " + std::to_string(m.rfm.m),
               m.rfm.segment, std::string(to_string(m.quadrant)), std::string(to_string(m.stage))});
  }
  return table;
}

Table stats_table(const std::vector<PurchaseStats>& stats) {
  Table table({{"currency"}, {"purchases", true}, {"days", true}, {"total", true}, {"first day", true},
               {"average", true}, {"first purchase"}, {"last purchase"}});
  for (const auto& s : stats)
    table.add({std::string(s.currency.code()), std::to_string(s.purchases), std::to_string(s.purchase_days),
               to_string(s.total()), to_string(Money{s.first_day_minor, s.currency}),
               money_of(s.average_minor(), s.currency), short_time(s.first_at), short_time(s.last_at)});
  return table;
}

void print_rebuild(std::ostream& out, const PurchaseStatsRebuild& r) {
  out << "purchase statistics rebuilt from " << r.purchases << " purchase" << (r.purchases == 1 ? "" : "s") << ": "
      << r.stats << " (customer, currency) statistic" << (r.stats == 1 ? "" : "s") << '\n';
  if (r.added + r.corrected + r.removed == 0) {
    out << "nothing to mend: the stored statistics agreed with the history\n";
    return;
  }
  out << "mended: " << r.added << " added, " << r.corrected << " corrected, " << r.removed << " removed\n";
}

}  // namespace crm::cli
