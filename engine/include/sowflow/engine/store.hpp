// Where engagements' journals and deliverable files are kept durably.
//
// `append` is all-or-nothing and uses optimistic concurrency: it succeeds only
// if the engagement's last stored sequence equals `expectedLastSeq`; otherwise
// it fails with invalid_state ("conflict") and stores nothing. That single
// rule is what makes one terminal decision per submission version: two
// deciders racing on the same state cannot both append.
// Implementations: SQLite (Poco::Data, WAL, synchronous=FULL) and PostgreSQL,
// both chosen by URL with openStore(). Several processes may share one store.
// `appendMany` is group commit: several engagements' batches, each checked
// exactly as `append` checks one, stored in ONE transaction (one fsync) or
// not at all; the first conflict is reported with append's own wording.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sowflow/engine/journal.hpp"
#include "sowflow/engine/result.hpp"

namespace sowflow::engine {

// One engagement's share of an appendMany.
struct AppendBatch {
  std::string engagementId;
  std::int64_t expectedLastSeq = 0;
  std::vector<StoredEvent> events;
};

class Store {
 public:
  virtual ~Store() = default;

  // Appends already-sealed events (see sealEvent) in one transaction.
  virtual Status append(const std::string& engagementId, std::int64_t expectedLastSeq,
                        const std::vector<StoredEvent>& events) = 0;
  // All batches in one transaction, all-or-nothing. A batch failing
  // validation (invalid_argument) or its seq check (invalid_state "conflict:
  // ...", as append) leaves every engagement unchanged. An engagement may
  // appear in at most one batch (invalid_argument otherwise); empty batches
  // are allowed and store nothing.
  virtual Status appendMany(const std::vector<AppendBatch>& batches) = 0;
  // Events of one engagement with seq >= fromSeq, in sequence order.
  virtual std::vector<StoredEvent> load(const std::string& engagementId,
                                        std::int64_t fromSeq = 1) const = 0;
  // Every event of every engagement with a global position > `afterPosition`,
  // in append order, at most `limit`; `position` is set for each returned row.
  struct Positioned {
    std::int64_t position = 0;
    StoredEvent event;
  };
  virtual std::vector<Positioned> readAll(std::int64_t afterPosition, std::size_t limit) const = 0;
  // As readAll, into `out` (resized to the rows read). A replay loop passes
  // the same vector every time, so a store may reuse its rows' strings
  // instead of allocating every field of every event again. By default it
  // calls readAll.
  virtual void readAllInto(std::int64_t afterPosition, std::size_t limit,
                           std::vector<Positioned>& out) const {
    out = readAll(afterPosition, limit);
  }
  virtual std::vector<std::string> engagementIds() const = 0;
  virtual std::optional<ChainHead> head(const std::string& engagementId) const = 0;

  // Deliverable files, content-addressed by SHA-256 hex.
  virtual Status putBlob(const std::string& sha256, const std::string& bytes) = 0;
  virtual std::optional<std::string> getBlob(const std::string& sha256) const = 0;

  // A generic key/value area for the server's own durable records (tokens,
  // acceptance links, exporter positions). `insert` fails with already_exists.
  virtual Status insertRecord(const std::string& kind, const std::string& key,
                              const std::string& value) = 0;
  virtual Status updateRecord(const std::string& kind, const std::string& key,
                              const std::string& value) = 0;
  virtual std::optional<std::string> getRecord(const std::string& kind,
                                               const std::string& key) const = 0;
  virtual std::vector<std::pair<std::string, std::string>> listRecords(
      const std::string& kind) const = 0;

  // A short description for logs ("sqlite:./data/sowflow.db").
  virtual std::string describe() const = 0;
};

// "sqlite:PATH" (folder created), "postgresql://user@host:port/db", or
// "memory:" (for benchmarks and tests of pure logic). Fails with
// invalid_argument on an unknown scheme and internal when it cannot open.
Result<std::unique_ptr<Store>> openStore(const std::string& url);

}  // namespace sowflow::engine
