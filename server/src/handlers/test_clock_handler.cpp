#include "handlers/test_clock_handler.hpp"

#include "json/json_body.hpp"

namespace sowflow::server {

void TestClockHandler::post(Exchange& exchange) {
  // The route exists only with --test-clock; the guard keeps a misconfigured
  // table from touching a real clock.
  if (context_.manualClock == nullptr) {
    exchange.sendError(engine::makeError(engine::ErrorCode::not_found, "No test clock"));
    return;
  }
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto now = json::requiredInstant(*body, "now", "now");
  if (!now) return exchange.sendError(now.error());
  context_.manualClock->set(*now);
  const std::size_t ended = context_.scheduler.catchUp();
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("now", engine::formatInstantUtc(*now));
  out.set("windows_ended", ended);
  out.set("next_deadline", [&]() -> Poco::Dynamic::Var {
    const auto next = context_.engine.nextDeadline();
    return next ? Poco::Dynamic::Var(engine::formatInstantUtc(*next)) : Poco::Dynamic::Var();
  }());
  exchange.sendJson(200, out);
}

}  // namespace sowflow::server
