#include "calendar/local_zone.hpp"


namespace sowflow::engine::detail {

namespace {

// Margin kept from the ends of the fixed period so that a local midnight
// computed by arithmetic can never fall into a transition's gap or overlap.
constexpr std::chrono::hours kMargin{48};

Instant saturatingAdd(Instant at, std::chrono::seconds by) {
  const auto limit = Instant::max() - Instant{};
  if (by > std::chrono::seconds::zero() && at.time_since_epoch() > limit - by) return Instant::max();
  if (by < std::chrono::seconds::zero() && at.time_since_epoch() < Instant::min().time_since_epoch() - by) {
    return Instant::min();
  }
  return at + by;
}

}  // namespace

LocalZone::LocalZone(const date::time_zone* zone) : zone_(zone) {
  const auto info = zone->get_info(Instant{Date{date::year{2025} / 1 / 1}});
  fixedFrom_ = saturatingAdd(info.begin, kMargin);
  fixedTo_ = saturatingAdd(info.end, -kMargin);
  fixedOffset_ = info.offset;
}

std::chrono::seconds LocalZone::offsetAt(Instant at) const {
  if (at >= fixedFrom_ && at < fixedTo_) return fixedOffset_;
  return zone_->get_info(at).offset;
}

Date LocalZone::localDate(Instant at) const {
  return date::floor<date::days>(at + offsetAt(at));
}

Instant LocalZone::startOfLocalDay(Date day) const {
  const Instant guess = Instant{day} - fixedOffset_;
  if (guess >= fixedFrom_ && guess < fixedTo_) return guess;
  return zone_->to_sys(date::local_seconds{day.time_since_epoch()}, date::choose::earliest);
}

std::string LocalZone::format(Instant at) const {
  const auto offset = offsetAt(at);
  const auto local = at + offset;
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time{local - day};
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
  const auto magnitude = minutes < 0 ? -minutes : minutes;
  // Hand-formatted: snprintf would be most of the cost of a deadline answer.
  std::string text = "0000-00-00T00:00:00+00:00";
  const auto put = [&text](std::size_t pos, long long value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) {
      text[pos + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, static_cast<int>(ymd.year()), 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, time.hours().count(), 2);
  put(14, time.minutes().count(), 2);
  put(17, time.seconds().count(), 2);
  text[19] = minutes < 0 ? '-' : '+';
  put(20, magnitude / 60, 2);
  put(23, magnitude % 60, 2);
  return text;
}

}  // namespace sowflow::engine::detail
