// The appliers: one per event kind, all listed in the visitor below (STYLE §3).
// Each is a pure function of (projection, event): no validation, no clock, no
// I/O. Live processing and start-up replay both come through apply().
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

  void operator()(const EngagementCreated& ev) const {
    e.id = stored.engagementId;
    e.workflow = workflow;
    e.edition = ev.edition;
    e.title = ev.title;
    e.customer = ev.customer;
    e.provider = ev.provider;
    e.calendar = ev.calendar;
    e.start = ev.start;
    e.state = EngagementState::draft;
    e.createdAt = stored.effectiveAt;
    for (const auto& po : ev.owners) e.owners[po.party].push_back({po.owner, ev.start});
    e.milestones.clear();
    if (!workflow) return;
    for (const auto& m : workflow->milestones) {
      if (inEdition(m.editions, ev.edition)) e.milestones.push_back(MilestoneProgress{m.id});
    }
  }
  void operator()(const EngagementActivated&) const {
    e.state = EngagementState::active;
    e.stage = Stage::survey;
    e.activatedAt = stored.effectiveAt;
  }
  void operator()(const EngagementCancelled& ev) const {
    e.state = EngagementState::cancelled;
    e.cancelReason = ev.reason;
    e.closedAt = stored.effectiveAt;
  }
  void operator()(const EngagementStageEntered& ev) const {
    if (auto stage = parseStage(ev.stage)) e.stage = *stage;
  }
  void operator()(const EngagementCompleted&) const {
    e.state = EngagementState::completed;
    e.closedAt = stored.effectiveAt;
  }
  void operator()(const OwnerChanged& ev) const {
    auto& records = e.owners[ev.party];
    records.push_back({ev.owner, ev.effective});
    std::stable_sort(records.begin(), records.end(),
                     [](const OwnerRecord& a, const OwnerRecord& b) { return a.effective < b.effective; });
  }
  void operator()(const MilestoneStarted& ev) const {
    auto* m = e.findMilestone(ev.milestone);
    if (!m) return;
    m->state = MilestoneState::in_progress;
    if (!m->startedAt) m->startedAt = stored.effectiveAt;
  }
  void operator()(const DeliverableUploaded& ev) const {
    if (auto* m = e.findMilestone(ev.milestone)) m->slots[ev.file.deliverable] = ev.file;
  }
  void operator()(const MilestoneSubmitted& ev) const {
    auto* m = e.findMilestone(ev.milestone);
    if (!m) return;
    Submission s;
    s.version = ev.version;
    s.submittedAt = stored.effectiveAt;
    s.submittedBy = stored.actor;
    s.files = ev.files;
    s.recipients = ev.recipients;
    s.deadline = ev.deadline;
    s.deadlineLocalDate = ev.deadlineLocalDate;
    s.provisional = ev.provisional;
    s.onSilence = ev.onSilence;
    s.calendarRevision = ev.calendarRevision;
    m->submissions.push_back(std::move(s));
    m->state = MilestoneState::submitted;
  }
  void decide(const std::string& milestone, Decision::Kind kind, MilestoneState to,
              const DecisionRecord& record) const {
    auto* m = e.findMilestone(milestone);
    if (!m || m->submissions.empty()) return;
    m->submissions.back().decision = Decision{kind, stored.effectiveAt, stored.actor, record};
    m->state = to;
    if (isClosed(to)) m->closedAt = stored.effectiveAt;
  }
  void operator()(const MilestoneAccepted& ev) const {
    decide(ev.decision.milestone, Decision::Kind::accepted, MilestoneState::accepted, ev.decision);
  }
  void operator()(const MilestoneObjected& ev) const {
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

void apply(Engagement& engagement, const StoredEvent& stored, const Event& event,
           const WorkflowPtr& workflow) {
  std::visit(Applier{engagement, stored, workflow}, event);
  engagement.lastSeq = stored.seq;
  engagement.headHash = stored.hash;
}

}  // namespace sowflow::engine
