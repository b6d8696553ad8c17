// PageTemplate: a mustache template parsed once, rendered many times.
//
// mstch::render() re-parses the template and every partial on each call; for
// the acceptance page that parse was half of the request's CPU. This class
// parses with mstch's own rules (the same tokens, the same standalone-line
// whitespace stripping, the same lookup through the context stack, dotted
// names, the same HTML escaper including mstch::config::escape) into a tree,
// once, and renders an mstch::node context by walking it. A test renders every
// page template both ways and demands identical bytes.
//
// Supported: {{name}}, {{{name}}}, {{&name}}, {{#section}}, {{^inverted}},
// {{! comment}}, {{> partial}} written inline or on its own unindented line.
// Refused at load (std::runtime_error naming the template): delimiter changes
// {{=...=}}, indented standalone partials, and unbalanced sections, none of
// which the pages use. Lambdas in a context render as nothing.
// Thread-safety: immutable after link(); render() is reentrant.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

namespace sowflow::server {

class PageTemplate {
 public:
  // Parses `text`; `name` is used in error messages only.
  PageTemplate(const std::string& name, const std::string& text);

  // Resolves {{> partial}} names against `all` (missing ones render as
  // nothing, as in mstch). `all` must outlive this template.
  void link(const std::map<std::string, PageTemplate>& all);

  std::string render(const mstch::node& context) const;

  struct Node;
  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  std::string name_;
  std::vector<Node> nodes_;
};

struct PageTemplate::Node {
  enum class Kind { text, variable, raw_variable, section, inverted, partial };
  Kind kind = Kind::text;
  std::string text;                 // text: the bytes; otherwise the tag's name
  std::vector<std::string> path;    // the name split at '.' ("." stays whole)
  std::vector<Node> children;       // sections
  const PageTemplate* partial = nullptr;
};

}  // namespace sowflow::server
