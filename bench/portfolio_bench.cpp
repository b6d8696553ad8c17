// Portfolio export: 100,000 engagements streamed in constant-memory mode
// (issue 4 targets: < 3 s, < 64 MiB peak RSS), then a bare libxlsxwriter
// constant-memory loop writing 100,000 x 8 cells and one writing the
// portfolio's own 14 cells per row, then exceljs (streaming
// WorkbookWriter and the normal Workbook.xlsx.writeFile) writing the same
// rows through scripts/bench-exceljs; prints both ratios. Asserts nothing.
// Run: build/<dir>/bench/portfolio_bench [rows] [--no-exceljs] [--tmpdir DIR]
// (--tmpdir: PortfolioOptions::tmpDir, where libxlsxwriter keeps the rows
// until the workbook closes; default the system temp directory)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include <xlsxwriter.h>

#include "sowflow/deliverables/deliverables.hpp"

using namespace sowflow;

namespace {

double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The same synthetic row for every writer (C++ and exceljs alike).
void fillRow(deliverables::PortfolioRow& row, long i) {
  const auto n = std::to_string(i);
  row.engagementId = "eng-" + n;
  row.title = "Engagement " + n + " for customer " + std::to_string(i % 997);
  row.workflow = i % 2 ? "chaos-drill" : "managed-services";
  row.customer = "Customer " + std::to_string(i % 997) + " Ltd.";
  row.provider = "Provider Inc.";
  row.state = "active";
  row.stage = "delivery";
  row.milestone = "m" + std::to_string(i % 5);
  row.milestoneTitle = "Stage progress report";
  row.version = 1 + static_cast<int>(i % 3);
  row.submittedOn = date::sys_days{date::year{2025} / 3 / 3} + date::days{i % 200};
  row.deadlineLocalDate = *row.submittedOn + date::days{7};
  row.deadline = engine::formatDate(*row.deadlineLocalDate + date::days{1}) + "T00:00:00+08:00";
  row.provisional = false;
}

// A constant-memory workbook with one sheet and a date format, as the bare
// loops below write it.
struct BareSheet {
  explicit BareSheet(const std::filesystem::path& out) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    wb = workbook_new_opt(out.c_str(), &options);
    ws = workbook_add_worksheet(wb, "Portfolio");
    dateFormat = workbook_add_format(wb);
    format_set_num_format(dateFormat, "yyyy-mm-dd");
    dateTimeFormat = workbook_add_format(wb);
    format_set_num_format(dateTimeFormat, "yyyy-mm-dd hh:mm");
  }
  void close() { workbook_close(wb); }
  lxw_workbook* wb;
  lxw_worksheet* ws;
  lxw_format* dateFormat;
  lxw_format* dateTimeFormat;
};

double bareLibxlsxwriter(long rows, const std::filesystem::path& out) {
  const auto start = std::chrono::steady_clock::now();
  BareSheet sheet(out);
  auto* ws = sheet.ws;
  auto* dateFormat = sheet.dateFormat;
  char buffer[64];
  for (long r = 0; r < rows; ++r) {
    const auto row = static_cast<lxw_row_t>(r);
    std::snprintf(buffer, sizeof buffer, "eng-%ld", r);
    worksheet_write_string(ws, row, 0, buffer, nullptr);
    std::snprintf(buffer, sizeof buffer, "Engagement %ld", r);
    worksheet_write_string(ws, row, 1, buffer, nullptr);
    worksheet_write_string(ws, row, 2, "chaos-drill", nullptr);
    std::snprintf(buffer, sizeof buffer, "Customer %ld Ltd.", r % 997);
    worksheet_write_string(ws, row, 3, buffer, nullptr);
    worksheet_write_string(ws, row, 4, "active", nullptr);
    worksheet_write_string(ws, row, 5, "m1", nullptr);
    worksheet_write_number(ws, row, 6, static_cast<double>(1 + r % 3), nullptr);
    worksheet_write_number(ws, row, 7, 45700.0 + static_cast<double>(r % 200), dateFormat);
  }
  sheet.close();
  return seconds(start);
}

// The portfolio's own 14 cells per row straight into libxlsxwriter (no text
// style, no formula check): what the library itself needs for these rows.
double bareSameRows(long rows, const std::filesystem::path& out) {
  const auto start = std::chrono::steady_clock::now();
  BareSheet sheet(out);
  auto* ws = sheet.ws;
  auto* dateFormat = sheet.dateFormat;
  deliverables::PortfolioRow row;
  const auto excelDay = [](engine::Date day) {
    return static_cast<double>((day - date::sys_days{date::year{1899} / 12 / 30}).count());
  };
  for (long r = 0; r < rows; ++r) {
    fillRow(row, r);
    const auto x = static_cast<lxw_row_t>(r);
    const std::string* texts[] = {&row.engagementId, &row.title, &row.workflow, &row.customer, &row.provider,
                                  &row.state, &row.stage, &row.milestone, &row.milestoneTitle};
    for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(ws, x, c, texts[c]->c_str(), nullptr);
    worksheet_write_number(ws, x, 9, row.version, nullptr);
    worksheet_write_number(ws, x, 10, excelDay(*row.submittedOn), dateFormat);
    worksheet_write_number(ws, x, 11, excelDay(*row.deadlineLocalDate), dateFormat);
    // 24:00 at UTC+8 of the deadline date is 16:00 UTC of that date.
    worksheet_write_number(ws, x, 12, excelDay(*row.deadlineLocalDate) + 16.0 / 24, sheet.dateTimeFormat);
    worksheet_write_string(ws, x, 13, row.provisional ? "yes" : "no", nullptr);
  }
  sheet.close();
  return seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
  long rows = 100000;
  bool exceljs = true;
  std::string tmpDir;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-exceljs") == 0) exceljs = false;
    else if (std::strcmp(argv[i], "--tmpdir") == 0 && i + 1 < argc) tmpDir = argv[++i];
    else rows = std::atol(argv[i]);
  }
  const auto dir = std::filesystem::temp_directory_path() / "sowflow-portfolio-bench";
  std::filesystem::create_directories(dir);

  const double rssBefore = peakRssMiB();
  auto start = std::chrono::steady_clock::now();
  long next = 0;
  deliverables::PortfolioOptions options;
  options.asOf = engine::Instant{std::chrono::seconds{1767225600}};
  options.tmpDir = tmpDir;
  auto status = deliverables::portfolioXlsx(
      [&](deliverables::PortfolioRow& row) {
        if (next >= rows) return false;
        fillRow(row, next++);
        return true;
      },
      dir / "portfolio.xlsx", options);
  const double ours = seconds(start);
  if (!status) {
    std::fprintf(stderr, "portfolio: %s\n", status.error().message.c_str());
    return 1;
  }
  const double rssAfter = peakRssMiB();
  std::printf("sowflow portfolioXlsx      %ld rows x 14 cols: %6.3f s, peak RSS %.1f MiB (%.1f before), %.1f MiB file"
              "  [targets < 3 s, < 64 MiB]\n",
              rows, ours, rssAfter, rssBefore,
              static_cast<double>(std::filesystem::file_size(dir / "portfolio.xlsx")) / 1048576.0);

  const double bare = bareLibxlsxwriter(rows, dir / "bare.xlsx");
  std::printf("bare libxlsxwriter loop    %ld rows x 8 cols:  %6.3f s, peak RSS %.1f MiB\n", rows, bare, peakRssMiB());
  const double bareSame = bareSameRows(rows, dir / "bare-same.xlsx");
  std::printf("bare libxlsxwriter loop    %ld rows x 14 cols: %6.3f s (the portfolio's cells, no styles)\n", rows,
              bareSame);

  if (!exceljs) return 0;
  const std::string command = std::string(SOWFLOW_SOURCE_DIR) + "/scripts/bench-exceljs " + std::to_string(rows);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return 1;
  double stream = 0, normal = 0;
  char line[512];
  while (std::fgets(line, sizeof line, pipe)) {
    std::fputs(line, stdout);
    std::sscanf(line, "exceljs-stream-seconds=%lf", &stream);
    std::sscanf(line, "exceljs-workbook-seconds=%lf", &normal);
  }
  if (::pclose(pipe) != 0 || stream <= 0 || normal <= 0) {
    std::printf("exceljs: no figures (is node/npm installed and the registry reachable?)\n");
    return 1;
  }
  std::printf("ratio vs exceljs streaming WorkbookWriter: %.1fx faster  [target >= 3x]\n", stream / ours);
  std::printf("ratio vs exceljs Workbook.xlsx.writeFile:  %.1fx faster  [target >= 10x]\n", normal / ours);
  std::printf("  the same ratios for the bare 14-column loop (libxlsxwriter's own ceiling): %.1fx and %.1fx\n",
              stream / bareSame, normal / bareSame);
  return 0;
}
