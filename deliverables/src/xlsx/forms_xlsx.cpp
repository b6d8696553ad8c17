// Fill-in forms as xlsx: the chaos-drill survey form and the service ticket
// list. Both carry the engagement's header block, a frozen header row, and
// data validation lists so answers stay within the SOW's vocabulary.
#include <fstream>

#include "common/xlsx_workbook.hpp"
#include "xlsx/xlsx_generators.hpp"

namespace sowflow::deliverables::detail {
namespace {

constexpr int kTicketRows = 200;  // pre-formatted rows with validation

// Engagement facts above the form; returns the next free row.
int headerBlock(const XlsxWorkbook& book, lxw_worksheet* ws, const DocumentModel& m,
                const std::string& titleKey) {
  const auto& L = m.labels;
  const auto& f = book.formats();
  book.writeText(ws, 0, 0, L(titleKey), f.title);
  int r = 1;
  auto fact = [&](const std::string& key, const std::string& value) {
    book.writeText(ws, r, 0, L(key), f.label);
    book.writeText(ws, r++, 1, value);
  };
  fact("field.engagement", m.engagementId + " — " + m.title);
  fact("field.customer", m.customer);
  fact("field.provider", m.provider);
  if (!m.editionTitle.empty()) fact("field.edition", m.editionTitle);
  return r + 1;
}

void validateList(lxw_worksheet* ws, int firstRow, int lastRow, int col,
                  const std::vector<std::string>& values) {
  std::vector<char*> list;
  for (const auto& v : values) list.push_back(const_cast<char*>(v.c_str()));
  list.push_back(nullptr);
  lxw_data_validation validation{};
  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = list.data();
  validation.ignore_blank = LXW_VALIDATION_ON;
  worksheet_data_validation_range(ws, static_cast<lxw_row_t>(firstRow), static_cast<lxw_col_t>(col),
                                  static_cast<lxw_row_t>(lastRow), static_cast<lxw_col_t>(col),
                                  &validation);
}

}  // namespace

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto end = text.find('|', begin);
    const std::string item = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    if (!item.empty()) out.push_back(item);
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return out;
}

engine::Result<Document> renderSurveyForm(const DocumentModel& m, const std::filesystem::path& templatesDir,
                                          const std::string& filename) {
  const auto itemsFile = templatesDir / "documents" / m.language / "survey-form.tsv";
  std::ifstream in(itemsFile, std::ios::binary);
  if (!in) return engine::makeError(engine::ErrorCode::not_found, "Expected survey items at " + itemsFile.string());
  const auto& L = m.labels;
  TempPath file(".xlsx");
  XlsxWorkbook book(file.path(), m.stamp, L("survey.title"));
  lxw_worksheet* ws = book.addSheet(L("sheet.survey"));
  int r = headerBlock(book, ws, m, "survey.title");
  const int header = r;
  book.headerRow(ws, header, {L("col.no"), L("col.area"), L("col.item"), L("col.answer"), L("col.evidence"), L("col.respondent")},
                 {6, 24, 60, 22, 40, 20});
  ++r;
  std::string line;
  int number = 0, lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto t1 = line.find('\t');
    const auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) {
      return engine::makeError(engine::ErrorCode::invalid_argument,
                               itemsFile.string() + ":" + std::to_string(lineNo) + ": expected area<TAB>item<TAB>list");
    }
    book.writeNumber(ws, r, 0, ++number);
    book.writeText(ws, r, 1, line.substr(0, t1));
    book.writeText(ws, r, 2, line.substr(t1 + 1, t2 - t1 - 1), book.formats().wrap);
    validateList(ws, r, r, 3, splitList(L("list." + line.substr(t2 + 1))));
    ++r;
  }
  worksheet_autofilter(ws, static_cast<lxw_row_t>(header), 0, static_cast<lxw_row_t>(std::max(r - 1, header + 1)), 5);
  auto bytes = book.finish(true);
  if (!bytes) return bytes.error();
  return Document{filename, kXlsxContentType, std::move(bytes.value())};
}

engine::Result<Document> renderServiceTicketList(const DocumentModel& m, const std::string& filename) {
  const auto& L = m.labels;
  TempPath file(".xlsx");
  XlsxWorkbook book(file.path(), m.stamp, L("tickets.title"));
  lxw_worksheet* ws = book.addSheet(L("sheet.tickets"));
  int r = headerBlock(book, ws, m, "tickets.title");
  const int header = r;
  book.headerRow(ws, header,
                 {L("col.ticket_no"), L("col.opened_on"), L("col.ticket_type"), L("col.severity"), L("col.summary"),
                  L("col.requester"), L("col.ticket_status"), L("col.resolved_on"), L("col.notes")},
                 {14, 12, 22, 26, 48, 20, 16, 12, 36});
  const int first = header + 1, last = header + kTicketRows;
  validateList(ws, first, last, 2, splitList(L("list.ticket_type")));
  validateList(ws, first, last, 3, splitList(L("list.severity")));
  validateList(ws, first, last, 6, splitList(L("list.ticket_status")));
  for (int col : {1, 7}) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), 12, book.formats().date);
    lxw_data_validation validation{};
    // A ">=" date validation reads value_datetime; minimum_number (used
    // before) is for "between" on numbers and gave ">= 0" (forms_test).
    const date::year_month_day start{m.start};
    validation.validate = LXW_VALIDATION_TYPE_DATE;
    validation.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    validation.value_datetime = {static_cast<int>(start.year()), static_cast<int>(unsigned{start.month()}),
                                   static_cast<int>(unsigned{start.day()}), 0, 0, 0};
    worksheet_data_validation_range(ws, static_cast<lxw_row_t>(first), static_cast<lxw_col_t>(col),
                                    static_cast<lxw_row_t>(last), static_cast<lxw_col_t>(col), &validation);
  }
  worksheet_autofilter(ws, static_cast<lxw_row_t>(header), 0, static_cast<lxw_row_t>(last), 8);
  auto bytes = book.finish(true);
  if (!bytes) return bytes.error();
  return Document{filename, kXlsxContentType, std::move(bytes.value())};
}

}  // namespace sowflow::deliverables::detail
