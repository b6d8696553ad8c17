#include "calendar/day_table.hpp"

#include <algorithm>
#include <cassert>

namespace sowflow::engine::detail {

namespace {

// Day 0 (1970-01-01) is a Thursday; week offset r is weekday (4 + r) % 7,
// with 0 = Sunday as in date::weekday::c_encoding().
constexpr unsigned kWeekdayOfDayZero = 4;

inline std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// floorDiv by a divisor known to be 1..7, dispatched to constant divisors so
// the compiler turns each division into a multiplication (a hardware divide
// would be most of the cost of add()).
std::int64_t floorDivSmall(std::int64_t a, int divisor) {
  switch (divisor) {
    case 5: return floorDiv(a, 5);
    case 6: return floorDiv(a, 6);
    case 4: return floorDiv(a, 4);
    case 3: return floorDiv(a, 3);
    case 2: return floorDiv(a, 2);
    case 1: return a;
    default: return floorDiv(a, 7);
  }
}

}  // namespace

DayTable::DayTable(unsigned weekendMask, std::int64_t first,
                   const std::vector<std::uint8_t>& flags)
    : first_(first), size_(flags.size()), flags_(flags) {
  for (int r = 0; r < 7; ++r) {
    const bool working = ((weekendMask >> ((kWeekdayOfDayZero + r) % 7)) & 1U) == 0;
    prefix_[r + 1] = static_cast<std::int8_t>(prefix_[r] + (working ? 1 : 0));
    if (working) nthOffset_[perWeek_++] = static_cast<std::int8_t>(r);
  }
  // A week without working days would make add() run forever; build() refuses it.
  assert(perWeek_ > 0);
  countAtFirst_ = weekendOnlyCount(first_);

  delta_.resize(size_ + 1);
  delta_[0] = 0;
  spanPrefix_.resize(size_ + 1);
  spanPrefix_[0] = 0;
  std::int32_t spanCount = 0;
  for (std::size_t i = 0; i < size_; ++i) {
    if (flags_[i]) {
      workingOffsets_.push_back(static_cast<std::int32_t>(i));
      ++spanCount;
    }
    spanPrefix_[i + 1] = spanCount;
    const auto day = first_ + static_cast<std::int64_t>(i) + 1;
    delta_[i + 1] =
        static_cast<std::int32_t>(spanCount - (weekendOnlyCount(day) - countAtFirst_));
  }
}

bool DayTable::isWorkingDay(std::int64_t day) const {
  if (day >= first_ && day < end()) return flags_[static_cast<std::size_t>(day - first_)] != 0;
  const auto r = day - 7 * floorDiv(day, 7);
  return prefix_[r + 1] != prefix_[r];
}

std::int64_t DayTable::weekendOnlyCount(std::int64_t x) const {
  const std::int64_t q = floorDiv(x, 7);
  return q * perWeek_ + prefix_[x - 7 * q];
}

std::int64_t DayTable::weekendOnlyDay(std::int64_t j) const {
  const std::int64_t q = floorDivSmall(j, perWeek_);
  return 7 * q + nthOffset_[j - q * perWeek_];
}

std::int64_t DayTable::globalCount(std::int64_t x) const {
  const std::int64_t i = std::clamp<std::int64_t>(x - first_, 0, static_cast<std::int64_t>(size_));
  return weekendOnlyCount(x) + delta_[static_cast<std::size_t>(i)];
}

std::int64_t DayTable::count(std::int64_t from, std::int64_t to) const {
  if (to <= from) return 0;
  const auto lo = from + 1 - first_;
  const auto hi = to + 1 - first_;
  if (lo >= 0 && hi <= static_cast<std::int64_t>(size_)) {
    return spanPrefix_[static_cast<std::size_t>(hi)] - spanPrefix_[static_cast<std::size_t>(lo)];
  }
  return globalCount(to + 1) - globalCount(from + 1);
}

std::int64_t DayTable::add(std::int64_t from, std::int64_t n) const {
  const auto start = from + 1 - first_;
  if (start >= 0 && start < static_cast<std::int64_t>(size_)) {
    const auto k = spanPrefix_[static_cast<std::size_t>(start)] + n - 1;
    if (k < static_cast<std::int64_t>(workingOffsets_.size())) {
      return first_ + workingOffsets_[static_cast<std::size_t>(k)];
    }
  }
  // The wanted day d is working with C(d) == j: the j-th working day (0-based).
  const std::int64_t j = globalCount(from + 1) + n - 1;
  if (j < countAtFirst_) return weekendOnlyDay(j);  // before the span C == F
  const auto inSpan = j - countAtFirst_;
  if (inSpan < static_cast<std::int64_t>(workingOffsets_.size())) {
    return first_ + workingOffsets_[static_cast<std::size_t>(inSpan)];
  }
  return weekendOnlyDay(j - delta_[size_]);  // after the span C == F + delta(end)
}

}  // namespace sowflow::engine::detail
