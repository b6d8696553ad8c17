// PageRenderer: HTML pages from the mustache templates in templates/pages/.
//
// Every *.mustache file in the folder is loaded once at start-up and is
// available both as a page and as a partial ({{> name}}); so is sowflow.css,
// the one stylesheet every page links (served at /static/sowflow.css, so the
// pages' CSP needs no inline styles and browsers cache it). mstch renders a page,
// handed only the partials the page reaches (mstch parses each one it is
// given on every render). All values are escaped by {{name}} with mstch's
// HTML escaper (& < > " ' /); templates never use {{{ }}} (a test checks
// that), and every attribute value is quoted. The acceptance page's
// words ({{t.key}}) come from pageStrings(language) so the page follows the
// workflow's language (en, zh-CN). They are written into a copy of the
// template per language at start-up, escaped as mstch would: each {{t.key}}
// rendered per request cost mstch a token and a copy of the whole word map,
// about 40% of the page's render time.
// Thread-safety: immutable after construction; render() is reentrant.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <mstch/mstch.hpp>

namespace sowflow::server {

class PageRenderer {
 public:
  // Throws std::runtime_error naming the folder when it holds no templates
  // or no sowflow.css.
  explicit PageRenderer(const std::filesystem::path& pagesDir);

  // REQUIRES: `page` names a loaded template (e.g. "acceptance"); otherwise
  // throws std::runtime_error. Its words are English. The context is taken
  // by value and moved into mstch's root node: handing mstch a map makes it
  // convert (deep-copy) the map into a node first, which was a tenth of the
  // acceptance page's time; callers pass a temporary or std::move.
  std::string render(const std::string& page, mstch::map context) const;
  // The page with its words in `language` ("zh-CN", else English).
  std::string render(const std::string& page, const std::string& language,
                     mstch::map context) const;

  // The stylesheet's bytes and its entity tag (a quoted SHA-256 prefix).
  const std::string& stylesheet() const { return stylesheet_; }
  const std::string& stylesheetTag() const { return stylesheetTag_; }

 private:
  struct Page {
    std::string text;
    std::map<std::string, std::string> partials;  // those it reaches, transitively
  };
  const Page& page(const std::string& name, const std::string& language) const;

  std::map<std::string, Page> chinese_;  // every page, its {{t.key}} words in zh-CN
  std::map<std::string, Page> english_;  // ... and in English
  std::string stylesheet_;
  std::string stylesheetTag_;
};

// The words of the customer-facing pages in `language` ("zh-CN" or else English).
// Built once per language; the reference stays valid for the process's life.
const mstch::map& pageStrings(const std::string& language);

// "12.3 KiB" style sizes for people.
std::string humanSize(std::int64_t bytes);

}  // namespace sowflow::server
