#include "model/document_model.hpp"

#include <algorithm>
#include <cctype>

namespace sowflow::deliverables::detail {
namespace {

using engine::Instant;

// The owner in force on `day`: the latest record effective on or before it,
// else the earliest one (a change scheduled before the engagement began).
const engine::Owner* ownerOn(const engine::Engagement& engagement, const std::string& party,
                             engine::Date day) {
  const auto found = engagement.owners.find(party);
  if (found == engagement.owners.end() || found->second.empty()) return nullptr;
  const engine::OwnerRecord* best = nullptr;
  for (const auto& record : found->second) {
    if (record.effective <= day && (!best || record.effective >= best->effective)) best = &record;
  }
  return best ? &best->owner : &found->second.front().owner;
}

bool sameEmail(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string ownerText(const engine::Owner& owner) {
  if (owner.name.empty()) return cleanText(owner.email);
  if (owner.email.empty()) return cleanText(owner.name);
  return cleanText(owner.name) + " <" + cleanText(owner.email) + ">";
}

// Finance and the customer read these documents, not the journal: an actor
// id becomes the person it stands for. "owner:<party>" is that party's owner
// on the day; "owner:<name or e-mail>" (an API principal) an owner by that
// name or e-mail; "link:" and "customer:" (the acceptance page) the recipient;
// "system:deadline" the deadline. Anything else stays as the journal has it.
class ActorNames {
 public:
  ActorNames(const RenderContext& context, const Labels& labels) : context_(context), labels_(labels) {}

  std::string person(const std::string& actor, Instant at) const {
    const auto colon = actor.find(':');
    if (colon == std::string::npos) return cleanText(actor);
    const std::string role = actor.substr(0, colon);
    const std::string who = actor.substr(colon + 1);
    if (role == "link" || role == "customer") return byLink(who);
    if (actor == "system:deadline") return labels_("actor.system.deadline");
    if (role == "owner" || role == "admin") {
      if (const auto* owner = ownerOn(context_.engagement, who, context_.calendar.localDate(at))) {
        return ownerText(*owner);
      }
      if (const auto* owner = ownerNamed(who)) return ownerText(*owner);
    }
    return cleanText(actor);
  }

  std::string decider(const engine::Decision& decision) const {
    if (decision.actor == "system:deadline") {
      return labels_("actor.deadline." + std::string(engine::toString(decision.kind)));
    }
    const auto colon = decision.actor.find(':');
    const std::string role = colon == std::string::npos ? std::string() : decision.actor.substr(0, colon);
    if ((role == "link" || role == "customer") && !decision.record.recipient.empty()) {
      return byLink(decision.record.recipient);
    }
    return person(decision.actor, decision.at);
  }

 private:
  // The recipient of an acceptance link, named when an owner has that e-mail.
  std::string byLink(const std::string& recipient) const {
    const auto* owner = ownerNamed(recipient);
    return labels_.fill("actor.acceptance_link", {{"who", owner ? ownerText(*owner) : cleanText(recipient)}});
  }

  const engine::Owner* ownerNamed(const std::string& nameOrEmail) const {
    for (const auto& [party, records] : context_.engagement.owners) {
      for (auto it = records.rbegin(); it != records.rend(); ++it) {
        if (sameEmail(it->owner.email, nameOrEmail) || it->owner.name == nameOrEmail) return &it->owner;
      }
    }
    return nullptr;
  }

  const RenderContext& context_;
  const Labels& labels_;
};

DocDecision makeDecision(const engine::Decision& decision, const RenderContext& context,
                         const Labels& labels, const ActorNames& names) {
  DocDecision out;
  out.kind = engine::toString(decision.kind);
  out.kindLabel = labels("decision." + out.kind);
  out.at = decision.at;
  out.atText = context.calendar.formatInstant(decision.at);
  out.actor = names.decider(decision);
  out.actorId = cleanText(decision.actor);
  out.recipient = cleanText(decision.record.recipient);
  out.ip = cleanText(decision.record.ip);
  out.userAgent = cleanText(decision.record.userAgent);
  out.comment = cleanText(decision.record.comment);
  return out;
}

DocVersion makeVersion(const engine::Submission& submission, const engine::Milestone* definition,
                       const RenderContext& context, const Labels& labels, const ActorNames& names) {
  DocVersion out;
  out.version = submission.version;
  out.submittedAt = submission.submittedAt;
  out.submittedAtText = context.calendar.formatInstant(submission.submittedAt);
  out.submittedBy = names.person(submission.submittedBy, submission.submittedAt);
  out.submittedById = cleanText(submission.submittedBy);
  out.deadline = submission.deadline;
  out.deadlineText = context.calendar.formatInstant(submission.deadline);
  out.deadlineLocalDate = submission.deadlineLocalDate;
  out.provisional = submission.provisional;
  for (const auto& recipient : submission.recipients) out.recipients.push_back(cleanText(recipient));
  for (const auto& file : submission.files) {
    DocFile doc{file.deliverable, file.deliverable, cleanText(file.filename), file.size, file.sha256};
    if (definition) {
      for (const auto& d : definition->deliverables) {
        if (d.id == file.deliverable) doc.deliverableTitle = cleanText(d.title);
      }
    }
    out.files.push_back(std::move(doc));
  }
  if (submission.decision) out.decision = makeDecision(*submission.decision, context, labels, names);
  return out;
}

Instant latestInstant(const engine::Engagement& engagement, const RenderContext& context) {
  Instant latest = engagement.createdAt;
  auto see = [&latest](Instant at) { latest = std::max(latest, at); };
  if (engagement.activatedAt) see(*engagement.activatedAt);
  if (engagement.closedAt) see(*engagement.closedAt);
  for (const auto& m : engagement.milestones) {
    for (const auto& s : m.submissions) {
      see(s.submittedAt);
      if (s.decision) see(s.decision->at);
    }
  }
  for (const auto& e : context.journal) {
    see(e.effectiveAt);
    see(e.recordedAt);
  }
  return latest;
}

engine::Status addMilestones(DocumentModel& model, const RenderContext& context, const ActorNames& names) {
  const auto& engagement = context.engagement;
  const auto& workflow = *engagement.workflow;
  engine::Date cursor = engagement.start;
  for (const auto& progress : engagement.milestones) {
    const engine::Milestone* definition = workflow.findMilestone(progress.id);
    DocMilestone m;
    m.id = progress.id;
    m.title = definition ? cleanText(definition->title) : progress.id;
    m.state = engine::toString(progress.state);
    m.stateLabel = model.labels("state." + m.state);
    m.plannedStart = cursor;
    m.startedAt = progress.startedAt;
    m.closedAt = progress.closedAt;
    if (definition) {
      m.phaseId = definition->phase;
      if (const auto* phase = workflow.findPhase(definition->phase)) m.phaseTitle = cleanText(phase->title);
      m.plannedWorkingDays = definition->plannedWorkingDays;
      m.isFinal = definition->final;
      m.dependsOn = definition->dependsOn;
      m.submitterParty = definition->acceptance.submitter;
      m.acceptorParty = definition->acceptance.acceptor;
      for (const auto& d : definition->deliverables) {
        if (!engine::inEdition(d.editions, engagement.edition)) continue;
        m.deliverables.push_back({d.id, cleanText(d.title), d.format, d.documentTemplate});
      }
    }
    if (m.plannedWorkingDays > 0) {
      auto answer = context.calendar.addWorkingDays(cursor, std::min(m.plannedWorkingDays, 366));
      if (!answer) return answer.error();
      cursor = answer->date;
    }
    m.plannedDate = cursor;
    for (const auto& submission : progress.submissions) {
      m.versions.push_back(makeVersion(submission, definition, context, model.labels, names));
    }
    model.milestones.push_back(std::move(m));
  }
  model.plannedEnd = cursor;
  return engine::Ok{};
}

void addWorkflowParts(DocumentModel& model, const RenderContext& context) {
  const auto& engagement = context.engagement;
  const auto& workflow = *engagement.workflow;
  const engine::Date today = context.calendar.localDate(model.stamp);
  for (const auto& party : workflow.parties) {
    DocParty doc{party.id, cleanText(party.title), {}, {}, {}};
    if (party.id == "customer") doc.name = cleanText(engagement.customer);
    if (party.id == "provider") doc.name = cleanText(engagement.provider);
    if (const auto* owner = ownerOn(engagement, party.id, today)) {
      doc.ownerName = cleanText(owner->name);
      doc.ownerEmail = cleanText(owner->email);
    }
    model.parties.push_back(std::move(doc));
  }
  for (const auto& phase : workflow.phases) {
    model.phases.push_back({phase.id, cleanText(phase.title), engine::toString(phase.stage)});
  }
  for (const auto& activity : workflow.activities) {
    if (!engine::inEdition(activity.editions, engagement.edition)) continue;
    DocActivity doc{cleanText(activity.title), {}, {}};
    if (const auto* phase = workflow.findPhase(activity.phase)) doc.phaseTitle = cleanText(phase->title);
    for (const auto& [party, role] : activity.assignments) doc.roles[party] = engine::toString(role);
    model.activities.push_back(std::move(doc));
  }
}

}  // namespace

namespace {
bool forbiddenInXml(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
}
}  // namespace

std::string cleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (!forbiddenInXml(c)) out.push_back(c);
  }
  return out;
}

std::string& cleanTextInPlace(std::string& text) {
  text.erase(std::remove_if(text.begin(), text.end(), forbiddenInXml), text.end());
  return text;
}

engine::Result<Labels> loadLabels(const std::filesystem::path& templatesDir,
                                  const std::string& language) {
  if (language.empty() || language.find('/') != std::string::npos || language.find("..") != std::string::npos) {
    return engine::makeError(engine::ErrorCode::invalid_argument,
                             "Expected a document language such as 'en', found '" + language + "'");
  }
  return Labels::load(templatesDir / "documents" / language / "labels.txt");
}

engine::Result<DocumentModel> buildDocumentModel(const RenderContext& context) {
  const auto& engagement = context.engagement;
  if (!engagement.workflow) {
    return engine::makeError(engine::ErrorCode::invalid_argument,
                             "Expected engagement '" + engagement.id + "' to have a workflow");
  }
  const auto& workflow = *engagement.workflow;
  DocumentModel model;
  model.language = workflow.language.empty() ? "en" : workflow.language;
  auto labels = loadLabels(context.templatesDir, model.language);
  if (!labels) return labels.error();
  model.labels = std::move(labels.value());

  model.engagementId = cleanText(engagement.id);
  model.title = cleanText(engagement.title);
  model.workflowId = workflow.id;
  model.workflowVersion = workflow.version;
  model.workflowTitle = cleanText(workflow.title);
  model.source = cleanText(workflow.source);
  model.edition = engagement.edition;
  for (const auto& e : workflow.editions) {
    if (e.id == engagement.edition) model.editionTitle = cleanText(e.title);
  }
  model.customer = cleanText(engagement.customer);
  model.provider = cleanText(engagement.provider);
  model.state = engine::toString(engagement.state);
  model.stateLabel = model.labels("engagement." + model.state);
  if (engagement.stage) model.stage = engine::toString(*engagement.stage);
  model.outcomeLabel = model.labels(engagement.state == engine::EngagementState::completed   ? "outcome.completed"
                                    : engagement.state == engine::EngagementState::cancelled ? "outcome.cancelled"
                                                                                             : "outcome.open");
  model.cancelReason = cleanText(engagement.cancelReason);
  model.timeZone = context.calendar.definition().timeZone;
  model.calendarId = context.calendar.id();
  model.start = engagement.start;
  model.createdAt = engagement.createdAt;
  model.activatedAt = engagement.activatedAt;
  model.closedAt = engagement.closedAt;
  model.stamp = latestInstant(engagement, context);

  addWorkflowParts(model, context);
  const ActorNames names(context, model.labels);
  if (auto status = addMilestones(model, context, names); !status) return status.error();

  model.trail.reserve(context.journal.size());
  for (const auto& e : context.journal) {
    model.trail.push_back({e.seq, e.type, model.labels("event." + e.type), e.effectiveAt,
                           context.calendar.formatInstant(e.effectiveAt), e.recordedAt, cleanText(e.actor),
                           names.person(e.actor, e.effectiveAt), e.prevHash, e.hash});
  }
  model.headSeq = engagement.lastSeq;
  model.headHash = engagement.headHash;
  if (model.headHash.empty() && !context.journal.empty()) {
    model.headSeq = context.journal.back().seq;
    model.headHash = context.journal.back().hash;
  }
  return model;
}

}  // namespace sowflow::deliverables::detail
