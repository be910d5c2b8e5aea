// SPDX-License-Identifier: Apache-2.0
#include "input.hpp"
#include "json/read_json.hpp"  // the library's JSON reader (src/json)
#include "text/quote.hpp"

#include <crm/error.hpp>
#include <crm/limits.hpp>

#include <unicode/ucurr.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>

namespace crm::cli {

namespace {

Error bad(std::string_view what, std::string_view value, std::string_view problem) {
  return Error(Errc::invalid_argument, std::string(what) + " " + detail::quote(value) + ": " + std::string(problem));
}

}  // namespace

std::string read_json_argument(const std::string& argument) {
  if (argument != "-") return argument;
  std::string text;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > limits::json_document)
      throw Error(Errc::invalid_argument, "--from-json: standard input is larger than " +
                                              std::to_string(limits::json_document) + " bytes");
  }
  return text;
}

std::string merge_fields(std::string_view stored_json, std::string_view given_json, std::int64_t id) {
  auto given = detail::read_json(given_json, "--from-json");
  if (!given.is_object()) throw Error(Errc::invalid_argument, "--from-json: expected a JSON object of the fields to change");
  if (const auto at = given.find("id"); at != given.end() && *at != nlohmann::json(id))
    throw Error(Errc::invalid_argument, "--from-json: id " + detail::shown(*at) + " is not the record's id " +
                                            std::to_string(id));
  auto merged = detail::read_json(stored_json, "stored record");
  for (auto& [key, value] : given.items()) merged[key] = std::move(value);
  return merged.dump();
}

std::string read_text_file(const std::string& path, const std::string& what) {
  if (path == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::not_found, what + " '" + detail::escape(path) + "': cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string currency_or_default(const std::optional<std::string>& given, std::string_view region) {
  if (given) return *given;
  const std::string locale = "und_" + std::string(region);
  UChar code[4] = {};
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = ucurr_forLocale(locale.c_str(), code, 4, &status);
  if (U_FAILURE(status) || length != 3)
    throw Error(Errc::invalid_argument, "region " + detail::quote(region) + " has no currency: give --currency");
  return {static_cast<char>(code[0]), static_cast<char>(code[1]), static_cast<char>(code[2])};
}

LineItem parse_item(std::string_view spec, const std::string& currency) {
  const auto price_sep = spec.rfind(':');
  const auto quantity_sep = price_sep == std::string_view::npos || price_sep == 0 ? std::string_view::npos
                                                                                   : spec.rfind(':', price_sep - 1);
  if (quantity_sep == std::string_view::npos || quantity_sep == 0)
    throw bad("item", spec, "expected SKU:QTY:PRICE, like TEA-250:2:4.50");
  LineItem item;
  item.sku = std::string(spec.substr(0, quantity_sep));
  const auto quantity = whole_number<std::int64_t>(spec.substr(quantity_sep + 1, price_sep - quantity_sep - 1));
  if (!quantity || *quantity <= 0) throw bad("item", spec, "the quantity is not a whole number above 0");
  item.quantity = *quantity;
  try {
    item.unit_price = parse_money(spec.substr(price_sep + 1), currency);
  } catch (const Error& e) {
    throw bad("item", spec, e.what());
  }
  return item;
}

std::chrono::milliseconds parse_duration(std::string_view text) {
  constexpr std::pair<char, std::int64_t> units[] = {
      {'s', 1'000}, {'m', 60'000}, {'h', 3'600'000}, {'d', 86'400'000}, {'w', 604'800'000}};
  std::string_view rest = text;
  const bool negative = rest.starts_with('-');
  if (negative) rest.remove_prefix(1);
  const auto* unit = std::find_if(std::begin(units), std::end(units),
                                  [&](const auto& u) { return !rest.empty() && u.first == rest.back(); });
  const auto count =
      unit == std::end(units) ? std::nullopt : whole_number<std::int64_t>(rest.substr(0, rest.size() - 1));
  if (!count || *count < 0 || *count > std::numeric_limits<std::int64_t>::max() / unit->second)
    throw bad("duration", text, "expected a whole number and a unit, like 90s, 30m, 12h, 3d or 2w");
  return std::chrono::milliseconds((negative ? -*count : *count) * unit->second);
}

}  // namespace crm::cli
