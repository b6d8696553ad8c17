// Decisions on one milestone: start/rework, upload, submit, accept/object,
// and the end of an acceptance window.
#include <algorithm>

#include "lifecycle/milestone_lifecycle.hpp"
#include "operations/decide_support.hpp"
#include "journal/sha256.hpp"

namespace sowflow::engine::detail {
namespace {

struct Target {
  const Milestone* definition = nullptr;
  const MilestoneProgress* progress = nullptr;
};

Result<Target> findTarget(const DecideContext& cx, const std::string& id) {
  const auto* progress = cx.engagement.findMilestone(id);
  const auto* definition = cx.workflow.findMilestone(id);
  if (!progress || !definition) {
    return makeError(ErrorCode::not_found, "Expected a milestone of engagement '" +
                                               cx.engagement.id + "', got '" + id + "'", "milestone");
  }
  if (cx.engagement.state != EngagementState::active) {
    return makeError(ErrorCode::invalid_state,
                     std::string("Expected engagement '") + cx.engagement.id +
                         "' to be active to act on milestone '" + id + "', but it is " +
                         toString(cx.engagement.state));
  }
  return Target{definition, progress};
}

Result<MilestoneState> fire(const Target& t, MilestoneTrigger trigger, MilestoneGuards guards) {
  guards.onSilence = t.definition->acceptance.onSilence;
  auto machine = MilestoneLifecycle::replay(*t.progress, guards.onSilence);
  return machine.fire(trigger, guards);
}

// Not `return {{std::move(event), at}}`: an initializer list is const, so
// that copied the event once more.
std::vector<PendingEvent> one(Event event, Instant at) {
  std::vector<PendingEvent> out;
  out.push_back(PendingEvent{std::move(event), at});
  return out;
}

}  // namespace

Result<std::vector<PendingEvent>> decideStart(const DecideContext& cx, const StartMilestone& c) {
  auto t = findTarget(cx, c.milestone);
  if (!t) return t.error();
  const auto state = t->progress->state;
  const bool rework = state == MilestoneState::objected || state == MilestoneState::escalated;
  if (auto fired = fire(*t, rework ? MilestoneTrigger::rework : MilestoneTrigger::start, {}); !fired) {
    return fired.error();
  }
  return one(MilestoneStarted{c.milestone, rework}, cx.now);
}

Result<std::vector<PendingEvent>> decideUpload(const DecideContext& cx, const UploadDeliverable& c) {
  auto t = findTarget(cx, c.milestone);
  if (!t) return t.error();
  const auto& slots = t->definition->deliverables;
  const auto slot = std::find_if(slots.begin(), slots.end(),
                                 [&](const Deliverable& d) { return d.id == c.deliverable; });
  if (slot == slots.end() || !inEdition(slot->editions, cx.engagement.edition)) {
    return makeError(ErrorCode::not_found, "Expected a deliverable of milestone '" + c.milestone +
                                               "', got '" + c.deliverable + "'", "deliverable");
  }
  if (isBlank(c.filename)) return invalidField("filename", "Expected a file name");
  if (t->progress->state != MilestoneState::in_progress) {
    return makeError(ErrorCode::invalid_state,
                     "Expected milestone '" + c.milestone + "' to be in_progress to upload '" +
                         c.deliverable + "', but it is " + toString(t->progress->state));
  }
  DeliverableFile file{c.deliverable, c.filename, c.contentType,
                       static_cast<std::int64_t>(c.bytes.size()), sha256HexOf(c.bytes)};
  return one(DeliverableUploaded{c.milestone, std::move(file), c.generated}, cx.now);
}

Result<std::vector<PendingEvent>> decideSubmit(const DecideContext& cx, const SubmitMilestone& c) {
  auto t = findTarget(cx, c.milestone);
  if (!t) return t.error();
  const auto& e = cx.engagement;
  const auto& m = *t->definition;
  if (c.recipients.empty()) return invalidField("recipients", "Expected at least one recipient");
  for (std::size_t i = 0; i < c.recipients.size(); ++i) {
    if (!looksLikeEmail(c.recipients[i])) {
      return invalidField("recipients[" + std::to_string(i) + "]",
                          "Expected an e-mail address, got '" + c.recipients[i] + "'");
    }
  }
  MilestoneGuards guards;
  std::vector<DeliverableFile> files;
  files.reserve(m.deliverables.size());  // no regrowth (each step moved every file's strings)
  for (const auto& d : m.deliverables) {
    if (!inEdition(d.editions, e.edition)) continue;
    const auto it = t->progress->slots.find(d.id);
    if (it == t->progress->slots.end()) {
      guards.allDeliverablesPresent = false;
      break;
    }
    files.push_back(it->second);
  }
  if (auto fired = fire(*t, MilestoneTrigger::submit, guards); !fired) return fired.error();
  // SPEC §3: dependencies first, so the refusal names the milestones still open.
  std::string waiting;
  for (const auto& dep : m.dependsOn) {
    const auto* p = e.findMilestone(dep);
    if (p && !isClosed(p->state)) waiting += (waiting.empty() ? "" : ", ") + dep;
  }
  if (!waiting.empty()) {
    return makeError(ErrorCode::invalid_state, "Expected milestones " + waiting +
                                                   " to be accepted or deemed accepted before submitting '" + m.id + "'");
  }
  // SPEC §2: a later stage's milestone waits for its stage unless it overlaps.
  const Stage stage = stageOf(cx.workflow, m);
  if (!m.overlap && e.stage && stage > *e.stage) {
    return makeError(ErrorCode::invalid_state,
                     "Expected engagement to reach stage '" + std::string(toString(stage)) +
                         "' before submitting milestone '" + m.id + "', but it is in stage '" +
                         toString(*e.stage) + "'");
  }
  auto deadline = cx.calendar.windowDeadline(cx.now, m.acceptance.windowWorkingDays);
  if (!deadline) return deadline.error();
  MilestoneSubmitted submitted;
  submitted.milestone = m.id;
  submitted.version = t->progress->version() + 1;
  submitted.files = std::move(files);
  submitted.recipients = c.recipients;
  submitted.deadline = deadline->at;
  submitted.deadlineLocalDate = deadline->localDate;
  submitted.provisional = deadline->provisional;
  submitted.windowWorkingDays = m.acceptance.windowWorkingDays;
  submitted.onSilence = toString(m.acceptance.onSilence);
  submitted.calendar = deadline->calendarId;
  submitted.calendarRevision = deadline->calendarRevision;
  return one(std::move(submitted), cx.now);
}

Result<std::vector<PendingEvent>> decideDecision(const DecideContext& cx, const DecideMilestone& c) {
  auto t = findTarget(cx, c.record.milestone);
  if (!t) return t.error();
  const bool accept = c.kind == DecideMilestone::Kind::accept;
  const char* verb = accept ? "accept" : "object to";
  const auto* current = t->progress->current();
  if (!current || current->version != c.record.version) {
    return makeError(ErrorCode::invalid_state,
                     std::string("Expected to ") + verb + " the current version of milestone '" +
                         c.record.milestone + "', but version " + std::to_string(c.record.version) +
                         " is not it", "version");
  }
  if (current->decision) {
    const auto wanted = accept ? Decision::Kind::accepted : Decision::Kind::objected;
    // The same decision again is answered with the stored result (SPEC §3).
    if (current->decision->kind == wanted) return std::vector<PendingEvent>{};
    return makeError(ErrorCode::invalid_state,
                     "Expected milestone '" + c.record.milestone + "' version " +
                         std::to_string(current->version) + " to be undecided, but it was " +
                         toString(current->decision->kind) + " at " +
                         cx.calendar.formatInstant(current->decision->at));
  }
  MilestoneGuards guards;
  guards.windowOpen = cx.now < current->deadline;  // SPEC §3: at or after the deadline is late
  if (!guards.windowOpen) {
    return makeError(ErrorCode::window_closed,
                     std::string("Expected to ") + verb + " milestone '" + c.record.milestone +
                         "' version " + std::to_string(current->version) +
                         ", but its window closed at " + cx.calendar.formatInstant(current->deadline));
  }
  if (auto fired = fire(*t, accept ? MilestoneTrigger::accept : MilestoneTrigger::object, guards);
      !fired) {
    return fired.error();
  }
  if (accept) return one(MilestoneAccepted{c.record}, cx.now);
  return one(MilestoneObjected{c.record}, cx.now);
}

Result<std::vector<PendingEvent>> decideEndWindow(const DecideContext& cx, const EndWindow& c) {
  auto t = findTarget(cx, c.milestone);
  if (!t) return t.error();
  const auto* current = t->progress->current();
  // Already decided (a click won the race, or a repeat run): nothing to do.
  if (!current || current->version != c.version || current->decision) {
    return std::vector<PendingEvent>{};
  }
  if (cx.now < current->deadline) {
    return makeError(ErrorCode::invalid_state,
                     "Expected the window of milestone '" + c.milestone + "' to have ended, but it "
                     "is open until " + cx.calendar.formatInstant(current->deadline));
  }
  MilestoneGuards guards;
  guards.windowOpen = false;
  auto fired = fire(*t, MilestoneTrigger::window_end, guards);
  if (!fired) return fired.error();
  // SPEC §2: effective at the deadline, even when processed later.
  if (*fired == MilestoneState::escalated) {
    return one(MilestoneEscalated{c.milestone, c.version, current->deadline}, current->deadline);
  }
  return one(MilestoneDeemedAccepted{c.milestone, c.version, current->deadline}, current->deadline);
}

}  // namespace sowflow::engine::detail
