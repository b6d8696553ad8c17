// <calendar> files: weekend days, holidays (single days or inclusive ranges)
// and make-up working days, checked for consistency with their lines before
// WorkingDayCalendar::build sees them (docs/workflow-format.md, "Calendar files").
#include <array>
#include <map>

#include <date/tz.h>

#include "workflow/parsers.hpp"

namespace sowflow::engine::detail {
namespace {

using pugi::xml_node;

constexpr std::array<const char*, 7> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<const char*, 7> kDayTitles = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};
constexpr int kMaxHolidayRangeDays = 366;

bool knownTimeZone(const std::string& name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

class CalendarParser {
 public:
  explicit CalendarParser(ElementReader& reader) : r_(reader) {}

  std::optional<CalendarDefinition> parse(xml_node root) {
    r_.attributes(root, {"id", "title", "time-zone", "revision"},
                  {"published-from", "published-to", "source"});
    r_.children(root, {"weekend", "holiday", "working-day"}, {"weekend"});
    c_.id = r_.identifier(root);
    c_.title = r_.text(root, "title");
    c_.revision = r_.text(root, "revision");
    c_.source = r_.text(root, "source");
    c_.timeZone = r_.text(root, "time-zone");
    if (!c_.timeZone.empty() && !knownTimeZone(c_.timeZone)) {
      r_.error(r_.line(root, "time-zone"), "unknown time zone '" + c_.timeZone + "'");
    }
    published(root);
    weekend(root.child("weekend"));
    for (auto node : root.children("holiday")) holiday(node);
    for (auto node : root.children("working-day")) workingDay(node);
    if (r_.hadErrors()) return std::nullopt;
    return std::move(c_);
  }

 private:
  void published(xml_node root) {
    const auto from = r_.optionalInteger(root, "published-from", 1900, 9999);
    const auto to = r_.optionalInteger(root, "published-to", 1900, 9999);
    const bool hasFrom = root.attribute("published-from");
    const bool hasTo = root.attribute("published-to");
    if (hasFrom != hasTo) {
      r_.error(r_.line(root, hasFrom ? "published-from" : "published-to"),
               "published-from and published-to go together; give both or neither");
    } else if (from && to && *from > *to) {
      r_.error(r_.line(root, "published-from"),
               "published-from " + std::to_string(*from) + " is after published-to " +
                   std::to_string(*to));
    } else if (from && to) {
      c_.firstPublishedYear = *from;
      c_.lastPublishedYear = *to;
    }
  }

  void weekend(xml_node node) {
    if (!node) {  // documented default
      c_.weekend = {date::Saturday, date::Sunday};
      return;
    }
    r_.attributes(node, {"days"}, {});
    r_.children(node, {});
    for (const auto& name : r_.list(node, "days")) {
      const auto it = std::find_if(kDayNames.begin(), kDayNames.end(),
                                   [&](const char* day) { return name == day; });
      if (it == kDayNames.end()) {
        r_.error(r_.line(node, "days"), "attribute 'days' of <weekend> must list day names "
                                        "mon tue wed thu fri sat sun, found '" + name + "'");
        continue;
      }
      const date::weekday day{static_cast<unsigned>(it - kDayNames.begin())};
      if (std::find(c_.weekend.begin(), c_.weekend.end(), day) == c_.weekend.end()) {
        c_.weekend.push_back(day);
      }
    }
  }

  void holiday(xml_node node) {
    r_.attributes(node, {}, {"date", "from", "to", "name"});
    r_.children(node, {});
    const std::string name = r_.text(node, "name");
    const bool single = node.attribute("date");
    const bool ranged = node.attribute("from") || node.attribute("to");
    if (single == ranged) {
      r_.error(r_.line(node), single ? "<holiday> takes either 'date' or 'from' and 'to', not both"
                                     : "<holiday> needs either 'date' or 'from' and 'to'");
      return;
    }
    if (single) {
      if (const auto day = r_.date(node, "date")) addHoliday(*day, name, r_.line(node, "date"));
      return;
    }
    if (!node.attribute("from") || !node.attribute("to")) {
      r_.error(r_.line(node), "<holiday> range needs both 'from' and 'to'");
      return;
    }
    const auto from = r_.date(node, "from");
    const auto to = r_.date(node, "to");
    if (!from || !to) return;
    if (*from > *to) {
      r_.error(r_.line(node, "from"), "holiday range from " + formatDate(*from) + " to " +
                                          formatDate(*to) + " ends before it starts");
      return;
    }
    if ((*to - *from).count() >= kMaxHolidayRangeDays) {
      r_.error(r_.line(node, "from"), "holiday range from " + formatDate(*from) + " to " +
                                          formatDate(*to) + " is longer than " +
                                          std::to_string(kMaxHolidayRangeDays) + " days");
      return;
    }
    for (Date day = *from; day <= *to; day += date::days{1}) addHoliday(day, name, r_.line(node));
  }

  void addHoliday(Date day, const std::string& name, int line) {
    const auto [it, inserted] = holidayLines_.emplace(day, line);
    if (!inserted) {
      r_.error(line, "holiday " + formatDate(day) + " is listed twice (first at line " +
                         std::to_string(it->second) + ")");
      return;
    }
    c_.holidays.push_back(Holiday{day, name});
  }

  void workingDay(xml_node node) {
    r_.attributes(node, {"date"}, {"name"});
    r_.children(node, {});
    const auto day = r_.date(node, "date");
    if (!day) return;
    const int line = r_.line(node, "date");
    const date::weekday weekday{*day};
    if (std::find(c_.weekend.begin(), c_.weekend.end(), weekday) == c_.weekend.end()) {
      r_.error(line, "make-up working day " + formatDate(*day) + " is a " +
                         kDayTitles[weekday.c_encoding()] + ", not a weekend day");
      return;
    }
    if (const auto it = holidayLines_.find(*day); it != holidayLines_.end()) {
      r_.error(line, formatDate(*day) + " is both a holiday (line " + std::to_string(it->second) +
                         ") and a make-up working day");
      return;
    }
    if (!makeUpLines_.emplace(*day, line).second) {
      r_.error(line, "make-up working day " + formatDate(*day) + " is listed twice");
      return;
    }
    c_.makeUpWorkingDays.push_back(*day);
  }

  ElementReader& r_;
  CalendarDefinition c_;
  std::map<Date, int> holidayLines_;
  std::map<Date, int> makeUpLines_;
};

}  // namespace

std::optional<CalendarDefinition> parseCalendar(xml_node root, ElementReader& reader) {
  return CalendarParser(reader).parse(root);
}

}  // namespace sowflow::engine::detail
