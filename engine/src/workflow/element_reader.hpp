// Typed, schema-checked reading of one parsed XML file (docs/workflow-format.md).
//
// ElementReader is what the workflow and calendar parsers use instead of raw
// pugixml: every getter checks what it reads (required attributes, enum
// values, integers in range, booleans, dates, identifiers) and records a
// Diagnostic with the attribute's line when it is wrong, then returns a
// fallback so parsing continues and every error in the file gets reported.
// Thread-safety: one reader per file being parsed.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "sowflow/engine/time.hpp"
#include "sowflow/engine/workflow.hpp"
#include "workflow/xml_source.hpp"

namespace sowflow::engine::detail {

class ElementReader {
 public:
  ElementReader(const XmlSource& source, std::vector<Diagnostic>& out)
      : source_(source), out_(out), errorsAtStart_(out.size()) {}

  int line(pugi::xml_node node) const { return source_.lineOf(node); }
  int line(pugi::xml_node node, const char* attribute) const;
  void error(int line, std::string message);
  bool hadErrors() const { return out_.size() > errorsAtStart_; }

  // Reports attributes not listed and required ones that are missing or empty.
  void attributes(pugi::xml_node node, std::initializer_list<const char*> required,
                  std::initializer_list<const char*> optional);
  // Reports child elements not listed in `allowed`, and any text unless
  // `allowText`. `once` lists children that may appear at most once.
  void children(pugi::xml_node node, std::initializer_list<const char*> allowed,
                std::initializer_list<const char*> once = {}, bool allowText = false);

  // The attribute's value, or `fallback` when absent.
  std::string text(pugi::xml_node node, const char* attribute, std::string fallback = {}) const;
  // An identifier: [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 bytes.
  std::string identifier(pugi::xml_node node, const char* attribute = "id");
  std::string oneOf(pugi::xml_node node, const char* attribute, std::string fallback,
                    std::initializer_list<const char*> allowed);
  int integer(pugi::xml_node node, const char* attribute, int fallback, int min, int max);
  std::optional<int> optionalInteger(pugi::xml_node node, const char* attribute, int min, int max);
  bool boolean(pugi::xml_node node, const char* attribute, bool fallback);
  std::optional<Date> date(pugi::xml_node node, const char* attribute);
  // Space-separated identifiers (edition ids, weekday names); absent = empty.
  std::vector<std::string> list(pugi::xml_node node, const char* attribute);
  // The text of an optional single child element such as <description>.
  std::string childText(pugi::xml_node node, const char* child);

 private:
  std::string where(pugi::xml_node node, const char* attribute) const;

  const XmlSource& source_;
  std::vector<Diagnostic>& out_;
  std::size_t errorsAtStart_;
};

}  // namespace sowflow::engine::detail
