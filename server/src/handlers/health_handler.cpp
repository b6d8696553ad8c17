#include "handlers/health_handler.hpp"

namespace sowflow::server {

void HealthHandler::get(Exchange& exchange) {
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("status", "ok");
  body.set("now", engine::formatInstantUtc(context_.clock.now()));
  body.set("test_clock", context_.manualClock != nullptr);
  exchange.sendJson(200, body);
}

}  // namespace sowflow::server
