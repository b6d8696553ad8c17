// The in-memory store ("memory:"): the same contract as the SQL stores,
// nothing durable. For benchmarks and tests of pure logic.
// One mutex guards everything; appends check and insert under it. The log is
// a deque so growing it never moves (and frees) millions of events at once.
#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>

#include "store/store_support.hpp"
#include "store/stores.hpp"

namespace sowflow::engine::detail {

namespace {

const std::string& kGenesisHashText() {
  static const std::string genesis(kGenesisHash);
  return genesis;
}

class MemoryStore final : public Store {
 public:
  Status append(const std::string& engagementId, std::int64_t expectedLastSeq,
                const std::vector<StoredEvent>& events) override {
    if (auto valid = validateBatch(engagementId, expectedLastSeq, events); !valid) return valid;
    if (events.empty()) return Ok{};
    std::lock_guard lock(mutex_);
    auto& chain = chains_[engagementId];
    const auto lastSeq = static_cast<std::int64_t>(chain.size());
    if (lastSeq != expectedLastSeq) return conflictError(engagementId, expectedLastSeq, lastSeq);
    const std::string& headHash = chain.empty() ? kGenesisHashText() : log_[chain.back()].hash;
    if (auto linked = validateLink(events.front(), headHash); !linked) return linked;
    for (const auto& e : events) {
      chain.push_back(log_.size());
      log_.push_back(e);
    }
    return Ok{};
  }

  Status appendMany(const std::vector<AppendBatch>& batches) override {
    if (auto valid = validateBatches(batches); !valid) return valid;
    std::lock_guard lock(mutex_);
    // Check every batch before storing any: all-or-nothing.
    for (const AppendBatch& b : batches) {
      if (b.events.empty()) continue;
      const auto it = chains_.find(b.engagementId);
      const auto lastSeq = it == chains_.end() ? std::int64_t{0}
                                               : static_cast<std::int64_t>(it->second.size());
      if (lastSeq != b.expectedLastSeq) {
        return conflictError(b.engagementId, b.expectedLastSeq, lastSeq);
      }
      const std::string& headHash = lastSeq == 0 ? kGenesisHashText() : log_[it->second.back()].hash;
      if (auto linked = validateLink(b.events.front(), headHash); !linked) return linked;
    }
    for (const AppendBatch& b : batches) {
      if (b.events.empty()) continue;
      auto& chain = chains_[b.engagementId];
      for (const auto& e : b.events) {
        chain.push_back(log_.size());
        log_.push_back(e);
      }
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
    for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(fromSeq, 1) - 1); i < chain.size(); ++i) {
      out.push_back(log_[chain[i]]);
    }
    return out;
  }

  std::vector<Positioned> readAll(std::int64_t afterPosition, std::size_t limit) const override {
    std::lock_guard lock(mutex_);
    std::vector<Positioned> out;
    // Positions are 1-based indexes into the log, like SQL's AUTOINCREMENT.
    for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(afterPosition, 0));
         i < log_.size() && out.size() < limit; ++i) {
      out.push_back(Positioned{static_cast<std::int64_t>(i) + 1, log_[i]});
    }
    return out;
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
    const StoredEvent& last = log_[it->second.back()];
    return ChainHead{last.seq, last.hash};
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
  mutable std::mutex mutex_;
  std::deque<StoredEvent> log_;                                          // global append order
  std::unordered_map<std::string, std::vector<std::size_t>> chains_;     // engagement -> log indexes
  std::map<std::string, std::string> blobs_;
  std::map<std::pair<std::string, std::string>, std::string> records_;
};

}  // namespace

Result<std::unique_ptr<Store>> openMemoryStore() {
  return std::unique_ptr<Store>(std::make_unique<MemoryStore>());
}

}  // namespace sowflow::engine::detail
