#include "handlers/workflows_handler.hpp"

#include <Poco/JSON/Array.h>

#include "handlers/handler_support.hpp"
#include "json/engagement_json.hpp"

namespace sowflow::server {

void WorkflowsHandler::list(Exchange& exchange) {
  Poco::JSON::Array::Ptr workflows = new Poco::JSON::Array;
  for (const auto& workflow : context_.engine.catalog().workflows()) {
    workflows->add(json::workflowSummaryToJson(*workflow));
  }
  Poco::JSON::Object body;
  body.set("workflows", workflows);
  exchange.sendJson(200, body);
}

void WorkflowsHandler::get(Exchange& exchange) {
  const auto workflow = context_.engine.catalog().workflow(exchange.param("id"));
  if (!workflow) {
    exchange.sendError(notFound("workflow", exchange.param("id")));
    return;
  }
  exchange.sendJson(200, *json::workflowToJson(*workflow));
}

}  // namespace sowflow::server
