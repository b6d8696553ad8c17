#include "pages/page_renderer.hpp"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sowflow::server {

namespace {

// The partials `text` names ({{> name}}), without parsing it otherwise.
std::set<std::string> partialNames(const std::string& text) {
  std::set<std::string> names;
  for (auto at = text.find("{{>"); at != std::string::npos; at = text.find("{{>", at + 3)) {
    const auto close = text.find("}}", at);
    if (close == std::string::npos) break;
    const auto name = text.substr(at + 3, close - at - 3);
    const auto first = name.find_first_not_of(" \t");
    const auto last = name.find_last_not_of(" \t");
    if (first != std::string::npos) names.insert(name.substr(first, last - first + 1));
  }
  return names;
}

}  // namespace

PageRenderer::PageRenderer(const std::filesystem::path& pagesDir) {
  // mstch's own escaper (& < > " ' /) is used: its setting is process-global
  // and the document generators rely on the default, so it is never replaced.
  std::map<std::string, std::string> texts;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(pagesDir, error)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    texts[entry.path().stem().string()] = text.str();
  }
  if (texts.empty()) {
    throw std::runtime_error("no page templates (*.mustache) found in " + pagesDir.string());
  }
  // mstch parses every partial it is handed on each render, so each page is
  // handed only those it reaches; an unknown one renders empty, as in mstch.
  for (const auto& [name, text] : texts) {
    Page page{text, {}};
    std::vector<std::string> pending(1, name);
    while (!pending.empty()) {
      const auto current = texts.find(pending.back());
      pending.pop_back();
      if (current == texts.end()) continue;
      for (const auto& partial : partialNames(current->second)) {
        const auto found = texts.find(partial);
        if (found != texts.end() && page.partials.emplace(partial, found->second).second) {
          pending.push_back(partial);
        }
      }
    }
    pages_.emplace(name, std::move(page));
  }
}

std::string PageRenderer::render(const std::string& page, const mstch::map& context) const {
  const auto it = pages_.find(page);
  if (it == pages_.end()) throw std::runtime_error("missing page template '" + page + "'");
  return mstch::render(it->second.text, context, it->second.partials);
}

std::string humanSize(std::int64_t bytes) {
  char buffer[32];
  if (bytes < 1024) {
    std::snprintf(buffer, sizeof buffer, "%lld B", static_cast<long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / 1048576.0);
  }
  return buffer;
}

}  // namespace sowflow::server
