#include "handlers/events_handler.hpp"

#include <Poco/JSON/Array.h>

#include "handlers/handler_support.hpp"
#include "json/engagement_json.hpp"

namespace sowflow::server {

void EventsHandler::list(Exchange& exchange) {
  const auto engagement = findEngagementOr404(context_, exchange, exchange.param("id"));
  if (!engagement) return;
  const auto* calendar = calendarOf(context_, *engagement);
  Poco::JSON::Array::Ptr events = new Poco::JSON::Array;
  for (const auto& event : context_.store.load(engagement->id)) {
    events->add(json::eventToJson(event, calendar));
  }
  Poco::JSON::Object body;
  body.set("events", events);
  exchange.sendJson(200, body);
}

}  // namespace sowflow::server
