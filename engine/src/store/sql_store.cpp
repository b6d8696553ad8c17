#include "store/sql_store.hpp"

#include <algorithm>

#include <Poco/Data/LOB.h>
#include <Poco/Tuple.h>

#include "store/store_support.hpp"

namespace sowflow::engine::detail {

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace {

// clang-format off
using EventRow = Poco::Tuple<Int64, std::string, Int64, std::string, int, std::string,
                             std::string, std::string, std::string, std::string, std::string>;
constexpr const char* kEventColumns =
    "position, engagement_id, seq, type, schema_version, payload, effective_at, recorded_at, "
    "actor, prev_hash, hash";
// clang-format on

StoredEvent toEvent(const EventRow& row) {
  StoredEvent e;
  e.engagementId = row.get<1>();
  e.seq = row.get<2>();
  e.type = row.get<3>();
  e.schemaVersion = row.get<4>();
  e.payload = row.get<5>();
  e.effectiveAt = instantFromText(row.get<6>());
  e.recordedAt = instantFromText(row.get<7>());
  e.actor = row.get<8>();
  e.prevHash = row.get<9>();
  e.hash = row.get<10>();
  return e;
}

}  // namespace

SqlStore::SqlStore(Poco::Data::Session session, Poco::Data::Session readSession,
                   bool dollarPlaceholders, std::string description)
    : session_(std::move(session)),
      readSession_(std::move(readSession)),
      groupCommit_([this](const std::vector<PendingAppend*>& group) { writeGroup(group); }),
      dollarPlaceholders_(dollarPlaceholders),
      description_(std::move(description)) {}

std::string SqlStore::sql(const std::string& text) const {
  if (!dollarPlaceholders_) return text;
  std::string out;
  int n = 0;
  for (const char c : text) {
    if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<ChainHead> SqlStore::headLocked(const std::string& engagementId) const {
  if (!headQuery_) {
    headQuery_.emplace(session_);
    *headQuery_ << sql("SELECT seq, hash FROM events WHERE engagement_id = ? "
                       "ORDER BY seq DESC LIMIT 1"),
        use(headId_), into(headRows_);
  }
  headId_ = engagementId;
  headRows_.clear();
  headQuery_->execute();
  if (headRows_.empty()) return std::nullopt;
  return ChainHead{headRows_.front().get<0>(), headRows_.front().get<1>()};
}

void SqlStore::prepareStatements() {
  insert_.emplace(session_);
  *insert_ << sql("INSERT INTO events (engagement_id, seq, type, schema_version, payload, "
                  "effective_at, recorded_at, actor, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      use(row_.engagementId), use(row_.seq), use(row_.type), use(row_.schemaVersion),
      use(row_.payload), use(row_.effectiveAt), use(row_.recordedAt), use(row_.actor),
      use(row_.prevHash), use(row_.hash);
}

Status SqlStore::append(const std::string& engagementId, std::int64_t expectedLastSeq,
                        const std::vector<StoredEvent>& events) {
  if (auto valid = validateBatch(engagementId, expectedLastSeq, events); !valid) return valid;
  if (events.empty()) return Ok{};
  PendingAppend mine{&engagementId, expectedLastSeq, &events};
  return groupCommit_.submit(mine);
}

void SqlStore::writeGroup(const std::vector<PendingAppend*>& group) {
  std::lock_guard lock(mutex_);
  if (group.size() > 1) {
    try {
      beginWrite();
      for (PendingAppend* append : group) {
        // A member that lost its race is answered and skipped; it inserted
        // nothing, so the others still commit.
        append->result = checkHeadLocked(*append->engagementId, append->expectedLastSeq,
                                         append->events->front());
        if (append->result) insertLocked(*append->events);
      }
      commitWrite();
      return;
    } catch (const std::exception&) {
      rollbackWrite();
      // Fall through: each member alone, so the failure lands on its owner.
    }
  }
  for (PendingAppend* append : group) {
    try {
      append->result = appendAloneLocked(*append);
    } catch (...) {
      append->failure = std::current_exception();
    }
  }
}

Status SqlStore::appendAloneLocked(const PendingAppend& append) {
  const std::string& engagementId = *append.engagementId;
  beginWrite();
  try {
    if (auto checked = checkHeadLocked(engagementId, append.expectedLastSeq, append.events->front());
        !checked) {
      rollbackWrite();
      return checked;
    }
    insertLocked(*append.events);
    commitWrite();
  } catch (const std::exception& e) {
    rollbackWrite();
    // Another process won between our check and insert (only possible if
    // the write lock was bypassed): the UNIQUE(engagement_id, seq) backstop.
    if (isUniqueViolation(e)) {
      const auto found = headLocked(engagementId);
      return conflictError(engagementId, append.expectedLastSeq, found ? found->seq : 0);
    }
    throw;
  }
  return Ok{};
}

void SqlStore::insertLocked(const std::vector<StoredEvent>& events) {
  if (!insert_) prepareStatements();
  for (const StoredEvent& e : events) {
    row_ = Row{e.engagementId, e.type, e.payload, formatInstantUtc(e.effectiveAt),
               formatInstantUtc(e.recordedAt), e.actor, e.prevHash, e.hash, e.seq,
               e.schemaVersion};
    insert_->execute();
  }
}

Status SqlStore::checkHeadLocked(const std::string& engagementId, std::int64_t expectedLastSeq,
                                 const StoredEvent& first) const {
  const auto stored = headLocked(engagementId);
  const std::int64_t lastSeq = stored ? stored->seq : 0;
  if (lastSeq != expectedLastSeq) return conflictError(engagementId, expectedLastSeq, lastSeq);
  return validateLink(first, stored ? stored->hash : kGenesisHash);
}

// Group commit: the same checks as append, batch by batch, inside one
// write transaction; any failure rolls back every batch.
Status SqlStore::appendMany(const std::vector<AppendBatch>& batches) {
  if (auto valid = validateBatches(batches); !valid) return valid;
  const bool anything = std::any_of(batches.begin(), batches.end(),
                                    [](const AppendBatch& b) { return !b.events.empty(); });
  if (!anything) return Ok{};
  std::lock_guard lock(mutex_);
  beginWrite();
  const AppendBatch* current = nullptr;
  try {
    for (const AppendBatch& b : batches) {
      if (b.events.empty()) continue;
      current = &b;
      if (auto checked = checkHeadLocked(b.engagementId, b.expectedLastSeq, b.events.front());
          !checked) {
        rollbackWrite();
        return checked;
      }
      insertLocked(b.events);
    }
    commitWrite();
  } catch (const std::exception& e) {
    rollbackWrite();
    // The UNIQUE(engagement_id, seq) backstop, as in append.
    if (isUniqueViolation(e) && current != nullptr) {
      const auto found = headLocked(current->engagementId);
      return conflictError(current->engagementId, current->expectedLastSeq, found ? found->seq : 0);
    }
    throw;
  }
  return Ok{};
}

std::vector<StoredEvent> SqlStore::load(const std::string& engagementId,
                                        std::int64_t fromSeq) const {
  std::vector<EventRow> rows;
  std::lock_guard lock(readMutex_);
  readSession_ << sql(std::string("SELECT ") + kEventColumns +
                      " FROM events WHERE engagement_id = ? AND seq >= ? ORDER BY seq"),
      bind(engagementId), bind(static_cast<Int64>(fromSeq)), into(rows), now;
  std::vector<StoredEvent> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(toEvent(row));
  return out;
}

std::vector<Store::Positioned> SqlStore::readAll(std::int64_t afterPosition,
                                                 std::size_t limit) const {
  std::vector<EventRow> rows;
  std::lock_guard lock(readMutex_);
  readSession_ << sql(std::string("SELECT ") + kEventColumns +
                  " FROM events WHERE position > ? ORDER BY position LIMIT ?"),
      bind(static_cast<Int64>(afterPosition)), bind(static_cast<Int64>(limit)), into(rows), now;
  std::vector<Positioned> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(Positioned{row.get<0>(), toEvent(row)});
  return out;
}

std::vector<std::string> SqlStore::engagementIds() const {
  std::vector<std::string> ids;
  std::lock_guard lock(readMutex_);
  readSession_ << "SELECT DISTINCT engagement_id FROM events ORDER BY engagement_id", into(ids), now;
  return ids;
}

std::optional<ChainHead> SqlStore::head(const std::string& engagementId) const {
  std::vector<Poco::Tuple<Int64, std::string>> rows;
  std::lock_guard lock(readMutex_);
  readSession_ << sql("SELECT seq, hash FROM events WHERE engagement_id = ? "
                      "ORDER BY seq DESC LIMIT 1"),
      bind(engagementId), into(rows), now;
  if (rows.empty()) return std::nullopt;
  return ChainHead{rows.front().get<0>(), rows.front().get<1>()};
}

Status SqlStore::putBlob(const std::string& sha256, const std::string& bytes) {
  if (sha256Hex(bytes) != sha256) {
    return makeError(ErrorCode::invalid_argument,
                     "blob key " + sha256 + " is not the SHA-256 of its bytes", sha256);
  }
  const Poco::Data::BLOB blob(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::lock_guard lock(mutex_);
  // Content-addressed: storing the same bytes twice is a no-op. Poco binds
  // an empty BLOB as NULL, so the column allows NULL and reads it as "".
  session_ << sql("INSERT INTO blobs (sha256, bytes) VALUES (?, ?) ON CONFLICT DO NOTHING"),
      bind(sha256), bind(blob), now;
  return Ok{};
}

std::optional<std::string> SqlStore::getBlob(const std::string& sha256) const {
  std::vector<Poco::Data::BLOB> blobs;
  std::lock_guard lock(readMutex_);
  readSession_ << sql("SELECT bytes FROM blobs WHERE sha256 = ?"), bind(sha256), into(blobs), now;
  if (blobs.empty()) return std::nullopt;
  const auto& blob = blobs.front();
  if (blob.size() == 0) return std::string();
  return std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
}

Status SqlStore::insertRecord(const std::string& kind, const std::string& key,
                              const std::string& value) {
  std::vector<int> inserted;
  std::lock_guard lock(mutex_);
  session_ << sql("INSERT INTO records (kind, key, value) VALUES (?, ?, ?) "
                  "ON CONFLICT DO NOTHING RETURNING 1"),
      bind(kind), bind(key), bind(value), into(inserted), now;
  if (inserted.empty()) {
    return makeError(ErrorCode::already_exists,
                     "a " + kind + " record with key '" + key + "' already exists", key);
  }
  return Ok{};
}

Status SqlStore::updateRecord(const std::string& kind, const std::string& key,
                              const std::string& value) {
  std::lock_guard lock(mutex_);
  session_ << sql("INSERT INTO records (kind, key, value) VALUES (?, ?, ?) "
                  "ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value"),
      bind(kind), bind(key), bind(value), now;
  return Ok{};
}

std::optional<std::string> SqlStore::getRecord(const std::string& kind,
                                               const std::string& key) const {
  std::vector<std::string> values;
  std::lock_guard lock(readMutex_);
  readSession_ << sql("SELECT value FROM records WHERE kind = ? AND key = ?"), bind(kind),
      bind(key), into(values), now;
  if (values.empty()) return std::nullopt;
  return values.front();
}

std::vector<std::pair<std::string, std::string>> SqlStore::listRecords(
    const std::string& kind) const {
  std::vector<Poco::Tuple<std::string, std::string>> rows;
  std::lock_guard lock(readMutex_);
  readSession_ << sql("SELECT key, value FROM records WHERE kind = ? ORDER BY key"), bind(kind),
      into(rows), now;
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : rows) out.emplace_back(row.get<0>(), row.get<1>());
  return out;
}

}  // namespace sowflow::engine::detail
