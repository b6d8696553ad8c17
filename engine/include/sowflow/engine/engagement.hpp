// The engagement projection: the current state of one engagement, built only
// by applying its events in order (apply() below, the same code live and on
// replay). Read models, pages and documents read this; nothing writes it but
// apply().
// Thread-safety: plain values; the Engine hands out copies (find, list) or
// immutable shared snapshots (CommandResult, Engine::snapshot) that it never
// changes afterwards.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sowflow/engine/events.hpp"
#include "sowflow/engine/journal.hpp"
#include "sowflow/engine/workflow.hpp"

namespace sowflow::engine {

enum class EngagementState { draft, active, completed, cancelled };
enum class MilestoneState {
  planned,
  in_progress,
  submitted,
  accepted,
  deemed_accepted,
  objected,
  escalated,
};

const char* toString(EngagementState state);
const char* toString(MilestoneState state);

struct Decision {
  enum class Kind { accepted, objected, deemed_accepted, escalated };
  Kind kind = Kind::accepted;
  Instant at;  // effective time: the click, or the deadline
  std::string actor;
  DecisionRecord record;  // empty recipient for deemed/escalated
};

const char* toString(Decision::Kind kind);

struct Submission {
  int version = 1;
  Instant submittedAt;
  std::string submittedBy;
  std::vector<DeliverableFile> files;
  std::vector<std::string> recipients;
  Instant deadline;
  Date deadlineLocalDate;
  bool provisional = false;
  std::string onSilence;
  std::string calendarRevision;
  std::optional<Decision> decision;
};

struct MilestoneProgress {
  std::string id;
  MilestoneState state = MilestoneState::planned;
  std::map<std::string, DeliverableFile> slots;  // deliverable id -> current file
  std::vector<Submission> submissions;           // version N at index N-1
  std::optional<Instant> startedAt;
  std::optional<Instant> closedAt;  // accepted / deemed accepted

  int version() const { return static_cast<int>(submissions.size()); }
  const Submission* current() const { return submissions.empty() ? nullptr : &submissions.back(); }
};

struct OwnerRecord {
  Owner owner;
  Date effective;
};

struct TrailEntry {
  std::int64_t seq = 0;
  std::string type;
  Instant effectiveAt;
  std::string actor;
  std::string hash;
};

struct Engagement {
  std::string id;
  WorkflowPtr workflow;  // pinned at creation
  std::string edition;
  std::string title;
  std::string customer;
  std::string provider;
  std::string calendar;
  Date start;
  EngagementState state = EngagementState::draft;
  std::optional<Stage> stage;  // while active
  std::string cancelReason;
  Instant createdAt;
  std::optional<Instant> activatedAt;
  std::optional<Instant> closedAt;  // completed or cancelled
  // Current owner per party plus scheduled changes (effective in the future).
  std::map<std::string, std::vector<OwnerRecord>> owners;
  std::vector<MilestoneProgress> milestones;  // in workflow order, this edition's only
  std::int64_t lastSeq = 0;
  std::string headHash;

  const MilestoneProgress* findMilestone(std::string_view id) const;
  MilestoneProgress* findMilestone(std::string_view id);
  // The owner in force on `day` for `party` (the latest effective <= day).
  const Owner* ownerOn(std::string_view party, Date day) const;
};

// Applies one stored event. Pure: never validates, never reads the clock.
// `workflowFor` resolves the pinned workflow for EngagementCreated.
// REQUIRES: events of one engagement, in sequence order.
void apply(Engagement& engagement, const StoredEvent& stored, const Event& event,
           const WorkflowPtr& workflow);
// The same, moving the event's strings and lists into the projection.
void apply(Engagement& engagement, const StoredEvent& stored, Event&& event,
           const WorkflowPtr& workflow);

}  // namespace sowflow::engine
