// Command lines for the real readers of tests/deliverables/readers_test.cpp:
// Debian's python3 with openpyxl/python-docx/icalendar, node with exceljs from
// npm (installed outside the repository by scripts/install-deps --test), and
// LibreOffice. Every helper returns the command or its result; the tests
// decide what a failure means, and a missing reader is a failure, not a skip.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "documents.hpp"

namespace sowflow::testing {

// Single-quoted for /bin/sh, with embedded quotes escaped.
std::string shellQuote(const std::string& text);

// "/usr/bin/python3 <source>/tests/deliverables/readers/<script> "
std::string pythonReader(const std::string& script);

// Where `npm install exceljs@4` put node_modules: $SOWFLOW_EXCELJS_DIR (the
// convention of scripts/bench-exceljs) or /var/cache/sowflow-test/exceljs.
std::filesystem::path exceljsDir();
// Empty when node and exceljs are there; otherwise what is missing and the fix.
std::string exceljsMissing();
// "NODE_PATH=<dir>/node_modules node <source>/tests/deliverables/readers/<script> "
std::string nodeReader(const std::string& script);

// Writes each document under its golden name into `dir`.
void writeAll(const std::vector<NamedDocument>& documents, const std::filesystem::path& dir);

// A small portfolio workbook (rows eng-0 .. eng-{rows-1}, en): row 7's title
// looks like a formula, the even rows have an open acceptance window.
void writeSmallPortfolio(const std::filesystem::path& out, int rows);

// One LibreOffice run converting every file (names relative to `dir`) to PDF
// in dir/pdf, with a private profile in dir/profile: each start costs seconds.
CommandResult convertToPdf(const std::filesystem::path& dir, const std::vector<std::string>& names);

}  // namespace sowflow::testing
