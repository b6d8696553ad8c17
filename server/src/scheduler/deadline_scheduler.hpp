// DeadlineScheduler: ends acceptance windows at their deadlines (SPEC §2).
//
// One thread sleeps until engine.nextDeadline() (capped, so a wall-clock jump
// is noticed within a minute) or until wake() is called because a submission
// may have moved the next deadline, then issues engine.endDueWindows(now).
// It never scans engagements itself. catchUp() processes every window already
// past and is called once at start-up before the server accepts requests.
// Exactly-once is the engine's and store's guarantee (optimistic append), so
// the scheduler, the test clock and a customer's click may race freely.
// With a ManualClock the deadlines are reached only by setting the clock
// (POST /api/v1/test-clock), which calls catchUp() itself.
// Thread-safety: start/stop from one thread; wake/catchUp from any thread.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include <Poco/Logger.h>

#include "sowflow/engine/engine.hpp"

namespace sowflow::server {

class DeadlineScheduler {
 public:
  DeadlineScheduler(engine::Engine& engine, const engine::Clock& clock, Poco::Logger& log);
  ~DeadlineScheduler();

  std::size_t catchUp();
  void start();
  void stop();
  void wake();

 private:
  void run();

  engine::Engine& engine_;
  const engine::Clock& clock_;
  Poco::Logger& log_;
  std::mutex mutex_;
  std::condition_variable wakeUp_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace sowflow::server
