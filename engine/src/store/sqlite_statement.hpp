// SqliteStatement: one sqlite3 statement, prepared once on a connection Poco
// opened, then bound, stepped and reset for every use.
//
// Why not Poco::Data::Statement: Poco 1.11 compiles the SQL again on every
// execute of a kept statement and copies each row through a Tuple; on the
// journal's hot paths (append, replay, catch-up) that was most of the time
// (callgrind). This wrapper is the thin rest of the sqlite3 C API those paths
// need. Errors are thrown through Poco's own SQLite error mapping, so callers
// see the same Poco exceptions (e.g. ConstraintViolationException) as before.
// Thread-safety: none; the owner serialises use with the connection's mutex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace sowflow::engine::detail {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const char* sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are 1-based, as in SQL. Text is copied by SQLite.
  void bind(int index, std::string_view text);
  void bind(int index, std::int64_t value);

  // True while a row is available; false when done. Throws on error.
  bool step();
  // Ready for the next bind/step; called after every use (RAII: Use).
  void reset();

  std::int64_t int64(int column) const;
  // Copies the column's text (empty for NULL).
  std::string text(int column) const;
  // The same into `out`, reusing its capacity.
  void textInto(int column, std::string& out) const;
  // The column's text without a copy, valid until the next step or reset.
  std::string_view view(int column) const;

  // Resets on scope exit, so an exception never leaves the statement busy
  // (a busy statement would keep a read transaction open).
  class Use {
   public:
    explicit Use(SqliteStatement& statement) : statement_(statement) {}
    ~Use() { statement_.reset(); }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

   private:
    SqliteStatement& statement_;
  };

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace sowflow::engine::detail
