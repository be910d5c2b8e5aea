// SPDX-License-Identifier: Apache-2.0
// Days and times read from text, for the data-set readers and the tool
// alike (fields.hpp), so both accept and refuse the same spellings.
#include "fields.hpp"

#include <crm/error.hpp>

#include <chrono>
#include <string>

#include "text/quote.hpp"

namespace crm::datasets {

namespace {

Error bad(std::string_view what, std::string_view value, std::string_view problem) {
  return Error(Errc::invalid_argument, std::string(what) + " " + detail::quote(value) + ": " + std::string(problem));
}

// Timestamps run from 0001-01-01 to 9999-12-31 (crm/time.hpp); four-digit
// years reach past the range only at year 0000.
constexpr std::string_view out_of_range =
    "outside the supported range 0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z";

}  // namespace

Timestamp parse_date(std::string_view date) {
  const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                      date.find_first_not_of("0123456789-") == std::string_view::npos;
  const auto part = [&](std::size_t from, std::size_t count) {
    return shaped ? whole_number<unsigned>(date.substr(from, count)).value_or(0) : 0U;
  };
  const std::chrono::year_month_day day{std::chrono::year{static_cast<int>(part(0, 4))}, std::chrono::month{part(5, 2)},
                                        std::chrono::day{part(8, 2)}};
  if (!shaped || !day.ok()) throw bad("date", date, "expected a day as YYYY-MM-DD, like 2026-12-31");
  const Timestamp t = std::chrono::sys_days{day};
  if (!is_supported(t)) throw bad("date", date, out_of_range);  // only year 0000 reads as a day outside it
  return t;
}

Timestamp parse_time(std::string_view text) {
  const auto refuse = [&] {
    return bad("time", text, "expected ISO 8601 in UTC, like 2026-12-31, 2026-12-31T09:30 or 2026-12-31T09:30:15Z");
  };
  std::string_view rest = text;
  if (rest.ends_with('Z')) rest.remove_suffix(1);
  if (rest.size() < 10) throw refuse();
  Timestamp day;
  try {
    day = parse_date(rest.substr(0, 10));
  } catch (const Error& e) {
    if (std::string_view(e.what()).ends_with(out_of_range)) throw bad("time", text, out_of_range);
    throw refuse();
  }
  rest.remove_prefix(10);
  if (rest.empty()) return day;
  // "THH:MM" or "THH:MM:SS"
  const bool shaped = (rest.size() == 6 || rest.size() == 9) && (rest[0] == 'T' || rest[0] == ' ') &&
                      rest[3] == ':' && (rest.size() == 6 || rest[6] == ':');
  const auto part = [&](std::size_t from) {
    return shaped && from < rest.size() ? whole_number<unsigned>(rest.substr(from, 2)) : std::optional<unsigned>(0);
  };
  const auto hours = part(1), minutes = part(4), seconds = part(7);
  if (!shaped || !hours || !minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 59) throw refuse();
  return day + std::chrono::hours(*hours) + std::chrono::minutes(*minutes) + std::chrono::seconds(*seconds);
}

}  // namespace crm::datasets
