#include "crm/time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>

namespace crm {
namespace {

using std::chrono::milliseconds;

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
