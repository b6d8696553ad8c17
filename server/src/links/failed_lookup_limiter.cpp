#include "links/failed_lookup_limiter.hpp"

namespace sowflow::server {

namespace {
constexpr auto kWindow = std::chrono::minutes(1);
constexpr std::size_t kSweepAbove = 4096;
}  // namespace

FailedLookupLimiter::FailedLookupLimiter(int failuresPerMinute) : limit_(failuresPerMinute) {}

bool FailedLookupLimiter::blocked(const std::string& ip) {
  std::lock_guard lock(mutex_);
  const auto it = windows_.find(ip);
  if (it == windows_.end()) return false;
  if (std::chrono::steady_clock::now() - it->second.start >= kWindow) {
    windows_.erase(it);
    return false;
  }
  return it->second.failures >= limit_;
}

void FailedLookupLimiter::recordFailure(const std::string& ip) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (windows_.size() > kSweepAbove) {
    for (auto it = windows_.begin(); it != windows_.end();) {
      it = now - it->second.start >= kWindow ? windows_.erase(it) : std::next(it);
    }
  }
  auto& window = windows_[ip];
  if (window.failures == 0 || now - window.start >= kWindow) {
    window.start = now;
    window.failures = 0;
  }
  ++window.failures;
}

}  // namespace sowflow::server
