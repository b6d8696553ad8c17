// The appliers: one per event kind, all listed in the visitor below (STYLE §3).
// Each is a pure function of (projection, event): no validation, no clock, no
// I/O. Live processing and start-up replay both come through apply().
// The applier owns its event (apply's Event&& overload): strings and lists
// move into the projection rather than being copied, one allocation less per
// field on replay and on every command.
#include <algorithm>

#include "sowflow/engine/engagement.hpp"

namespace sowflow::engine {
namespace {

bool isClosed(MilestoneState state) {
  return state == MilestoneState::accepted || state == MilestoneState::deemed_accepted;
}

struct Applier {
  Engagement& e;
  const StoredEvent& stored;
  const WorkflowPtr& workflow;

  void operator()(EngagementCreated& ev) const {
    e.id = stored.engagementId;
    e.workflow = workflow;
    e.edition = std::move(ev.edition);
    e.title = std::move(ev.title);
    e.customer = std::move(ev.customer);
    e.provider = std::move(ev.provider);
    e.calendar = std::move(ev.calendar);
    e.start = ev.start;
    e.state = EngagementState::draft;
    e.createdAt = stored.effectiveAt;
    for (auto& po : ev.owners) e.owners[po.party].push_back({std::move(po.owner), ev.start});
    e.milestones.clear();
    if (!workflow) return;
    e.milestones.reserve(workflow->milestones.size());
    for (const auto& m : workflow->milestones) {
      if (inEdition(m.editions, e.edition)) e.milestones.push_back(MilestoneProgress{m.id});
    }
  }
  void operator()(const EngagementActivated&) const {
    e.state = EngagementState::active;
    e.stage = Stage::survey;
    e.activatedAt = stored.effectiveAt;
  }
  void operator()(EngagementCancelled& ev) const {
    e.state = EngagementState::cancelled;
    e.cancelReason = std::move(ev.reason);
    e.closedAt = stored.effectiveAt;
  }
  void operator()(const EngagementStageEntered& ev) const {
    if (auto stage = parseStage(ev.stage)) e.stage = *stage;
  }
  void operator()(const EngagementCompleted&) const {
    e.state = EngagementState::completed;
    e.closedAt = stored.effectiveAt;
  }
  void operator()(OwnerChanged& ev) const {
    auto& records = e.owners[ev.party];
    records.push_back({std::move(ev.owner), ev.effective});
    std::stable_sort(records.begin(), records.end(),
                     [](const OwnerRecord& a, const OwnerRecord& b) { return a.effective < b.effective; });
  }
  void operator()(const MilestoneStarted& ev) const {
    auto* m = e.findMilestone(ev.milestone);
    if (!m) return;
    m->state = MilestoneState::in_progress;
    if (!m->startedAt) m->startedAt = stored.effectiveAt;
  }
  void operator()(DeliverableUploaded& ev) const {
    if (auto* m = e.findMilestone(ev.milestone)) m->slots[ev.file.deliverable] = std::move(ev.file);
  }
  void operator()(MilestoneSubmitted& ev) const {
    auto* m = e.findMilestone(ev.milestone);
    if (!m) return;
    Submission s;
    s.version = ev.version;
    s.submittedAt = stored.effectiveAt;
    s.submittedBy = stored.actor;
    s.files = std::move(ev.files);
    s.recipients = std::move(ev.recipients);
    s.deadline = ev.deadline;
    s.deadlineLocalDate = ev.deadlineLocalDate;
    s.provisional = ev.provisional;
    s.onSilence = std::move(ev.onSilence);
    s.calendarRevision = std::move(ev.calendarRevision);
    m->submissions.push_back(std::move(s));
    m->state = MilestoneState::submitted;
  }
  // `record` is moved from; `milestone` may be a member of it, so it is read first.
  void decide(const std::string& milestone, Decision::Kind kind, MilestoneState to,
              DecisionRecord& record) const {
    auto* m = e.findMilestone(milestone);
    if (!m || m->submissions.empty()) return;
    m->submissions.back().decision =
        Decision{kind, stored.effectiveAt, stored.actor, std::move(record)};
    m->state = to;
    if (isClosed(to)) m->closedAt = stored.effectiveAt;
  }
  void operator()(MilestoneAccepted& ev) const {
    decide(ev.decision.milestone, Decision::Kind::accepted, MilestoneState::accepted, ev.decision);
  }
  void operator()(MilestoneObjected& ev) const {
    decide(ev.decision.milestone, Decision::Kind::objected, MilestoneState::objected, ev.decision);
  }
  void operator()(const MilestoneDeemedAccepted& ev) const {
    DecisionRecord record;
    record.milestone = ev.milestone;
    record.version = ev.version;
    decide(ev.milestone, Decision::Kind::deemed_accepted, MilestoneState::deemed_accepted, record);
  }
  void operator()(const MilestoneEscalated& ev) const {
    DecisionRecord record;
    record.milestone = ev.milestone;
    record.version = ev.version;
    decide(ev.milestone, Decision::Kind::escalated, MilestoneState::escalated, record);
  }
};

}  // namespace

void apply(Engagement& engagement, const StoredEvent& stored, Event&& event,
           const WorkflowPtr& workflow) {
  std::visit(Applier{engagement, stored, workflow}, event);
  engagement.lastSeq = stored.seq;
  engagement.headHash = stored.hash;
}

void apply(Engagement& engagement, const StoredEvent& stored, const Event& event,
           const WorkflowPtr& workflow) {
  apply(engagement, stored, Event(event), workflow);
}

}  // namespace sowflow::engine
