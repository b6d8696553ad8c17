// The acceptance report workbook (SPEC §4, issue 4 item 1): sheets Summary,
// Milestones, Deliverables, Responsibility and Audit, fed by the document model.
#include <map>

#include "common/xlsx_workbook.hpp"
#include "model/document_model.hpp"
#include "xlsx/xlsx_generators.hpp"

namespace sowflow::deliverables::detail {
namespace {

using Row = int;

void summarySheet(const XlsxWorkbook& book, const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  const auto& L = m.labels;
  lxw_worksheet* ws = book.get() ? workbook_get_worksheet_by_name(book.get(), L("sheet.summary").c_str()) : nullptr;
  const auto& f = book.formats();
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, 1, 70, nullptr);
  book.writeText(ws, 0, 0, L("report.title"), f.title);
  book.headerRow(ws, 1, {L("col.field"), L("col.value")}, {28, 70});
  Row r = 2;
  auto text = [&](const std::string& key, const std::string& value) {
    book.writeText(ws, r, 0, L(key), f.label);
    book.writeText(ws, r++, 1, value);
  };
  auto when = [&](const std::string& key, const std::optional<engine::Instant>& at) {
    book.writeText(ws, r, 0, L(key), f.label);
    if (at) book.writeDateTime(ws, r, 1, localSerial(cal, *at));
    ++r;
  };
  text("field.engagement", m.engagementId);
  text("field.title", m.title);
  text("field.workflow", m.workflowTitle + " (" + m.workflowId + " v" + std::to_string(m.workflowVersion) + ")");
  text("field.edition", m.editionTitle.empty() ? m.edition : m.editionTitle);
  text("field.customer", m.customer);
  text("field.provider", m.provider);
  for (const auto& p : m.parties) {
    book.writeText(ws, r, 0, p.role + " — " + L("field.owner"), f.label);
    book.writeText(ws, r++, 1, p.ownerEmail.empty() ? p.ownerName : p.ownerName + " <" + p.ownerEmail + ">");
  }
  book.writeText(ws, r, 0, L("field.start"), f.label);
  book.writeDate(ws, r++, 1, m.start);
  book.writeText(ws, r, 0, L("field.planned_end"), f.label);
  book.writeDate(ws, r++, 1, m.plannedEnd);
  when("field.created", m.createdAt);
  when("field.activated", m.activatedAt);
  when("field.closed", m.closedAt);
  text("field.state", m.stateLabel);
  text("field.outcome", m.outcomeLabel);
  if (!m.cancelReason.empty()) text("field.cancel_reason", m.cancelReason);
  text("field.time_zone", m.timeZone);
  book.writeText(ws, r, 0, L("field.head_seq"), f.label);
  book.writeNumber(ws, r++, 1, static_cast<double>(m.headSeq));
  book.writeText(ws, r, 0, L("field.head_hash"), f.label);
  book.writeText(ws, r++, 1, m.headHash, f.mono);
}

void milestonesSheet(const XlsxWorkbook& book, const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  const auto& L = m.labels;
  lxw_worksheet* ws = workbook_get_worksheet_by_name(book.get(), L("sheet.milestones").c_str());
  const auto& f = book.formats();
  const std::vector<std::string> titles = {
      L("col.milestone_id"), L("col.milestone"), L("col.phase"), L("col.state"), L("col.planned_date"),
      L("col.version"), L("col.submitted_at"), L("col.submitted_by"), L("col.deadline"),
      L("col.deadline_local_date"), L("col.provisional"), L("col.decision"), L("col.decided_at"),
      L("col.decided_by"), L("col.recipient"), L("col.ip"), L("col.user_agent"), L("col.comment")};
  book.headerRow(ws, 0, titles, {14, 36, 22, 16, 12, 8, 19, 24, 19, 12, 10, 18, 19, 24, 26, 16, 30, 40});
  Row r = 1;
  for (const auto& ms : m.milestones) {
    auto common = [&] {
      book.writeText(ws, r, 0, ms.id);
      book.writeText(ws, r, 1, ms.title, f.wrap);
      book.writeText(ws, r, 2, ms.phaseTitle);
      book.writeText(ws, r, 3, ms.stateLabel);
      book.writeDate(ws, r, 4, ms.plannedDate);
    };
    if (ms.versions.empty()) {
      common();
      ++r;
      continue;
    }
    for (const auto& v : ms.versions) {
      common();
      book.writeNumber(ws, r, 5, v.version);
      book.writeDateTime(ws, r, 6, localSerial(cal, v.submittedAt));
      book.writeText(ws, r, 7, v.submittedBy);
      book.writeDateTime(ws, r, 8, localSerial(cal, v.deadline));
      book.writeDate(ws, r, 9, v.deadlineLocalDate);
      book.writeText(ws, r, 10, v.provisional ? L("value.yes") : L("value.no"));
      if (v.decision) {
        const auto& d = *v.decision;
        book.writeText(ws, r, 11, d.kindLabel);
        book.writeDateTime(ws, r, 12, localSerial(cal, d.at));
        book.writeText(ws, r, 13, d.actor);
        book.writeText(ws, r, 14, d.recipient);
        book.writeText(ws, r, 15, d.ip);
        book.writeText(ws, r, 16, d.userAgent);
        book.writeText(ws, r, 17, d.comment, f.wrap);
      }
      ++r;
    }
  }
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(std::max(r - 1, 1)),
                       static_cast<lxw_col_t>(titles.size() - 1));
}

void deliverablesSheet(const XlsxWorkbook& book, const DocumentModel& m) {
  const auto& L = m.labels;
  lxw_worksheet* ws = workbook_get_worksheet_by_name(book.get(), L("sheet.deliverables").c_str());
  const auto& f = book.formats();
  const std::vector<std::string> titles = {L("col.milestone_id"), L("col.version"), L("col.deliverable"),
                                           L("col.filename"), L("col.size"), L("col.sha256")};
  book.headerRow(ws, 0, titles, {14, 8, 34, 36, 12, 68});
  Row r = 1;
  for (const auto& ms : m.milestones) {
    for (const auto& v : ms.versions) {
      for (const auto& file : v.files) {
        book.writeText(ws, r, 0, ms.id);
        book.writeNumber(ws, r, 1, v.version);
        book.writeText(ws, r, 2, file.deliverableTitle);
        book.writeText(ws, r, 3, file.filename);
        book.writeNumber(ws, r, 4, static_cast<double>(file.size));
        book.writeText(ws, r++, 5, file.sha256, f.mono);
      }
    }
  }
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(std::max(r - 1, 1)),
                       static_cast<lxw_col_t>(titles.size() - 1));
}

void responsibilitySheet(const XlsxWorkbook& book, const DocumentModel& m) {
  const auto& L = m.labels;
  lxw_worksheet* ws = workbook_get_worksheet_by_name(book.get(), L("sheet.responsibility").c_str());
  std::vector<std::string> titles = {L("col.phase"), L("col.activity")};
  std::vector<double> widths = {24, 40};
  for (const auto& p : m.parties) {
    titles.push_back(p.role);
    widths.push_back(14);
  }
  book.headerRow(ws, 0, titles, widths);
  // Colours per role, as the legend on the sheet says.
  static const std::map<std::string, lxw_color_t> kColours = {
      {"R", 0xF8CBAD}, {"A", 0xFFE699}, {"S", 0xC6E0B4}, {"C", 0xBDD7EE}, {"I", 0xD9D9D9}};
  std::map<std::string, lxw_format*> formats;
  for (const auto& [role, colour] : kColours) {
    lxw_format* format = workbook_add_format(book.get());
    format_set_bg_color(format, colour);
    format_set_bold(format);
    format_set_align(format, LXW_ALIGN_CENTER);
    formats[role] = format;
  }
  Row r = 1;
  for (const auto& a : m.activities) {
    book.writeText(ws, r, 0, a.phaseTitle);
    book.writeText(ws, r, 1, a.title, book.formats().wrap);
    for (std::size_t c = 0; c < m.parties.size(); ++c) {
      const auto found = a.roles.find(m.parties[c].id);
      if (found == a.roles.end()) continue;
      worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c + 2),
                             found->second.c_str(), formats[found->second]);
    }
    ++r;
  }
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(std::max(r - 1, 1)),
                       static_cast<lxw_col_t>(titles.size() - 1));
  ++r;
  for (const auto& [role, format] : formats) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 0, role.c_str(), format);
    book.writeText(ws, r++, 1, L("raci." + role));
  }
}

void auditSheet(const XlsxWorkbook& book, const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  const auto& L = m.labels;
  lxw_worksheet* ws = workbook_get_worksheet_by_name(book.get(), L("sheet.audit").c_str());
  const auto& f = book.formats();
  book.writeText(ws, 0, 0, L("field.head_hash"), f.label);
  book.writeText(ws, 0, 2, m.headHash, f.mono);
  book.writeText(ws, 1, 0, L("field.head_seq"), f.label);
  book.writeNumber(ws, 1, 2, static_cast<double>(m.headSeq));
  // The journal's own type and actor (what the hashes cover) each sit next
  // to what they mean for a reader.
  const std::vector<std::string> titles = {L("col.seq"),   L("col.event"),        L("col.event_meaning"),
                                           L("col.effective_at"), L("col.actor"), L("col.actor_name"),
                                           L("col.prev_hash"),    L("col.hash")};
  book.headerRow(ws, 3, titles, {8, 26, 30, 19, 28, 32, 68, 68});
  Row r = 4;
  for (const auto& e : m.trail) {
    book.writeNumber(ws, r, 0, static_cast<double>(e.seq));
    book.writeText(ws, r, 1, e.type);
    book.writeText(ws, r, 2, e.typeLabel);
    book.writeDateTime(ws, r, 3, localSerial(cal, e.effectiveAt));
    book.writeText(ws, r, 4, e.actor);
    book.writeText(ws, r, 5, e.actorLabel);
    book.writeText(ws, r, 6, e.prevHash, f.mono);
    book.writeText(ws, r++, 7, e.hash, f.mono);
  }
  worksheet_autofilter(ws, 3, 0, static_cast<lxw_row_t>(std::max(r - 1, 4)),
                       static_cast<lxw_col_t>(titles.size() - 1));
}

}  // namespace

double localSerial(const engine::WorkingDayCalendar& calendar, engine::Instant at) {
  const engine::Date day = calendar.localDate(at);
  const auto seconds = (at - calendar.startOfLocalDay(day)).count();
  return excelDate(day) + static_cast<double>(seconds) / 86400.0;
}

double utcSerial(engine::Instant at) {
  const engine::Date day = date::floor<date::days>(at);
  return excelDate(day) + static_cast<double>((at - day).count()) / 86400.0;
}

engine::Result<Document> renderAcceptanceXlsx(const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  const auto& L = m.labels;
  TempPath file(".xlsx");
  XlsxWorkbook book(file.path(), m.stamp, L("report.title") + " — " + m.title);
  if (!book.get()) return engine::makeError(engine::ErrorCode::internal, "Expected to create " + file.path().string());
  for (const char* key : {"sheet.summary", "sheet.milestones", "sheet.deliverables", "sheet.responsibility", "sheet.audit"}) {
    book.addSheet(L(key));
  }
  summarySheet(book, m, cal);
  milestonesSheet(book, m, cal);
  deliverablesSheet(book, m);
  responsibilitySheet(book, m);
  auditSheet(book, m, cal);
  auto bytes = book.finish(true);
  if (!bytes) return bytes.error();
  return Document{m.engagementId + "-acceptance-report.xlsx", kXlsxContentType, std::move(bytes.value())};
}

}  // namespace sowflow::deliverables::detail
