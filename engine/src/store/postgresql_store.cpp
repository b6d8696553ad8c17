// The PostgreSQL store, for deployments where several servers share a store.
//
// Appends take a transaction-scoped advisory lock (one for the whole store)
// before the seq check: it makes the check exact across sessions and keeps
// `position` in commit order, so an exporter reading "position > N" never
// skips a row committed late with a smaller position. Appends are short, so
// one lock costs little at this scale. UNIQUE(engagement_id, seq) stays as
// the backstop. Refuses to open when synchronous_commit or fsync is off.
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "store/sql_store.hpp"
#include "store/stores.hpp"

namespace sowflow::engine::detail {

using namespace Poco::Data::Keywords;

namespace {

constexpr const char* kAppendLock = "SELECT pg_advisory_xact_lock(7360137)";  // any fixed key

// clang-format off
constexpr const char* kSchema[] = {
  "CREATE TABLE IF NOT EXISTS events ("
  " position BIGSERIAL PRIMARY KEY,"
  " engagement_id TEXT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL,"
  " schema_version INTEGER NOT NULL, payload TEXT NOT NULL,"
  " effective_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL,"
  " prev_hash TEXT NOT NULL, hash TEXT NOT NULL,"
  " UNIQUE (engagement_id, seq))",
  "CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, bytes BYTEA)",
  "CREATE TABLE IF NOT EXISTS records ("
  " kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key))",
};
// clang-format on

class PostgresqlStore final : public SqlStore {
 public:
  PostgresqlStore(Poco::Data::Session session, Poco::Data::Session reader, const std::string& url)
      : SqlStore(std::move(session), std::move(reader), true, url) {}

 protected:
  void beginWrite() override {
    session().begin();
    session() << kAppendLock, now;
  }
  void commitWrite() override { session().commit(); }
  void rollbackWrite() override {
    try {
      if (session().isTransaction()) session().rollback();
    } catch (const Poco::Exception&) {
      // The connection is gone; the server rolled the transaction back.
    }
  }
  bool isUniqueViolation(const std::exception& e) const override {
    const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
    return poco != nullptr && poco->displayText().find("duplicate key") != std::string::npos;
  }
};

// libpq conninfo value: quoted, with \ and ' escaped.
std::string conninfoValue(const std::string& value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

}  // namespace

Result<std::string> postgresqlConnectorString(const std::string& url) {
  const auto bad = [&](const std::string& what) {
    return makeError(ErrorCode::invalid_argument, "bad PostgreSQL URL '" + url + "': " + what +
                                                      " (expected postgresql://user@host:port/db)",
                     url);
  };
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception& e) {
    return bad(e.displayText());
  }
  if (uri.getScheme() != "postgresql" && uri.getScheme() != "postgres") return bad("scheme");
  if (uri.getHost().empty()) return bad("no host");
  std::string db = uri.getPath();
  if (!db.empty() && db.front() == '/') db.erase(0, 1);
  if (db.empty()) return bad("no database");
  std::string out = "host=" + conninfoValue(uri.getHost()) +
                    " port=" + std::to_string(uri.getPort() ? uri.getPort() : 5432) +
                    " dbname=" + conninfoValue(db);
  const std::string userInfo = uri.getUserInfo();
  if (!userInfo.empty()) {
    const auto colon = userInfo.find(':');
    out += " user=" + conninfoValue(userInfo.substr(0, colon));
    if (colon != std::string::npos) out += " password=" + conninfoValue(userInfo.substr(colon + 1));
  }
  for (const auto& [key, value] : uri.getQueryParameters()) {
    out += " " + key + "=" + conninfoValue(value);
  }
  return out;
}

Result<std::unique_ptr<Store>> openPostgresqlStore(const std::string& url) {
  auto connector = postgresqlConnectorString(url);
  if (!connector) return connector.error();
  const auto fail = [&](const std::string& what) {
    return makeError(ErrorCode::internal, "cannot open " + url + ": " + what, url);
  };
  try {
    Poco::Data::Session session("PostgreSQL", *connector);
    std::string synchronousCommit, fsync;
    session << "SHOW synchronous_commit", into(synchronousCommit), now;
    session << "SHOW fsync", into(fsync), now;
    if (synchronousCommit == "off") return fail("synchronous_commit is off");
    if (fsync != "on") return fail("fsync is " + fsync);
    session.begin();
    session << kAppendLock, now;  // two servers starting at once create the schema once
    session << "SET LOCAL client_min_messages = warning", now;  // no "already exists" notices
    for (const char* ddl : kSchema) session << ddl, now;
    session.commit();
    // Logs get the URL without its password.
    Poco::URI shown(url);
    shown.setUserInfo(shown.getUserInfo().substr(0, shown.getUserInfo().find(':')));
    Poco::Data::Session reader("PostgreSQL", *connector);
    return std::unique_ptr<Store>(
        std::make_unique<PostgresqlStore>(std::move(session), std::move(reader), shown.toString()));
  } catch (const Poco::Exception& e) {
    return fail(e.displayText());
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

}  // namespace sowflow::engine::detail
