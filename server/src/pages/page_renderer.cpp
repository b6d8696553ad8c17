#include "pages/page_renderer.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sowflow::server {

PageRenderer::PageRenderer(const std::filesystem::path& pagesDir) {
  // mstch's own escaper (& < > " ' /) is used: its setting is process-global
  // and the document generators rely on the default, so it is never replaced.
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(pagesDir, error)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const auto name = entry.path().stem().string();
    templates_.emplace(name, PageTemplate(name, text.str()));
  }
  if (templates_.empty()) {
    throw std::runtime_error("no page templates (*.mustache) found in " + pagesDir.string());
  }
  for (auto& [name, page] : templates_) page.link(templates_);
}

std::string PageRenderer::render(const std::string& page, const mstch::map& context) const {
  const auto it = templates_.find(page);
  if (it == templates_.end()) throw std::runtime_error("missing page template '" + page + "'");
  return it->second.render(context);
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
