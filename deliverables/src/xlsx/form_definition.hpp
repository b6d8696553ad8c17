// A fill-in xlsx form described as data: templates/documents/forms/<id>.form.xml
// (docs/documents.md, "Forms"). The layout is language-neutral and names its
// words by labels.txt key; the rows are either the lines of a per-language
// items file (one form row per item, e.g. the survey's questions) or a number
// of blank rows to fill in (e.g. a ticket register).
//
//   <form title="tickets.title" sheet="sheet.tickets" rows="200">
//     <column label="col.ticket_no" width="14"/>
//     <column label="col.opened_on" width="12" type="date" min="start"/>
//     <column label="col.ticket_type" width="22" list="ticket_type"/>
//   </form>
//
// Thread-safety: plain values; loadFormDefinition is reentrant.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sowflow/engine/result.hpp"

namespace sowflow::deliverables::detail {

struct FormColumn {
  std::string label;  // labels.txt key of the header
  double width = 12;
  // What the row holds before anyone fills it in: nothing, the row's number,
  // or field `fillField` (1-based) of its item line.
  enum class Fill { none, number, item } fill = Fill::none;
  int fillField = 0;
  bool wrap = false;
  // Answers restricted to a list: "list.<listKey>" of labels.txt for every
  // row, or the list named by field `listField` of each row's item line.
  std::string listKey;
  int listField = 0;
  bool date = false;            // a date cell with the date format
  bool notBeforeStart = false;  // date validation: on or after the engagement's start
};

struct FormDefinition {
  std::string title;  // labels.txt key: the workbook and sheet title
  std::string sheet;  // labels.txt key: the worksheet name
  std::string items;  // items file in documents/<lang>/, or empty
  int blankRows = 0;  // rows to validate when there is no items file
  std::vector<FormColumn> columns;

  // The most item fields any column reads (0 without an items file).
  int itemFieldsNeeded() const;
};

// invalid_argument "<file>:<line>: ..." for anything malformed or unknown;
// not_found when the file does not exist.
engine::Result<FormDefinition> loadFormDefinition(const std::filesystem::path& file);

// The tab-separated item lines of `file` ('#' comments and blank lines
// skipped); invalid_argument "<file>:<line>: ..." for a line with fewer than
// `fieldsNeeded` fields.
engine::Result<std::vector<std::vector<std::string>>> loadFormItems(const std::filesystem::path& file,
                                                                    int fieldsNeeded);

}  // namespace sowflow::deliverables::detail
