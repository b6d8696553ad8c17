#include "pages/page_renderer.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "auth/secure_random.hpp"
#include "sowflow/deliverables/mustache_partials.hpp"

namespace sowflow::server {

namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// mstch makes a token of every template line and parses the template again
// on every render; pages written on one line render about a quarter faster.
// In HTML a line break and a space are the same whitespace, so each line
// break and the indentation after it become one space (no page holds <pre>,
// and the comment <textarea> starts empty; a test keeps it that way).
std::string joinLines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) ++i;
    if (i + 1 < text.size()) out += ' ';
  }
  return out;
}

}  // namespace

PageRenderer::PageRenderer(const std::filesystem::path& pagesDir) {
  // mstch's own escaper (& < > " ' /) is used: its setting is process-global
  // and the document generators rely on the default, so it is never replaced.
  std::map<std::string, std::string> texts;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(pagesDir, error)) {
    if (entry.path().extension() != ".mustache") continue;
    texts[entry.path().stem().string()] = joinLines(readFile(entry.path()));
  }
  if (texts.empty()) {
    throw std::runtime_error("no page templates (*.mustache) found in " + pagesDir.string());
  }
  const auto css = pagesDir / "sowflow.css";
  if (!std::filesystem::is_regular_file(css)) {
    throw std::runtime_error("no stylesheet " + css.string());
  }
  stylesheet_ = readFile(css);
  stylesheetTag_ = "\"" + sha256Hex(stylesheet_).substr(0, 32) + "\"";
  // mstch parses every partial it is handed on each render, so each page is
  // handed only those it reaches; an unknown one renders empty, as in mstch.
  for (const auto& [name, text] : texts) {
    pages_.emplace(name, Page{text, deliverables::reachablePartials(text, texts)});
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
