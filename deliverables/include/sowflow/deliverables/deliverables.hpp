// Document generators (SPEC §4): the acceptance report as .xlsx and .docx,
// the other docx deliverables from mustache templates, fill-in forms (the survey
// form, the service ticket list) as .xlsx, the plan as MS Project XML (MSPDI), milestone
// and deadline dates as iCalendar, and the portfolio workbook.
//
// Contract: every generator reads only the engine's read-only views passed in
// a RenderContext and the templates under `templatesDir/documents/<lang>/`
// (lang = the workflow's `language`). Output carries no generation time of its
// own: the same engagement state and templates give identical bytes
// (docs/documents.md "Determinism"). User strings are never formulas in xlsx
// and are always escaped in XML and iCalendar.
// Failures: invalid_argument for a missing workflow or an unknown milestone /
// deliverable / template, not_found for a missing template file, internal for
// I/O errors (messages name the file).
// Thread-safety: all functions are reentrant; they share no state.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sowflow/engine/calendar.hpp"
#include "sowflow/engine/engagement.hpp"
#include "sowflow/engine/journal.hpp"
#include "sowflow/engine/result.hpp"

namespace sowflow::deliverables {

struct RenderContext {
  const engine::Engagement& engagement;       // REQUIRES: engagement.workflow set
  const engine::WorkingDayCalendar& calendar;  // the engagement's calendar
  std::vector<engine::StoredEvent> journal;    // the engagement's events (audit sheet)
  std::filesystem::path templatesDir;          // holds documents/<lang>/
};

struct Document {
  std::string filename;     // ASCII, no path: "<engagement>-acceptance-report.xlsx"
  std::string contentType;  // MIME type
  std::string bytes;
};

// The acceptance report (engagement, parties, milestones, versions, hashes,
// decisions, deemed acceptances, responsibility matrix, audit head hash).
engine::Result<Document> acceptanceReportXlsx(const RenderContext& context);
engine::Result<Document> acceptanceReportDocx(const RenderContext& context);
// The plan: phases as summary tasks, milestones with planned/actual dates,
// depends-on links, the working-day calendar, owners as resources.
engine::Result<Document> planMspdi(const RenderContext& context);
// All-day events for planned milestone dates and acceptance deadlines.
engine::Result<Document> calendarIcs(const RenderContext& context);

// Renders one deliverable slot of a milestone, chosen by the deliverable's
// workflow `template` id and `format`: docx from
// documents/<lang>/<template>.document.xml, xlsx as the built-in
// "acceptance-report" or the form documents/forms/<template>.form.xml.
// invalid_argument when the milestone or deliverable is unknown, or it has no
// template.
engine::Result<Document> renderDeliverable(const RenderContext& context,
                                           const std::string& milestoneId,
                                           const std::string& deliverableId);

// What would stop a workflow's documents from rendering, before any
// engagement needs them: its language's labels, each docx template, each
// xlsx form (parsed, so a broken one is reported with its file and line) and
// the form's items file. One message per problem; empty when all is well.
std::vector<std::string> checkTemplates(const engine::Workflow& workflow,
                                        const std::filesystem::path& templatesDir);

// One line of the portfolio export: an engagement and one of its open
// acceptance windows (milestone fields empty when it has none open).
struct PortfolioRow {
  std::string engagementId;
  std::string title;
  std::string workflow;
  std::string customer;
  std::string provider;
  std::string state;  // engagement state name (SPEC §2)
  std::string stage;
  std::string milestone;  // milestone id, empty without an open window
  std::string milestoneTitle;
  int version = 0;
  std::optional<engine::Date> submittedOn;         // local date
  std::optional<engine::Date> deadlineLocalDate;   // SPEC §3 deadline_local_date
  std::string deadline;  // RFC 3339 instant with offset; written as a UTC date-time
  bool provisional = false;
};

// Pull source: sets every field of `row` and returns true, or returns false at
// the end. The writer hands the same row back each time, uncleared, so its
// strings keep their capacity from row to row.
using PortfolioSource = std::function<bool(PortfolioRow& row)>;

// The portfolio's rows from engagement snapshots, in their order: one row per
// open acceptance window (the current version submitted and undecided), or
// one row with empty milestone fields for an engagement without one. Local
// dates are in each engagement's own calendar, found with `calendarFor`
// (an engagement whose calendar it does not know gets UTC dates).
// The source keeps `engagements` alive while it is called.
PortfolioSource portfolioRows(
    std::vector<std::shared_ptr<const engine::Engagement>> engagements,
    std::function<engine::CalendarPtr(const std::string& calendarId)> calendarFor);

struct PortfolioOptions {
  engine::Instant asOf;  // written as the workbook's creation time (not now())
  std::string language = "en";
  std::filesystem::path templatesDir;  // labels; empty = defaultTemplatesDirectory()
  std::filesystem::path tmpDir;        // libxlsxwriter's temp files; empty = system default
};

// Streams the portfolio workbook to `out` in libxlsxwriter's constant-memory
// mode: memory does not grow with the number of rows.
engine::Status portfolioXlsx(const PortfolioSource& source, const std::filesystem::path& out,
                             const PortfolioOptions& options);
engine::Status portfolioXlsx(const std::vector<PortfolioRow>& rows,
                             const std::filesystem::path& out, const PortfolioOptions& options);

// $SOWFLOW_TEMPLATES if set, else the source tree's templates/ directory.
std::filesystem::path defaultTemplatesDirectory();

}  // namespace sowflow::deliverables
