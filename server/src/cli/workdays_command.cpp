// `sowflow workdays add|deadline` (SPEC §3): working-day arithmetic on a
// shipped calendar, for people checking a deadline by hand and for scripts.
//
//   sowflow workdays add --calendar ID --from DATE --days N
//     prints the date, followed by " (provisional)" when it is (SPEC §3);
//   sowflow workdays deadline --calendar ID --at INSTANT --days N
//     prints the deadline instant in the calendar's offset (24:00 local), then
//     "deadline_local_date DATE" on a second line; " (provisional)" as above.
//
// Calendars are read from DIR/calendars/*.xml, DIR being --workflows or the
// shipped workflows directory. Only the calendar files are loaded, so a
// mistake in some workflow file does not stop date arithmetic.
// Exit codes: 0 ok; 1 unknown calendar; 2 usage (a missing or malformed
// option, named in the message).
#include <algorithm>
#include <charconv>
#include <iostream>

#include "cli/subcommand.hpp"
#include "sowflow/engine/definition_loader.hpp"

namespace sowflow::server::cli {
namespace {

namespace engine = sowflow::engine;

constexpr const char* kUsage =
    "add --calendar ID --from DATE --days N | deadline --calendar ID --at INSTANT --days N";

Poco::Util::OptionSet workdaysOptions() {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("calendar", "", "calendar id, e.g. cn-mainland")
                        .required(false).repeatable(false).argument("ID"));
  options.addOption(Poco::Util::Option("from", "", "add: the start date YYYY-MM-DD (never counted)")
                        .required(false).repeatable(false).argument("DATE"));
  options.addOption(Poco::Util::Option("at", "", "deadline: the submission instant, RFC 3339 "
                                                 "with offset, e.g. 2025-01-24T15:00:00+08:00")
                        .required(false).repeatable(false).argument("INSTANT"));
  options.addOption(Poco::Util::Option("days", "", "working days N, 1..366")
                        .required(false).repeatable(false).argument("N"));
  options.addOption(Poco::Util::Option("workflows", "", "workflows directory holding calendars/ "
                                                        "(default: the shipped one)")
                        .required(false).repeatable(false).argument("DIR"));
  return options;
}

int usageError(const std::string& message) {
  std::cerr << "sowflow workdays: " << message << "\n";
  return kExitUsage;
}

std::optional<int> parseDays(const std::string& text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value < 1 || value > 366) {
    return std::nullopt;
  }
  return value;
}

// The calendar `id` from dir/calendars, or nullptr after explaining why not.
engine::CalendarPtr findCalendar(const std::filesystem::path& dir, const std::string& id) {
  std::vector<std::string> known;
  std::vector<engine::Diagnostic> problems;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "calendars", ec)) {
    if (entry.path().extension() != ".xml") continue;
    auto loaded = engine::loadDefinitionFile(entry.path());
    if (loaded.calendar && loaded.calendar->id() == id) return loaded.calendar;
    if (loaded.calendar) known.push_back(loaded.calendar->id());
    problems.insert(problems.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  }
  std::cerr << "sowflow workdays: unknown calendar '" << id << "' in "
            << (dir / "calendars").string();
  if (!known.empty()) {
    std::sort(known.begin(), known.end());
    std::cerr << " (known:";
    for (const auto& name : known) std::cerr << " " << name;
    std::cerr << ")";
  }
  std::cerr << "\n";
  for (const auto& problem : problems) std::cerr << problem.toString() << "\n";
  return nullptr;
}

}  // namespace

int workdaysMain(const std::vector<std::string>& args) {
  const auto parsed = parseOptions(
      "workdays", kUsage,
      "Working-day arithmetic on a calendar (docs/calendars.md). `add` prints the date N "
      "working days after DATE; `deadline` prints the end (24:00 local) of the N-th working "
      "day after the local date of INSTANT, then its deadline_local_date. Answers outside the "
      "calendar's published years end in \" (provisional)\".",
      workdaysOptions(), args);
  if (!parsed) return kExitUsage;
  if (parsed->helpShown) return kExitOk;

  if (parsed->positional.size() != 1 ||
      (parsed->positional[0] != "add" && parsed->positional[0] != "deadline")) {
    return usageError("expected 'add' or 'deadline' (usage: sowflow workdays " +
                      std::string(kUsage) + ")");
  }
  const bool add = parsed->positional[0] == "add";
  const char* const startOption = add ? "from" : "at";
  for (const char* name : {"calendar", startOption, "days"}) {
    if (!parsed->has(name)) return usageError("missing option --" + std::string(name));
  }
  if (parsed->has(add ? "at" : "from")) {
    return usageError(std::string("option --") + (add ? "at" : "from") + " belongs to '" +
                      (add ? "deadline" : "add") + "'");
  }
  const auto days = parseDays(parsed->get("days"));
  if (!days) {
    return usageError("option --days: expected a whole number 1..366, got '" +
                      parsed->get("days") + "'");
  }
  std::optional<engine::Date> from;
  std::optional<engine::Instant> at;
  if (add) {
    from = engine::parseDate(parsed->get("from"));
    if (!from) return usageError("option --from: expected a date YYYY-MM-DD, got '" +
                                 parsed->get("from") + "'");
  } else {
    at = engine::parseInstant(parsed->get("at"));
    if (!at) {
      return usageError("option --at: expected an RFC 3339 instant with offset such as "
                        "2025-01-24T15:00:00+08:00, got '" + parsed->get("at") + "'");
    }
  }

  const std::filesystem::path dir = parsed->has("workflows")
                                        ? std::filesystem::path(parsed->get("workflows"))
                                        : engine::defaultWorkflowsDirectory();
  const auto calendar = findCalendar(dir, parsed->get("calendar"));
  if (!calendar) return kExitFailed;

  const char* const provisionalMark = " (provisional)";
  if (add) {
    const auto answer = calendar->addWorkingDays(*from, *days);
    if (!answer.ok()) return usageError("option --days: " + answer.error().message);
    std::cout << engine::formatDate(answer->date) << (answer->provisional ? provisionalMark : "")
              << "\n";
    return kExitOk;
  }
  const auto deadline = calendar->windowDeadline(*at, *days);
  if (!deadline.ok()) return usageError("option --days: " + deadline.error().message);
  std::cout << calendar->formatInstant(deadline->at)
            << (deadline->provisional ? provisionalMark : "") << "\n"
            << "deadline_local_date " << engine::formatDate(deadline->localDate) << "\n";
  return kExitOk;
}

}  // namespace sowflow::server::cli
