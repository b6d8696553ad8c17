# Every dependency comes from Debian's packages (see README, scripts/install-deps).
find_package(Boost 1.74 REQUIRED)
find_package(pugixml REQUIRED)
# Debian's Poco DataPostgreSQL package links `PostgreSQL::client`, which no
# package defines; give it one before asking for Poco.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco REQUIRED COMPONENTS Foundation Util Net JSON XML Data DataSQLite
             DataPostgreSQL Zip Crypto)
# The SQLite store's hot paths use the sqlite3 C API on Poco's own connection
# handle, and the journal hashes with libcrypto: both are what Poco::Data::SQLite
# and Poco::Crypto wrap, asked for by name so the link does not depend on
# Poco's config pulling them in.
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(mstch REQUIRED)
find_package(date REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSX REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(Threads REQUIRED)
