// SPDX-License-Identifier: Apache-2.0
#pragma once
// Reading what the user typed into crm values. Everything refuses bad input
// with crm::Error(Errc::invalid_argument) quoting it.

#include <crm/model/interaction.hpp>
#include <crm/money.hpp>
#include <crm/time.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "datasets/fields.hpp"

namespace crm::cli {

// Numbers, days and times are read as the data sets' readers read them.
using datasets::all_digits;
using datasets::parse_date;
using datasets::parse_time;
using datasets::whole_number;

// The JSON text of --from-json: the argument itself, or standard input for "-".
std::string read_json_argument(const std::string& argument);

// What `update ID --from-json` stores: the stored record's JSON with each
// top-level field of `given` (a JSON object) put in place of its own, so
// the fields it does not name keep their stored values, the version
// included unless it names one. An "id" in it must be `id`.
std::string merge_fields(std::string_view stored_json, std::string_view given_json, std::int64_t id);

// The file's text ("-": standard input); Errc::not_found when it cannot be read.
std::string read_text_file(const std::string& path, const std::string& what);

// The currency to use: the one given, or the usual currency of the region.
std::string currency_or_default(const std::optional<std::string>& given, std::string_view region);

// "SKU:QTY:PRICE" ("TEA-250:2:4.50"), the price in major units of the currency.
// The SKU may itself hold colons: the last two fields are quantity and price.
LineItem parse_item(std::string_view spec, const std::string& currency);

// A duration as workflow rules spell it (docs/WORKFLOW.md): "90s", "30m",
// "12h", "3d", "2w", optionally with a leading "-".
std::chrono::milliseconds parse_duration(std::string_view text);

}  // namespace crm::cli
