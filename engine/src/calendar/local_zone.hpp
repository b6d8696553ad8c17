// A calendar's time zone: local dates, local midnights and RFC 3339 text.
//
// Wraps a date::time_zone (Howard Hinnant's date/tz over the system tzdata)
// and adds a fast path: the UTC offset period in force on 2025-01-01 is
// kept (any reference instant gives the same answers), and instants well inside it are converted with plain arithmetic.
// For zones without DST (Asia/Shanghai since 1991, UTC) that period never
// ends, so the tz database is not consulted at all; for DST zones the answer
// is the same, only slower (date/tz looks the transition up).
// Thread-safety: immutable after construction.
#pragma once

#include <date/tz.h>

#include <string>

#include "sowflow/engine/time.hpp"

namespace sowflow::engine::detail {

class LocalZone {
 public:
  // REQUIRES: zone != nullptr (from date::locate_zone).
  explicit LocalZone(const date::time_zone* zone);

  Date localDate(Instant at) const;
  // 00:00 local of `day`; a skipped midnight gives the first instant after the
  // gap, a repeated one its earlier occurrence.
  Instant startOfLocalDay(Date day) const;
  // "2025-02-08T00:00:00+08:00"; UTC is "+00:00". RFC 3339 offsets have whole
  // minutes; the seconds of a historical local mean time offset are dropped.
  std::string format(Instant at) const;

 private:
  std::chrono::seconds offsetAt(Instant at) const;

  const date::time_zone* zone_;
  Instant fixedFrom_;  // [fixedFrom_, fixedTo_): offset is fixedOffset_, no transition
  Instant fixedTo_;
  std::chrono::seconds fixedOffset_;
};

}  // namespace sowflow::engine::detail
