// MetricsRegistry: the counters and histograms behind GET /metrics
// (Prometheus text format 0.0.4).
//
// Requests are counted by route pattern (never the raw path, so tokens and
// ids do not become labels) and status; latency and journal-append times go
// into fixed-bucket histograms. Decisions and deemed acceptances are counted
// from the engine's event stream. Gauges computed at scrape time (open
// windows) are passed to render().
// Thread-safety: every method may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace sowflow::server {

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double seconds);
  // Appends `name_bucket{le=..}`, `name_sum`, `name_count` lines.
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;  // one per bound, plus +Inf
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

class MetricsRegistry {
 public:
  MetricsRegistry();

  void observeRequest(const std::string& route, int status, double seconds);
  void observeJournalAppend(double seconds);
  void countDecision(const std::string& kind);  // "accepted", "objected"
  void countDeemedAcceptance();

  std::string render(std::size_t openWindows) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
  Histogram journalAppend_;
  std::map<std::string, std::uint64_t> decisions_;
  std::uint64_t deemed_ = 0;
};

}  // namespace sowflow::server
