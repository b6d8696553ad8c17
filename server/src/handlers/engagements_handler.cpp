#include "handlers/engagements_handler.hpp"

#include "handlers/handler_support.hpp"
#include "json/engagement_json.hpp"
#include "json/json_body.hpp"

namespace sowflow::server {

namespace {

using engine::ErrorCode;
using engine::makeError;

engine::Result<std::vector<engine::PartyOwner>> readOwners(const Poco::JSON::Object::Ptr& body) {
  auto owners = json::requiredObject(body, "owners", "owners");
  if (!owners) return owners.error();
  std::vector<engine::PartyOwner> out;
  for (const auto& [party, value] : **owners) {
    const std::string field = "owners." + party;
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
      return makeError(ErrorCode::invalid_argument, "Expected '" + field + "' to be an object {name, email}", field);
    }
    const auto owner = value.extract<Poco::JSON::Object::Ptr>();
    auto name = json::requiredString(owner, "name", field + ".name");
    if (!name) return name.error();
    auto email = json::requiredString(owner, "email", field + ".email");
    if (!email) return email.error();
    if (!json::looksLikeEmail(*email)) {
      return makeError(ErrorCode::invalid_argument,
                       "Expected '" + field + ".email' to be an e-mail address", field + ".email");
    }
    out.push_back(engine::PartyOwner{party, engine::Owner{*name, *email}});
  }
  return out;
}

engine::Result<engine::CreateEngagement> readCreate(const ServerContext& context,
                                                    const Poco::JSON::Object::Ptr& body) {
  engine::CreateEngagement command;
  auto workflow = json::requiredString(body, "workflow", "workflow");
  if (!workflow) return workflow.error();
  if (!context.engine.catalog().workflow(*workflow)) {
    return makeError(ErrorCode::invalid_argument,
                     "Expected 'workflow' to name a loaded workflow, found '" +
                         workflow->substr(0, 100) + "'",
                     "workflow");
  }
  command.workflow = *workflow;
  auto edition = json::optionalString(body, "edition", "edition");
  if (!edition) return edition.error();
  command.edition = *edition;
  for (auto [key, target] : {std::pair{"title", &command.title},
                             std::pair{"customer", &command.customer},
                             std::pair{"provider", &command.provider}}) {
    auto value = json::requiredString(body, key, key);
    if (!value) return value.error();
    *target = *value;
  }
  auto owners = readOwners(body);
  if (!owners) return owners.error();
  command.owners = *owners;
  auto start = json::requiredDate(body, "start", "start");
  if (!start) return start.error();
  command.start = *start;
  return command;
}

// SPEC §3 `due_before`: an open window whose last working day is before DATE.
bool dueBefore(const engine::Engagement& engagement, engine::Date limit) {
  for (const auto& milestone : engagement.milestones) {
    const auto* current = milestone.current();
    if (milestone.state == engine::MilestoneState::submitted && current &&
        current->deadlineLocalDate < limit) {
      return true;
    }
  }
  return false;
}

}  // namespace

void EngagementsHandler::create(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto command = readCreate(context_, *body);
  if (!command) return exchange.sendError(command.error());
  auto result = context_.create(*command, exchange.actor());
  if (!result) return exchange.sendError(result.error());
  exchange.response.set("Location", "/api/v1/engagements/" + result->engagement().id);
  sendEngagement(context_, exchange, 201, result->engagement());
}

void EngagementsHandler::list(Exchange& exchange) {
  std::optional<engine::EngagementState> state;
  if (const auto text = exchange.query("state")) {
    for (auto candidate : {engine::EngagementState::draft, engine::EngagementState::active,
                           engine::EngagementState::completed, engine::EngagementState::cancelled}) {
      if (*text == engine::toString(candidate)) state = candidate;
    }
    if (!state) {
      return exchange.sendError(makeError(
          ErrorCode::invalid_argument,
          "Expected 'state' to be draft, active, completed or cancelled, found '" +
              text->substr(0, 40) + "'",
          "state"));
    }
  }
  std::optional<engine::Date> due;
  if (const auto text = exchange.query("due_before")) {
    due = engine::parseDate(*text);
    if (!due) {
      return exchange.sendError(makeError(ErrorCode::invalid_argument,
                                          "Expected 'due_before' to be a date YYYY-MM-DD, found '" +
                                              text->substr(0, 40) + "'",
                                          "due_before"));
    }
  }
  json::JsonWriter out;
  out.beginObject().key("engagements").beginArray();
  for (const auto& snapshot : context_.engine.snapshots()) {
    const auto& engagement = *snapshot;
    if (state && engagement.state != *state) continue;
    if (due && !dueBefore(engagement, *due)) continue;
    json::writeEngagement(out, engagement, calendarOf(context_, engagement),
                          todayFor(context_, engagement));
  }
  out.endArray().endObject();
  exchange.sendJsonText(200, out.take());
}

void EngagementsHandler::get(Exchange& exchange) {
  if (auto engagement = findEngagementOr404(context_, exchange, exchange.param("id"))) {
    sendEngagement(context_, exchange, 200, *engagement);
  }
}

void EngagementsHandler::activate(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto result = context_.execute(exchange.param("id"), engine::ActivateEngagement{}, exchange.actor());
  if (!result) return exchange.sendError(result.error());
  sendEngagement(context_, exchange, 200, result->engagement());
}

void EngagementsHandler::cancel(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto reason = json::requiredString(*body, "reason", "reason");
  if (!reason) return exchange.sendError(reason.error());
  auto result = context_.execute(exchange.param("id"), engine::CancelEngagement{*reason},
                                 exchange.actor());
  if (!result) return exchange.sendError(result.error());
  sendEngagement(context_, exchange, 200, result->engagement());
}

}  // namespace sowflow::server
