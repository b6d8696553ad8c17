#include "handlers/owners_handler.hpp"

#include "handlers/handler_support.hpp"
#include "json/json_body.hpp"

namespace sowflow::server {

void OwnersHandler::put(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto name = json::requiredString(*body, "name", "name");
  if (!name) return exchange.sendError(name.error());
  auto email = json::requiredString(*body, "email", "email");
  if (!email) return exchange.sendError(email.error());
  if (!json::looksLikeEmail(*email)) {
    return exchange.sendError(engine::makeError(engine::ErrorCode::invalid_argument,
                                                "Expected 'email' to be an e-mail address", "email"));
  }
  auto effective = json::requiredDate(*body, "effective", "effective");
  if (!effective) return exchange.sendError(effective.error());
  const engine::ChangeOwner command{exchange.param("party"), engine::Owner{*name, *email}, *effective};
  auto result = context_.execute(exchange.param("id"), command, exchange.actor());
  if (!result) return exchange.sendError(result.error());
  sendEngagement(context_, exchange, 200, result->engagement());
}

}  // namespace sowflow::server
