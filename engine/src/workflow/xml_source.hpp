// A workflow or calendar file parsed safely into a pugixml DOM, with line numbers.
//
// pugixml is fast and never expands DTD entities, but it accepts several root
// elements, duplicate attributes, unbounded nesting and silently drops text
// outside the root; XmlSource::parse refuses all of those itself, plus any
// DOCTYPE, entity references other than the five predefined ones, files that
// are not UTF-8 and files over kMaxFileBytes (docs/workflow-format.md,
// "Well-formedness"). Lines are computed from buffer offsets, so every node
// and attribute can be reported as file:line.
// Thread-safety: an XmlSource is a plain value; do not share while parsing.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "sowflow/engine/definition_loader.hpp"

namespace sowflow::engine::detail {

inline constexpr std::size_t kMaxFileBytes = 4 * 1024 * 1024;
inline constexpr int kMaxDepth = 32;

class XmlSource {
 public:
  // Parses `text`; problems are appended to `out` (file named `name`).
  // Returns false when the document must not be interpreted any further.
  bool parse(std::string_view text, const std::string& name, std::vector<Diagnostic>& out);

  // The document element; null when parse() returned false.
  pugi::xml_node root() const;
  const std::string& name() const { return name_; }

  // 1-based line of a node or attribute of this document; 0 when unknown.
  int lineOf(pugi::xml_node node) const;
  int lineOf(pugi::xml_attribute attribute) const;
  int lineOfOffset(std::size_t offset) const;

 private:
  int lineOfPointer(const char* p) const;
  void indexLines();

  std::string name_;
  std::string buffer_;  // parsed in place: the DOM points into it
  std::vector<std::size_t> lineStarts_;
  pugi::xml_document document_;
};

}  // namespace sowflow::engine::detail
