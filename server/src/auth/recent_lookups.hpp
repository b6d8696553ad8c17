// RecentLookups<V>: store records that were found, remembered for a moment.
//
// Owner tokens and acceptance links are looked up by the SHA-256 of the
// presented secret on every request. Going to the store each time costs a
// SQL statement under the store's single read connection, which serialised
// all requests behind one mutex. Only hits are remembered, and only for `ttl`
// (1 s in the server): an unknown key always goes to the store, so a token
// created by another process works at once (SPEC §3), and a record changed
// in the store (a token marked revoked) is seen again within `ttl`. Keys are
// hashes, never the secrets themselves. At `capacity` entries expired ones
// are dropped, and if that is not enough, all of them: a flood of distinct
// valid secrets costs store reads, never unbounded memory.
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace sowflow::server {

template <class V>
class RecentLookups {
 public:
  using Clock = std::chrono::steady_clock;

  RecentLookups(Clock::duration ttl, std::size_t capacity) : ttl_(ttl), capacity_(capacity) {}

  std::optional<V> get(const std::string& key) const {
    std::shared_lock lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || Clock::now() >= it->second.expires) return std::nullopt;
    return it->second.value;
  }

  void put(const std::string& key, V value) {
    const auto now = Clock::now();
    std::unique_lock lock(mutex_);
    if (entries_.size() >= capacity_ && entries_.find(key) == entries_.end()) {
      for (auto it = entries_.begin(); it != entries_.end();) {
        it = now >= it->second.expires ? entries_.erase(it) : std::next(it);
      }
      if (entries_.size() >= capacity_) entries_.clear();
    }
    entries_[key] = Entry{std::move(value), now + ttl_};
  }

  void erase(const std::string& key) {
    std::unique_lock lock(mutex_);
    entries_.erase(key);
  }

 private:
  struct Entry {
    V value;
    Clock::time_point expires;
  };
  const Clock::duration ttl_;
  const std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sowflow::server
