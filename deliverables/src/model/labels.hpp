// Labels: the words generated documents use, per language, read from
// templates/documents/<lang>/labels.txt ("key = value" lines, '#' comments).
// C++ never holds per-language text; a missing key renders as "[key]" so a
// gap is visible, and a test checks every language has the same keys. A
// value may hold "{name}" placeholders that fill() replaces, so each language
// places the inserted words (and its own punctuation) where its grammar wants.
// Thread-safety: immutable after load.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "sowflow/engine/result.hpp"

namespace sowflow::deliverables::detail {

class Labels {
 public:
  // not_found when the file is missing; invalid_argument ("file:line: ...")
  // for a line without '='.
  static engine::Result<Labels> load(const std::filesystem::path& file);

  const std::string& operator()(const std::string& key) const;
  // The label with every "{name}" replaced by values.at(name); unknown
  // placeholders stay as written so a gap is visible.
  std::string fill(const std::string& key, const std::map<std::string, std::string>& values) const;
  const std::map<std::string, std::string>& all() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
  mutable std::map<std::string, std::string> missing_;
};

}  // namespace sowflow::deliverables::detail
