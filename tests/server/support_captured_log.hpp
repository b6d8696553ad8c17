// The server's log as a test sees it: every message the "sowflow.http"
// logger (access lines, start-up warnings) emits at information level while a
// CapturedLogger lives; the logger's channel and level are restored after.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

namespace sowflow::server::testing {

class AccessLogCapture : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(message.getText());
  }
  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

class CapturedLogger {
 public:
  CapturedLogger()
      : logger_(Poco::Logger::get("sowflow.http")),
        previousChannel_(logger_.getChannel()),
        previousLevel_(logger_.getLevel()),
        capture_(new AccessLogCapture) {
    logger_.setChannel(capture_);
    logger_.setLevel(Poco::Message::PRIO_INFORMATION);
  }
  ~CapturedLogger() {
    logger_.setChannel(previousChannel_);
    logger_.setLevel(previousLevel_);
  }
  // The access line is written after the response is sent: wait for it.
  std::vector<std::string> waitForLines(std::size_t count) const {
    for (int i = 0; i < 500 && capture_->lines().size() < count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return capture_->lines();
  }

 private:
  Poco::Logger& logger_;
  Poco::Channel::Ptr previousChannel_;
  int previousLevel_;
  Poco::AutoPtr<AccessLogCapture> capture_;
};

}  // namespace sowflow::server::testing
