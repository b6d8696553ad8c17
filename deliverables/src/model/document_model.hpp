// The document model: everything a generated document shows, built once from
// the engine's read-only views (Engagement, Workflow, calendar, journal) and
// the language's labels, then fed to every generator (xlsx, docx, MSPDI, ics).
//
// Contract: strings are already cleaned of characters XML 1.0 forbids; times
// are kept as Instants plus their local rendering in the calendar's zone;
// `stamp` is the latest instant in the engagement's data and is the only
// "generation" time any document may carry (SPEC §4). Who did something is
// given twice: the journal's actor id ("owner:provider", "link:<e-mail>",
// "system:deadline") and a reader's label in the document language (the
// owner's name <e-mail>, the recipient with "(acceptance link)", "deemed
// accepted at the deadline (no reply)"); generators show the label except in
// the audit trail, which keeps the journal's own values.
// Thread-safety: plain values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/labels.hpp"
#include "sowflow/deliverables/deliverables.hpp"

namespace sowflow::deliverables::detail {

struct DocParty {
  std::string id;
  std::string role;  // the workflow's party title ("Provider")
  std::string name;  // the engagement's organisation name for it
  std::string ownerName;
  std::string ownerEmail;
};

struct DocFile {
  std::string deliverableId;
  std::string deliverableTitle;
  std::string filename;
  std::int64_t size = 0;
  std::string sha256;
};

struct DocDecision {
  std::string kind;       // accepted | objected | deemed_accepted | escalated
  std::string kindLabel;  // in the document language
  engine::Instant at;
  std::string atText;  // RFC 3339, calendar offset
  std::string actor;    // reader's label (see header comment)
  std::string actorId;  // the journal's actor
  std::string recipient;
  std::string ip;
  std::string userAgent;
  std::string comment;
};

struct DocVersion {
  int version = 1;
  engine::Instant submittedAt;
  std::string submittedAtText;
  std::string submittedBy;    // reader's label: the owner's name <e-mail>
  std::string submittedById;  // the journal's actor
  engine::Instant deadline;
  std::string deadlineText;
  engine::Date deadlineLocalDate;
  bool provisional = false;
  std::vector<std::string> recipients;
  std::vector<DocFile> files;
  std::optional<DocDecision> decision;
};

struct DocDeliverable {
  std::string id;
  std::string title;
  std::string format;
  std::string templateId;
};

struct DocMilestone {
  std::string id;
  std::string title;
  std::string phaseId;
  std::string phaseTitle;
  std::string state;       // toString-style state name
  std::string stateLabel;  // in the document language
  engine::Date plannedDate;  // start + cumulative planned working days
  engine::Date plannedStart;  // the previous milestone's planned date (or start)
  int plannedWorkingDays = 0;
  bool isFinal = false;
  std::optional<engine::Instant> startedAt;
  std::optional<engine::Instant> closedAt;
  std::vector<std::string> dependsOn;
  std::vector<DocDeliverable> deliverables;
  std::vector<DocVersion> versions;
  std::string submitterParty;
  std::string acceptorParty;
};

struct DocPhase {
  std::string id;
  std::string title;
  std::string stage;
};

struct DocActivity {
  std::string title;
  std::string phaseTitle;
  std::map<std::string, std::string> roles;  // party id -> "R", "S", ...
};

struct DocEvent {
  std::int64_t seq = 0;
  std::string type;       // the journal's type name ("MilestoneSubmitted")
  std::string typeLabel;  // what it means, in the document language
  engine::Instant effectiveAt;
  std::string effectiveAtText;
  engine::Instant recordedAt;
  std::string actor;       // the journal's actor id
  std::string actorLabel;  // reader's label (see header comment)
  std::string prevHash;
  std::string hash;
};

struct DocumentModel {
  std::string language;
  std::string engagementId;
  std::string title;
  std::string workflowId;
  int workflowVersion = 1;
  std::string workflowTitle;
  std::string source;
  std::string edition;
  std::string editionTitle;
  std::string customer;
  std::string provider;
  std::string state;
  std::string stateLabel;
  std::string stage;
  std::string outcomeLabel;
  std::string cancelReason;
  std::string timeZone;
  std::string calendarId;
  engine::Date start;
  engine::Date plannedEnd;
  engine::Instant createdAt;
  std::optional<engine::Instant> activatedAt;
  std::optional<engine::Instant> closedAt;
  engine::Instant stamp;  // latest instant in the data (see header comment)
  std::vector<DocParty> parties;
  std::vector<DocPhase> phases;
  std::vector<DocMilestone> milestones;
  std::vector<DocActivity> activities;
  std::vector<DocEvent> trail;
  std::int64_t headSeq = 0;
  std::string headHash;
  Labels labels;
};

// Builds the model. invalid_argument when the engagement has no workflow;
// not_found/invalid_argument from loading the language's labels.
engine::Result<DocumentModel> buildDocumentModel(const RenderContext& context);

// Labels for a language alone (portfolio export).
engine::Result<Labels> loadLabels(const std::filesystem::path& templatesDir,
                                  const std::string& language);

// Removes characters XML 1.0 forbids (C0 controls except tab, LF, CR).
std::string cleanText(std::string_view text);
// The same, in place (no copy when the caller owns the string).
std::string& cleanTextInPlace(std::string& text);

}  // namespace sowflow::deliverables::detail
