// SPDX-License-Identifier: Apache-2.0
#pragma once
// Maximum likelihood over strictly positive parameters with NLopt: the one
// optimiser the analytics models share (docs/ANALYTICS.md, "Fitting").

#include <cstddef>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace crm::analytics::detail {

struct MleResult {
  std::vector<double> params;  // the maximiser, each > 0
  double log_likelihood = 0;
  std::size_t evaluations = 0;  // calls of log_likelihood, over every round
  bool converged = false;
};

// Maximises log_likelihood(params) starting from start. It searches theta_i =
// log(params_i / scale_i) in [-20, 20] with NLopt's BOBYQA, so parameters stay
// positive and the search is the same in any time or money unit if scale
// carries the unit. Restarts from the optimum until a round gains nothing.
// log_likelihood may throw; its exception is rethrown. A non-finite value, or
// an NLopt failure, throws crm::Error(Errc::invalid_argument) naming model.
MleResult maximize_log_likelihood(const std::function<double(std::span<const double>)>& log_likelihood,
                                  std::span<const double> start, std::span<const double> scale, std::string_view model);

}  // namespace crm::analytics::detail
