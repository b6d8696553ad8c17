#include "common/xlsx_workbook.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/File.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/ZipManipulator.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

namespace sowflow::deliverables::detail {
namespace {

constexpr const char* kDateFormat = "yyyy-mm-dd";
constexpr const char* kDateTimeFormat = "yyyy-mm-dd hh:mm:ss";

engine::Error ioError(const std::string& what, const std::filesystem::path& file) {
  return engine::makeError(engine::ErrorCode::internal, what + " " + file.string());
}

}  // namespace

const std::filesystem::path& scratchDirectory() {
  // Workbooks that are read back are small and short-lived: on tmpfs their
  // temp files (ours and libxlsxwriter's one per package part) cost no
  // filesystem journal work.
  static const std::filesystem::path dir = [] {
    std::error_code ec;
    const std::filesystem::path shm = "/dev/shm";
    if (std::filesystem::is_directory(shm, ec) && ::access(shm.c_str(), W_OK) == 0) return shm;
    return std::filesystem::temp_directory_path(ec);
  }();
  return dir;
}

bool looksLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

double excelDate(engine::Date day) {
  constexpr engine::Date kEpoch = date::sys_days{date::year{1899} / 12 / 30};
  return static_cast<double>((day - kEpoch).count());
}

XlsxWorkbook::XlsxWorkbook(const std::filesystem::path& file, engine::Instant created,
                           const std::string& title, bool constantMemory,
                           const std::filesystem::path& tmpDir)
    : file_(file), title_(title) {
  lxw_workbook_options options{};
  options.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;
  std::string tmp = (tmpDir.empty() && !constantMemory ? scratchDirectory() : tmpDir).string();
  options.tmpdir = tmp.empty() ? nullptr : tmp.data();
  workbook_ = workbook_new_opt(file_.c_str(), &options);
  if (!workbook_) return;
  lxw_doc_properties properties{};
  properties.title = title_.data();
  // SPEC §4: no generation time; the creation time comes from the data.
  properties.created = static_cast<time_t>(created.time_since_epoch().count());
  workbook_set_properties(workbook_, &properties);

  auto make = [this] { return workbook_add_format(workbook_); };
  formats_.header = make();
  format_set_bold(formats_.header);
  format_set_bg_color(formats_.header, 0xDDEBF7);
  format_set_bottom(formats_.header, LXW_BORDER_THIN);
  format_set_text_wrap(formats_.header);
  format_set_align(formats_.header, LXW_ALIGN_VERTICAL_TOP);
  formats_.text = make();
  format_set_align(formats_.text, LXW_ALIGN_VERTICAL_TOP);
  formats_.quoted = make();
  format_set_num_format_index(formats_.quoted, 49);  // built-in "@" (Text)
  format_set_align(formats_.quoted, LXW_ALIGN_VERTICAL_TOP);
  formats_.wrap = make();
  format_set_text_wrap(formats_.wrap);
  format_set_align(formats_.wrap, LXW_ALIGN_VERTICAL_TOP);
  formats_.date = make();
  format_set_num_format(formats_.date, kDateFormat);
  format_set_align(formats_.date, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(formats_.date, LXW_ALIGN_LEFT);
  formats_.datetime = make();
  format_set_num_format(formats_.datetime, kDateTimeFormat);
  format_set_align(formats_.datetime, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(formats_.datetime, LXW_ALIGN_LEFT);
  // Numbers look exactly like text cells. One lxw_format, not an equal
  // twin: libxlsxwriter 1.1.4 caches the style index only on the first of
  // equal formats and re-hashes the twin's properties on every cell.
  formats_.number = formats_.text;
  formats_.title = make();
  format_set_bold(formats_.title);
  format_set_font_size(formats_.title, 14);
  formats_.label = make();
  format_set_bold(formats_.label);
  format_set_align(formats_.label, LXW_ALIGN_VERTICAL_TOP);
  formats_.mono = make();
  format_set_font_name(formats_.mono, "Consolas");
  format_set_align(formats_.mono, LXW_ALIGN_VERTICAL_TOP);
}

XlsxWorkbook::~XlsxWorkbook() {
  if (workbook_ && !closed_) workbook_close(workbook_);
}

lxw_worksheet* XlsxWorkbook::addSheet(const std::string& name) {
  return workbook_add_worksheet(workbook_, name.c_str());
}

void XlsxWorkbook::writeText(lxw_worksheet* sheet, int row, int col, std::string_view text,
                             lxw_format* format) const {
  writeText(sheet, row, col, std::string(text), format);
}

void XlsxWorkbook::writeText(lxw_worksheet* sheet, int row, int col, const std::string& text,
                             lxw_format* format) const {
  // Formula-injection rule: a string cell, and the quote-prefixed text style.
  const bool quoted = looksLikeFormula(text);
  quotedUsed_ = quotedUsed_ || quoted;
  lxw_format* chosen = quoted ? formats_.quoted : (format ? format : formats_.text);
  worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                         text.c_str(), chosen);
}

void XlsxWorkbook::writeText(lxw_worksheet* sheet, int row, int col, const char* text,
                             lxw_format* format) const {
  writeText(sheet, row, col, std::string_view(text), format);
}

void XlsxWorkbook::writeDate(lxw_worksheet* sheet, int row, int col, engine::Date day) const {
  worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                         excelDate(day), formats_.date);
}

void XlsxWorkbook::writeDateTime(lxw_worksheet* sheet, int row, int col, double serial) const {
  worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), serial,
                         formats_.datetime);
}

void XlsxWorkbook::writeNumber(lxw_worksheet* sheet, int row, int col, double value) const {
  worksheet_write_number(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value,
                         formats_.number);
}

void XlsxWorkbook::headerRow(lxw_worksheet* sheet, int row, const std::vector<std::string>& titles,
                             const std::vector<double>& widths) const {
  for (std::size_t c = 0; c < titles.size(); ++c) {
    worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c),
                           titles[c].c_str(), formats_.header);
    const double width = c < widths.size() ? widths[c] : 16.0;
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
  }
  worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(row + 1), 0);
}

engine::Result<std::string> XlsxWorkbook::finish(bool readBack, const std::filesystem::path& target) {
  if (!workbook_) return ioError("Expected to create a workbook at", file_);
  closed_ = true;
  const lxw_error error = workbook_close(workbook_);
  if (error != LXW_NO_ERROR) {
    return engine::makeError(engine::ErrorCode::internal,
                             std::string("libxlsxwriter failed: ") + lxw_strerror(error));
  }
  const std::filesystem::path out = target.empty() ? file_ : target;
  // The quoted style is in styles.xml only if a cell used it (libxlsxwriter
  // writes used formats only): otherwise there is nothing to patch, and the
  // package is not rewritten.
  if (quotedUsed_) {
    if (auto status = patchQuotePrefix(file_, out); !status) return status.error();
  } else if (out != file_) {
    std::error_code ec;
    std::filesystem::rename(file_, out, ec);
    if (ec) return ioError("Expected to move the workbook to", out);
  }
  if (!readBack) return std::string{};
  return readFile(out);
}

engine::Status patchQuotePrefix(const std::filesystem::path& in, const std::filesystem::path& out) {
  constexpr const char* kStyles = "xl/styles.xml";
  try {
    std::string styles;
    {
      std::ifstream source(in, std::ios::binary);
      if (!source) return ioError("Expected to read the workbook", in);
      Poco::Zip::ZipArchive archive(source);
      const auto header = archive.findHeader(kStyles);
      if (header == archive.headerEnd()) return ioError("Expected xl/styles.xml in", in);
      Poco::Zip::ZipInputStream entry(source, header->second);
      styles.assign(std::istreambuf_iterator<char>(entry), std::istreambuf_iterator<char>());
    }
    const std::string needle = "<xf numFmtId=\"49\"";
    for (auto pos = styles.find(needle); pos != std::string::npos; pos = styles.find(needle, pos + needle.size())) {
      styles.insert(pos + needle.size(), " quotePrefix=\"1\"");
    }
    TempPath patched(".xml", out.has_parent_path() ? out.parent_path() : std::filesystem::path("."));
    { std::ofstream(patched.path(), std::ios::binary | std::ios::trunc) << styles; }
    // The replaced entry takes the file's mtime: pin it to the zip epoch
    // (1980-01-01) like every other entry libxlsxwriter wrote.
    Poco::File(patched.path().string()).setLastModified(Poco::Timestamp::fromEpochTime(315532800));
    // ZipManipulator copies the other entries raw (no recompression).
    Poco::Zip::ZipManipulator manipulator(in.string(), false);
    manipulator.replaceFile(kStyles, patched.path().string());
    manipulator.commit();
  } catch (const std::exception& e) {
    return engine::makeError(engine::ErrorCode::internal, "Expected to patch " + in.string() + ": " + e.what());
  }
  if (in != out) {
    std::error_code ec;
    std::filesystem::rename(in, out, ec);
    if (ec) return ioError("Expected to move the workbook to", out);
  }
  return engine::Ok{};
}

TempPath::TempPath(const std::string& suffix, const std::filesystem::path& dir) {
  std::filesystem::path base = dir.empty() ? scratchDirectory() : dir;
  std::string pattern = (base / "sowflow-XXXXXX").string() + suffix;
  const int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
  if (fd >= 0) ::close(fd);
  path_ = pattern;
}

TempPath::~TempPath() {
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

engine::Result<std::string> readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return ioError("Expected to read", file);
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return ioError("Expected to read", file);
  return bytes;
}

}  // namespace sowflow::deliverables::detail
