#include "scheduler/deadline_scheduler.hpp"

#include <algorithm>
#include <chrono>

namespace sowflow::server {

namespace {
// Re-read the clock at least this often: the system clock may jump.
constexpr std::chrono::seconds kMaxSleep{60};
// After a failure (database unavailable) wait before retrying.
constexpr std::chrono::seconds kRetryAfterFailure{5};
}  // namespace

DeadlineScheduler::DeadlineScheduler(engine::Engine& engine, const engine::Clock& clock,
                                     Poco::Logger& log)
    : engine_(engine), clock_(clock), log_(log) {}

DeadlineScheduler::~DeadlineScheduler() { stop(); }

std::size_t DeadlineScheduler::catchUp() {
  const std::size_t ended = engine_.endDueWindows(clock_.now());
  if (ended > 0) log_.information("deadline scheduler: ended %z acceptance window(s)", ended);
  return ended;
}

void DeadlineScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void DeadlineScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeUp_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeadlineScheduler::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeUp_.notify_all();
}

void DeadlineScheduler::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    std::chrono::seconds sleep = kMaxSleep;
    lock.unlock();
    try {
      const auto next = engine_.nextDeadline();
      const auto now = clock_.now();
      if (next && *next <= now) {
        catchUp();
        // A window the engine could not end (it logs why) must not spin us.
        const auto after = engine_.nextDeadline();
        sleep = (after && *after <= now) ? kRetryAfterFailure : std::chrono::seconds{0};
      } else if (next) {
        sleep = std::min<std::chrono::seconds>(kMaxSleep, *next - now);
      }
    } catch (const std::exception& e) {
      log_.error("deadline scheduler: %s; retrying in 5 s", std::string(e.what()));
      sleep = kRetryAfterFailure;
    }
    lock.lock();
    if (sleep.count() > 0) {
      wakeUp_.wait_for(lock, sleep, [this] { return stopping_ || woken_; });
    }
    woken_ = false;
  }
}

}  // namespace sowflow::server
