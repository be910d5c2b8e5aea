// SPDX-License-Identifier: Apache-2.0
#pragma once
// Probabilistic customer-base models (docs/ANALYTICS.md, "Customer lifetime
// value"): BG/NBD for how many purchases a customer will make, Gamma-Gamma
// for how much each is worth, and CLV as their discounted product.
//
// Pure functions over per-customer summaries: no engine, no store, no
// global state; every function is thread-safe. Money goes in and out in
// minor units as double, since these are statistics, never balances.
//
// References:
//   [FHL05a] Fader, Hardie & Lee (2005), "Counting Your Customers the Easy
//            Way: An Alternative to the Pareto/NBD Model", Marketing
//            Science 24(2), 275-284.
//   [FH08]   Fader & Hardie (2008), "Computing P(alive) Using the BG/NBD
//            Model", note at brucehardie.com.
//   [FHL05b] Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value
//            Curves for Customer Base Analysis", JMR 42(4), 415-430.
//   [FH13]   Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary
//            Value", note at brucehardie.com.

#include <chrono>
#include <cstddef>
#include <span>

#include "crm/model/purchase_stats.hpp"
#include "crm/time.hpp"

namespace crm::analytics {

// One customer's repeat-purchase summary in model time units ("periods",
// e.g. weeks). A transaction is a purchase day: the first one starts the
// clock, the x after it are the repeat transactions the models count.
struct RepeatSummary {
  double frequency = 0;      // x: repeat purchase days = purchase_days - 1
  double recency = 0;        // t_x: first purchase to last purchase, in periods (0 when x == 0)
  double age = 0;            // T: first purchase to as_of, in periods
  double average_spend = 0;  // m_x: mean spend per repeat purchase day, minor units:
                             // (total - first_day) / (days - 1); 0 when x == 0
};

// Summarises one customer's purchases as seen at as_of, times measured from
// the timestamps in units of period. Throws crm::Error(Errc::invalid_argument)
// naming the problem when period <= 0, as_of < stats.last_at or outside the
// supported range of times, stats.purchases == 0, or the stats contradict
// themselves.
RepeatSummary repeat_summary(const PurchaseStats& stats, Timestamp as_of, std::chrono::milliseconds period);

// BG/NBD [FHL05a]: while alive a customer buys at Poisson rate lambda,
// lambda ~ Gamma(shape r, rate alpha); after each repeat purchase they drop
// out for good with probability p, p ~ Beta(a, b). alpha is in periods.
struct BgNbdParams {
  double r = 0, alpha = 0, a = 0, b = 0;
};

// Gamma-Gamma [FHL05b, FH13]: each repeat purchase's value ~ Gamma(shape p,
// rate nu), nu ~ Gamma(shape q, rate gamma) across customers. gamma is in
// the money unit of the summaries (minor units: 100x its value in dollars).
struct GammaGammaParams {
  double p = 0, q = 0, gamma = 0;
};

// A maximum-likelihood fit. iterations counts log-likelihood evaluations by
// the optimiser; converged is false when it ran out of evaluations, stopped
// on round-off, or a parameter ended on its search bound (a degenerate fit).
template <class Params>
struct ModelFit {
  Params params{};
  double log_likelihood = 0;
  std::size_t customers = 0;  // customers the likelihood was summed over
  std::size_t iterations = 0;
  bool converged = false;
};
using BgNbdFit = ModelFit<BgNbdParams>;
using GammaGammaFit = ModelFit<GammaGammaParams>;

// Sum over customers of the log of [FHL05a] eq. 6, computed in log space
// (lgamma, log-sum-exp of the two terms) so large x does not overflow.
// Throws invalid_argument for non-positive parameters or a malformed summary
// (x not a whole number >= 0, t_x outside [0, T]).
double bg_nbd_log_likelihood(const BgNbdParams& params, std::span<const RepeatSummary> customers);

// Maximum-likelihood BG/NBD parameters (NLopt BOBYQA over the log
// parameters, identical summaries grouped; docs/ANALYTICS.md gives the
// settings). Throws invalid_argument when customers is empty or the
// optimiser fails outright.
BgNbdFit fit_bg_nbd(std::span<const RepeatSummary> customers);

// P(alive | x, t_x, T) [FHL05a] eq. 13, [FH08]:
// 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)); 1 when x == 0.
double p_alive(const BgNbdParams& params, const RepeatSummary& customer);

// E[Y(t) | x, t_x, T], the purchases expected in the next `periods` periods,
// [FHL05a] eq. 10 (its 2F1 by Boost.Math after Euler's transformation).
// Throws invalid_argument for periods < 0 or when the 2F1 cannot be evaluated.
double expected_purchases(const BgNbdParams& params, const RepeatSummary& customer, double periods);

// Sum over customers with x > 0 and m_x > 0 of log f(m_x | p, q, gamma, x),
// the density of a mean of x Gamma spends [FH13]; a Gamma spend must be
// positive, so other customers are skipped.
double gamma_gamma_log_likelihood(const GammaGammaParams& params, std::span<const RepeatSummary> customers);

// Maximum-likelihood Gamma-Gamma parameters over the customers with x > 0
// and m_x > 0. Throws invalid_argument when fewer than 2 such customers, or
// the optimiser fails outright.
GammaGammaFit fit_gamma_gamma(std::span<const RepeatSummary> customers);

// E(M | p, q, gamma, m_x, x) = p (gamma + m_x x) / (p x + q - 1) [FHL05b,
// FH13]: a weighted mean of the population mean p gamma / (q - 1) and m_x.
// When x == 0 it is the population mean; throws invalid_argument if q <= 1.
double expected_average_spend(const GammaGammaParams& params, const RepeatSummary& customer);

// The longest horizon customer_lifetime_value takes, in periods: with a
// discount rate a value costs H evaluations of eq. 10 per customer, so an
// unbounded H is unbounded work (10,000 weeks is two centuries). Every face
// takes this bound from here (crm.h's "horizon_periods", crm --horizon).
inline constexpr int clv_max_horizon_periods = 10'000;

struct ClvOptions {
  int horizon_periods = 52;    // H, in periods: 1..clv_max_horizon_periods
  double discount_rate = 0.0;  // d, per period
  double margin = 1.0;         // share of spend that is profit, in (0, 1]
};

// margin * E(M) * sum_{k=1..H} (E[Y(k)] - E[Y(k-1)]) / (1 + d)^k, in minor
// units: each period's expected purchases discounted at its end. Costs one
// evaluation of eq. 10 when d == 0 (the sum telescopes), H otherwise. Throws
// invalid_argument for H outside 1..clv_max_horizon_periods, d < 0 or margin
// outside (0, 1].
double customer_lifetime_value(const BgNbdParams& purchases, const GammaGammaParams& spend,
                               const RepeatSummary& customer, const ClvOptions& options);

// The probability the customer has already dropped out: 1 - P(alive).
inline double churn_risk(const BgNbdParams& p, const RepeatSummary& s) { return 1.0 - p_alive(p, s); }

}  // namespace crm::analytics
