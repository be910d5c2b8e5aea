// SPDX-License-Identifier: Apache-2.0
#include "analytics/mle.hpp"

#include <nlopt.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <string>

#include "crm/error.hpp"

namespace crm::analytics::detail {

namespace {

// The search box in log space: e^20 ~ 5e8 times the scale either way is far
// past any sensible fit, so a parameter that ends there marks a degenerate one.
constexpr double log_bound = 20.0;
constexpr double initial_step = 0.5;    // in log space: a first move of ~65%
constexpr double xtol_abs = 1e-9;       // in log space: parameters to ~1e-9 relative
constexpr double ftol_rel = 1e-13;      // of the log-likelihood
constexpr int max_evaluations = 20000;  // per round
constexpr int max_rounds = 5;
// A restart that gains less than this (relative) changes the parameters by a
// negligible fraction of their standard errors: the fit has converged.
constexpr double restart_gain = 1e-10;

struct Objective {
  const std::function<double(std::span<const double>)>* log_likelihood;
  std::span<const double> scale;
  std::vector<double> params;
  std::size_t evaluations = 0;
  std::exception_ptr error;
  std::string_view model;
  nlopt_opt opt = nullptr;
};

double negative_log_likelihood(unsigned n, const double* theta, double* gradient, void* data) {
  auto& o = *static_cast<Objective*>(data);
  (void)gradient;  // derivative-free: NLopt passes nullptr
  try {
    for (unsigned i = 0; i < n; ++i) o.params[i] = o.scale[i] * std::exp(theta[i]);
    ++o.evaluations;
    const double ll = (*o.log_likelihood)(o.params);
    if (!std::isfinite(ll)) {
      std::string at;
      for (unsigned i = 0; i < n; ++i) at += (i ? ", " : "") + std::to_string(o.params[i]);
      throw Error(Errc::invalid_argument,
                  std::string(o.model) + ": the log-likelihood is not finite at (" + at + "): cannot fit these data");
    }
    return -ll;
  } catch (...) {
    o.error = std::current_exception();
    nlopt_force_stop(o.opt);
    return HUGE_VAL;
  }
}

struct OptDeleter {
  void operator()(nlopt_opt opt) const { nlopt_destroy(opt); }
};

}  // namespace

MleResult maximize_log_likelihood(const std::function<double(std::span<const double>)>& log_likelihood,
                                  std::span<const double> start, std::span<const double> scale,
                                  std::string_view model) {
  const auto n = static_cast<unsigned>(start.size());
  std::unique_ptr<nlopt_opt_s, OptDeleter> opt(nlopt_create(NLOPT_LN_BOBYQA, n));
  if (!opt) throw Error(Errc::invalid_argument, std::string(model) + ": cannot create the NLopt optimiser");

  Objective objective{&log_likelihood, scale, std::vector<double>(n), 0, nullptr, model, opt.get()};
  const std::vector<double> lower(n, -log_bound), upper(n, log_bound), step(n, initial_step);
  nlopt_set_lower_bounds(opt.get(), lower.data());
  nlopt_set_upper_bounds(opt.get(), upper.data());
  nlopt_set_initial_step(opt.get(), step.data());
  nlopt_set_xtol_abs1(opt.get(), xtol_abs);
  nlopt_set_ftol_rel(opt.get(), ftol_rel);
  nlopt_set_maxeval(opt.get(), max_evaluations);
  nlopt_set_min_objective(opt.get(), negative_log_likelihood, &objective);

  std::vector<double> theta(n);
  for (unsigned i = 0; i < n; ++i) theta[i] = std::clamp(std::log(start[i] / scale[i]), -log_bound, log_bound);

  // BOBYQA's quadratic model can stop short on a flat ridge (BG/NBD's a and b
  // are one); a restart rebuilds the model around the optimum. Converged means
  // the last round stopped on a tolerance and gained nothing.
  double best = HUGE_VAL;
  nlopt_result result = NLOPT_FAILURE;
  bool gained_nothing = false;
  for (int round = 0; round < max_rounds && !gained_nothing; ++round) {
    double value = HUGE_VAL;
    result = nlopt_optimize(opt.get(), theta.data(), &value);
    if (objective.error) std::rethrow_exception(objective.error);
    if (result < 0 && result != NLOPT_ROUNDOFF_LIMITED)
      throw Error(Errc::invalid_argument, std::string(model) + ": the optimiser failed (NLopt code " +
                                              std::to_string(static_cast<int>(result)) + ")");
    gained_nothing = round > 0 && best - value <= restart_gain * std::max(1.0, std::abs(value));
    best = std::min(best, value);
  }

  MleResult fit;
  fit.params.resize(n);
  bool on_bound = false;
  for (unsigned i = 0; i < n; ++i) {
    fit.params[i] = scale[i] * std::exp(theta[i]);
    on_bound = on_bound || std::abs(theta[i]) > log_bound - 1e-3;
  }
  fit.log_likelihood = -best;
  fit.evaluations = objective.evaluations;
  const bool stopped_on_tolerance =
      result == NLOPT_SUCCESS || result == NLOPT_FTOL_REACHED || result == NLOPT_XTOL_REACHED;
  fit.converged = stopped_on_tolerance && gained_nothing && !on_bound;
  return fit;
}

}  // namespace crm::analytics::detail
