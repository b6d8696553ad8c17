// PageTemplate (parse once, render many) must give exactly mstch's bytes:
// every shipped page with several kinds of context, and a table of small
// templates aimed at mstch's whitespace, lookup and escaping rules.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "pages/page_renderer.hpp"
#include "pages/page_template.hpp"

namespace sowflow::server {

namespace {

std::string renderOnce(const std::string& text, const mstch::node& context,
                       const std::map<std::string, std::string>& partials = {}) {
  std::map<std::string, PageTemplate> all;
  for (const auto& [name, body] : partials) all.emplace(name, PageTemplate(name, body));
  all.emplace("__main", PageTemplate("__main", text));
  for (auto& [name, page] : all) page.link(all);
  return all.at("__main").render(context);
}

// Puts `leaf` at every dotted name, creating the maps on the way.
void place(mstch::map& into, const std::string& name, const mstch::node& leaf) {
  const auto dot = name.find('.');
  if (dot == std::string::npos) {
    into[name] = leaf;
    return;
  }
  auto& child = into[name.substr(0, dot)];
  if (!boost::get<mstch::map>(&child)) child = mstch::map{};
  place(boost::get<mstch::map>(child), name.substr(dot + 1), leaf);
}

std::set<std::string> tagNames(const std::string& text) {
  std::set<std::string> names;
  static const std::regex tag(R"(\{\{[#^/]?\s*([A-Za-z0-9_.]+)\s*\}\})");
  for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

}  // namespace

TEST_CASE("every page template renders mstch's exact bytes", "[server][pages]") {
  const std::filesystem::path dir = std::string(SOWFLOW_SOURCE_DIR) + "/templates/pages";
  std::map<std::string, std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    texts[entry.path().stem().string()] = text.str();
  }
  REQUIRE(texts.count("acceptance") == 1);
  PageRenderer pages(dir);
  const std::string hostile = "<script>alert('x')</script> & \"q\" / 验收";
  for (const auto& [page, text] : texts) {
    const auto names = tagNames(text);
    std::vector<std::pair<const char*, mstch::map>> contexts;
    mstch::map strings, yes, no, lists;
    mstch::map row;
    for (const auto& name : names) place(row, name, mstch::node(hostile + " row " + name));
    for (const auto& name : names) {
      place(strings, name, mstch::node(hostile + " " + name));
      place(yes, name, mstch::node(true));
      place(no, name, mstch::node(false));
      place(lists, name, mstch::node(mstch::array{row, row}));
    }
    contexts.emplace_back("strings", strings);
    contexts.emplace_back("true", yes);
    contexts.emplace_back("false", no);
    contexts.emplace_back("lists", lists);
    contexts.emplace_back("empty", mstch::map{});
    for (const auto& [label, context] : contexts) {
      CAPTURE(page, label);
      const auto expected = mstch::render(text, context, texts);
      CHECK(pages.render(page, context) == expected);
    }
  }
}

TEST_CASE("small templates follow mstch's whitespace, lookup and escaping rules",
          "[server][pages]") {
  const mstch::map context{
      {"name", std::string("A&B </x> 'q\"")},
      {"yes", true},
      {"no", false},
      {"zero", 0},
      {"count", 3},
      {"ratio", 2.5},
      {"empty", std::string()},
      {"words", mstch::array{std::string("one"), std::string("<two>")}},
      {"rows", mstch::array{mstch::map{{"id", std::string("r1")}, {"yes", false}},
                            mstch::map{{"id", std::string("r2")}}}},
      {"nested", mstch::map{{"inner", mstch::map{{"leaf", std::string("deep/leaf")}}},
                            {"name", std::string("shadow")}}},
  };
  const std::map<std::string, std::string> partials{
      {"p", "[{{name}}]"}, {"lines", "x\n{{#yes}}\ny\n{{/yes}}\n"}};
  const std::vector<std::string> cases = {
      "plain text\nno tags",
      "{{name}}|{{{name}}}|{{& name}}|{{ name }}",
      "{{count}} {{zero}} {{ratio}} {{yes}} {{no}} {{missing}}.",
      "a\n{{#yes}}\nshown\n{{/yes}}\nb\n",
      "a\n  {{#no}}  \nhidden\n  {{/no}}\nb\n",
      "{{^no}}inverted{{/no}}{{^yes}}never{{/yes}}{{^missing}}absent{{/missing}}",
      "{{#words}}<{{.}}>{{/words}}",
      "{{#rows}}{{id}}:{{#yes}}Y{{/yes}}{{^yes}}N{{/yes}};{{/rows}}",
      "{{nested.inner.leaf}} {{nested.name}} {{#nested}}{{name}} {{count}}{{/nested}}",
      "{{#nested}}{{#inner}}{{leaf}}{{name}}{{/inner}}{{/nested}}",
      "{{#yes}}{{#yes}}twice{{/yes}}{{/yes}}",
      "{{! a comment }}x\n{{! standalone comment }}\ny",
      "before{{> p}}after\n{{> p}}\n{{> nothing}}|{{> lines}}",
      "{{#count}}{{.}}{{/count}}{{#name}}{{.}}{{/name}}",
      "crlf\r\n{{#yes}}\r\nin\r\n{{/yes}}\r\nout",
      "ends with a tag {{name}}",
      "{{#yes}}\n{{/yes}}",
      "{{#empty}}no{{/empty}}{{^empty}}yes{{/empty}}",
      "{{name.}} {{.name}} {{..}}",
  };
  for (const auto& text : cases) {
    CAPTURE(text);
    CHECK(renderOnce(text, context, partials) == mstch::render(text, context, partials));
  }
}

TEST_CASE("templates mstch would misread are refused at start-up", "[server][pages]") {
  CHECK_THROWS_WITH(PageTemplate("bad", "{{=<% %>=}}<% name %>"),
                    Catch::Contains("'bad'") && Catch::Contains("delimiter"));
  CHECK_THROWS_WITH(PageTemplate("bad", "{{#a}}never closed"), Catch::Contains("never closed"));
  CHECK_THROWS_WITH(PageTemplate("bad", "{{#a}}x{{/b}}"), Catch::Contains("closes no open section"));
  CHECK_THROWS_WITH(PageTemplate("bad", "x\n  {{> p}}\n"), Catch::Contains("indented"));
}

}  // namespace sowflow::server
