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

std::string Labels::fill(const std::string& key, const std::map<std::string, std::string>& values) const {
  const std::string& text = (*this)(key);
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t at = 0;
  while (at < text.size()) {
    const auto open = text.find('{', at);
    const auto close = open == std::string::npos ? open : text.find('}', open + 1);
    if (close == std::string::npos) break;
    out.append(text, at, open - at);
    const auto found = values.find(text.substr(open + 1, close - open - 1));
    if (found != values.end()) {
      out += found->second;
    } else {
      out.append(text, open, close - open + 1);
    }
    at = close + 1;
  }
  if (at < text.size()) out.append(text, at, std::string::npos);
  return out;
}

}  // namespace sowflow::deliverables::detail
