// The mustache renderer of the docx templates (internal). It replaces mstch
// for documents because mstch copied every section's data on each push and
// re-parsed partials per call (an acceptance report of 200 milestones spent
// most of its 180 ms there); the page templates of server/ still use mstch.
//
// Contract: the output is byte for byte what mstch 1.0.2 gives for the same
// template and data, so golden files do not move:
//  - tags {{name}} (escaped), {{{name}}} and {{&name}} (raw), {{#name}},
//    {{^name}}, {{/name}}, {{! comment}}, {{> partial}}; dotted names and "."
//    resolve as mstch resolves them (only maps answer a name);
//  - a line holding only section/partial/comment tags and blanks is removed
//    with its newline (mstch's "standalone" rule), and the blanks in front of
//    a standalone partial indent every line of it;
//  - escaping turns & ' " < > / into &amp; &#39; &quot; &lt; &gt; &#x2F;;
//  - a section over a list renders once per item, over any other non-empty
//    value once with the value pushed; empty = missing, false, "" or [].
// Unlike mstch, a template with an unclosed or mismatched section, or a
// delimiter change, is an error naming the template (mstch printed nothing).
// Thread-safety: a Templates object is used by one thread; Value is a plain value.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sowflow/engine/result.hpp"

namespace sowflow::deliverables::detail::mustache {

// The data a template sees: text, a flag, a list, a map from names to values,
// or a reference to another value (so one milestone can appear in two lists
// without a copy; the referee must outlive the render).
class Value {
 public:
  enum class Kind { null, text, flag, list, map, ref };

  Value() = default;
  Value(std::string text) : kind_(Kind::text), text_(std::move(text)) {}  // NOLINT: implicit by design
  Value(const char* text) : kind_(Kind::text), text_(text) {}             // NOLINT
  Value(bool flag) : kind_(Kind::flag), flag_(flag) {}                    // NOLINT
  static Value list() { Value v; v.kind_ = Kind::list; return v; }
  static Value map() { Value v; v.kind_ = Kind::map; return v; }
  static Value ref(const Value& target) { Value v; v.kind_ = Kind::ref; v.target_ = &target; return v; }

  // Map: adds a field (keys are string literals; later lookups scan in order).
  Value& set(std::string_view key, Value value);
  // List: appends an item.
  Value& push(Value item);

  const Value& resolved() const { return kind_ == Kind::ref ? *target_ : *this; }
  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  bool flag() const { return flag_; }
  const std::vector<Value>& items() const { return items_; }
  // The field's value, or nullptr when this is not a map or lacks the key.
  const Value* field(std::string_view key) const;
  bool empty() const;  // mstch's is_node_empty

 private:
  Kind kind_ = Kind::null;
  bool flag_ = false;
  std::string text_;
  std::vector<Value> items_;
  std::vector<std::pair<std::string_view, Value>> fields_;
  const Value* target_ = nullptr;
};

struct Node;  // a parsed template: text, variables, sections, partials
using Tree = std::vector<Node>;

// A main template and its partials, parsed once, rendered any number of times.
class Templates {
 public:
  Templates();
  ~Templates();
  Templates(Templates&&) noexcept;
  Templates& operator=(Templates&&) noexcept;

  // `name` is used in error messages (the template's file).
  engine::Status addPartial(const std::string& partial, const std::string& text, const std::string& name);
  engine::Status setMain(const std::string& text, const std::string& name);

  // Renders the main template for `data`, appending to `out`.
  void render(const Value& data, std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sowflow::deliverables::detail::mustache
