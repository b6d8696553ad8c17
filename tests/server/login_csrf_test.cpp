// Login CSRF (double-submit token, see login_handler.hpp) and the logout
// form's CSRF check, over a real server.
#include <catch2/catch.hpp>

#include "server_fixture.hpp"
#include "support_login.hpp"

namespace sowflow::server::testing {

namespace {

std::size_t sessionCount(TestServer& server) {
  return server.server().store().listRecords("owner-session").size();
}

void checkForbidden(const HttpResponse& response) {
  INFO(response.body);
  REQUIRE(response.status == 403);
  const auto error = response.json()->getObject("error");
  REQUIRE(error);
  CHECK(error->getValue<std::string>("code") == "forbidden");
  CHECK(error->getValue<std::string>("message").find("csrf") != std::string::npos);
  CHECK(setCookie(response, "sowflow_session").empty());
}

}  // namespace

TEST_CASE("a login without the login page's CSRF pair is refused and creates no session",
          "[server][auth][csrf]") {
  TestServer server;
  const auto page = openLoginPage(server);
  const auto other = openLoginPage(server);  // another browser's pair
  REQUIRE(page.csrf != other.csrf);
  const auto before = sessionCount(server);

  SECTION("neither cookie nor field") { checkForbidden(postLogin(server, server.owner, "", "")); }
  SECTION("the field without the cookie (a cross-site form)") {
    checkForbidden(postLogin(server, server.owner, page.csrf, ""));
  }
  SECTION("the cookie without the field") {
    checkForbidden(postLogin(server, server.owner, "", page.cookie));
  }
  SECTION("a field that does not match the cookie") {
    checkForbidden(postLogin(server, server.owner, other.csrf, page.cookie));
  }
  SECTION("a field that differs in its last character") {
    std::string flipped = page.csrf;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
    checkForbidden(postLogin(server, server.owner, flipped, page.cookie));
  }
  SECTION("a JSON body naming only the token") {
    HttpRequest login;
    login.method = "POST";
    login.path = "/login";
    login.body = "{\"token\":\"" + server.owner + "\"}";
    checkForbidden(server.send(login));
  }
  CHECK(sessionCount(server) == before);
}

TEST_CASE("GET /login then POST /login with its pair logs in", "[server][auth][csrf]") {
  TestServer server;
  const auto page = openLoginPage(server);
  std::string line;
  setCookie(page.response, "sowflow_login_csrf", &line);
  CAPTURE(line);
  CHECK(line.find("HttpOnly") != std::string::npos);
  CHECK(line.find("SameSite=Strict") != std::string::npos);
  CHECK(line.find("Path=/login") != std::string::npos);
  CHECK(line.find("Max-Age=600") != std::string::npos);
  CHECK(page.cookie == "sowflow_login_csrf=" + page.csrf);

  SECTION("a wrong owner token with a good pair is 401, and no session") {
    const auto before = sessionCount(server);
    const auto response = postLogin(server, "not-a-token", page.csrf, page.cookie);
    CHECK(response.status == 401);
    CHECK(setCookie(response, "sowflow_session").empty());
    CHECK(sessionCount(server) == before);
    CHECK_FALSE(csrfField(response.body).empty());  // the form is offered again
  }
  SECTION("the right token logs in and the session opens the dashboard") {
    const auto before = sessionCount(server);
    const auto response = postLogin(server, server.owner, page.csrf, page.cookie);
    INFO(response.body);
    REQUIRE(response.status == 303);
    CHECK(response.headers.get("Location", "") == "/");
    const auto session = setCookie(response, "sowflow_session");
    REQUIRE_FALSE(session.empty());
    CHECK(sessionCount(server) == before + 1);
    HttpRequest dashboard;
    dashboard.path = "/";
    dashboard.headers["Cookie"] = session;
    CHECK(server.send(dashboard).status == 200);
  }
}

TEST_CASE("POST /logout without the session's CSRF token is refused and the session lives on",
          "[server][auth][csrf]") {
  TestServer server;
  const auto session = loginSession(server, server.owner);
  HttpRequest dashboard;
  dashboard.path = "/";
  dashboard.headers["Cookie"] = session;
  const auto page = server.send(dashboard);
  REQUIRE(page.status == 200);
  const auto csrf = csrfField(page.body);
  REQUIRE_FALSE(csrf.empty());

  HttpRequest logout;
  logout.method = "POST";
  logout.path = "/logout";
  logout.contentType = "application/x-www-form-urlencoded";
  logout.headers["Cookie"] = session;
  logout.body = "";
  const auto missing = server.send(logout);
  INFO(missing.body);
  CHECK(missing.status == 403);
  logout.body = "csrf=wrong";
  CHECK(server.send(logout).status == 403);
  CHECK(server.send(dashboard).status == 200);  // still logged in

  logout.body = "csrf=" + csrf;
  const auto done = server.send(logout);
  CHECK(done.status == 303);
  CHECK(done.headers.get("Location", "") == "/login");
  const auto after = server.send(dashboard);
  CHECK(after.status == 303);
  CHECK(after.headers.get("Location", "") == "/login");
}

}  // namespace sowflow::server::testing
