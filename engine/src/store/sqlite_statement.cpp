#include "store/sqlite_statement.hpp"

#include <sqlite3.h>

#include <Poco/Data/SQLite/Utility.h>

namespace sowflow::engine::detail {

namespace {

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK) Poco::Data::SQLite::Utility::throwException(db, rc, what);
}

}  // namespace

SqliteStatement::SqliteStatement(sqlite3* db, const char* sql) : db_(db) {
  check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr), sql);
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

void SqliteStatement::bind(int index, std::string_view text) {
  check(db_,
        sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
        "bind");
}

void SqliteStatement::bind(int index, std::int64_t value) {
  check(db_, sqlite3_bind_int64(statement_, index, value), "bind");
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_step's own code can be generic; the connection's extended code
  // names the cause (a UNIQUE violation must reach isUniqueViolation).
  Poco::Data::SQLite::Utility::throwException(db_, sqlite3_extended_errcode(db_) & 0xff,
                                              sqlite3_sql(statement_));
  return false;
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t SqliteStatement::int64(int column) const { return sqlite3_column_int64(statement_, column); }

std::string SqliteStatement::text(int column) const { return std::string(view(column)); }

void SqliteStatement::textInto(int column, std::string& out) const {
  const auto text = view(column);
  out.assign(text.data(), text.size());
}

std::string_view SqliteStatement::view(int column) const {
  // sqlite3_column_text before sqlite3_column_bytes, as SQLite documents.
  const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (bytes == nullptr) return {};
  return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

}  // namespace sowflow::engine::detail
