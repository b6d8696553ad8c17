// The Catalog: workflows and calendars in force, and the checks that span
// files (duplicate ids, a workflow's calendar reference).
#include <algorithm>

#include "workflow/parsers.hpp"

namespace sowflow::engine {
namespace {

using detail::LoadedDefinition;

std::vector<std::filesystem::path> xmlFilesIn(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::error_code typeError;
    if (entry.path().extension() == ".xml" && entry.is_regular_file(typeError)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());  // diagnostics in a stable order
  return files;
}

// Adds what loaded to `into` and reports what clashes across files.
void assemble(const std::vector<LoadedDefinition>& loaded, const Catalog* fallback,
              Catalog& into, std::vector<Diagnostic>& out) {
  std::map<std::string, std::string> calendarFiles;
  for (const auto& file : loaded) {
    out.insert(out.end(), file.file.diagnostics.begin(), file.file.diagnostics.end());
    if (!file.file.calendar) continue;
    const auto [it, inserted] = calendarFiles.emplace(file.file.calendar->id(), file.name);
    if (!inserted) {
      out.push_back(Diagnostic{file.name, file.rootLine, "calendar '" + it->first +
                                                             "' is also defined in " + it->second});
      continue;
    }
    into.add(file.file.calendar);
  }
  std::map<std::pair<std::string, int>, std::string> workflowFiles;
  for (const auto& file : loaded) {
    const auto& workflow = file.file.workflow;
    if (!workflow) continue;
    const auto [it, inserted] =
        workflowFiles.emplace(std::make_pair(workflow->id, workflow->version), file.name);
    if (!inserted) {
      out.push_back(Diagnostic{file.name, file.rootLine,
                               "workflow '" + workflow->id + "' version " +
                                   std::to_string(workflow->version) + " is also defined in " +
                                   it->second});
      continue;
    }
    const bool calendarKnown = into.calendar(workflow->calendar) != nullptr ||
                               (fallback != nullptr && fallback->calendar(workflow->calendar));
    if (!calendarKnown) {
      out.push_back(Diagnostic{file.name, file.calendarLine,
                               "workflow '" + workflow->id + "' uses calendar '" +
                                   workflow->calendar + "', which is not among the loaded calendars"});
    }
    into.add(workflow);
  }
}

void expectKind(LoadedDefinition& file, bool wantCalendar) {
  if (wantCalendar && file.file.workflow) {
    file.file.diagnostics.push_back(Diagnostic{
        file.name, file.rootLine, "expected a <calendar> here; workflow files belong one level up"});
    file.file.workflow.reset();
  } else if (!wantCalendar && file.file.calendar) {
    file.file.diagnostics.push_back(Diagnostic{
        file.name, file.rootLine, "expected a <workflow> here; calendar files belong in calendars/"});
    file.file.calendar.reset();
  }
}

}  // namespace

Result<Catalog> Catalog::loadDirectory(const std::filesystem::path& dir,
                                       std::vector<Diagnostic>* diagnostics) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return makeError(ErrorCode::not_found,
                     "Expected a workflows directory at '" + dir.string() + "', found none",
                     dir.string());
  }
  std::vector<LoadedDefinition> loaded;
  for (const auto& path : xmlFilesIn(dir / "calendars")) {
    loaded.push_back(detail::loadDefinitionPath(path));
    expectKind(loaded.back(), true);
  }
  for (const auto& path : xmlFilesIn(dir)) {
    loaded.push_back(detail::loadDefinitionPath(path));
    expectKind(loaded.back(), false);
  }
  Catalog catalog;
  std::vector<Diagnostic> problems;
  assemble(loaded, nullptr, catalog, problems);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), problems.begin(), problems.end());
  if (!problems.empty()) {
    return makeError(ErrorCode::invalid_argument,
                     std::to_string(problems.size()) + " problem(s) in the workflow files under " +
                         dir.string() + "; first: " + problems.front().toString(),
                     problems.front().file + ":" + std::to_string(problems.front().line));
  }
  return catalog;
}

std::vector<Diagnostic> Catalog::validateFiles(const std::vector<std::filesystem::path>& files,
                                               const Catalog* fallback) {
  std::vector<LoadedDefinition> loaded;
  loaded.reserve(files.size());
  for (const auto& path : files) loaded.push_back(detail::loadDefinitionPath(path));
  Catalog scratch;
  std::vector<Diagnostic> problems;
  assemble(loaded, fallback, scratch, problems);
  return problems;
}

void Catalog::add(WorkflowPtr workflow) {
  if (!workflow) return;
  workflows_[workflow->id][workflow->version] = std::move(workflow);
}

void Catalog::add(CalendarPtr calendar) {
  if (!calendar) return;
  const std::string id = calendar->id();
  calendars_[id] = std::move(calendar);
}

WorkflowPtr Catalog::workflow(std::string_view id) const {
  const auto it = workflows_.find(id);
  if (it == workflows_.end() || it->second.empty()) return nullptr;
  return it->second.rbegin()->second;
}

WorkflowPtr Catalog::workflow(std::string_view id, int version) const {
  const auto it = workflows_.find(id);
  if (it == workflows_.end()) return nullptr;
  const auto found = it->second.find(version);
  return found == it->second.end() ? nullptr : found->second;
}

CalendarPtr Catalog::calendar(std::string_view id) const {
  const auto it = calendars_.find(id);
  return it == calendars_.end() ? nullptr : it->second;
}

std::vector<WorkflowPtr> Catalog::workflows() const {
  std::vector<WorkflowPtr> out;
  for (const auto& [id, versions] : workflows_) {
    if (!versions.empty()) out.push_back(versions.rbegin()->second);
  }
  return out;
}

std::vector<CalendarPtr> Catalog::calendars() const {
  std::vector<CalendarPtr> out;
  for (const auto& [id, calendar] : calendars_) out.push_back(calendar);
  return out;
}

}  // namespace sowflow::engine
