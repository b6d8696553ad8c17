// The portfolio workbook: every engagement and its open acceptance windows,
// pulled row by row from a PortfolioSource, in constant memory.
//
// libxlsxwriter writes the package (header row, widths, frozen pane,
// autofilter, styles) but not the data rows: writing 1.4 million cells
// through it took 7.6 s for 100,000 engagements (an fprintf per cell and
// default-level deflate). The rows are written here as sheetData XML to a
// temp file, the same inline-string cells libxlsxwriter's constant-memory
// mode writes, with the xf indices of the workbook's own formats; finish()
// then splices them into the sheet entry, deflated at the fast level.
#include <cstdint>
#include <cstdio>
#include <memory>

#include "common/xlsx_workbook.hpp"
#include "xlsx/xlsx_generators.hpp"

namespace sowflow::deliverables {
namespace {

using detail::XlsxWorkbook;

constexpr int kColumns = 14;
constexpr const char* kSheetEntry = "xl/worksheets/sheet1.xml";

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Cell XML for one row at a time, appended to a buffer flushed per row.
class RowWriter {
 public:
  explicit RowWriter(const XlsxWorkbook::Formats& f)
      : text_(lxw_format_get_xf_index(f.text)), quoted_(lxw_format_get_xf_index(f.quoted)),
        date_(lxw_format_get_xf_index(f.date)), number_(lxw_format_get_xf_index(f.number)) {}

  void beginRow(int row) {
    row_ = std::to_string(row + 1);
    out_ += "<row r=\"";
    out_ += row_;
    out_ += "\">";
  }
  void endRow() { out_ += "</row>"; }

  void text(int col, std::string_view value) {
    // Formula-injection rule (docs/documents.md): a string cell, quoted style.
    cell(col, detail::looksLikeFormula(value) ? quoted_ : text_);
    out_ += " t=\"inlineStr\"><is>";
    const bool edges = !value.empty() && (value.front() == ' ' || value.back() == ' ' || value.front() == '\t' ||
                                          value.back() == '\t' || value.front() == '\n' || value.back() == '\n');
    out_ += edges ? "<t xml:space=\"preserve\">" : "<t>";
    detail::appendXmlText(out_, value);
    out_ += "</t></is></c>";
  }
  void number(int col, long value, bool isDate) {
    cell(col, isDate ? date_ : number_);
    out_ += "><v>";
    out_ += std::to_string(value);
    out_ += "</v></c>";
  }

  std::string& buffer() { return out_; }

 private:
  void cell(int col, int32_t style) {
    out_ += "<c r=\"";
    out_.push_back(static_cast<char>('A' + col));
    out_ += row_;
    out_ += '"';
    if (style > 0) {
      out_ += " s=\"";
      out_ += std::to_string(style);
      out_ += '"';
    }
  }

  int32_t text_, quoted_, date_, number_;
  std::string row_;
  std::string out_;
};

}  // namespace

engine::Status portfolioXlsx(const PortfolioSource& source, const std::filesystem::path& out,
                             const PortfolioOptions& options) {
  const auto templatesDir = options.templatesDir.empty() ? defaultTemplatesDirectory() : options.templatesDir;
  auto labels = detail::loadLabels(templatesDir, options.language);
  if (!labels) return labels.error();
  const auto& L = labels.value();
  const auto tmpDir = options.tmpDir;
  detail::TempPath bookFile(".xlsx", tmpDir), rowsFile(".xml", tmpDir);
  XlsxWorkbook book(bookFile.path(), options.asOf, L("portfolio.title"), false, tmpDir);
  if (!book.get()) {
    return engine::makeError(engine::ErrorCode::internal, "Expected to create " + out.string());
  }
  lxw_worksheet* ws = book.addSheet(L("sheet.portfolio"));

  std::unique_ptr<std::FILE, FileCloser> rows(std::fopen(rowsFile.path().c_str(), "w+b"));
  if (!rows) return engine::makeError(engine::ErrorCode::internal, "Expected to write " + rowsFile.path().string());
  // The rows' style ids, taken before libxlsxwriter writes any cell (taking
  // one registers the format in styles.xml whether or not a cell uses it).
  RowWriter writer(book.formats());
  const std::string yes = L("value.yes"), no = L("value.no");
  PortfolioRow row;
  int r = 1;
  while (source(row)) {
    writer.beginRow(r);
    writer.text(0, row.engagementId);
    writer.text(1, detail::cleanText(row.title));
    writer.text(2, row.workflow);
    writer.text(3, detail::cleanText(row.customer));
    writer.text(4, detail::cleanText(row.provider));
    writer.text(5, row.state);
    writer.text(6, row.stage);
    if (!row.milestone.empty()) {
      writer.text(7, row.milestone);
      writer.text(8, detail::cleanText(row.milestoneTitle));
      writer.number(9, row.version, false);
      if (row.submittedOn) writer.number(10, static_cast<long>(detail::excelDate(*row.submittedOn)), true);
      if (row.deadlineLocalDate) writer.number(11, static_cast<long>(detail::excelDate(*row.deadlineLocalDate)), true);
      writer.text(12, row.deadline);
      writer.text(13, row.provisional ? yes : no);
    }
    writer.endRow();
    ++r;
    row = PortfolioRow{};
    if (writer.buffer().size() >= (1 << 16)) {
      if (std::fwrite(writer.buffer().data(), 1, writer.buffer().size(), rows.get()) != writer.buffer().size()) {
        return engine::makeError(engine::ErrorCode::internal, "Expected to write " + rowsFile.path().string());
      }
      writer.buffer().clear();
    }
  }
  if (std::fwrite(writer.buffer().data(), 1, writer.buffer().size(), rows.get()) != writer.buffer().size() ||
      std::fflush(rows.get()) != 0) {
    return engine::makeError(engine::ErrorCode::internal, "Expected to write " + rowsFile.path().string());
  }

  const std::vector<std::string> titles = {
      L("col.engagement"), L("col.title"), L("col.workflow"), L("col.customer"), L("col.provider"),
      L("col.state"), L("col.stage"), L("col.milestone_id"), L("col.milestone"), L("col.version"),
      L("col.submitted_on"), L("col.deadline_local_date"), L("col.deadline"), L("col.provisional")};
  book.headerRow(ws, 0, titles, {16, 36, 18, 28, 24, 11, 11, 14, 32, 8, 12, 12, 26, 10});
  worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(std::max(r - 1, 1)), static_cast<lxw_col_t>(kColumns - 1));

  // The sheet libxlsxwriter wrote holds the header row only: its rows go
  // before </sheetData>, and the dimension grows to the last row.
  auto splice = [&](const detail::ZipEntry& entry, detail::ZipWriter& zip) -> engine::Result<bool> {
    if (entry.name != kSheetEntry) return false;
    auto sheet = detail::unzipEntry(entry);
    if (!sheet) return sheet.error();
    std::string& xml = sheet.value();
    const auto end = xml.find("</sheetData>");
    const auto dimension = xml.find("<dimension ref=\"");
    if (end == std::string::npos || dimension == std::string::npos) {
      return engine::makeError(engine::ErrorCode::internal, "Expected sheetData and dimension in the portfolio sheet");
    }
    const auto refStart = dimension + 16, refEnd = xml.find('"', refStart);
    std::string head = xml.substr(0, end);
    head.replace(refStart, refEnd - refStart, "A1:N" + std::to_string(std::max(r, 1)));
    if (auto s = zip.begin(entry.name); !s) return s.error();
    if (auto s = zip.write(head); !s) return s.error();
    std::rewind(rows.get());
    std::string chunk(1 << 20, '\0');
    for (std::size_t n; (n = std::fread(chunk.data(), 1, chunk.size(), rows.get())) > 0;) {
      if (auto s = zip.write(std::string_view(chunk.data(), n)); !s) return s.error();
    }
    if (auto s = zip.write(std::string_view(xml).substr(end)); !s) return s.error();
    if (auto s = zip.end(); !s) return s.error();
    return true;
  };
  auto finished = book.finish(false, out, splice);
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
