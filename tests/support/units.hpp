// SPDX-License-Identifier: Apache-2.0
#pragma once
// Times and money written the way tests read them: a calendar day as ms
// since the epoch, dollars as cents.

#include <chrono>
#include <cstdint>
#include <string>

namespace crm::test {

inline constexpr std::int64_t day_ms = 86'400'000;

// Midnight UTC of the day, plus hours and minutes, in ms since the epoch.
inline std::int64_t ms(int year, unsigned month, unsigned day, int hour = 0, int minute = 0) {
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return std::chrono::duration_cast<std::chrono::milliseconds>(days.time_since_epoch() + std::chrono::hours{hour} +
                                                               std::chrono::minutes{minute})
      .count();
}

// "1054", "1054.5" or "29.33" dollars in cents; "" is 0.
inline std::int64_t cents(const std::string& dollars) {
  const auto dot = dollars.find('.');
  std::int64_t out = dollars.empty() ? 0 : std::stoll(dollars.substr(0, dot)) * 100;
  if (dot != std::string::npos) out += std::stoll((dollars.substr(dot + 1) + "00").substr(0, 2));
  return out;
}

}  // namespace crm::test
