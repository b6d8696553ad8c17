// Small pure pieces of the server: route matching, file-name sanitising,
// token shape and log masking, templates that never skip escaping.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/secure_random.hpp"
#include "handlers/exchange.hpp"
#include "handlers/route_table.hpp"
#include "links/acceptance_links.hpp"
#include "pages/page_renderer.hpp"
#include "server_fixture.hpp"

namespace sowflow::server {

TEST_CASE("route patterns capture and decode placeholders", "[server][routes]") {
  const auto params = matchPattern("/api/v1/engagements/{id}/milestones/{mid}/start",
                                   "/api/v1/engagements/e%2D1/milestones/m1/start");
  REQUIRE(params);
  CHECK(params->at("id") == "e-1");
  CHECK(params->at("mid") == "m1");
  CHECK_FALSE(matchPattern("/api/v1/engagements/{id}", "/api/v1/engagements/"));
  CHECK_FALSE(matchPattern("/api/v1/engagements/{id}", "/api/v1/engagements/a/b"));
  CHECK(matchPattern("/", "/"));
}

TEST_CASE("upload file names lose paths and control characters", "[server][limits]") {
  CHECK(sanitizeFilename("report.docx") == "report.docx");
  CHECK(sanitizeFilename("../../etc/passwd") == "passwd");
  CHECK(sanitizeFilename("C:\\Users\\x\\plan.xlsx") == "plan.xlsx");
  CHECK(sanitizeFilename("a\nb\r\tc.txt") == "abc.txt");
  CHECK(sanitizeFilename("报告.docx") == "报告.docx");
  CHECK(sanitizeFilename("../") == "");
  CHECK(sanitizeFilename("..") == "");
  CHECK(sanitizeFilename("\x01\x02") == "");
}

TEST_CASE("tokens are 256 random bits in 43 base64url characters", "[server][auth]") {
  const auto a = randomToken();
  const auto b = randomToken();
  CHECK(a.size() == 43);
  CHECK(looksLikeToken(a));
  CHECK(a != b);
  CHECK_FALSE(looksLikeToken(a + "x"));
  CHECK_FALSE(looksLikeToken(std::string(42, 'a') + "/"));
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(constantTimeEquals("abc", "abc"));
  CHECK_FALSE(constantTimeEquals("abc", "abd"));
}

TEST_CASE("access logs never show link tokens", "[server][links]") {
  CHECK(maskLinkTokens("/a/SECRET") == "/a/****");
  CHECK(maskLinkTokens("/a/SECRET/accept") == "/a/****/accept");
  CHECK(maskLinkTokens("/a/SECRET/files/x?y=1") == "/a/****/files/x?y=1");
  CHECK(maskLinkTokens("/api/v1/engagements") == "/api/v1/engagements");
}

TEST_CASE("page templates always escape: no triple mustaches", "[server][pages][security]") {
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SOWFLOW_SOURCE_DIR) + "/templates/pages")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    CAPTURE(entry.path().string());
    CHECK(text.str().find("{{{") == std::string::npos);
    CHECK(text.str().find("{{&") == std::string::npos);
    // PageRenderer turns line breaks into spaces, which only <pre> and a
    // pre-filled <textarea> would show.
    CHECK(text.str().find("<pre") == std::string::npos);
    for (auto at = text.str().find("<textarea"); at != std::string::npos;
         at = text.str().find("<textarea", at + 1)) {
      const auto close = text.str().find("</textarea>", at);
      REQUIRE(close != std::string::npos);
      CHECK(text.str().substr(at, close - at).find('\n') == std::string::npos);
    }
  }
  PageRenderer pages(std::string(SOWFLOW_SOURCE_DIR) + "/templates/pages");
  const auto html = pages.render("error", mstch::map{{"status", std::string("<x>")},
                                                     {"message", std::string("\"'&")}});
  CHECK(html.find("<x>") == std::string::npos);
  CHECK(html.find("&quot;&#39;&amp;") != std::string::npos);
}

TEST_CASE("a page word no language has stops start-up, naming the template and the word",
          "[server][pages]") {
  const testing::TempDir temp;
  const auto& dir = temp.path();
  std::ofstream(dir / "sowflow.css") << "body{}";
  std::ofstream(dir / "broken.mustache") << "<p>{{t.page_title}} {{t.no_such_word}}</p>";
  std::string message;
  try {
    PageRenderer pages(dir);
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  CHECK(message.find("'broken'") != std::string::npos);
  CHECK(message.find("{{t.no_such_word}}") != std::string::npos);
}

TEST_CASE("page words are written in escaped, as mstch would render them", "[server][pages][security]") {
  PageRenderer pages(std::string(SOWFLOW_SOURCE_DIR) + "/templates/pages");
  const mstch::map context{{"deliverables", mstch::array{}}, {"open", true}};
  const auto zh = pages.render("acceptance", "zh-CN", context);
  const auto en = pages.render("acceptance", "en", context);
  const auto other = pages.render("acceptance", "fr", context);
  CHECK(zh.find(mstch::render("{{w}}", mstch::map{{"w", pageStrings("zh-CN").at("deadline_note")}})) !=
        std::string::npos);
  CHECK(en.find(mstch::render("{{w}}", mstch::map{{"w", pageStrings("en").at("hash_note")}})) !=
        std::string::npos);
  CHECK(other == en);  // a language without words of its own gets English
}

}  // namespace sowflow::server
