// SPDX-License-Identifier: Apache-2.0
#pragma once
// Reading one field of text into a crm value: whole numbers, digits, days and
// times, spelt the same way in the data sets' files and on the command line
// (src/cli/input.hpp offers these to the tool). Everything refuses bad input
// with crm::Error(Errc::invalid_argument) quoting it.

#include <crm/time.hpp>

#include <charconv>
#include <optional>
#include <string_view>

namespace crm::datasets {

// A whole number written in full ("42", "-7"), or nothing for anything else.
template <class Int>
std::optional<Int> whole_number(std::string_view text) {
  Int value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// One or more ASCII digits and nothing else.
inline bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "2026-12-31": midnight UTC at the start of that day. Year 0000 is outside
// the supported range of times and refused.
Timestamp parse_date(std::string_view date);

// ISO 8601 in UTC: a day ("2026-12-31", midnight) or a day and a time
// ("2026-12-31T09:30", "2026-12-31T09:30:15"), optionally ending in "Z".
Timestamp parse_time(std::string_view text);

}  // namespace crm::datasets
