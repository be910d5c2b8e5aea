// SPDX-License-Identifier: Apache-2.0
// Formatting times, and the checks that keep them in the supported range.
#include "crm/time.hpp"

#include <cstdio>

#include "crm/error.hpp"

namespace crm {

namespace {

const std::string range = "outside the supported range 0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z";

}  // namespace

Timestamp check_timestamp(Timestamp t, std::string_view field) {
  if (is_supported(t)) return t;
  throw Error(Errc::invalid_argument, std::string(field) + ": " + to_iso8601(t) + " is " + range);
}

Timestamp add(Timestamp t, std::chrono::milliseconds by, std::string_view field) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(to_millis(t), std::int64_t{by.count()}, &sum) || !is_supported(from_millis(sum)))
    throw Error(Errc::invalid_argument,
                std::string(field) + ": " + to_iso8601(t) + " + " + std::to_string(by.count()) + " ms is " + range);
  return from_millis(sum);
}

std::string to_iso8601(Timestamp t) {
  using namespace std::chrono;
  // Outside the range the calendar arithmetic below would overflow or print
  // a year of more than four digits: give the plain count instead.
  if (!is_supported(t)) return std::to_string(to_millis(t)) + " ms since the epoch";
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buffer;
}

}  // namespace crm
