#include "handlers/milestone_actions_handler.hpp"

#include <algorithm>

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

#include "app/engagement_exports.hpp"
#include "handlers/handler_support.hpp"
#include "json/engagement_json.hpp"
#include "json/json_body.hpp"

namespace sowflow::server {

namespace {
using engine::ErrorCode;
using engine::makeError;

bool sameAddress(const std::string& a, const std::string& b) {
  return Poco::icompare(a, b) == 0;
}

// The answer to submit and links: the version, its window and the links.
void sendSubmission(ServerContext& context, Exchange& exchange, const SubmissionLinks& outcome) {
  const auto* calendar = calendarOf(context, outcome.engagement);
  const auto& submission = *outcome.engagement.findMilestone(outcome.milestone)->current();
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("milestone", outcome.milestone);
  out.set("version", outcome.version);
  out.set("deadline", json::formatInstant(submission.deadline, calendar));
  out.set("deadline_local_date", engine::formatDate(submission.deadlineLocalDate));
  out.set("provisional", submission.provisional);
  Poco::JSON::Array::Ptr links = new Poco::JSON::Array;
  for (const auto& link : outcome.links) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("recipient", link.recipient);
    item->set("url", link.url);
    links->add(item);
  }
  out.set("links", links);
  exchange.sendJson(200, out);
}

}  // namespace

engine::Result<SubmissionLinks> submitAndIssueLinks(ServerContext& context,
                                                    const std::string& engagementId,
                                                    const std::string& milestone,
                                                    const std::vector<std::string>& recipients,
                                                    const std::string& actor) {
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    if (!json::looksLikeEmail(recipients[i])) {
      const std::string field = "recipients[" + std::to_string(i) + "]";
      return makeError(ErrorCode::invalid_argument,
                       "Expected '" + field + "' to be an e-mail address, found '" +
                           recipients[i].substr(0, 100) + "'",
                       field);
    }
  }
  auto result = context.execute(engagementId, engine::SubmitMilestone{milestone, recipients}, actor);
  if (!result) return result.error();
  const auto* progress = result->engagement().findMilestone(milestone);
  if (!progress || !progress->current()) {
    return makeError(ErrorCode::internal, "submission of " + milestone + " not in the projection");
  }
  const auto& submission = *progress->current();
  // The submission is durable; links follow. A newer version makes older
  // links unusable by itself (see AcceptanceLinks), so nothing to revoke here.
  auto links = context.links.issue(engagementId, milestone, submission.version,
                                   submission.recipients, submission.deadline);
  if (!links) return links.error();
  context.scheduler.wake();
  return SubmissionLinks{result->engagement(), milestone, submission.version, *links};
}

engine::Result<SubmissionLinks> reissueLinks(ServerContext& context, const std::string& engagementId,
                                             const std::string& milestone,
                                             const std::vector<std::string>& recipients,
                                             const std::string& actor) {
  const auto engagement = context.engine.snapshot(engagementId);
  if (!engagement) return notFound("engagement", engagementId);
  const auto* progress = engagement->findMilestone(milestone);
  if (!progress) return notFound("milestone", milestone);
  const auto* submission = progress->current();
  if (progress->state != engine::MilestoneState::submitted || !submission || submission->decision) {
    return makeError(ErrorCode::invalid_state,
                     "Expected milestone '" + milestone + "' to have a submitted version awaiting a decision, found '" +
                         std::string(engine::toString(progress->state)) + "'");
  }
  if (context.clock.now() >= submission->deadline) {
    return makeError(ErrorCode::window_closed,
                     "The acceptance window of '" + milestone + "' version " + std::to_string(submission->version) +
                         " has closed; no new links are issued for it");
  }
  std::vector<std::string> to;
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    const auto found = std::find_if(submission->recipients.begin(), submission->recipients.end(),
                                    [&](const std::string& r) { return sameAddress(r, recipients[i]); });
    if (found == submission->recipients.end()) {
      const std::string field = "recipients[" + std::to_string(i) + "]";
      return makeError(ErrorCode::invalid_argument,
                       "Expected '" + field + "' to be a recipient of version " +
                           std::to_string(submission->version) + ", found '" + recipients[i].substr(0, 100) + "'",
                       field);
    }
    to.push_back(*found);
  }
  if (to.empty()) to = submission->recipients;
  auto links = context.links.issue(engagementId, milestone, submission->version, to, submission->deadline);
  if (!links) return links.error();
  context.log.information("links re-issued for %s/%s v%d by %s (%z)", engagementId, milestone,
                          submission->version, actor, links->size());
  return SubmissionLinks{*engagement, milestone, submission->version, *links};
}

engine::Result<engine::Engagement> generateDeliverables(ServerContext& context,
                                                        const std::string& engagementId,
                                                        const std::string& milestone,
                                                        const std::string& actor) {
  auto engagement = context.engine.find(engagementId);
  if (!engagement) return notFound("engagement", engagementId);
  const auto* definition = engagement->workflow->findMilestone(milestone);
  if (!definition || !engagement->findMilestone(milestone)) return notFound("milestone", milestone);
  int rendered = 0;
  for (const auto& deliverable : definition->deliverables) {
    if (!engine::inEdition(deliverable.editions, engagement->edition)) continue;
    if (deliverable.documentTemplate.empty()) continue;
    auto document = renderSlot(context.engine, *engagement, milestone, deliverable.id,
                               context.templatesDir);
    if (!document) return document.error();
    engine::UploadDeliverable upload{milestone, deliverable.id, document->filename,
                                     document->contentType, document->bytes, true};
    auto result = context.execute(engagementId, upload, actor);
    if (!result) return result.error();
    engagement = result->engagement();
    ++rendered;
  }
  if (rendered == 0) {
    return makeError(ErrorCode::invalid_state,
                     "Expected milestone '" + milestone + "' to have a templated deliverable, found none");
  }
  return *engagement;
}

void MilestoneActionsHandler::start(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto result = context_.execute(exchange.param("id"), engine::StartMilestone{exchange.param("mid")},
                                 exchange.actor());
  if (!result) return exchange.sendError(result.error());
  sendEngagement(context_, exchange, 200, result->engagement());
}

void MilestoneActionsHandler::generate(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto result = generateDeliverables(context_, exchange.param("id"), exchange.param("mid"),
                                     exchange.actor());
  if (!result) return exchange.sendError(result.error());
  sendEngagement(context_, exchange, 200, *result);
}

void MilestoneActionsHandler::submit(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  auto recipients = json::requiredStringArray(*body, "recipients", "recipients");
  if (!recipients) return exchange.sendError(recipients.error());
  auto outcome = submitAndIssueLinks(context_, exchange.param("id"), exchange.param("mid"),
                                     *recipients, exchange.actor());
  if (!outcome) return exchange.sendError(outcome.error());
  sendSubmission(context_, exchange, *outcome);
}

void MilestoneActionsHandler::links(Exchange& exchange) {
  auto body = exchange.readJsonObject(context_.config.jsonBodyLimit);
  if (!body) return exchange.sendError(body.error());
  std::vector<std::string> recipients;
  if ((*body)->has("recipients")) {
    auto named = json::requiredStringArray(*body, "recipients", "recipients");
    if (!named) return exchange.sendError(named.error());
    recipients = std::move(*named);
  }
  auto outcome = reissueLinks(context_, exchange.param("id"), exchange.param("mid"), recipients, exchange.actor());
  if (!outcome) return exchange.sendError(outcome.error());
  sendSubmission(context_, exchange, *outcome);
}

}  // namespace sowflow::server
