// SPDX-License-Identifier: Apache-2.0
// Gamma-Gamma model of spend per transaction [FHL05b, FH13].

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "analytics/mle.hpp"
#include "analytics/model_checks.hpp"
#include "crm/analytics/clv.hpp"

namespace crm::analytics {

namespace {

// Customers with the same (x, m_x) count once, weighted, sorted by x. Only
// x > 0 and m_x > 0 enter: the model's spends are Gamma, so positive.
struct SpendGroup {
  double x, m, weight;
};

std::vector<SpendGroup> spend_groups(std::span<const RepeatSummary> customers, const char* function) {
  std::vector<SpendGroup> all;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    const auto& c = customers[i];
    detail::check_spend_summary(function, c, i);
    if (c.frequency > 0 && c.average_spend > 0) all.push_back({c.frequency, c.average_spend, 1.0});
  }
  std::sort(all.begin(), all.end(), [](const SpendGroup& l, const SpendGroup& r) { return l.x != r.x ? l.x < r.x : l.m < r.m; });
  std::vector<SpendGroup> groups;
  for (const auto& g : all) {
    if (!groups.empty() && groups.back().x == g.x && groups.back().m == g.m)
      groups.back().weight += 1.0;
    else
      groups.push_back(g);
  }
  return groups;
}

// ln f(m_x | p, q, gamma, x), summed, where m_x is the mean of x spends:
//   f = Gamma(px+q) / (Gamma(px) Gamma(q)) gamma^q m_x^(px-1) x^(px) / (gamma + m_x x)^(px+q)
// (m_x | nu ~ Gamma(px, rate nu x), integrated over nu ~ Gamma(q, rate gamma)).
double log_likelihood(const GammaGammaParams& par, std::span<const SpendGroup> groups) {
  const double common = par.q * std::log(par.gamma) - std::lgamma(par.q);
  double total = 0, x = -1, per_x = 0;
  for (const auto& g : groups) {
    const double px = par.p * g.x;
    if (g.x != x) {
      x = g.x;
      per_x = common + std::lgamma(px + par.q) - std::lgamma(px) + px * std::log(x);
    }
    total += g.weight * (per_x + (px - 1) * std::log(g.m) - (px + par.q) * std::log(par.gamma + g.m * x));
  }
  return total;
}

}  // namespace

double gamma_gamma_log_likelihood(const GammaGammaParams& params, std::span<const RepeatSummary> customers) {
  detail::check_params("gamma_gamma_log_likelihood", params);
  return log_likelihood(params, spend_groups(customers, "gamma_gamma_log_likelihood"));
}

GammaGammaFit fit_gamma_gamma(std::span<const RepeatSummary> customers) {
  const auto groups = spend_groups(customers, "fit_gamma_gamma");
  double n = 0, spend = 0;
  for (const auto& g : groups) {
    n += g.weight;
    spend += g.weight * g.m;
  }
  if (n < 2)
    detail::invalid("fit_gamma_gamma", std::to_string(static_cast<std::size_t>(n)) +
                                           " customers with repeat purchases and positive spend: need at least 2");

  // gamma carries the money unit: scale its search by the mean spend so minor
  // units and major units fit alike. Start at p = 1, q = 2, gamma = mean
  // spend, where the population mean p gamma / (q - 1) is the sample's.
  const double mean_spend = spend / n;
  const std::array<double, 3> scale{1.0, 1.0, mean_spend};
  const std::array<double, 3> start{1.0, 2.0, mean_spend};

  const auto mle = detail::maximize_log_likelihood(
      [&](std::span<const double> v) {
        return log_likelihood(GammaGammaParams{v[0], v[1], v[2]}, groups);
      },
      start, scale, "fit_gamma_gamma");
  GammaGammaFit fit;
  fit.params = GammaGammaParams{mle.params[0], mle.params[1], mle.params[2]};
  fit.log_likelihood = mle.log_likelihood;
  fit.customers = static_cast<std::size_t>(n);
  fit.iterations = mle.evaluations;
  fit.converged = mle.converged;
  return fit;
}

double expected_average_spend(const GammaGammaParams& params, const RepeatSummary& customer) {
  detail::check_params("expected_average_spend", params);
  detail::check_spend_summary("expected_average_spend", customer);
  const auto& [p, q, gamma] = params;
  const double x = customer.frequency;
  if (x == 0) {
    if (q <= 1)
      detail::invalid("expected_average_spend",
                      "q " + detail::number(q) + ": the population mean spend p gamma / (q - 1) needs q > 1");
    return p * gamma / (q - 1);
  }
  // = (q-1)/(px+q-1) * p gamma/(q-1) + px/(px+q-1) * m_x, a weighted mean.
  const double denominator = p * x + q - 1;
  if (denominator <= 0)
    detail::invalid("expected_average_spend",
                    "p x + q - 1 = " + detail::number(denominator) + ": the conditional mean spend needs it positive");
  return p * (gamma + customer.average_spend * x) / denominator;
}

}  // namespace crm::analytics
