#include "handlers/acceptance_page_handler.hpp"

#include <utility>

#include "handlers/error_mapping.hpp"
#include "handlers/handler_support.hpp"
#include "json/engagement_json.hpp"

namespace sowflow::server {

namespace {

using engine::DecideMilestone;
using engine::ErrorCode;
using engine::makeError;

constexpr std::size_t kMaxComment = 10000;
constexpr std::size_t kMaxUserAgent = 512;

bool sameKind(engine::Decision::Kind decided, DecideMilestone::Kind asked) {
  return (decided == engine::Decision::Kind::accepted && asked == DecideMilestone::Kind::accept) ||
         (decided == engine::Decision::Kind::objected && asked == DecideMilestone::Kind::object);
}

Poco::JSON::Object::Ptr outcomeJson(const ResolvedLink& resolved,
                                    const engine::WorkingDayCalendar* calendar) {
  const auto& submission = resolved.submission();
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  if (submission.decision) {
    out->set("state", std::string(engine::toString(submission.decision->kind)));
    out->set("version", submission.version);
    out->set("decided_at", json::formatInstant(submission.decision->at, calendar));
  } else {
    out->set("state", std::string(engine::toString(resolved.progress().state)));
    out->set("version", submission.version);
    out->set("decided_at", Poco::Dynamic::Var());
  }
  out->set("deadline", json::formatInstant(submission.deadline, calendar));
  return out;
}

std::string stateLabel(const mstch::map& strings, engine::Decision::Kind kind) {
  const auto it = strings.find(std::string("state_") + engine::toString(kind));
  return it == strings.end() ? engine::toString(kind) : boost::get<std::string>(it->second);
}

}  // namespace

const engine::MilestoneProgress& ResolvedLink::progress() const {
  return *engagement->findMilestone(link.milestone);
}

const engine::Submission& ResolvedLink::submission() const {
  return progress().submissions.at(static_cast<std::size_t>(link.version - 1));
}

std::optional<ResolvedLink> AcceptancePageHandler::resolve(Exchange& exchange) {
  const bool page = exchange.request.getMethod() == "GET" && !exchange.acceptsJson();
  if (context_.limiter.blocked(exchange.clientIp)) {
    if (page) {
      exchange.sendHtml(kStatusTooManyRequests,
                        context_.pages.render("acceptance_missing", mstch::map{{"rate_limited", true}}));
    } else {
      exchange.sendJson(kStatusTooManyRequests, rateLimitedBody());
    }
    return std::nullopt;
  }
  const std::string& token = exchange.param("token");
  std::optional<ResolvedLink> resolved;
  if (auto link = context_.links.find(token)) {
    if (auto engagement = context_.engine.snapshot(link->engagement)) {
      const auto* progress = engagement->findMilestone(link->milestone);
      // SPEC §2: a newer submission revokes the links of older versions.
      if (progress && !link->revoked && link->version >= 1 && progress->version() == link->version) {
        resolved = ResolvedLink{token, *link, std::move(engagement)};
      }
    }
  } else {
    context_.limiter.recordFailure(exchange.clientIp);  // only unknown tokens look like guessing
  }
  if (!resolved) {
    const auto error = makeError(ErrorCode::not_found, "Unknown or revoked acceptance link");
    if (page) {
      exchange.sendHtml(404, context_.pages.render("acceptance_missing", mstch::map{}));
    } else {
      exchange.sendError(error);
    }
  }
  return resolved;
}

void AcceptancePageHandler::get(Exchange& exchange) {
  if (auto resolved = resolve(exchange)) renderPage(exchange, *resolved, 200, "");
}

void AcceptancePageHandler::accept(Exchange& exchange) { decide(exchange, DecideMilestone::Kind::accept); }

void AcceptancePageHandler::object(Exchange& exchange) { decide(exchange, DecideMilestone::Kind::object); }

bool AcceptancePageHandler::answerIfDecided(Exchange& exchange, const ResolvedLink& resolved,
                                            DecideMilestone::Kind kind) {
  const auto& submission = resolved.submission();
  if (!submission.decision) return false;
  if (!sameKind(submission.decision->kind, kind)) {
    conflict(exchange, resolved,
             makeError(ErrorCode::invalid_state,
                       "Expected version " + std::to_string(submission.version) + " of milestone '" +
                           resolved.link.milestone + "' to be undecided, but it is already " +
                           engine::toString(submission.decision->kind)));
    return true;
  }
  // The same decision again: the stored result (SPEC §3).
  if (exchange.acceptsJson()) {
    auto body = outcomeJson(resolved, calendarOf(context_, *resolved.engagement));
    body->remove("deadline");
    exchange.sendJson(200, *body);
  } else {
    exchange.redirect("/a/" + resolved.token);
  }
  return true;
}

void AcceptancePageHandler::conflict(Exchange& exchange, const ResolvedLink& resolved,
                                     const engine::Error& error) {
  if (!exchange.acceptsJson()) {
    renderPage(exchange, resolved, 409, error.message);
    return;
  }
  auto body = errorBody(error);
  body.set("outcome", outcomeJson(resolved, calendarOf(context_, *resolved.engagement)));
  exchange.sendJson(409, body);
}

void AcceptancePageHandler::decide(Exchange& exchange, DecideMilestone::Kind kind) {
  auto resolved = resolve(exchange);
  if (!resolved) return;
  auto form = exchange.readForm(context_.config.formBodyLimit);
  if (!form) return exchange.sendError(form.error());
  const std::string comment = form->get("comment", "");
  if (comment.size() > kMaxComment) {
    return exchange.sendError(makeError(ErrorCode::invalid_argument,
                                        "Expected 'comment' of at most 10000 bytes", "comment"));
  }
  if (answerIfDecided(exchange, *resolved, kind)) return;

  const auto& submission = resolved->submission();
  engine::DecisionRecord record;
  record.milestone = resolved->link.milestone;
  record.version = resolved->link.version;
  record.recipient = resolved->link.recipient;
  record.ip = exchange.clientIp;
  record.userAgent = exchange.request.get("User-Agent", "").substr(0, kMaxUserAgent);
  for (const auto& file : submission.files) record.sha256Shown.push_back(file.sha256);
  record.comment = comment;
  auto result = context_.execute(resolved->engagement->id, DecideMilestone{kind, record},
                                 "customer:" + resolved->link.recipient);
  if (result) {
    resolved->engagement = result->snapshot;
    if (!answerIfDecided(exchange, *resolved, kind)) {
      exchange.sendError(makeError(ErrorCode::internal, "decision not in the projection"));
    }
    return;
  }
  // A racing click or the deadline may have won: answer with what is stored.
  context_.engine.refresh(resolved->engagement->id);
  if (auto fresh = context_.engine.snapshot(resolved->engagement->id)) {
    resolved->engagement = std::move(fresh);
    if (resolved->progress().version() == resolved->link.version &&
        answerIfDecided(exchange, *resolved, kind)) {
      return;
    }
  }
  if (httpStatusFor(result.error().code) == 409) return conflict(exchange, *resolved, result.error());
  exchange.sendError(result.error());
}

void AcceptancePageHandler::download(Exchange& exchange) {
  const auto resolved = resolve(exchange);
  if (!resolved) return;
  for (const auto& file : resolved->submission().files) {
    if (file.deliverable != exchange.param("deliverable")) continue;
    const auto bytes = context_.store.getBlob(file.sha256);
    if (!bytes) {
      return exchange.sendError(makeError(ErrorCode::internal, "blob " + file.sha256 + " missing"));
    }
    return exchange.sendDownload(file.contentType, file.filename, *bytes);
  }
  exchange.sendError(notFound("deliverable", exchange.param("deliverable")));
}

void AcceptancePageHandler::renderPage(Exchange& exchange, const ResolvedLink& resolved, int status,
                                       const std::string& notice) {
  const auto& engagement = *resolved.engagement;
  const auto& workflow = *engagement.workflow;
  const auto* calendar = calendarOf(context_, engagement);
  const auto& submission = resolved.submission();
  const auto* definition = workflow.findMilestone(resolved.link.milestone);
  const auto& strings = pageStrings(workflow.language);
  const std::string base = "/a/" + resolved.token;

  // Built with emplace and moves: a braced map copies every value twice
  // (into the initializer list, then out of it), the deliverables array with
  // all its maps included, which was a tenth of this page's time.
  mstch::array files;
  files.reserve(submission.files.size());
  for (const auto& file : submission.files) {
    std::string title = file.deliverable;
    if (definition) {
      for (const auto& deliverable : definition->deliverables) {
        if (deliverable.id == file.deliverable) title = deliverable.title;
      }
    }
    mstch::map row;
    row.emplace("title", std::move(title));
    row.emplace("filename", file.filename);
    row.emplace("size", humanSize(file.size));
    row.emplace("sha256", file.sha256);
    row.emplace("url", base + "/files/" + file.deliverable);
    files.emplace_back(std::move(row));
  }
  const bool decided = submission.decision.has_value();
  const bool closed = !decided && context_.clock.now() >= submission.deadline;
  mstch::map page;
  page.emplace("engagement_title", engagement.title);
  page.emplace("customer", engagement.customer);
  page.emplace("provider", engagement.provider);
  page.emplace("milestone_title", definition ? definition->title : resolved.link.milestone);
  page.emplace("version", std::to_string(submission.version));
  page.emplace("recipient", resolved.link.recipient);
  page.emplace("deadline", json::formatInstant(submission.deadline, calendar));
  page.emplace("deadline_local_date", engine::formatDate(submission.deadlineLocalDate));
  page.emplace("provisional", submission.provisional);
  page.emplace("deliverables", std::move(files));
  page.emplace("open", !decided && !closed);
  page.emplace("closed", closed);
  page.emplace("decided", decided);
  page.emplace("accept_action", base + "/accept");
  page.emplace("object_action", base + "/object");
  page.emplace("notice", notice);
  if (decided) {
    const auto& decision = *submission.decision;
    page.emplace("outcome_label", stateLabel(strings, decision.kind));
    page.emplace("decided_at", json::formatInstant(decision.at, calendar));
    page.emplace("decided_by", decision.record.recipient);
    page.emplace("comment", decision.record.comment);
  }
  exchange.sendHtml(status, context_.pages.render("acceptance", workflow.language, std::move(page)));
}

}  // namespace sowflow::server
