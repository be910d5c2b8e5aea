// SPDX-License-Identifier: Apache-2.0
#pragma once
// Argument checks shared by the analytics models: each throws
// crm::Error(Errc::invalid_argument) naming the function, field and value.

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>

#include "crm/analytics/clv.hpp"
#include "crm/error.hpp"

namespace crm::analytics::detail {

// The shortest text that reads back as v: "0.01", not "0.01000000000000000021".
inline std::string number(double v) {
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

[[noreturn]] inline void invalid(const char* function, const std::string& problem) {
  throw Error(Errc::invalid_argument, std::string(function) + ": " + problem);
}

inline void check_positive(const char* function, const char* name, double value) {
  if (!(std::isfinite(value) && value > 0))
    invalid(function, std::string(name) + " " + number(value) + ": must be positive");
}

// "customer 12: " inside a span, "" for a lone summary.
inline std::string which(std::size_t index) {
  return index == static_cast<std::size_t>(-1) ? std::string() : "customer " + std::to_string(index) + ": ";
}

// x a whole number >= 0 and 0 <= t_x <= T, all finite.
inline void check_summary(const char* function, const RepeatSummary& s,
                          std::size_t index = static_cast<std::size_t>(-1)) {
  if (!(std::isfinite(s.frequency) && s.frequency >= 0 && s.frequency == std::floor(s.frequency)))
    invalid(function, which(index) + "frequency " + number(s.frequency) + ": must be a whole number >= 0");
  if (!(std::isfinite(s.recency) && s.recency >= 0))
    invalid(function, which(index) + "recency " + number(s.recency) + ": must be >= 0");
  if (!(std::isfinite(s.age) && s.age >= s.recency))
    invalid(function, which(index) + "age " + number(s.age) + ": must be >= recency " + number(s.recency));
}

// As check_summary, and m_x finite and >= 0.
inline void check_spend_summary(const char* function, const RepeatSummary& s,
                                std::size_t index = static_cast<std::size_t>(-1)) {
  check_summary(function, s, index);
  if (!(std::isfinite(s.average_spend) && s.average_spend >= 0))
    invalid(function, which(index) + "average_spend " + number(s.average_spend) + ": must be >= 0");
}

inline void check_params(const char* function, const BgNbdParams& p) {
  check_positive(function, "r", p.r);
  check_positive(function, "alpha", p.alpha);
  check_positive(function, "a", p.a);
  check_positive(function, "b", p.b);
}

inline void check_params(const char* function, const GammaGammaParams& p) {
  check_positive(function, "p", p.p);
  check_positive(function, "q", p.q);
  check_positive(function, "gamma", p.gamma);
}

}  // namespace crm::analytics::detail
