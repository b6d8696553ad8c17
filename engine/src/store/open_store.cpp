// openStore(url): the scheme picks the implementation (store.hpp).
#include <mutex>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>

#include "store/stores.hpp"

namespace sowflow::engine {

namespace {

void registerConnectorsOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
}

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

Result<std::unique_ptr<Store>> openStore(const std::string& url) {
  if (url == "memory:") return detail::openMemoryStore();
  registerConnectorsOnce();
  if (startsWith(url, "sqlite:")) return detail::openSqliteStore(url.substr(7));
  if (startsWith(url, "postgresql://") || startsWith(url, "postgres://")) {
    return detail::openPostgresqlStore(url);
  }
  const auto colon = url.find(':');
  const std::string scheme = colon == std::string::npos ? url : url.substr(0, colon);
  return makeError(ErrorCode::invalid_argument,
                   "unknown store URL scheme '" + scheme + "' in '" + url +
                       "' (expected sqlite:PATH, postgresql://user@host:port/db or memory:)",
                   url);
}

}  // namespace sowflow::engine
