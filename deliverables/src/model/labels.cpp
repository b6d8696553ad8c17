#include "model/labels.hpp"

#include <fstream>

namespace sowflow::deliverables::detail {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

}  // namespace

engine::Result<Labels> Labels::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return engine::makeError(engine::ErrorCode::not_found,
                             "Expected a labels file at " + file.string() + ", found none");
  }
  Labels labels;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    const auto eq = text.find('=');
    if (eq == std::string::npos) {
      return engine::makeError(engine::ErrorCode::invalid_argument,
                               file.string() + ":" + std::to_string(number) +
                                   ": expected 'key = value', found '" + text + "'");
    }
    labels.values_[trim(text.substr(0, eq))] = trim(text.substr(eq + 1));
  }
  return labels;
}

const std::string& Labels::operator()(const std::string& key) const {
  const auto found = values_.find(key);
  if (found != values_.end()) return found->second;
  return missing_.try_emplace(key, "[" + key + "]").first->second;
}

}  // namespace sowflow::deliverables::detail
