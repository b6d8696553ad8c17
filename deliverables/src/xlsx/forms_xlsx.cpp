// Fill-in forms as xlsx, each described by templates/documents/forms/<id>.form.xml
// (the chaos-drill survey form, the service ticket list, ...): the engagement's
// header block, a frozen header row, and data validation so answers stay
// within the SOW's vocabulary.
#include <algorithm>

#include "common/xlsx_workbook.hpp"
#include "xlsx/xlsx_generators.hpp"

namespace sowflow::deliverables::detail {
namespace {

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

engine::Result<Document> renderForm(const DocumentModel& m, const std::filesystem::path& templatesDir,
                                    const FormDefinition& form, const std::string& filename) {
  std::vector<std::vector<std::string>> items;
  if (!form.items.empty()) {
    auto loaded = loadFormItems(templatesDir / "documents" / m.language / form.items, form.itemFieldsNeeded());
    if (!loaded) return loaded.error();
    items = std::move(loaded.value());
  }
  const auto& L = m.labels;
  TempPath file(".xlsx");
  XlsxWorkbook book(file.path(), m.stamp, L(form.title));
  lxw_worksheet* ws = book.addSheet(L(form.sheet));
  int r = headerBlock(book, ws, m, form.title);
  const int header = r;
  std::vector<std::string> titles;
  std::vector<double> widths;
  for (const auto& c : form.columns) {
    titles.push_back(L(c.label));
    widths.push_back(c.width);
  }
  book.headerRow(ws, header, titles, widths);
  const int first = header + 1;
  int number = 0;
  for (const auto& item : items) {
    r = first + number++;
    for (std::size_t c = 0; c < form.columns.size(); ++c) {
      const auto& column = form.columns[c];
      const int col = static_cast<int>(c);
      if (column.fill == FormColumn::Fill::number) book.writeNumber(ws, r, col, number);
      if (column.fill == FormColumn::Fill::item) {
        const auto& text = item[static_cast<std::size_t>(column.fillField - 1)];
        if (column.wrap) {
          book.writeText(ws, r, col, text, book.formats().wrap);
        } else {
          book.writeText(ws, r, col, text);
        }
      }
      if (column.listField > 0) {
        validateList(ws, r, r, col, splitList(L("list." + item[static_cast<std::size_t>(column.listField - 1)])));
      }
    }
  }
  const int last = items.empty() && form.items.empty() ? header + form.blankRows : first + number - 1;
  // Whole-column rules after the rows: lists first, then dates.
  for (std::size_t c = 0; c < form.columns.size(); ++c) {
    if (form.columns[c].listKey.empty() || last < first) continue;
    validateList(ws, first, last, static_cast<int>(c), splitList(L("list." + form.columns[c].listKey)));
  }
  for (std::size_t c = 0; c < form.columns.size(); ++c) {
    if (!form.columns[c].date) continue;
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, form.columns[c].width, book.formats().date);
    if (!form.columns[c].notBeforeStart || last < first) continue;
    lxw_data_validation validation{};
    // A ">=" date validation reads value_datetime; minimum_number (used
    // before) is for "between" on numbers and gave ">= 0" (forms_test).
    const date::year_month_day start{m.start};
    validation.validate = LXW_VALIDATION_TYPE_DATE;
    validation.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    validation.value_datetime = {static_cast<int>(start.year()), static_cast<int>(unsigned{start.month()}),
                                 static_cast<int>(unsigned{start.day()}), 0, 0, 0};
    worksheet_data_validation_range(ws, static_cast<lxw_row_t>(first), col, static_cast<lxw_row_t>(last), col,
                                    &validation);
  }
  worksheet_autofilter(ws, static_cast<lxw_row_t>(header), 0, static_cast<lxw_row_t>(std::max(last, header + 1)),
                       static_cast<lxw_col_t>(form.columns.size() - 1));
  auto bytes = book.finish(true);
  if (!bytes) return bytes.error();
  return Document{filename, kXlsxContentType, std::move(bytes.value())};
}

}  // namespace sowflow::deliverables::detail
