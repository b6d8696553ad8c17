#include "metrics/metrics_registry.hpp"

#include <cstdio>

namespace sowflow::server {

namespace {

const std::vector<double> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                            0.05,   0.1,   0.25,   0.5,   1,    2.5, 5};

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

std::string escapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::observe(double seconds) {
  std::size_t i = 0;
  while (i < bounds_.size() && seconds > bounds_[i]) ++i;
  ++counts_[i];
  sum_ += seconds;
  ++count_;
}

void Histogram::render(std::string& out, const std::string& name,
                       const std::string& labels) const {
  const std::string prefix = labels.empty() ? "" : labels + ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += counts_[i];
    out += name + "_bucket{" + prefix + "le=\"" + number(bounds_[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  cumulative += counts_.back();
  out += name + "_bucket{" + prefix + "le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + braces + " " + number(sum_) + "\n";
  out += name + "_count" + braces + " " + std::to_string(count_) + "\n";
}

MetricsRegistry::MetricsRegistry() : journalAppend_(kLatencyBounds) {
  decisions_["accepted"] = 0;
  decisions_["objected"] = 0;
}

void MetricsRegistry::observeRequest(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  auto it = latency_.find(route);
  if (it == latency_.end()) it = latency_.emplace(route, Histogram(kLatencyBounds)).first;
  it->second.observe(seconds);
}

void MetricsRegistry::observeJournalAppend(double seconds) {
  std::lock_guard lock(mutex_);
  journalAppend_.observe(seconds);
}

void MetricsRegistry::countDecision(const std::string& kind) {
  std::lock_guard lock(mutex_);
  ++decisions_[kind];
}

void MetricsRegistry::countDeemedAcceptance() {
  std::lock_guard lock(mutex_);
  ++deemed_;
}

std::string MetricsRegistry::render(std::size_t openWindows) const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP sowflow_http_requests_total HTTP requests by route pattern and status.\n";
  out += "# TYPE sowflow_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out += "sowflow_http_requests_total{route=\"" + escapeLabel(key.first) + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP sowflow_http_request_duration_seconds Request latency by route pattern.\n";
  out += "# TYPE sowflow_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    histogram.render(out, "sowflow_http_request_duration_seconds",
                     "route=\"" + escapeLabel(route) + "\"");
  }
  out += "# HELP sowflow_open_windows Acceptance windows currently open.\n";
  out += "# TYPE sowflow_open_windows gauge\n";
  out += "sowflow_open_windows " + std::to_string(openWindows) + "\n";
  out += "# HELP sowflow_decisions_total Customer decisions recorded, by kind.\n";
  out += "# TYPE sowflow_decisions_total counter\n";
  for (const auto& [kind, count] : decisions_) {
    out += "sowflow_decisions_total{kind=\"" + escapeLabel(kind) + "\"} " +
           std::to_string(count) + "\n";
  }
  out += "# HELP sowflow_deemed_acceptances_total Windows that ended in deemed acceptance.\n";
  out += "# TYPE sowflow_deemed_acceptances_total counter\n";
  out += "sowflow_deemed_acceptances_total " + std::to_string(deemed_) + "\n";
  out += "# HELP sowflow_journal_append_seconds Time of engine commands (decide + durable append).\n";
  out += "# TYPE sowflow_journal_append_seconds histogram\n";
  journalAppend_.render(out, "sowflow_journal_append_seconds", "");
  return out;
}

}  // namespace sowflow::server
