// Time vocabulary and the injected clock.
//
// An Instant is an exact point in time (UTC, whole seconds). A Date is a civil
// date with no zone: which zone it is the local date of is always stated where
// it is used (usually "in the calendar's time zone").
// Engine code never reads the system clock directly; it takes a Clock (README:
// time is injected). ManualClock is thread-safe and used by tests and the
// server's --test-clock.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace sowflow::engine {

using Instant = date::sys_seconds;
using Date = date::sys_days;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{std::chrono::seconds{now_.load()}}; }
  void set(Instant at) { now_.store(at.time_since_epoch().count()); }
  void advance(std::chrono::seconds by) { now_.fetch_add(by.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

// "YYYY-MM-DD" <-> Date. parseDate rejects anything else (including 2025-02-30).
std::optional<Date> parseDate(std::string_view text);
std::string formatDate(Date date);

// RFC 3339 with an explicit offset ("2025-02-08T00:00:00+08:00" or "...Z").
// Fractional seconds are accepted and truncated.
std::optional<Instant> parseInstant(std::string_view text);
// Formats in UTC ("...Z"). Use WorkingDayCalendar::formatInstant for the
// calendar's own offset.
std::string formatInstantUtc(Instant at);

}  // namespace sowflow::engine
