// Working-day arithmetic without loops (docs/calendars.md "Arithmetic").
//
// A DayTable answers "is day d a working day", "how many working days lie in
// (a, b]" and "which day is the n-th working day after a" in O(1), for any
// day number. Days are counted from 1970-01-01 (day 0, a Thursday).
//
// Outside the table span only the weekend mask decides, and counting is done
// by whole weeks plus a remainder. Inside the span [first, first + size) a
// per-day flag array, a prefix sum of working days, and the list of working
// day offsets (for the inverse) are precomputed. The global count
//   C(x) = working days in [0, x)
// is the weekend-only count F(x) plus a correction that is 0 before the span,
// grows inside it (holidays subtract, make-up days add) and is constant after.
// Queries that start and end inside the span take a shorter path that only
// reads the span's prefix sums (fewer branches to mispredict).
// Thread-safety: immutable after construction.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace sowflow::engine::detail {

class DayTable {
 public:
  // REQUIRES: weekendMask has bit (weekday, 0 = Sunday) set for weekend days and
  // at least one day of the week clear; `flags` holds 1 for a working day, one
  // entry per day starting at day number `first`.
  DayTable(unsigned weekendMask, std::int64_t first, const std::vector<std::uint8_t>& flags);

  bool isWorkingDay(std::int64_t day) const;
  // Working days in (from, to]; 0 when to <= from.
  std::int64_t count(std::int64_t from, std::int64_t to) const;
  // The day that is the n-th working day strictly after `from`. REQUIRES: n >= 1.
  std::int64_t add(std::int64_t from, std::int64_t n) const;

  std::int64_t first() const { return first_; }
  std::int64_t end() const { return first_ + static_cast<std::int64_t>(size_); }

 private:
  // Weekend-only count of working days in [0, x).
  std::int64_t weekendOnlyCount(std::int64_t x) const;
  // Weekend-only: the day holding working-day index j (C(day) == j, 0-based).
  std::int64_t weekendOnlyDay(std::int64_t j) const;
  // C(x) as above.
  std::int64_t globalCount(std::int64_t x) const;

  std::int64_t first_;
  std::size_t size_;
  int perWeek_ = 0;                    // working days per week by weekend alone
  std::array<std::int8_t, 8> prefix_{};     // working days among week offsets [0, r)
  std::array<std::int8_t, 7> nthOffset_{};  // week offset of the r-th working day
  std::vector<std::uint8_t> flags_;         // 1 = working, per day of the span
  std::vector<std::int32_t> delta_;         // C(first+i) - F(first+i) - (C(first) - F(first))
  std::vector<std::int32_t> workingOffsets_;  // offsets of the span's working days, in order
  std::vector<std::int32_t> spanPrefix_;      // working days in [first, first + i)
  std::int64_t countAtFirst_ = 0;             // C(first) == F(first)
};

}  // namespace sowflow::engine::detail
