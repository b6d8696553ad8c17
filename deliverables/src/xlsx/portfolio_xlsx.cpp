// The portfolio workbook: every engagement and its open acceptance windows,
// streamed in libxlsxwriter's constant-memory mode (each row is flushed to a
// temp file as the next begins), so 100,000 rows need little RAM.
#include "common/xlsx_workbook.hpp"
#include "xlsx/xlsx_generators.hpp"

namespace sowflow::deliverables {

using detail::XlsxWorkbook;

engine::Status portfolioXlsx(const PortfolioSource& source, const std::filesystem::path& out,
                             const PortfolioOptions& options) {
  const auto templatesDir = options.templatesDir.empty() ? defaultTemplatesDirectory() : options.templatesDir;
  auto labels = detail::loadLabels(templatesDir, options.language);
  if (!labels) return labels.error();
  const auto& L = labels.value();
  XlsxWorkbook book(out, options.asOf, L("portfolio.title"), true, options.tmpDir);
  if (!book.get()) {
    return engine::makeError(engine::ErrorCode::internal, "Expected to create " + out.string());
  }
  lxw_worksheet* ws = book.addSheet(L("sheet.portfolio"));
  const std::vector<std::string> titles = {
      L("col.engagement"), L("col.title"), L("col.workflow"), L("col.customer"), L("col.provider"),
      L("col.state"), L("col.stage"), L("col.milestone_id"), L("col.milestone"), L("col.version"),
      L("col.submitted_on"), L("col.deadline_local_date"), L("col.deadline_utc"), L("col.provisional")};
  book.headerRow(ws, 0, titles, {16, 36, 18, 28, 24, 11, 11, 14, 32, 8, 12, 12, 18, 10});
  const std::string yes = L("value.yes"), no = L("value.no");
  PortfolioRow row;
  int r = 1;
  while (source(row)) {
    book.writeText(ws, r, 0, row.engagementId);
    book.writeText(ws, r, 1, detail::cleanTextInPlace(row.title));
    book.writeText(ws, r, 2, row.workflow);
    book.writeText(ws, r, 3, detail::cleanTextInPlace(row.customer));
    book.writeText(ws, r, 4, detail::cleanTextInPlace(row.provider));
    book.writeText(ws, r, 5, row.state);
    book.writeText(ws, r, 6, row.stage);
    if (!row.milestone.empty()) {
      book.writeText(ws, r, 7, row.milestone);
      book.writeText(ws, r, 8, detail::cleanTextInPlace(row.milestoneTitle));
      book.writeNumber(ws, r, 9, row.version);
      if (row.submittedOn) book.writeDate(ws, r, 10, *row.submittedOn);
      if (row.deadlineLocalDate) book.writeDate(ws, r, 11, *row.deadlineLocalDate);
      // A real date-time, so the PMO can sort and filter windows across
      // engagements in different time zones; UTC is the one zone they share.
      if (const auto deadline = engine::parseInstant(row.deadline)) {
        book.writeDateTime(ws, r, 12, detail::utcSerial(*deadline));
      }
      book.writeText(ws, r, 13, row.provisional ? yes : no);
    }
    ++r;
  }
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(std::max(r - 1, 1)),
                       static_cast<lxw_col_t>(titles.size() - 1));
  auto finished = book.finish(false, out);
  if (!finished) return finished.error();
  return engine::Ok{};
}

engine::Status portfolioXlsx(const std::vector<PortfolioRow>& rows, const std::filesystem::path& out,
                             const PortfolioOptions& options) {
  std::size_t next = 0;
  return portfolioXlsx(
      [&](PortfolioRow& row) {
        if (next >= rows.size()) return false;
        row = rows[next++];
        return true;
      },
      out, options);
}

}  // namespace sowflow::deliverables
