#include "support_login.hpp"

#include <catch2/catch.hpp>

#include <Poco/String.h>
#include <Poco/URI.h>

namespace sowflow::server::testing {

std::string setCookie(const HttpResponse& response, const std::string& name, std::string* line) {
  for (const auto& [header, value] : response.headers) {
    if (Poco::icompare(header, "Set-Cookie") != 0) continue;
    if (value.rfind(name + "=", 0) != 0) continue;
    if (line) *line = value;
    return value.substr(0, value.find(';'));
  }
  return {};
}

std::string csrfField(const std::string& html) {
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return {};
  const auto start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

LoginPage openLoginPage(TestServer& server) {
  LoginPage page;
  page.response = server.get("/login", "");
  REQUIRE(page.response.status == 200);
  page.cookie = setCookie(page.response, "sowflow_login_csrf");
  page.csrf = csrfField(page.response.body);
  REQUIRE_FALSE(page.cookie.empty());
  REQUIRE_FALSE(page.csrf.empty());
  return page;
}

HttpResponse postLogin(TestServer& server, const std::string& token, const std::string& csrf,
                       const std::string& cookie) {
  HttpRequest login;
  login.method = "POST";
  login.path = "/login";
  login.contentType = "application/x-www-form-urlencoded";
  std::string encodedToken, encodedCsrf;
  Poco::URI::encode(token, "&=+", encodedToken);
  Poco::URI::encode(csrf, "&=+", encodedCsrf);
  login.body = "token=" + encodedToken;
  if (!csrf.empty()) login.body += "&csrf=" + encodedCsrf;
  if (!cookie.empty()) login.headers["Cookie"] = cookie;
  return server.send(login);
}

std::string loginSession(TestServer& server, const std::string& token) {
  const auto page = openLoginPage(server);
  const auto response = postLogin(server, token, page.csrf, page.cookie);
  INFO(response.body);
  REQUIRE(response.status == 303);
  const auto session = setCookie(response, "sowflow_session");
  REQUIRE_FALSE(session.empty());
  return session;
}

}  // namespace sowflow::server::testing
