// Domain events: what happened to an engagement, past tense (STYLE §3).
//
// Each kind is a struct; Event is the variant of all of them. Every stored
// event also has an envelope (see journal.hpp) with its sequence, type name,
// schema version, effective and recorded time, actor and hash chain.
// Everything an applier needs is in the event itself (deadline, calendar
// revision, hashes, effective time), so applying never reads the clock.
// To add a kind, follow docs/journal-format.md "How to add an event".
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sowflow/engine/time.hpp"

namespace sowflow::engine {

struct Owner {
  std::string name;
  std::string email;
};

struct PartyOwner {
  std::string party;  // party id
  Owner owner;
};

struct DeliverableFile {
  std::string deliverable;  // deliverable id in the workflow
  std::string filename;
  std::string contentType;
  std::int64_t size = 0;
  std::string sha256;  // lower-case hex; also the blob's key in the store
};

struct EngagementCreated {
  std::string workflow;
  int workflowVersion = 1;
  std::string edition;  // empty when the workflow has no editions
  std::string title;
  std::string customer;
  std::string provider;
  std::vector<PartyOwner> owners;
  Date start;
  std::string calendar;
};

struct EngagementActivated {};

struct EngagementCancelled {
  std::string reason;
};

struct EngagementStageEntered {
  std::string stage;  // toString(Stage)
};

struct EngagementCompleted {};

struct OwnerChanged {
  std::string party;
  Owner owner;
  Date effective;
};

struct MilestoneStarted {
  std::string milestone;
  bool rework = false;  // objected -> in_progress
};

struct DeliverableUploaded {
  std::string milestone;
  DeliverableFile file;
  bool generated = false;  // rendered from a template rather than uploaded
};

struct MilestoneSubmitted {
  std::string milestone;
  int version = 1;
  std::vector<DeliverableFile> files;  // frozen at submission
  std::vector<std::string> recipients;
  Instant deadline;
  Date deadlineLocalDate;
  bool provisional = false;
  int windowWorkingDays = 5;
  std::string onSilence;  // toString(OnSilence)
  std::string calendar;
  std::string calendarRevision;
};

// A decision by a link recipient (or an owner acting for the customer).
struct DecisionRecord {
  std::string milestone;
  int version = 1;
  std::string recipient;
  std::string ip;
  std::string userAgent;
  std::vector<std::string> sha256Shown;
  std::string comment;
};

struct MilestoneAccepted {
  DecisionRecord decision;
};

struct MilestoneObjected {
  DecisionRecord decision;
};

// Effective at the deadline, not at the moment it was processed.
struct MilestoneDeemedAccepted {
  std::string milestone;
  int version = 1;
  Instant deadline;
};

struct MilestoneEscalated {
  std::string milestone;
  int version = 1;
  Instant deadline;
};

using Event = std::variant<EngagementCreated, EngagementActivated, EngagementCancelled,
                           EngagementStageEntered, EngagementCompleted, OwnerChanged,
                           MilestoneStarted, DeliverableUploaded, MilestoneSubmitted,
                           MilestoneAccepted, MilestoneObjected, MilestoneDeemedAccepted,
                           MilestoneEscalated>;

// The stored type name ("MilestoneSubmitted") and the current schema version.
const char* eventType(const Event& event);
int eventSchemaVersion(const Event& event);

}  // namespace sowflow::engine
