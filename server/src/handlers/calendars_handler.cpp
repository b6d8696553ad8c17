#include "handlers/calendars_handler.hpp"

#include <Poco/NumberParser.h>

#include "handlers/handler_support.hpp"

namespace sowflow::server {

void CalendarsHandler::workdays(Exchange& exchange) {
  using engine::ErrorCode;
  using engine::makeError;
  const auto calendar = context_.engine.catalog().calendar(exchange.param("id"));
  if (!calendar) {
    exchange.sendError(notFound("calendar", exchange.param("id")));
    return;
  }
  const auto fromText = exchange.query("from");
  if (!fromText) {
    exchange.sendError(makeError(ErrorCode::invalid_argument, "Missing query parameter 'from'", "from"));
    return;
  }
  const auto from = engine::parseDate(*fromText);
  if (!from) {
    exchange.sendError(makeError(ErrorCode::invalid_argument,
                                 "Expected 'from' to be a date YYYY-MM-DD, found '" +
                                     fromText->substr(0, 40) + "'",
                                 "from"));
    return;
  }
  int days = 0;
  const auto daysText = exchange.query("days");
  if (!daysText || !Poco::NumberParser::tryParse(*daysText, days) || days < 1 || days > 366) {
    exchange.sendError(makeError(ErrorCode::invalid_argument,
                                 "Expected 'days' to be a whole number 1..366, found '" +
                                     daysText.value_or("").substr(0, 40) + "'",
                                 "days"));
    return;
  }
  const auto answer = calendar->addWorkingDays(*from, days);
  if (!answer) {
    exchange.sendError(answer.error());
    return;
  }
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("calendar", calendar->id());
  body.set("from", engine::formatDate(*from));
  body.set("days", days);
  body.set("date", engine::formatDate(answer->date));
  body.set("provisional", answer->provisional);
  exchange.sendJson(200, body);
}

}  // namespace sowflow::server
