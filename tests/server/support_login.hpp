// Logging in the way a browser does: GET /login (which sets the
// sowflow_login_csrf cookie and puts the same value in the form's hidden
// `csrf` field), then POST /login with both. loginSession() returns the
// "sowflow_session=..." cookie pair and REQUIREs success.
#pragma once

#include <string>

#include "server_fixture.hpp"

namespace sowflow::server::testing {

struct LoginPage {
  std::string cookie;  // "sowflow_login_csrf=VALUE", from Set-Cookie
  std::string csrf;    // the hidden field's value
  HttpResponse response;
};

// The "name=value" of the response's first Set-Cookie for `name`, with the
// whole header line in `line` when given; empty if none.
std::string setCookie(const HttpResponse& response, const std::string& name,
                      std::string* line = nullptr);
// The value of the first <input name="csrf" value="..."> in an HTML page.
std::string csrfField(const std::string& html);

LoginPage openLoginPage(TestServer& server);
HttpResponse postLogin(TestServer& server, const std::string& token, const std::string& csrf,
                       const std::string& cookie);
std::string loginSession(TestServer& server, const std::string& token);

}  // namespace sowflow::server::testing
