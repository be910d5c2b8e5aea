// SPDX-License-Identifier: Apache-2.0
// RFM segment tables read from JSON, strictly: a misspelt or repeated key
// would silently widen a rule to "any", so both are refused (repeated keys
// by the JSON reader), as is anything that is not a whole score.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crm/analytics/rfm.hpp"
#include "crm/error.hpp"
#include "json/json_release.hpp"
#include "json/read_json.hpp"
#include "text/quote.hpp"

namespace crm::analytics {

namespace {

using nlohmann::json;

const std::string origin = "rfm segments";

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw Error(Errc::invalid_argument, origin + where + ": " + problem);
}

std::string at_index(std::string_view where, std::size_t index) {
  return std::string(where) + "[" + std::to_string(index) + "]";
}

int score(const json& value, const std::string& where, int scores) {
  if (!value.is_number_integer()) fail(where, "expected a whole score, not " + detail::shown(value));
  // Anything beyond int64 is as out of range as 10 is.
  const std::int64_t number = value.is_number_unsigned()
                                  ? static_cast<std::int64_t>(std::min<std::uint64_t>(value.get<std::uint64_t>(), 10))
                                  : value.get<std::int64_t>();
  if (number < 1 || number > scores) fail(where, value.dump() + " is outside the scores 1.." + std::to_string(scores));  // a number
  return static_cast<int>(number);
}

ScoreRange range(const json& object, const std::string& where, const char* key, int scores) {
  const std::string field = where + "." + key;
  const auto found = object.find(key);
  if (found == object.end()) {
    if (std::string_view(key) == "m") return ScoreRange{1, scores};
    fail(field, "required, as [low, high]");
  }
  if (!found->is_array() || found->size() != 2) fail(field, "expected [low, high], not " + detail::shown(*found));
  return ScoreRange{score((*found)[0], field + "[0]", scores), score((*found)[1], field + "[1]", scores)};
}

RfmSegment segment(const json& value, const std::string& where, int scores) {
  static constexpr std::array<std::string_view, 4> known{"name", "r", "f", "m"};
  if (!value.is_object()) fail(where, "expected an object, not " + std::string(value.type_name()));
  for (const auto& [key, member] : value.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      fail(where, "unknown key " + detail::quote(key) + " (known: name, r, f, m)");
  const auto name = value.find("name");
  if (name == value.end()) fail(where + ".name", "required");
  if (!name->is_string()) fail(where + ".name", "expected a string, not " + std::string(name->type_name()));
  return RfmSegment{.name = name->get<std::string>(),
                    .r = range(value, where, "r", scores),
                    .f = range(value, where, "f", scores),
                    .m = range(value, where, "m", scores)};
}

}  // namespace

std::vector<RfmSegment> rfm_segments_from_json(std::string_view text, int scores) {
  check_segments({}, scores);  // scores within 2..9
  json document = detail::read_json(text, origin);
  const detail::ReleaseOnExit release(document);  // nlohmann's destructor allocates (json_release.hpp)
  if (!document.is_array())
    fail("", "expected an array of segments [{\"name\", \"r\", \"f\", \"m\"}], not " + std::string(document.type_name()));
  std::vector<RfmSegment> out;
  out.reserve(document.size());
  for (std::size_t i = 0; i < document.size(); ++i) out.push_back(segment(document[i], at_index("", i), scores));
  // Names and low <= high; its messages name the place the same way.
  check_segments(out, scores);
  return out;
}

std::string to_json(std::span<const RfmSegment> segments) {
  json list = json::array();
  for (const RfmSegment& s : segments)
    list.push_back({{"name", s.name},
                    {"r", json::array({s.r.low, s.r.high})},
                    {"f", json::array({s.f.low, s.f.high})},
                    {"m", json::array({s.m.low, s.m.high})}});
  return list.dump();
}

}  // namespace crm::analytics
