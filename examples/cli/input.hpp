#pragma once
// Reading what the user typed into crm values. Everything refuses bad input
// with crm::Error(Errc::invalid_argument) quoting it.

#include <crm/model/interaction.hpp>
#include <crm/money.hpp>
#include <crm/time.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace crm::cli {

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

// The JSON text of --from-json: the argument itself, or standard input for "-".
std::string read_json_argument(const std::string& argument);

// The file's text ("-": standard input); Errc::not_found when it cannot be read.
std::string read_text_file(const std::string& path, const std::string& what);

// The currency to use: the one given, or the usual currency of the region.
std::string currency_or_default(const std::optional<std::string>& given, std::string_view region);

// "SKU:QTY:PRICE" ("TEA-250:2:4.50"), the price in major units of the currency.
// The SKU may itself hold colons: the last two fields are quantity and price.
LineItem parse_item(std::string_view spec, const std::string& currency);

// "2026-12-31": midnight UTC at the start of that day. Year 0000 is outside
// the supported range of times and refused.
Timestamp parse_date(std::string_view date);

// ISO 8601 in UTC: a day ("2026-12-31", midnight) or a day and a time
// ("2026-12-31T09:30", "2026-12-31T09:30:15"), optionally ending in "Z".
Timestamp parse_time(std::string_view text);

// A duration as workflow rules spell it (docs/WORKFLOW.md): "90s", "30m",
// "12h", "3d", "2w", optionally with a leading "-".
std::chrono::milliseconds parse_duration(std::string_view text);

}  // namespace crm::cli
