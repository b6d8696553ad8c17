// `serve --demo`: make sure a demo chaos-drill (premium edition) engagement
// exists and is active, create an owner token, and return the text to print
// (the token once, and the dashboard, login and engagement URLs).
// Thread-safety: call once, from the main thread, after start().
#pragma once

#include <string>

#include "app/sowflow_server.hpp"

namespace sowflow::server {

engine::Result<std::string> setUpDemo(SowflowServer& server);

}  // namespace sowflow::server
