#pragma once
// Time in crm is milliseconds since the Unix epoch, UTC. The engine reads the
// current time only through a Clock, so tests and timed work are deterministic.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace crm {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

constexpr Timestamp from_millis(std::int64_t ms) { return Timestamp{std::chrono::milliseconds{ms}}; }
constexpr std::int64_t to_millis(Timestamp t) { return t.time_since_epoch().count(); }

// "2026-11-22T09:30:00.000Z"
std::string to_iso8601(Timestamp t);

// Thread-safe source of the current time.
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

// A clock that moves only when told to: for tests and replays.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start = from_millis(0)) : ms_(to_millis(start)) {}
  Timestamp now() const override { return from_millis(ms_.load()); }
  void set(Timestamp t) { ms_.store(to_millis(t)); }
  void advance(std::chrono::milliseconds by) { ms_.fetch_add(by.count()); }

 private:
  std::atomic<std::int64_t> ms_;
};

}  // namespace crm
