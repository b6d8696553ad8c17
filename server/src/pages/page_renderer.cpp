#include "pages/page_renderer.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sowflow::server {

std::string escapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '`': out += "&#96;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

PageRenderer::PageRenderer(const std::filesystem::path& pagesDir) {
  // One escaper for the whole process: mstch keeps it in a global.
  mstch::config::escape = escapeHtml;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(pagesDir, error)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    templates_[entry.path().stem().string()] = text.str();
  }
  if (templates_.empty()) {
    throw std::runtime_error("no page templates (*.mustache) found in " + pagesDir.string());
  }
}

std::string PageRenderer::render(const std::string& page, const mstch::map& context) const {
  const auto it = templates_.find(page);
  if (it == templates_.end()) throw std::runtime_error("missing page template '" + page + "'");
  return mstch::render(it->second, context, templates_);
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
