// Loading and validating workflow and calendar XML files (docs/workflow-format.md).
//
// Validation collects every error, not just the first, each as
// "file:line: message" (SPEC §3 `sowflow validate`). External entities are
// never resolved; duplicate attributes, several roots and deep nesting are
// refused by the loader itself (pugixml accepts them).
// A Catalog holds the workflows and calendars in force, checks cross-file
// references (a workflow's calendar id), and is immutable once built.
// Thread-safety: free functions are reentrant; a built Catalog is immutable.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sowflow/engine/calendar.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/workflow.hpp"

namespace sowflow::engine {

struct Diagnostic {
  std::string file;
  int line = 0;
  std::string message;
  std::string toString() const;  // "file:line: message"
};

// Either a workflow or a calendar, whichever the root element says; on any
// error, `diagnostics` is non-empty and neither pointer is set.
struct LoadedFile {
  WorkflowPtr workflow;
  CalendarPtr calendar;
  std::vector<Diagnostic> diagnostics;
};

LoadedFile loadDefinitionFile(const std::filesystem::path& file);
// `name` is what diagnostics call the file.
LoadedFile loadDefinitionText(std::string_view xml, const std::string& name);

class Catalog {
 public:
  // Loads every *.xml in `dir` and `dir/calendars`, checks that each
  // workflow's calendar exists. Diagnostics for all files are collected.
  static Result<Catalog> loadDirectory(const std::filesystem::path& dir,
                                       std::vector<Diagnostic>* diagnostics = nullptr);
  // Validates a set of files together (cross references resolved among them
  // and, for calendars not among them, against `fallback` if given).
  static std::vector<Diagnostic> validateFiles(const std::vector<std::filesystem::path>& files,
                                               const Catalog* fallback = nullptr);

  void add(WorkflowPtr workflow);
  void add(CalendarPtr calendar);

  WorkflowPtr workflow(std::string_view id) const;  // newest version, or nullptr
  WorkflowPtr workflow(std::string_view id, int version) const;
  CalendarPtr calendar(std::string_view id) const;
  std::vector<WorkflowPtr> workflows() const;  // newest version of each, by id
  std::vector<CalendarPtr> calendars() const;

 private:
  std::map<std::string, std::map<int, WorkflowPtr>, std::less<>> workflows_;
  std::map<std::string, CalendarPtr, std::less<>> calendars_;
};

// The shipped workflows directory (workflows/ in the source tree), overridable
// with the SOWFLOW_WORKFLOWS environment variable.
std::filesystem::path defaultWorkflowsDirectory();

}  // namespace sowflow::engine
