#include "pages/page_renderer.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

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

// Every {{t.key}} written out in `words`, escaped by mstch itself so the
// bytes are those a render would give. A key without a word is a template
// bug: start-up stops naming it.
std::string withWords(const std::string& name, const std::string& text, const mstch::map& words) {
  static constexpr std::string_view kOpen = "{{t.";
  std::string out;
  std::size_t from = 0;
  for (auto at = text.find(kOpen); at != std::string::npos; at = text.find(kOpen, from)) {
    const auto close = text.find("}}", at);
    if (close == std::string::npos) break;
    const std::string key = text.substr(at + kOpen.size(), close - at - kOpen.size());
    if (words.find(key) == words.end()) {
      throw std::runtime_error("page template '" + name + "' uses {{t." + key + "}}, a word no language has");
    }
    out.append(text, from, at - from);
    out += mstch::render("{{word}}", mstch::map{{"word", words.at(key)}});
    from = close + 2;
  }
  out.append(text, from, std::string::npos);
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
  for (auto [language, localized] : {std::pair{"zh-CN", &chinese_}, std::pair{"en", &english_}}) {
    const auto& words = pageStrings(language);
    for (const auto& [name, text] : texts) {
      Page page{withWords(name, text, words), {}};
      for (const auto& [partial, partialText] : deliverables::reachablePartials(text, texts)) {
        page.partials[partial] = withWords(partial, partialText, words);
      }
      localized->emplace(name, std::move(page));
    }
  }
}

const PageRenderer::Page& PageRenderer::page(const std::string& name, const std::string& language) const {
  const auto& pages = language == "zh-CN" ? chinese_ : english_;
  const auto it = pages.find(name);
  if (it == pages.end()) throw std::runtime_error("missing page template '" + name + "'");
  return it->second;
}

std::string PageRenderer::render(const std::string& name, mstch::map context) const {
  return render(name, "en", std::move(context));
}

std::string PageRenderer::render(const std::string& name, const std::string& language,
                                 mstch::map context) const {
  const Page& localized = page(name, language);
  const mstch::node root(std::move(context));
  return mstch::render(localized.text, root, localized.partials);
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
