// The in-memory store ("memory:"): the same contract as the SQL stores,
// nothing durable. For benchmarks and tests of pure logic.
// One mutex guards everything; appends check and insert under it. The log is
// a deque so growing it never moves (and frees) millions of events at once.
//
// Events are kept compactly, not as StoredEvents: a fixed-size row whose
// text fields (type, payload, actor, hash) are copied back to back into a
// large arena block, the engagement id shared with the chain's map key, and
// no prevHash at all -- appends only accept a batch that links to the stored
// head and to itself, so an event's prevHash is always its predecessor's
// hash (or genesis) and is rebuilt on read. A StoredEvent kept as is costs
// five or six allocations per event (copying each string), and those plus
// their page faults were a sixth of an in-memory command.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "store/store_support.hpp"
#include "store/stores.hpp"

namespace sowflow::engine::detail {

namespace {

constexpr std::string_view kGenesis(kGenesisHash);

// Append-only storage for the rows' text, in large blocks: no allocation per
// event, and nothing ever moves, so rows point into it.
class Arena {
 public:
  char* allocate(std::size_t size) {
    if (size > kBlock / 8) {  // a large payload gets a block of its own
      blocks_.emplace_back(new char[size]);
      return blocks_.back().get();
    }
    if (size > left_) {
      blocks_.emplace_back(new char[kBlock]);  // not value-initialised: written before read
      next_ = blocks_.back().get();
      left_ = kBlock;
    }
    char* out = next_;
    next_ += size;
    left_ -= size;
    return out;
  }

 private:
  static constexpr std::size_t kBlock = 256 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

using Chains = std::unordered_map<std::string, std::vector<std::size_t>>;  // engagement -> log indexes

// One stored event; see the file comment.
struct Row {
  const Chains::value_type* chain;  // its engagement (the key) and chain; map nodes never move
  std::int64_t seq;
  Instant effectiveAt;
  Instant recordedAt;
  const char* text;  // type, payload, actor and hash, back to back
  std::uint32_t typeSize, payloadSize, actorSize, hashSize;
  int schemaVersion;

  std::string_view type() const { return {text, typeSize}; }
  std::string_view payload() const { return {text + typeSize, payloadSize}; }
  std::string_view actor() const { return {text + typeSize + payloadSize, actorSize}; }
  std::string_view hash() const { return {text + typeSize + payloadSize + actorSize, hashSize}; }
};

// Rows keep text sizes in 32 bits; nothing near 4 GB is ever an event.
Status checkSizes(const std::vector<StoredEvent>& events) {
  constexpr std::size_t kMax = UINT32_MAX;
  for (const auto& e : events) {
    if (e.type.size() > kMax || e.payload.size() > kMax || e.actor.size() > kMax || e.hash.size() > kMax) {
      return makeError(ErrorCode::invalid_argument,
                       "event seq " + std::to_string(e.seq) + " of engagement " + e.engagementId +
                           " is too large for the memory store",
                       e.engagementId);
    }
  }
  return Ok{};
}

class MemoryStore final : public Store {
 public:
  Status append(const std::string& engagementId, std::int64_t expectedLastSeq,
                const std::vector<StoredEvent>& events) override {
    if (auto valid = validateBatch(engagementId, expectedLastSeq, events); !valid) return valid;
    if (auto sized = checkSizes(events); !sized) return sized;
    if (events.empty()) return Ok{};
    std::lock_guard lock(mutex_);
    auto& node = *chains_.try_emplace(engagementId).first;
    const auto lastSeq = static_cast<std::int64_t>(node.second.size());
    if (lastSeq != expectedLastSeq) return conflictError(engagementId, expectedLastSeq, lastSeq);
    if (auto linked = linksToHead(events.front(), node.second); !linked) return linked;
    for (const auto& e : events) store(node, e);
    return Ok{};
  }

  Status appendMany(const std::vector<AppendBatch>& batches) override {
    if (auto valid = validateBatches(batches); !valid) return valid;
    for (const AppendBatch& b : batches) {
      if (auto sized = checkSizes(b.events); !sized) return sized;
    }
    std::lock_guard lock(mutex_);
    // Check every batch before storing any: all-or-nothing.
    static const std::vector<std::size_t> kEmpty;
    for (const AppendBatch& b : batches) {
      if (b.events.empty()) continue;
      const auto it = chains_.find(b.engagementId);
      const auto& chain = it == chains_.end() ? kEmpty : it->second;
      const auto lastSeq = static_cast<std::int64_t>(chain.size());
      if (lastSeq != b.expectedLastSeq) {
        return conflictError(b.engagementId, b.expectedLastSeq, lastSeq);
      }
      if (auto linked = linksToHead(b.events.front(), chain); !linked) return linked;
    }
    for (const AppendBatch& b : batches) {
      if (b.events.empty()) continue;
      auto& node = *chains_.try_emplace(b.engagementId).first;
      for (const auto& e : b.events) store(node, e);
    }
    return Ok{};
  }

  std::vector<StoredEvent> load(const std::string& engagementId,
                                std::int64_t fromSeq) const override {
    std::lock_guard lock(mutex_);
    std::vector<StoredEvent> out;
    const auto it = chains_.find(engagementId);
    if (it == chains_.end()) return out;
    // A chain's seqs are 1, 2, 3, ...: seq N sits at index N-1.
    const auto& chain = it->second;
    const auto from = static_cast<std::size_t>(std::max<std::int64_t>(fromSeq, 1) - 1);
    if (from < chain.size()) out.resize(chain.size() - from);
    for (auto i = from; i < chain.size(); ++i) fill(out[i - from], log_[chain[i]]);
    return out;
  }

  std::vector<Positioned> readAll(std::int64_t afterPosition, std::size_t limit) const override {
    std::vector<Positioned> out;
    readAllInto(afterPosition, limit, out);
    return out;
  }

  // Refills `out`'s rows in place, reusing their strings' capacity.
  void readAllInto(std::int64_t afterPosition, std::size_t limit,
                   std::vector<Positioned>& out) const override {
    std::lock_guard lock(mutex_);
    // Positions are 1-based indexes into the log, like SQL's AUTOINCREMENT.
    const auto from = static_cast<std::size_t>(std::max<std::int64_t>(afterPosition, 0));
    const std::size_t count = from < log_.size() ? std::min(limit, log_.size() - from) : 0;
    out.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
      out[k].position = static_cast<std::int64_t>(from + k) + 1;
      fill(out[k].event, log_[from + k]);
    }
  }

  std::vector<std::string> engagementIds() const override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& [id, chain] : chains_) {
      if (!chain.empty()) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());  // the SQL stores' order
    return ids;
  }

  std::optional<ChainHead> head(const std::string& engagementId) const override {
    std::lock_guard lock(mutex_);
    const auto it = chains_.find(engagementId);
    if (it == chains_.end() || it->second.empty()) return std::nullopt;
    const Row& last = log_[it->second.back()];
    return ChainHead{last.seq, std::string(last.hash())};
  }

  Status putBlob(const std::string& sha256, const std::string& bytes) override {
    if (sha256Hex(bytes) != sha256) {
      return makeError(ErrorCode::invalid_argument,
                       "blob key " + sha256 + " is not the SHA-256 of its bytes", sha256);
    }
    std::lock_guard lock(mutex_);
    blobs_.emplace(sha256, bytes);
    return Ok{};
  }

  std::optional<std::string> getBlob(const std::string& sha256) const override {
    std::lock_guard lock(mutex_);
    const auto it = blobs_.find(sha256);
    if (it == blobs_.end()) return std::nullopt;
    return it->second;
  }

  Status insertRecord(const std::string& kind, const std::string& key,
                      const std::string& value) override {
    std::lock_guard lock(mutex_);
    if (!records_.emplace(std::make_pair(kind, key), value).second) {
      return makeError(ErrorCode::already_exists,
                       "a " + kind + " record with key '" + key + "' already exists", key);
    }
    return Ok{};
  }

  Status updateRecord(const std::string& kind, const std::string& key,
                      const std::string& value) override {
    std::lock_guard lock(mutex_);
    records_[{kind, key}] = value;
    return Ok{};
  }

  std::optional<std::string> getRecord(const std::string& kind,
                                       const std::string& key) const override {
    std::lock_guard lock(mutex_);
    const auto it = records_.find({kind, key});
    if (it == records_.end()) return std::nullopt;
    return it->second;
  }

  std::vector<std::pair<std::string, std::string>> listRecords(
      const std::string& kind) const override {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::string, std::string>> out;
    for (auto it = records_.lower_bound({kind, ""}); it != records_.end() && it->first.first == kind;
         ++it) {
      out.emplace_back(it->first.second, it->second);
    }
    return out;
  }

  std::string describe() const override { return "memory:"; }

 private:
  // The hash the next event of `chain` must link to.
  std::string_view headHash(const std::vector<std::size_t>& chain) const {
    return chain.empty() ? kGenesis : log_[chain.back()].hash();
  }

  Status linksToHead(const StoredEvent& first, const std::vector<std::size_t>& chain) const {
    const auto head = headHash(chain);
    if (first.prevHash == head) return Ok{};
    return validateLink(first, std::string(head));  // the error, worded as every store words it
  }

  // REQUIRES: mutex_ held, `e` validated as the next event of node's chain.
  void store(Chains::value_type& node, const StoredEvent& e) {
    Row row{&node, e.seq, e.effectiveAt, e.recordedAt, nullptr,
            static_cast<std::uint32_t>(e.type.size()), static_cast<std::uint32_t>(e.payload.size()),
            static_cast<std::uint32_t>(e.actor.size()), static_cast<std::uint32_t>(e.hash.size()),
            e.schemaVersion};
    char* text = arena_.allocate(e.type.size() + e.payload.size() + e.actor.size() + e.hash.size());
    row.text = text;
    for (const std::string* field : {&e.type, &e.payload, &e.actor, &e.hash}) {
      if (!field->empty()) std::memcpy(text, field->data(), field->size());  // `text` may be null when all are empty
      text += field->size();
    }
    node.second.push_back(log_.size());
    log_.push_back(row);
  }

  // The event `row` stands for; prevHash is its predecessor's hash (see the
  // file comment). REQUIRES: mutex_ held.
  void fill(StoredEvent& out, const Row& row) const {
    out.engagementId = row.chain->first;
    out.seq = row.seq;
    out.type.assign(row.type());
    out.schemaVersion = row.schemaVersion;
    out.payload.assign(row.payload());
    out.effectiveAt = row.effectiveAt;
    out.recordedAt = row.recordedAt;
    out.actor.assign(row.actor());
    out.prevHash.assign(row.seq == 1 ? kGenesis
                                     : log_[row.chain->second[static_cast<std::size_t>(row.seq) - 2]].hash());
    out.hash.assign(row.hash());
  }

  mutable std::mutex mutex_;
  std::deque<Row> log_;  // global append order
  Chains chains_;
  Arena arena_;
  std::map<std::string, std::string> blobs_;
  std::map<std::pair<std::string, std::string>, std::string> records_;
};

}  // namespace

Result<std::unique_ptr<Store>> openMemoryStore() {
  return std::unique_ptr<Store>(std::make_unique<MemoryStore>());
}

}  // namespace sowflow::engine::detail
