// FailedLookupLimiter: refuses token lookups from a client IP that has failed
// too many in the last minute (guessing acceptance links or owner tokens).
//
// A fixed one-minute window per IP, counted on failures only, measured on the
// steady clock (not the test clock). Table size is bounded: stale entries are
// swept when it grows past a few thousand IPs.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace sowflow::server {

class FailedLookupLimiter {
 public:
  explicit FailedLookupLimiter(int failuresPerMinute);

  bool blocked(const std::string& ip);
  void recordFailure(const std::string& ip);

 private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    int failures = 0;
  };
  int limit_;
  std::mutex mutex_;
  std::map<std::string, Window> windows_;
};

}  // namespace sowflow::server
