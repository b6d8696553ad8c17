// The two file parsers and the loader they share (docs/workflow-format.md).
//
// parseWorkflow and parseCalendar turn a checked DOM into the model, report
// every schema and consistency error through the ElementReader, and return
// nullopt when any was found. loadDefinition is loadDefinitionText plus what
// the Catalog needs for cross-file checks (the line of the calendar reference).
// Thread-safety: reentrant.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sowflow/engine/calendar.hpp"
#include "sowflow/engine/definition_loader.hpp"
#include "sowflow/engine/workflow.hpp"
#include "workflow/element_reader.hpp"

namespace sowflow::engine::detail {

std::optional<Workflow> parseWorkflow(pugi::xml_node root, ElementReader& reader);
std::optional<CalendarDefinition> parseCalendar(pugi::xml_node root, ElementReader& reader);

struct LoadedDefinition {
  LoadedFile file;
  std::string name;       // what diagnostics call the file
  int calendarLine = 0;   // line of <workflow calendar="...">, for the cross-file check
  int rootLine = 0;
};

LoadedDefinition loadDefinition(std::string_view xml, const std::string& name);
LoadedDefinition loadDefinitionPath(const std::filesystem::path& file);

}  // namespace sowflow::engine::detail
