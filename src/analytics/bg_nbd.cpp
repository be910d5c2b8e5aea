// SPDX-License-Identifier: Apache-2.0
// BG/NBD [FHL05a]: likelihood, fit, P(alive) and conditional expectation.

// Boost 1.74's pFq header uses lgamma and expm1 without including them.
#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/hypergeometric_pFq.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <new>
#include <vector>

#include "analytics/mle.hpp"
#include "analytics/model_checks.hpp"
#include "crm/analytics/clv.hpp"

namespace crm::analytics {

namespace {

// Customers with the same (x, t_x, T) count once, weighted; sorted by x so the
// terms that depend only on x are computed once per distinct x.
struct HistoryGroup {
  double x, t_x, T, weight;
};

std::vector<HistoryGroup> history_groups(std::span<const RepeatSummary> customers, const char* function) {
  std::vector<HistoryGroup> all;
  all.reserve(customers.size());
  for (std::size_t i = 0; i < customers.size(); ++i) {
    const auto& c = customers[i];
    detail::check_summary(function, c, i);
    // t_x does not enter the likelihood when x == 0: one group for all of them.
    all.push_back({c.frequency, c.frequency > 0 ? c.recency : 0.0, c.age, 1.0});
  }
  std::sort(all.begin(), all.end(), [](const HistoryGroup& l, const HistoryGroup& r) {
    if (l.x != r.x) return l.x < r.x;
    return l.t_x != r.t_x ? l.t_x < r.t_x : l.T < r.T;
  });
  std::vector<HistoryGroup> groups;
  for (const auto& g : all) {
    if (!groups.empty() && groups.back().x == g.x && groups.back().t_x == g.t_x && groups.back().T == g.T)
      groups.back().weight += 1.0;
    else
      groups.push_back(g);
  }
  return groups;
}

double log_sum_exp(double u, double v) {
  const double hi = std::max(u, v);
  return hi + std::log1p(std::exp(std::min(u, v) - hi));
}

// ln L(r, alpha, a, b | x, t_x, T) of eq. 6, summed:
//   ln A1 + ln A2 + ln(exp(A3) + [x > 0] exp(A4)) with
//   A1 = Gamma(r+x) alpha^r / Gamma(r),
//   A2 = Gamma(a+b) Gamma(b+x) / (Gamma(b) Gamma(a+b+x)),
//   A3 = (alpha+T)^-(r+x),  A4 = a/(b+x-1) (alpha+t_x)^-(r+x).
double log_likelihood(const BgNbdParams& p, std::span<const HistoryGroup> groups) {
  const double common = p.r * std::log(p.alpha) - std::lgamma(p.r) + std::lgamma(p.a + p.b) - std::lgamma(p.b);
  const double log_a = std::log(p.a);
  double total = 0, x = -1, per_x = 0;
  for (const auto& g : groups) {
    if (g.x != x) {
      x = g.x;
      per_x = common + std::lgamma(p.r + x) + std::lgamma(p.b + x) - std::lgamma(p.a + p.b + x);
    }
    const double rx = p.r + x;
    const double a3 = -rx * std::log(p.alpha + g.T);
    const double tail = x > 0 ? log_sum_exp(a3, log_a - std::log(p.b + x - 1) - rx * std::log(p.alpha + g.t_x)) : a3;
    total += g.weight * (per_x + tail);
  }
  return total;
}

// ln of a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x): P(alive) = 1/(1 + e^this).
double log_dead_odds(const BgNbdParams& p, const RepeatSummary& s) {
  return std::log(p.a) - std::log(p.b + s.frequency - 1) +
         (p.r + s.frequency) * (std::log(p.alpha + s.age) - std::log(p.alpha + s.recency));
}

// The numerator of eq. 10 for a != 1,
//   (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)],
// z = t/(alpha+T+t). Euler's transformation 2F1(A,B;C;z) = (1-z)^(C-A-B)
// 2F1(C-A, C-B; C; z) turns the bracket into 1 - (1-z)^(a-1) 2F1(a+b-1-r,
// a-1; a+b+x-1; z): small parameters whose series converges fast and cannot
// overflow, where the original grows like (1-z)^-(r+x) for large x.
// log 2F1(A, B; C; z) for 0 <= z < 1 and positive parameters, by summing
// the series in log space: slow (its terms peak near n = B z / (1 - z)) but
// safe from overflow. The fallback when Boost's evaluation overflows, as it
// does when a and b are large (a population with nearly the same drop-out
// probability for everyone).
double log_2f1_series(double A, double B, double C, double z) {
  constexpr long max_terms = 5'000'000;
  const long double log_z = std::log(static_cast<long double>(z));
  long double log_term = 0, log_sum = 0;
  for (long n = 0; n < max_terms; ++n) {
    const long double k = static_cast<long double>(n);
    log_term += std::log((A + k) * (B + k) / ((C + k) * (k + 1))) + log_z;
    const long double gap = log_term - log_sum;
    log_sum += gap > 0 ? gap + std::log1p(std::exp(-gap)) : std::log1p(std::exp(gap));
    if (gap < -40 && k > B * z / (1 - z) + 2) return static_cast<double>(log_sum);
  }
  detail::invalid("expected_purchases", "2F1(" + detail::number(A) + ", " + detail::number(B) + "; " +
                                            detail::number(C) + "; " + detail::number(z) + ") does not converge");
}

// The numerator of eq. 10 for a != 1,
//   (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)],
// z = t/(alpha+T+t). Euler's transformation 2F1(A,B;C;z) = (1-z)^(C-A-B)
// 2F1(C-A, C-B; C; z) turns the bracket into 1 - (1-z)^(a-1) 2F1(a+b-1-r,
// a-1; a+b+x-1; z): parameters that stay small for large x.
double eq10_numerator(double r, double alpha, double a, double b, double x, double T, double t) {
  const double c = a + b + x - 1;
  const double z = t / (alpha + T + t);
  const double log_1mz = std::log(alpha + T) - std::log(alpha + T + t);
  double scaled = 0;  // (1-z)^(a-1) 2F1(a+b-1-r, a-1; c; z)
  try {
    scaled = std::exp((a - 1) * log_1mz) * boost::math::hypergeometric_pFq({a + b - 1 - r, a - 1}, {c}, z);
  } catch (const std::bad_alloc&) {
    throw;  // not a numerical failure: no fallback series for it
  } catch (const std::exception& e) {
    if (a + b - 1 - r <= 0 || a - 1 <= 0)
      detail::invalid("expected_purchases", "2F1(" + detail::number(a + b - 1 - r) + ", " + detail::number(a - 1) +
                                                "; " + detail::number(c) + "; " + detail::number(z) +
                                                ") cannot be evaluated: " + e.what());
    scaled = std::exp((a - 1) * log_1mz + log_2f1_series(a + b - 1 - r, a - 1, c, z));
  }
  return c / (a - 1) * (1.0 - scaled);
}

}  // namespace

double bg_nbd_log_likelihood(const BgNbdParams& params, std::span<const RepeatSummary> customers) {
  detail::check_params("bg_nbd_log_likelihood", params);
  return log_likelihood(params, history_groups(customers, "bg_nbd_log_likelihood"));
}

BgNbdFit fit_bg_nbd(std::span<const RepeatSummary> customers) {
  if (customers.empty()) detail::invalid("fit_bg_nbd", "no customers to fit");
  const auto groups = history_groups(customers, "fit_bg_nbd");

  // alpha is in periods: scale its search by the mean age so the fit does not
  // depend on the period chosen. Start at r = a = b = 1, alpha = mean age.
  double age_sum = 0;
  for (const auto& g : groups) age_sum += g.weight * g.T;
  const double mean_age = age_sum / static_cast<double>(customers.size());
  const std::array<double, 4> scale{1.0, mean_age > 0 ? mean_age : 1.0, 1.0, 1.0};
  const std::array<double, 4> start = scale;

  const auto mle = detail::maximize_log_likelihood(
      [&](std::span<const double> v) {
        return log_likelihood(BgNbdParams{v[0], v[1], v[2], v[3]}, groups);
      },
      start, scale, "fit_bg_nbd");
  BgNbdFit fit;
  fit.params = BgNbdParams{mle.params[0], mle.params[1], mle.params[2], mle.params[3]};
  fit.log_likelihood = mle.log_likelihood;
  fit.customers = customers.size();
  fit.iterations = mle.evaluations;
  fit.converged = mle.converged;
  return fit;
}

double p_alive(const BgNbdParams& params, const RepeatSummary& customer) {
  detail::check_params("p_alive", params);
  detail::check_summary("p_alive", customer);
  if (customer.frequency == 0) return 1.0;
  return 1.0 / (1.0 + std::exp(log_dead_odds(params, customer)));  // e^+inf: 0, as it should
}

double expected_purchases(const BgNbdParams& params, const RepeatSummary& customer, double periods) {
  detail::check_params("expected_purchases", params);
  detail::check_summary("expected_purchases", customer);
  if (!(std::isfinite(periods) && periods >= 0))
    detail::invalid("expected_purchases", "periods " + detail::number(periods) + ": must be >= 0");
  if (periods == 0) return 0.0;

  const auto& p = params;
  const double x = customer.frequency, T = customer.age;
  // Eq. 10 divides by a - 1 and has a removable singularity at a == 1; near
  // it, interpolate between a = 1 -+ h, where the cancellation costs only
  // ~1e-11 and the interpolation error is O(h^2).
  constexpr double h = 1e-5;
  double numerator = 0;
  if (std::abs(p.a - 1) >= h) {
    numerator = eq10_numerator(p.r, p.alpha, p.a, p.b, x, T, periods);
  } else {
    const double below = eq10_numerator(p.r, p.alpha, 1 - h, p.b, x, T, periods);
    const double above = eq10_numerator(p.r, p.alpha, 1 + h, p.b, x, T, periods);
    numerator = below + (above - below) * (p.a - (1 - h)) / (2 * h);
  }
  const double denominator = x > 0 ? 1.0 + std::exp(log_dead_odds(p, customer)) : 1.0;
  const double e = numerator / denominator;
  if (!std::isfinite(e))
    detail::invalid("expected_purchases", "not finite for these parameters (r " + detail::number(p.r) + ", alpha " +
                                              detail::number(p.alpha) + ", a " + detail::number(p.a) + ", b " +
                                              detail::number(p.b) + ")");
  return e;
}

}  // namespace crm::analytics
