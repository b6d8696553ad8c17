// SqlStore: the Store over one Poco::Data session, shared by the SQLite and
// PostgreSQL stores, which differ only in how they open, lock for an append
// and spell their schema.
//
// SQL is written once with `?` placeholders; PostgreSQL gets `$1, $2, ...`.
// Two connections: writes go through one (appends, blobs, records), reads
// through the other, so a reader never waits behind a commit's fsync (SQLite
// WAL and PostgreSQL both let readers see the last commit meanwhile). A Poco
// session is not thread-safe, so each has its own mutex. Appends from many
// threads are group-committed (group_commit.hpp): one transaction, one fsync,
// each append still checked on its own; across processes the database's own
// write lock serialises (hooks below).
// Database failures (disk full, server gone) are thrown as Poco::Exception.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Tuple.h>

#include "sowflow/engine/store.hpp"
#include "store/group_commit.hpp"

namespace sowflow::engine::detail {

class SqlStore : public Store {
 public:
  Status append(const std::string& engagementId, std::int64_t expectedLastSeq,
                const std::vector<StoredEvent>& events) override;
  Status appendMany(const std::vector<AppendBatch>& batches) override;
  std::vector<StoredEvent> load(const std::string& engagementId,
                                std::int64_t fromSeq) const override;
  std::vector<Positioned> readAll(std::int64_t afterPosition, std::size_t limit) const override;
  std::vector<std::string> engagementIds() const override;
  std::optional<ChainHead> head(const std::string& engagementId) const override;

  Status putBlob(const std::string& sha256, const std::string& bytes) override;
  std::optional<std::string> getBlob(const std::string& sha256) const override;

  Status insertRecord(const std::string& kind, const std::string& key,
                      const std::string& value) override;
  Status updateRecord(const std::string& kind, const std::string& key,
                      const std::string& value) override;
  std::optional<std::string> getRecord(const std::string& kind,
                                       const std::string& key) const override;
  std::vector<std::pair<std::string, std::string>> listRecords(
      const std::string& kind) const override;

  std::string describe() const override { return description_; }

  GroupCommit::Counts groupCommitCounts() const { return groupCommit_.counts(); }

 protected:
  SqlStore(Poco::Data::Session session, Poco::Data::Session readSession, bool dollarPlaceholders,
           std::string description);

  // Starts the append transaction holding the store-wide write lock, so the
  // seq check and the inserts see no concurrent writer.
  virtual void beginWrite() = 0;
  virtual void commitWrite() = 0;
  virtual void rollbackWrite() = 0;
  // True when `e` is a UNIQUE violation (the backstop for the seq check).
  virtual bool isUniqueViolation(const std::exception& e) const = 0;

  // `?` placeholders to the dialect's own.
  std::string sql(const std::string& text) const;
  Poco::Data::Session& session() const { return session_; }
  std::mutex& mutex() const { return mutex_; }
  Poco::Data::Session& readSession() const { return readSession_; }
  std::mutex& readMutex() const { return readMutex_; }

  // The append path's two statements, on the write connection under mutex_;
  // a dialect may run them more directly than Poco::Data does.
  virtual std::optional<ChainHead> headLocked(const std::string& engagementId) const;
  virtual void insertLocked(const std::vector<StoredEvent>& events);

 private:
  // Inside the write transaction: the seq check and link check of one batch.
  Status checkHeadLocked(const std::string& engagementId, std::int64_t expectedLastSeq,
                         const StoredEvent& first) const;
  // GroupCommit's writer: the group in one transaction; on a database error
  // each member is retried in a transaction of its own, so one bad append
  // cannot fail the others.
  void writeGroup(const std::vector<PendingAppend*>& group);
  Status appendAloneLocked(const PendingAppend& append);

  // The hot path's statements, prepared once and re-executed with the values
  // bound by reference to these members (guarded by mutex_).
  struct Row {
    std::string engagementId, type, payload, effectiveAt, recordedAt, actor, prevHash, hash;
    Poco::Int64 seq = 0;
    int schemaVersion = 0;
  };
  void prepareStatements();

  mutable std::mutex mutex_;
  mutable Poco::Data::Session session_;
  mutable std::mutex readMutex_;
  mutable Poco::Data::Session readSession_;
  GroupCommit groupCommit_;
  Row row_;
  std::optional<Poco::Data::Statement> insert_;
  mutable std::string headId_;
  mutable std::vector<Poco::Tuple<Poco::Int64, std::string>> headRows_;
  mutable std::optional<Poco::Data::Statement> headQuery_;
  bool dollarPlaceholders_;
  std::string description_;
};

}  // namespace sowflow::engine::detail
