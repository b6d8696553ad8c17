// The workflow definition model (SPEC §2 "Workflow definition").
//
// A Workflow is what one file in workflows/ says: parties, editions, phases
// (each declaring its engagement stage), activities with a responsibility
// matrix, milestones with deliverables and acceptance rules, notice rules, the
// calendar id and the document language. It is immutable once loaded
// (identified by id + version); loaders hand out shared_ptr<const Workflow>.
// Subscription rules (SLA clocks, quotas, recurring deliverables, terms) are
// data here; the engine does not act on them yet.
// Thread-safety: immutable values.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sowflow::engine {

enum class Stage { survey, design, delivery, acceptance };
enum class Raci { R, A, S, C, I };
enum class OnSilence { deemed_accepted, escalate };

const char* toString(Stage stage);
const char* toString(Raci role);
const char* toString(OnSilence rule);
std::optional<Stage> parseStage(std::string_view text);
std::optional<Raci> parseRaci(std::string_view text);
std::optional<OnSilence> parseOnSilence(std::string_view text);

// Empty `editions` on any element below means "in every edition".
using EditionList = std::vector<std::string>;

struct Party {
  std::string id;     // "provider", "customer", ...
  std::string title;  // "Huawei Cloud", "Customer"
};

struct Edition {
  std::string id;
  std::string title;
};

struct Phase {
  std::string id;
  std::string title;
  std::string description;
  Stage stage = Stage::survey;
};

struct Activity {
  std::string id;
  std::string title;
  std::string description;
  std::string phase;                        // a Phase id
  std::map<std::string, Raci> assignments;  // party id -> role
  EditionList editions;
};

struct Deliverable {
  std::string id;
  std::string title;
  std::string format;       // "docx", "xlsx" or "any" (uploaded by hand)
  std::string documentTemplate;  // template id under templates/documents/<lang>/, may be empty
  EditionList editions;
};

struct AcceptanceRule {
  int windowWorkingDays = 5;  // SPEC §2 default; 1..60
  OnSilence onSilence = OnSilence::deemed_accepted;
  std::string submitter = "provider";  // party whose submission opens the window
  std::string acceptor = "customer";   // party who accepts or objects
};

struct Milestone {
  std::string id;
  std::string title;
  std::string phase;                   // a Phase id
  std::vector<Deliverable> deliverables;
  std::vector<std::string> dependsOn;  // milestone ids that must be accepted first
  AcceptanceRule acceptance;
  bool overlap = false;  // may be submitted before its stage is reached
  bool final = false;    // its acceptance completes the engagement
  int plannedWorkingDays = 5;  // planned duration, for plans and calendars
  EditionList editions;
};

struct NoticeRule {
  std::string id;  // "personnel-change", "service-application", ...
  std::string title;
  int workingDays = 0;
  EditionList editions;
};

struct SlaRule {
  std::string id;
  std::string title;
  int responseMinutes = 0;
  std::string clock;  // "natural" (7x24) or "working"
  EditionList editions;
};

struct QuotaRule {
  std::string id;
  std::string title;
  int count = 0;
  std::string period;  // "calendar-month", "year", "term"
  bool rollover = false;
  EditionList editions;
};

struct RecurringDeliverable {
  std::string id;
  std::string title;
  int everyMonths = 1;
  std::string trigger;  // empty for periodic; e.g. "major-incident"
  EditionList editions;
};

struct Workflow {
  std::string id;
  int version = 1;
  std::string title;
  std::string source;    // the SOW it encodes
  std::string language;  // "en" or "zh-CN"
  std::string calendar;  // a calendar id
  std::string kind;      // "one-off" or "subscription"
  std::optional<int> termMultipleOfMonths;
  std::vector<Party> parties;
  std::vector<Edition> editions;
  std::vector<Phase> phases;
  std::vector<Activity> activities;
  std::vector<Milestone> milestones;
  std::vector<NoticeRule> notices;
  std::vector<SlaRule> slas;
  std::vector<QuotaRule> quotas;
  std::vector<RecurringDeliverable> recurring;

  const Phase* findPhase(std::string_view id) const;
  const Milestone* findMilestone(std::string_view id) const;
  const NoticeRule* findNotice(std::string_view id, std::string_view edition) const;
  bool hasEdition(std::string_view id) const;
};

using WorkflowPtr = std::shared_ptr<const Workflow>;

// True when an element restricted to `editions` applies to `edition`.
bool inEdition(const EditionList& editions, std::string_view edition);

}  // namespace sowflow::engine
