// Acceptance report generation time for a large engagement: 200 milestones,
// 1,000 audit events (issue 4 target: < 50 ms each for xlsx and docx).
// Prints figures; asserts nothing. Run: build/<dir>/bench/report_bench [iterations]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "sowflow/deliverables/deliverables.hpp"
#include "sowflow/engine/journal.hpp"

using namespace sowflow;
using namespace std::chrono_literals;

namespace {

engine::CalendarPtr makeCalendar() {
  engine::CalendarDefinition def;
  def.id = "bench";
  def.title = "bench (Asia/Shanghai)";
  def.timeZone = "Asia/Shanghai";
  def.revision = "1";
  def.weekend = {date::Saturday, date::Sunday};
  def.holidays = {{*engine::parseDate("2025-05-01"), "Labour Day"}};
  auto built = engine::WorkingDayCalendar::build(def);
  if (!built) {
    std::fprintf(stderr, "calendar: %s\n", built.error().message.c_str());
    std::exit(1);
  }
  return built.value();
}

engine::Engagement makeEngagement(const engine::WorkingDayCalendar& calendar) {
  auto workflow = std::make_shared<engine::Workflow>();
  workflow->id = "bench";
  workflow->title = "Benchmark workflow";
  workflow->language = "en";
  workflow->calendar = "bench";
  workflow->parties = {{"provider", "Provider"}, {"customer", "Customer"}};
  for (int p = 0; p < 4; ++p) {
    workflow->phases.push_back({"phase-" + std::to_string(p), "Phase " + std::to_string(p), "", static_cast<engine::Stage>(p)});
    for (int a = 0; a < 5; ++a) {
      workflow->activities.push_back({"act-" + std::to_string(p * 5 + a), "Activity " + std::to_string(a), "",
                                      "phase-" + std::to_string(p),
                                      {{"provider", engine::Raci::R}, {"customer", engine::Raci::S}}, {}});
    }
  }
  engine::Engagement e;
  e.id = "eng-bench";
  e.title = "Benchmark engagement with 200 milestones";
  e.customer = "Customer Ltd.";
  e.provider = "Provider Inc.";
  e.start = *engine::parseDate("2025-01-06");
  e.createdAt = calendar.startOfLocalDay(e.start);
  e.owners["provider"] = {{{"Pat Provider", "pat@provider.example"}, e.start}};
  e.owners["customer"] = {{{"Cam Customer", "cam@customer.example"}, e.start}};
  engine::Instant t = e.createdAt;
  for (int i = 0; i < 200; ++i) {
    engine::Milestone m;
    m.id = "m" + std::to_string(i);
    m.title = "Milestone " + std::to_string(i) + ": delivery of work package " + std::to_string(i);
    m.phase = "phase-" + std::to_string(i / 50);
    m.plannedWorkingDays = 1;
    if (i > 0) m.dependsOn = {"m" + std::to_string(i - 1)};
    m.deliverables = {{"d", "Work package report", "docx", "", {}}};
    workflow->milestones.push_back(m);
    engine::MilestoneProgress progress;
    progress.id = m.id;
    progress.state = engine::MilestoneState::accepted;
    for (int v = 1; v <= 2; ++v) {
      t += 3h;
      engine::Submission s;
      s.version = v;
      s.submittedAt = t;
      s.submittedBy = "owner:provider";
      s.files = {{"d", "report-" + m.id + "-v" + std::to_string(v) + ".docx", "application/octet-stream", 40000 + i,
                  std::string(64, 'a' + static_cast<char>(i % 6))}};
      s.recipients = {"cam@customer.example"};
      s.deadline = t + 120h;
      s.deadlineLocalDate = calendar.localDate(s.deadline);
      engine::Decision d;
      d.kind = v == 1 ? engine::Decision::Kind::objected : engine::Decision::Kind::accepted;
      d.at = t + 1h;
      d.actor = "link:cam@customer.example";
      d.record = {m.id, v, "cam@customer.example", "198.51.100.4", "Mozilla/5.0", {s.files[0].sha256}, v == 1 ? "=please redo" : ""};
      s.decision = d;
      progress.submissions.push_back(s);
    }
    progress.closedAt = t + 1h;
    e.milestones.push_back(progress);
  }
  e.workflow = workflow;
  return e;
}

std::vector<engine::StoredEvent> makeJournal(const engine::Engagement& e) {
  std::vector<engine::StoredEvent> journal;
  std::string prev = engine::kGenesisHash;
  for (int i = 1; i <= 1000; ++i) {
    const engine::Event event = engine::MilestoneStarted{"m" + std::to_string(i % 200), false};
    journal.push_back(engine::sealEvent(e.id, i, event, e.createdAt + std::chrono::minutes(i),
                                        e.createdAt + std::chrono::minutes(i), "owner:provider", prev));
    prev = journal.back().hash;
  }
  return journal;
}

template <class F>
void time(const char* name, int iterations, F&& render) {
  std::size_t bytes = 0;
  auto first = render();  // warm-up (template and label files in the page cache)
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    auto doc = render();
    if (!doc) {
      std::fprintf(stderr, "%s: %s\n", name, doc.error().message.c_str());
      std::exit(1);
    }
    bytes = doc->bytes.size();
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / iterations;
  std::printf("%-28s %8.2f ms/report  (%zu bytes, %d iterations, target < 50 ms)\n", name, ms, bytes, iterations);
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 20;
  const auto calendar = makeCalendar();
  const auto engagement = makeEngagement(*calendar);
  const deliverables::RenderContext context{engagement, *calendar, makeJournal(engagement),
                                            deliverables::defaultTemplatesDirectory()};
  std::printf("engagement: %zu milestones, %zu submissions, %zu audit events\n", engagement.milestones.size(),
              engagement.milestones.size() * 2, context.journal.size());
  time("acceptance report xlsx", iterations, [&] { return deliverables::acceptanceReportXlsx(context); });
  time("acceptance report docx", iterations, [&] { return deliverables::acceptanceReportDocx(context); });
  time("plan (MSPDI)", iterations, [&] { return deliverables::planMspdi(context); });
  time("calendar (ics)", iterations, [&] { return deliverables::calendarIcs(context); });
  return 0;
}
