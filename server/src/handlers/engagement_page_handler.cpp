#include "handlers/engagement_page_handler.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/StringTokenizer.h>

#include "handlers/error_mapping.hpp"
#include "handlers/handler_support.hpp"
#include "handlers/milestone_actions_handler.hpp"
#include "json/engagement_json.hpp"

namespace sowflow::server {

namespace {

using engine::EngagementState;
using engine::MilestoneState;

mstch::map action(const std::string& name, const std::string& label, const std::string& milestone,
                  bool recipients = false, bool reason = false) {
  return mstch::map{{"action", name}, {"label", label}, {"milestone", milestone},
                    {"needs_recipients", recipients}, {"needs_reason", reason}};
}

// The buttons worth offering; the engine still decides (and may refuse).
mstch::array milestoneActions(const engine::Engagement& engagement, const engine::Milestone& definition,
                              const engine::MilestoneProgress& progress) {
  mstch::array out;
  if (engagement.state != EngagementState::active) return out;
  switch (progress.state) {
    case MilestoneState::planned: out.push_back(action("start", "Start", progress.id)); break;
    case MilestoneState::objected: out.push_back(action("start", "Start rework", progress.id)); break;
    case MilestoneState::in_progress: {
      for (const auto& deliverable : definition.deliverables) {
        if (!deliverable.documentTemplate.empty() &&
            engine::inEdition(deliverable.editions, engagement.edition)) {
          out.push_back(action("generate", "Generate documents", progress.id));
          break;
        }
      }
      out.push_back(action("submit", "Submit for acceptance", progress.id, true));
      break;
    }
    // A lost or never-sent e-mail: new links for the version awaiting a decision.
    case MilestoneState::submitted: out.push_back(action("links", "New acceptance links", progress.id)); break;
    default: break;
  }
  return out;
}

// One line of the audit trail; a decision's comment is shown (escaped).
std::string eventDetail(const engine::StoredEvent& event) {
  try {
    Poco::JSON::Parser parser;
    const auto payload = parser.parse(event.payload).extract<Poco::JSON::Object::Ptr>();
    std::string detail;
    for (const char* key : {"milestone", "reason", "party"}) {
      if (payload->has(key)) detail += std::string(key) + "=" + payload->getValue<std::string>(key) + " ";
    }
    if (payload->has("version")) detail += "v" + payload->get("version").toString() + " ";
    // Decision payloads carry the record itself (docs/journal-format.md).
    if (payload->has("recipient")) detail += "by " + payload->getValue<std::string>("recipient");
    const auto comment = payload->optValue<std::string>("comment", "");
    if (!comment.empty()) detail += ": \u201C" + comment + "\u201D";
    return detail;
  } catch (const Poco::Exception&) {
    return {};
  }
}

std::vector<std::string> splitRecipients(const std::string& text) {
  std::vector<std::string> out;
  Poco::StringTokenizer tokens(text, ",;\n\r ", Poco::StringTokenizer::TOK_IGNORE_EMPTY |
                                                   Poco::StringTokenizer::TOK_TRIM);
  for (const auto& token : tokens) out.push_back(token);
  return out;
}

}  // namespace

void EngagementPageHandler::get(Exchange& exchange) {
  const auto engagement = context_.engine.snapshot(exchange.param("id"));
  if (!engagement) {
    exchange.sendHtml(404, context_.pages.render("error", mstch::map{
        {"status", std::string("404")}, {"message", std::string("No such engagement.")}}));
    return;
  }
  render(exchange, *engagement, 200, "", {});
}

void EngagementPageHandler::act(Exchange& exchange) {
  const std::string id = exchange.param("id");
  auto form = exchange.readForm(context_.config.formBodyLimit);
  if (!form) return exchange.sendError(form.error());
  if (!exchange.csrfValid(*form)) {
    exchange.sendHtml(403, context_.pages.render("error", mstch::map{
        {"status", std::string("403")}, {"message", std::string("The form's CSRF token is missing or stale; reload the page.")}}));
    return;
  }
  const std::string name = form->get("action", "");
  const std::string milestone = form->get("milestone", "");
  std::vector<IssuedLink> links;
  engine::Result<engine::Engagement> outcome =
      engine::makeError(engine::ErrorCode::invalid_argument, "Unknown action '" + name.substr(0, 40) + "'", "action");
  const auto run = [&](const engine::Command& command) -> engine::Result<engine::Engagement> {
    auto result = context_.execute(id, command, exchange.actor());
    if (!result) return result.error();
    return result->engagement();
  };
  if (name == "activate") outcome = run(engine::ActivateEngagement{});
  if (name == "cancel") {
    const std::string reason = form->get("reason", "");
    outcome = reason.empty() ? engine::Result<engine::Engagement>(engine::makeError(
                                   engine::ErrorCode::invalid_argument, "A reason is required", "reason"))
                             : run(engine::CancelEngagement{reason});
  }
  if (name == "start") outcome = run(engine::StartMilestone{milestone});
  if (name == "generate") outcome = generateDeliverables(context_, id, milestone, exchange.actor());
  if (name == "submit") {
    auto submitted = submitAndIssueLinks(context_, id, milestone,
                                         splitRecipients(form->get("recipients", "")), exchange.actor());
    if (submitted) {
      links = submitted->links;
      outcome = submitted->engagement;
    } else {
      outcome = submitted.error();
    }
  }
  if (name == "links") {
    auto reissued = reissueLinks(context_, id, milestone, {}, exchange.actor());
    if (reissued) {
      links = reissued->links;
      outcome = reissued->engagement;
    } else {
      outcome = reissued.error();
    }
  }
  if (outcome && links.empty()) return exchange.redirect("/engagements/" + id);
  const auto engagement = context_.engine.snapshot(id);
  if (!engagement) {
    exchange.sendHtml(404, context_.pages.render("error", mstch::map{
        {"status", std::string("404")}, {"message", std::string("No such engagement.")}}));
    return;
  }
  if (outcome) {
    return render(exchange, *engagement, 200,
                  name == "links" ? "New links (the earlier ones still work). Send each recipient their link:"
                                  : "Submitted. Send each recipient their link:",
                  links);
  }
  render(exchange, *engagement, httpStatusFor(outcome.error().code), outcome.error().message, {});
}

void EngagementPageHandler::render(Exchange& exchange, const engine::Engagement& engagement, int status,
                                   const std::string& notice, const std::vector<IssuedLink>& links) {
  const auto& workflow = *engagement.workflow;
  const auto* calendar = calendarOf(context_, engagement);
  const auto& principal = *exchange.principal;
  const bool canAct = principal.role >= Role::owner;

  mstch::array phases;
  for (const auto& phase : workflow.phases) {
    mstch::array milestones;
    for (const auto& progress : engagement.milestones) {
      const auto* definition = workflow.findMilestone(progress.id);
      if (!definition || definition->phase != phase.id) continue;
      const auto* current = progress.current();
      mstch::array files;
      for (const auto& [slot, file] : progress.slots) {
        files.push_back(mstch::map{{"deliverable", slot}, {"filename", file.filename},
                                   {"size", humanSize(file.size)}, {"sha256", file.sha256}});
      }
      mstch::map item{
          {"id", progress.id},
          {"title", definition->title},
          {"state", std::string(engine::toString(progress.state))},
          {"version", std::to_string(progress.version())},
          {"deadline", current ? json::formatInstant(current->deadline, calendar) : std::string()},
          {"deadline_local_date", current ? engine::formatDate(current->deadlineLocalDate) : std::string()},
          {"provisional", current && current->provisional},
          {"files", files},
          {"actions", canAct ? milestoneActions(engagement, *definition, progress) : mstch::array{}},
      };
      if (current && current->decision) {
        item["decision"] = mstch::map{
            {"state", std::string(engine::toString(current->decision->kind))},
            {"at", json::formatInstant(current->decision->at, calendar)},
            {"recipient", current->decision->record.recipient},
            {"comment", current->decision->record.comment}};
      }
      milestones.push_back(item);
    }
    phases.push_back(mstch::map{{"title", phase.title},
                                {"stage", std::string(engine::toString(phase.stage))},
                                {"milestones", milestones}});
  }
  mstch::array parties;
  for (const auto& party : workflow.parties) parties.push_back(mstch::map{{"title", party.title}});
  mstch::array matrix;
  for (const auto& activity : workflow.activities) {
    if (!engine::inEdition(activity.editions, engagement.edition)) continue;
    mstch::array cells;
    for (const auto& party : workflow.parties) {
      const auto it = activity.assignments.find(party.id);
      cells.push_back(mstch::map{{"role", it == activity.assignments.end() ? std::string() : engine::toString(it->second)}});
    }
    matrix.push_back(mstch::map{{"activity", activity.title}, {"cells", cells}});
  }
  mstch::array trail;
  for (const auto& event : context_.store.load(engagement.id)) {
    trail.push_back(mstch::map{{"seq", std::to_string(event.seq)},
                               {"type", event.type},
                               {"at", json::formatInstant(event.effectiveAt, calendar)},
                               {"actor", event.actor},
                               {"detail", eventDetail(event)},
                               {"hash", event.hash.substr(0, 12)}});
  }
  mstch::array issued;
  for (const auto& link : links) issued.push_back(mstch::map{{"recipient", link.recipient}, {"url", link.url}});
  mstch::array engagementActions;
  if (canAct && engagement.state == EngagementState::draft) {
    engagementActions.push_back(action("activate", "Activate", ""));
  }
  if (canAct && (engagement.state == EngagementState::draft || engagement.state == EngagementState::active)) {
    engagementActions.push_back(action("cancel", "Cancel engagement", "", false, true));
  }
  mstch::array ownerRows;
  const auto today = todayFor(context_, engagement);
  for (const auto& party : workflow.parties) {
    if (const auto* owner = engagement.ownerOn(party.id, today)) {
      ownerRows.push_back(mstch::map{{"party", party.title}, {"name", owner->name}, {"email", owner->email}});
    }
  }
  exchange.sendHtml(status, context_.pages.render("engagement", mstch::map{
      {"engagement_id", engagement.id},
      {"title", engagement.title},
      {"workflow", workflow.title},
      {"edition", engagement.edition},
      {"customer", engagement.customer},
      {"provider", engagement.provider},
      {"state", std::string(engine::toString(engagement.state))},
      {"stage", engagement.stage ? std::string(engine::toString(*engagement.stage)) : std::string("-")},
      {"owners", ownerRows},
      {"phases", phases},
      {"parties", parties},
      {"matrix", matrix},
      {"trail", trail},
      {"head_hash", engagement.headHash},
      {"actions", engagementActions},
      {"links", issued},
      {"notice", notice},
      {"csrf", principal.csrfToken},
      {"user", principal.name},
  }));
}

}  // namespace sowflow::server
