// A thin owner of a libxlsxwriter workbook with the formats every sowflow
// workbook shares, the formula-injection rule, and the deterministic finish.
//
// Rules it enforces (docs/documents.md):
//  - user strings go through writeText(): always a string cell, never a
//    formula; one starting with = + - @, tab or CR gets the "quoted" format
//    (number format "@" plus quotePrefix="1", the latter patched into
//    styles.xml at finish() because libxlsxwriter 1.1.4 cannot set it);
//  - the workbook's created time is the caller's instant, never now();
//  - dates are real Excel serials in the calendar's local time.
// libxlsxwriter 1.1.4 only writes to files and already stamps zip entries
// 1980-01-01, so output is written to a temp file and read back.
// Thread-safety: one instance per thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <xlsxwriter.h>

#include "sowflow/engine/result.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::deliverables::detail {

// True for text a spreadsheet would take as a formula (= + - @ tab CR first).
bool looksLikeFormula(std::string_view text);
// Excel serial day number of a civil date (1900 date system).
double excelDate(engine::Date day);

class XlsxWorkbook {
 public:
  struct Formats {
    lxw_format* header = nullptr;
    lxw_format* text = nullptr;
    lxw_format* quoted = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* date = nullptr;
    lxw_format* datetime = nullptr;
    lxw_format* number = nullptr;
    lxw_format* title = nullptr;
    lxw_format* label = nullptr;
    lxw_format* mono = nullptr;
  };

  // Opens a workbook on `file` (a temp path unless streaming to a target).
  XlsxWorkbook(const std::filesystem::path& file, engine::Instant created, const std::string& title,
               bool constantMemory = false, const std::filesystem::path& tmpDir = {});
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  lxw_workbook* get() const { return workbook_; }
  const Formats& formats() const { return formats_; }
  lxw_worksheet* addSheet(const std::string& name);

  void writeText(lxw_worksheet* sheet, int row, int col, std::string_view text,
                 lxw_format* format = nullptr) const;
  // The same without a copy (libxlsxwriter takes NUL-terminated text).
  void writeText(lxw_worksheet* sheet, int row, int col, const std::string& text,
                 lxw_format* format = nullptr) const;
  void writeText(lxw_worksheet* sheet, int row, int col, const char* text,
                 lxw_format* format = nullptr) const;
  void writeDate(lxw_worksheet* sheet, int row, int col, engine::Date day) const;
  // `serial` is the local date-time as an Excel serial (see localSerial()).
  void writeDateTime(lxw_worksheet* sheet, int row, int col, double serial) const;
  void writeNumber(lxw_worksheet* sheet, int row, int col, double value) const;
  // Header row 0..n-1 with widths, frozen below it, autofilter over `lastRow`.
  void headerRow(lxw_worksheet* sheet, int row, const std::vector<std::string>& titles,
                 const std::vector<double>& widths) const;

  // Closes the workbook and patches styles.xml (Poco ZipManipulator) when a
  // cell used the quoted style; returns the bytes if
  // `readBack`, else writes to `target` (which may equal the open file).
  engine::Result<std::string> finish(bool readBack, const std::filesystem::path& target = {});

 private:
  std::filesystem::path file_;
  lxw_workbook* workbook_ = nullptr;
  Formats formats_;
  std::string title_;
  bool closed_ = false;
  // Set by writeText(), the only user of formats_.quoted.
  mutable bool quotedUsed_ = false;
};

// Adds quotePrefix="1" to every cell style with number format "@" (id 49),
// rewriting `in` into `out` with the other entries copied unchanged.
engine::Status patchQuotePrefix(const std::filesystem::path& in, const std::filesystem::path& out);

// Where read-back workbooks and their parts are written: /dev/shm when it
// is a writable directory, else the system temp directory.
const std::filesystem::path& scratchDirectory();

// A unique temp file path (the file is created empty); removed by the guard.
class TempPath {
 public:
  explicit TempPath(const std::string& suffix, const std::filesystem::path& dir = {});
  ~TempPath();
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

engine::Result<std::string> readFile(const std::filesystem::path& file);

}  // namespace sowflow::deliverables::detail
