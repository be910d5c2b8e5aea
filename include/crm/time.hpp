// SPDX-License-Identifier: Apache-2.0
#pragma once
// Time in crm is milliseconds since the Unix epoch, UTC. The engine reads the
// current time only through a Clock, so tests and timed work are deterministic.
//
// The supported range is 0001-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z
// (min_timestamp .. max_timestamp): the years ISO 8601 writes with four
// digits, which to_iso8601 prints, and the range of Python's datetime and
// .NET's DateTime, so every time crm stores means the same to its hosts. Any
// difference of two supported times fits in an int64 many times over. Every
// door refuses a time outside it with Errc::invalid_argument naming the field
// (records, JSON, the C API, Python, the tool, rules, reports, clocks), and
// time arithmetic goes through add(), which refuses rather than wraps.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace crm {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

constexpr Timestamp from_millis(std::int64_t ms) { return Timestamp{std::chrono::milliseconds{ms}}; }
constexpr std::int64_t to_millis(Timestamp t) { return t.time_since_epoch().count(); }

// The first and last supported times (see above).
inline constexpr Timestamp min_timestamp = from_millis(-62'135'596'800'000);  // 0001-01-01T00:00:00.000Z
inline constexpr Timestamp max_timestamp = from_millis(253'402'300'799'999);  // 9999-12-31T23:59:59.999Z

// Whether t lies in the supported range.
constexpr bool is_supported(Timestamp t) { return min_timestamp <= t && t <= max_timestamp; }

// t itself when supported; otherwise throws Errc::invalid_argument
// "<field>: <n> ms since the epoch is outside the supported range …".
Timestamp check_timestamp(Timestamp t, std::string_view field);

// t + by, checked: a sum outside the supported range (int64 overflow
// included) throws Errc::invalid_argument "<field>: <t> + <by> ms is outside
// the supported range …" instead of wrapping. Every duration crm adds to a
// time goes through here.
Timestamp add(Timestamp t, std::chrono::milliseconds by, std::string_view field);

// "2026-11-22T09:30:00.000Z" for a supported time; a time outside the range
// (an old file's, or a message about a refused one) as "<n> ms since the
// epoch", never as a wrong date.
std::string to_iso8601(Timestamp t);

// Thread-safe source of the current time. The engine refuses a reading
// outside the supported range (Errc::invalid_argument, "clock: …").
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to: for tests and replays. It stays in
// the supported range: starting, set() or advance() outside it throws
// Errc::invalid_argument and leaves the time as it was.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start = from_millis(0)) : ms_(to_millis(check_timestamp(start, "ManualClock"))) {}
  Timestamp now() const override { return from_millis(ms_.load()); }
  void set(Timestamp t) { ms_.store(to_millis(check_timestamp(t, "ManualClock::set"))); }
  void advance(std::chrono::milliseconds by) {
    std::int64_t was = ms_.load();
    while (!ms_.compare_exchange_weak(was, to_millis(add(from_millis(was), by, "ManualClock::advance")))) {
    }
  }

 private:
  std::atomic<std::int64_t> ms_;
};

}  // namespace crm
