// SPDX-License-Identifier: Apache-2.0
#include "crm/time.hpp"

#include <gtest/gtest.h>

#include <gmock/gmock.h>

#include <chrono>
#include <cstdint>
#include <limits>

#include "support/errors.hpp"

namespace crm {
namespace {

using std::chrono::milliseconds;
using test::error_of;
using testing::HasSubstr;

// The documented range of a Timestamp (time.hpp), spelt out here so that the
// tests say what it is rather than read it back from the header.
constexpr std::int64_t first_ms = -62'135'596'800'000;  // 0001-01-01T00:00:00.000Z
constexpr std::int64_t last_ms = 253'402'300'799'999;   // 9999-12-31T23:59:59.999Z
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

TEST(TimeTest, MillisecondsRoundTripThroughTimestamp) {
  EXPECT_EQ(to_millis(from_millis(1700000000123)), 1700000000123);
  EXPECT_EQ(to_millis(from_millis(-1)), -1);
}

TEST(TimeTest, FormatsTheEpoch) { EXPECT_EQ(to_iso8601(from_millis(0)), "1970-01-01T00:00:00.000Z"); }

TEST(TimeTest, FormatsADateWithMilliseconds) {
  // 1700000000 s is 2023-11-14 22:13:20 UTC (checked with `date -u -d @1700000000`).
  EXPECT_EQ(to_iso8601(from_millis(1700000000123)), "2023-11-14T22:13:20.123Z");
}

TEST(TimeTest, FormatsALeapDay) {
  // 2024-01-01 is day 19723 after the epoch; + 31 + 28 days is 29 February.
  EXPECT_EQ(to_iso8601(from_millis((19723LL + 59) * 86'400'000 + 12 * 3'600'000)), "2024-02-29T12:00:00.000Z");
}

TEST(TimeTest, FormatsTheMillisecondBeforeTheEpoch) {
  EXPECT_EQ(to_iso8601(from_millis(-1)), "1969-12-31T23:59:59.999Z");
}

TEST(TimeTest, FormatsADateBeforeTheEpoch) {
  // The Apollo 11 landing, Unix time -14182940 s.
  EXPECT_EQ(to_iso8601(from_millis(-14182940000 + 250)), "1969-07-20T20:17:40.250Z");
}

TEST(TimeTest, FormatsTheLastMillisecondOfAYear) {
  // 2024-01-01T00:00:00Z is 1704067200 s.
  EXPECT_EQ(to_iso8601(from_millis(1704067200000 - 1)), "2023-12-31T23:59:59.999Z");
}

TEST(TimeTest, FormatsBothEndsOfTheSupportedRange) {
  EXPECT_EQ(to_iso8601(from_millis(first_ms)), "0001-01-01T00:00:00.000Z");
  EXPECT_EQ(to_iso8601(from_millis(last_ms)), "9999-12-31T23:59:59.999Z");
}

TEST(TimeTest, FormatsATimeOutsideTheRangeAsItsMillisecondsNotAsAWrongDate) {
  EXPECT_EQ(to_iso8601(from_millis(int64_max)), "9223372036854775807 ms since the epoch");
  EXPECT_EQ(to_iso8601(from_millis(last_ms + 1)), "253402300800000 ms since the epoch");
  EXPECT_EQ(to_iso8601(from_millis(first_ms - 1)), "-62135596800001 ms since the epoch");
}

TEST(TimeTest, TheRangeConstantsAreTheDocumentedOnes) {
  EXPECT_EQ(to_millis(min_timestamp), first_ms);
  EXPECT_EQ(to_millis(max_timestamp), last_ms);
  EXPECT_TRUE(is_supported(min_timestamp));
  EXPECT_TRUE(is_supported(max_timestamp));
  EXPECT_FALSE(is_supported(from_millis(first_ms - 1)));
  EXPECT_FALSE(is_supported(from_millis(last_ms + 1)));
}

TEST(TimeTest, CheckTimestampNamesTheFieldOfATimeOutsideTheRange) {
  EXPECT_EQ(check_timestamp(from_millis(last_ms), "task.due_at"), from_millis(last_ms));
  const auto failure = error_of([] { (void)check_timestamp(from_millis(int64_max), "task.due_at"); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message,
            "task.due_at: 9223372036854775807 ms since the epoch is outside the supported range "
            "0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z");
}

TEST(TimeTest, AddGivesTheSumInsideTheRange) {
  EXPECT_EQ(add(from_millis(1000), milliseconds{-1500}, "t"), from_millis(-500));
  EXPECT_EQ(add(from_millis(last_ms - 1), milliseconds{1}, "t"), from_millis(last_ms));
  EXPECT_EQ(add(from_millis(first_ms + 1), milliseconds{-1}, "t"), from_millis(first_ms));
}

TEST(TimeTest, AddRefusesASumOutsideTheRangeRatherThanWrapping) {
  const auto past_end = error_of([] { (void)add(from_millis(last_ms), std::chrono::days{1}, "escalation"); });
  EXPECT_EQ(past_end.code, Errc::invalid_argument);
  EXPECT_EQ(past_end.message,
            "escalation: 9999-12-31T23:59:59.999Z + 86400000 ms is outside the supported range "
            "0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z");
  // Sums that overflow int64 itself are refused too, never wrapped.
  for (const auto& [start, by] : {std::pair{int64_max, std::int64_t{1}}, {int64_min, std::int64_t{-1}},
                                  {last_ms, int64_max}, {first_ms, int64_min}}) {
    const auto failure = error_of([start = start, by = by] { (void)add(from_millis(start), milliseconds{by}, "t"); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << start << " + " << by;
    EXPECT_THAT(failure.message, HasSubstr("is outside the supported range")) << start << " + " << by;
  }
}

TEST(ManualClockTest, RefusesToStartOutsideTheRange) {
  const auto failure = error_of([] { const ManualClock clock(from_millis(last_ms + 1)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("ManualClock: 253402300800000 ms since the epoch is outside"));
}

TEST(ManualClockTest, SetRefusesATimeOutsideTheRangeAndStaysPut) {
  ManualClock clock(from_millis(5000));
  for (const std::int64_t ms : {last_ms + 1, first_ms - 1, int64_max, int64_min}) {
    const auto failure = error_of([&] { clock.set(from_millis(ms)); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << ms;
    EXPECT_THAT(failure.message, HasSubstr("is outside the supported range")) << ms;
  }
  EXPECT_EQ(to_millis(clock.now()), 5000);
  clock.set(from_millis(last_ms));
  EXPECT_EQ(to_millis(clock.now()), last_ms);
}

TEST(ManualClockTest, AdvanceRefusesToLeaveTheRangeRatherThanWrapping) {
  ManualClock clock(from_millis(last_ms - 10));
  clock.advance(milliseconds{10});
  EXPECT_EQ(to_millis(clock.now()), last_ms);
  const auto failure = error_of([&] { clock.advance(milliseconds{1}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("ManualClock::advance: 9999-12-31T23:59:59.999Z + 1 ms is outside"));
  EXPECT_THROW(clock.advance(milliseconds::max()), Error);  // would wrap to a date in the distant past
  EXPECT_EQ(to_millis(clock.now()), last_ms) << "a refused advance changes nothing";
}

TEST(ManualClockTest, StartsAtTheEpochByDefault) {
  const ManualClock clock;
  EXPECT_EQ(to_millis(clock.now()), 0);
}

TEST(ManualClockTest, StartsAtTheGivenTime) {
  const ManualClock clock(from_millis(1700000000123));
  EXPECT_EQ(to_millis(clock.now()), 1700000000123);
}

TEST(ManualClockTest, StandsStillUntilMoved) {
  const ManualClock clock(from_millis(5000));
  const Timestamp first = clock.now();
  EXPECT_EQ(clock.now(), first);
}

TEST(ManualClockTest, SetMovesToTheGivenTime) {
  ManualClock clock(from_millis(5000));
  clock.set(from_millis(-20));
  EXPECT_EQ(to_millis(clock.now()), -20);
}

TEST(ManualClockTest, AdvanceAddsToTheCurrentTime) {
  ManualClock clock(from_millis(1000));
  clock.advance(milliseconds{250});
  clock.advance(std::chrono::seconds{2});
  EXPECT_EQ(to_millis(clock.now()), 3250);
}

TEST(ManualClockTest, AdvanceByANegativeDurationMovesBack) {
  ManualClock clock(from_millis(1000));
  clock.advance(milliseconds{-1500});
  EXPECT_EQ(to_millis(clock.now()), -500);
}

TEST(ManualClockTest, WorksThroughTheClockInterface) {
  ManualClock manual(from_millis(42));
  const Clock& clock = manual;
  manual.advance(milliseconds{8});
  EXPECT_EQ(to_millis(clock.now()), 50);
}

TEST(SystemClockTest, ReadsTheSystemTimeInMilliseconds) {
  const auto before = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  const Timestamp now = SystemClock{}.now();
  const auto after = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

}  // namespace
}  // namespace crm
