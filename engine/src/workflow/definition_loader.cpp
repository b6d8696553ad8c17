// Loading one workflow or calendar file: safe XML parse, then the parser the
// root element asks for, then (calendars) WorkingDayCalendar::build.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "workflow/parsers.hpp"

namespace sowflow::engine {

std::string Diagnostic::toString() const {
  // A problem with the whole file (unreadable, too large) has no line.
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

namespace detail {

LoadedDefinition loadDefinition(std::string_view xml, const std::string& name) {
  LoadedDefinition loaded;
  loaded.name = name;
  auto& out = loaded.file.diagnostics;
  XmlSource source;
  if (!source.parse(xml, name, out)) return loaded;
  const auto root = source.root();
  loaded.rootLine = source.lineOf(root);
  ElementReader reader(source, out);
  const std::string rootName = root.name();
  if (rootName == "workflow") {
    loaded.calendarLine = reader.line(root, "calendar");
    auto workflow = parseWorkflow(root, reader);
    if (workflow && out.empty()) {
      loaded.file.workflow = std::make_shared<const Workflow>(std::move(*workflow));
    }
  } else if (rootName == "calendar") {
    auto definition = parseCalendar(root, reader);
    if (definition && out.empty()) {
      auto built = WorkingDayCalendar::build(std::move(*definition));
      if (built) {
        loaded.file.calendar = std::move(built.value());
      } else {
        reader.error(loaded.rootLine, built.error().message);
      }
    }
  } else {
    reader.error(loaded.rootLine, "expected root element <workflow> or <calendar>, found <" +
                                      rootName + ">");
  }
  // Cross-element rules run after the walk; report in file order all the same.
  std::stable_sort(out.begin(), out.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  return loaded;
}

LoadedDefinition loadDefinitionPath(const std::filesystem::path& file) {
  const std::string name = file.string();
  const auto failed = [&](std::string message) {
    LoadedDefinition loaded;
    loaded.name = name;
    loaded.file.diagnostics.push_back(Diagnostic{name, 0, std::move(message)});
    return loaded;
  };
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return failed(ec ? "cannot read file: " + ec.message() : "cannot read file: not a regular file");
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return failed("cannot read file: " + ec.message());
  if (size > kMaxFileBytes) return failed("file is larger than 4 MiB");
  std::ifstream in(file, std::ios::binary);
  if (!in) return failed("cannot read file: open failed");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return failed("cannot read file: read failed");
  return loadDefinition(text.str(), name);
}

}  // namespace detail

LoadedFile loadDefinitionFile(const std::filesystem::path& file) {
  return detail::loadDefinitionPath(file).file;
}

LoadedFile loadDefinitionText(std::string_view xml, const std::string& name) {
  return detail::loadDefinition(xml, name).file;
}

std::filesystem::path defaultWorkflowsDirectory() {
  if (const char* env = std::getenv("SOWFLOW_WORKFLOWS"); env != nullptr && *env != '\0') {
    return env;
  }
#ifdef SOWFLOW_DEFAULT_WORKFLOWS_DIR
  // The source tree's workflows/, unless this binary runs where that is gone.
  std::error_code ec;
  if (std::filesystem::is_directory(SOWFLOW_DEFAULT_WORKFLOWS_DIR, ec)) {
    return SOWFLOW_DEFAULT_WORKFLOWS_DIR;
  }
#endif
  return "workflows";
}

}  // namespace sowflow::engine
