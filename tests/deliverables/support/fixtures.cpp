#include "fixtures.hpp"

#include <stdexcept>

#include "sowflow/engine/definition_loader.hpp"

namespace sowflow::testing {
namespace {

using namespace std::chrono_literals;
using engine::Instant;

Instant at(const char* text) {
  auto parsed = engine::parseInstant(text);
  if (!parsed) throw std::runtime_error(std::string("bad instant in fixture: ") + text);
  return *parsed;
}

engine::Date day(const char* text) { return *engine::parseDate(text); }

const engine::Catalog& catalog() {
  static const engine::Catalog loaded = [] {
    auto result = engine::Catalog::loadDirectory(SOWFLOW_SOURCE_DIR "/workflows");
    if (!result) throw std::runtime_error("shipped workflows do not load: " + result.error().message);
    return std::move(result.value());
  }();
  return loaded;
}

std::string fakeSha(char c) { return std::string(64, c); }

// Seals and applies one event after the others (the engine's own path).
class Builder {
 public:
  Builder(std::string id, engine::WorkflowPtr workflow, engine::CalendarPtr calendar)
      : id_(std::move(id)), workflow_(std::move(workflow)), calendar_(std::move(calendar)) {}

  void add(const engine::Event& event, Instant effective, const std::string& actor) {
    const std::string prev = journal_.empty() ? engine::kGenesisHash : journal_.back().hash;
    auto stored = engine::sealEvent(id_, static_cast<std::int64_t>(journal_.size()) + 1, event, effective,
                                    effective, actor, prev);
    engine::apply(engagement_, stored, event, workflow_);
    journal_.push_back(std::move(stored));
  }

  // A submission whose window is computed by the calendar, as the engine does.
  void submit(const std::string& milestone, int version, std::vector<engine::DeliverableFile> files,
              Instant when, const std::string& recipient, const std::string& onSilence = "deemed-accepted") {
    auto deadline = calendar_->windowDeadline(when, 5);
    if (!deadline) throw std::runtime_error("fixture deadline: " + deadline.error().message);
    engine::MilestoneSubmitted e{milestone, version, std::move(files), {recipient}, deadline->at,
                                 deadline->localDate, deadline->provisional, 5, onSilence,
                                 calendar_->id(), calendar_->revision()};
    add(e, when, "owner:provider");
    lastDeadline_ = deadline->at;
  }

  Instant lastDeadline() const { return lastDeadline_; }

  DocFixture finish(std::string name) {
    return DocFixture{std::move(name), calendar_, std::move(engagement_), std::move(journal_)};
  }

 private:
  std::string id_;
  engine::WorkflowPtr workflow_;
  engine::CalendarPtr calendar_;
  engine::Engagement engagement_;
  std::vector<engine::StoredEvent> journal_;
  Instant lastDeadline_;
};

engine::DeliverableFile file(const char* deliverable, const char* name, std::int64_t size, char sha) {
  return engine::DeliverableFile{deliverable, name, "application/octet-stream", size, fakeSha(sha)};
}

}  // namespace

deliverables::RenderContext DocFixture::context() const {
  return deliverables::RenderContext{engagement, *calendar, journal, templatesDir()};
}

std::filesystem::path templatesDir() { return SOWFLOW_SOURCE_DIR "/templates"; }
std::filesystem::path goldenDir() { return SOWFLOW_SOURCE_DIR "/tests/golden"; }

engine::CalendarPtr shanghaiCalendar() {
  static const engine::CalendarPtr calendar = [] {
    engine::CalendarDefinition def;
    def.id = "test-shanghai";
    def.title = "Test calendar (Asia/Shanghai, 2025)";
    def.timeZone = "Asia/Shanghai";
    def.revision = "test-1";
    def.source = "hand-made for the document tests";
    def.weekend = {date::Saturday, date::Sunday};
    def.holidays = {{day("2025-01-01"), "New Year's Day"},  {day("2025-01-28"), "Spring Festival"},
                    {day("2025-01-29"), "Spring Festival"}, {day("2025-01-30"), "Spring Festival"},
                    {day("2025-01-31"), "Spring Festival"}, {day("2025-02-03"), "Spring Festival"},
                    {day("2025-02-04"), "Spring Festival"}, {day("2025-04-04"), "Qingming Festival"},
                    {day("2025-05-01"), "Labour Day"},      {day("2025-05-02"), "Labour Day"},
                    {day("2025-05-05"), "Labour Day"}};
    def.makeUpWorkingDays = {day("2025-01-26"), day("2025-02-08"), day("2025-04-27")};
    def.firstPublishedYear = 2025;
    def.lastPublishedYear = 2025;
    auto built = engine::WorkingDayCalendar::build(def);
    if (!built) throw std::runtime_error("test calendar: " + built.error().message);
    return built.value();
  }();
  return calendar;
}

DocFixture chaosDrillPremium() {
  auto workflow = catalog().workflow("chaos-drill");
  if (!workflow) throw std::runtime_error("chaos-drill workflow missing");
  Builder b("eng-chaos-0001", workflow, shanghaiCalendar());
  b.add(engine::EngagementCreated{"chaos-drill", workflow->version, "premium",
                                  "Chaos drill 2025; core banking, phase 1", "Acme Bank, Ltd.",
                                  "Huawei Cloud",
                                  {{"provider", {"Li Wei", "li.wei@provider.example"}},
                                   {"customer", {"Jane Doe", "jane.doe@acme.example"}}},
                                  day("2025-01-20"), "test-shanghai"},
        at("2025-01-15T10:00:00+08:00"), "owner:provider");
  b.add(engine::EngagementActivated{}, at("2025-01-20T09:00:00+08:00"), "owner:provider");
  b.add(engine::MilestoneStarted{"capability-status-survey", false}, at("2025-01-20T09:30:00+08:00"), "owner:provider");
  b.add(engine::DeliverableUploaded{"capability-status-survey", file("survey-form", "survey-form.xlsx", 18211, 'a'), true},
        at("2025-01-23T16:00:00+08:00"), "owner:provider");
  b.submit("capability-status-survey", 1, {file("survey-form", "survey-form.xlsx", 18211, 'a')},
           at("2025-01-24T17:20:00+08:00"), "jane.doe@acme.example");
  b.add(engine::MilestoneAccepted{{"capability-status-survey", 1, "jane.doe@acme.example", "203.0.113.7",
                                   "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", {fakeSha('a')}, ""}},
        at("2025-02-06T11:05:00+08:00"), "link:jane.doe@acme.example");
  b.add(engine::MilestoneStarted{"capability-diagnosis", false}, at("2025-02-07T09:00:00+08:00"), "owner:provider");
  b.submit("capability-diagnosis", 1, {file("capability-diagnosis-report", "diagnosis-v1.docx", 40960, 'b')},
           at("2025-02-14T18:00:00+08:00"), "jane.doe@acme.example");
  b.add(engine::MilestoneObjected{{"capability-diagnosis", 1, "jane.doe@acme.example", "203.0.113.7",
                                   "Mozilla/5.0 (Windows NT 10.0) Edge/126",
                                   {fakeSha('b')},
                                   "=HYPERLINK(\"https://evil.example\",\"x\") section 3 misses the DR drill; "
                                   "see C:\\drills, please fix"}},
        at("2025-02-17T10:00:00+08:00"), "link:jane.doe@acme.example");
  b.add(engine::MilestoneStarted{"capability-diagnosis", true}, at("2025-02-17T11:00:00+08:00"), "owner:provider");
  b.submit("capability-diagnosis", 2, {file("capability-diagnosis-report", "diagnosis-v2.docx", 45056, 'c')},
           at("2025-02-20T15:00:00+08:00"), "jane.doe@acme.example");
  b.add(engine::MilestoneAccepted{{"capability-diagnosis", 2, "+jane.doe@acme.example", "2001:db8::7",
                                   "@curl/8.5", {fakeSha('c')}, "-ok"}},
        at("2025-02-21T09:12:00+08:00"), "link:jane.doe@acme.example");
  b.add(engine::MilestoneStarted{"capability-building-solution", false}, at("2025-02-24T09:00:00+08:00"), "owner:provider");
  b.submit("capability-building-solution", 1,
           {file("capability-building-solution", "building-solution.docx", 51200, 'd')},
           at("2025-03-07T12:00:00+08:00"), "jane.doe@acme.example");
  b.add(engine::MilestoneDeemedAccepted{"capability-building-solution", 1, b.lastDeadline()}, b.lastDeadline(),
        "system:deadline");
  b.add(engine::MilestoneStarted{"acceptance", false}, at("2025-03-17T09:00:00+08:00"), "owner:provider");
  b.submit("acceptance", 1, {file("acceptance-report", "acceptance-report.docx", 30720, 'e')},
           at("2025-03-18T10:00:00+08:00"), "jane.doe@acme.example");
  return b.finish("chaos-drill-premium");
}

DocFixture tamServiceZh() {
  auto workflow = catalog().workflow("tam-service");
  if (!workflow) throw std::runtime_error("tam-service workflow missing");
  Builder b("eng-tam-0002", workflow, shanghaiCalendar());
  b.add(engine::EngagementCreated{"tam-service", workflow->version, "premium", "某银行分布式数据库专属技术客户经理服务",
                                  "某某银行股份有限公司", "北京奥星贝斯科技有限公司",
                                  {{"provider", {"王芳", "wang.fang@provider.example"}},
                                   {"customer", {"张伟", "zhang.wei@bank.example"}}},
                                  day("2025-01-02"), "test-shanghai"},
        at("2024-12-30T10:00:00+08:00"), "owner:provider");
  b.add(engine::EngagementActivated{}, at("2025-01-02T09:00:00+08:00"), "owner:provider");
  b.add(engine::MilestoneStarted{"term-end", false}, at("2025-03-03T09:00:00+08:00"), "owner:provider");
  b.submit("term-end", 1, {file("problem-list", "问题清单.xlsx", 12288, 'f')}, at("2025-03-31T17:00:00+08:00"),
           "zhang.wei@bank.example");
  b.add(engine::MilestoneDeemedAccepted{"term-end", 1, b.lastDeadline()}, b.lastDeadline(), "system:deadline");
  b.add(engine::EngagementCompleted{}, b.lastDeadline(), "system:deadline");
  return b.finish("tam-service-zh");
}

DocFixture managedServices() {
  auto workflow = catalog().workflow("managed-services");
  if (!workflow) throw std::runtime_error("managed-services workflow missing");
  Builder b("eng-ms-0003", workflow, shanghaiCalendar());
  b.add(engine::EngagementCreated{"managed-services", workflow->version, "",
                                  "IT managed services <R&D> \"core\" platform", "Contoso & Partners, Ltd.",
                                  "Alibaba Cloud",
                                  {{"provider", {"Chen Jing", "chen.jing@provider.example"}},
                                   {"customer", {"Alex O'Brien", "alex.obrien@contoso.example"}}},
                                  day("2025-03-03"), "test-shanghai"},
        at("2025-02-26T10:00:00+08:00"), "owner:provider");
  b.add(engine::EngagementActivated{}, at("2025-03-03T09:00:00+08:00"), "owner:provider");
  const char* ua = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15";
  b.add(engine::MilestoneStarted{"kickoff-meeting", false}, at("2025-03-03T09:30:00+08:00"), "owner:provider");
  b.submit("kickoff-meeting", 1, {file("kickoff-meeting-report", "kickoff-report.docx", 20480, '1')},
           at("2025-03-07T16:00:00+08:00"), "alex.obrien@contoso.example");
  b.add(engine::MilestoneAccepted{{"kickoff-meeting", 1, "alex.obrien@contoso.example", "198.51.100.20", ua,
                                   {fakeSha('1')}, ""}},
        at("2025-03-10T10:15:00+08:00"), "link:alex.obrien@contoso.example");
  b.add(engine::MilestoneStarted{"solution-report", false}, at("2025-03-10T11:00:00+08:00"), "owner:provider");
  b.submit("solution-report", 1, {file("implementation-solution", "solution-v1.docx", 61440, '2')},
           at("2025-03-21T18:30:00+08:00"), "alex.obrien@contoso.example");
  b.add(engine::MilestoneObjected{{"solution-report", 1, "alex.obrien@contoso.example", "198.51.100.20", ua,
                                   {fakeSha('2')}, "@ITG section: add the SLA <review> cadence & owners"}},
        at("2025-03-25T14:00:00+08:00"), "link:alex.obrien@contoso.example");
  b.add(engine::MilestoneStarted{"solution-report", true}, at("2025-03-25T15:00:00+08:00"), "owner:provider");
  b.submit("solution-report", 2, {file("implementation-solution", "solution-v2.docx", 63488, '3')},
           at("2025-03-28T17:00:00+08:00"), "alex.obrien@contoso.example");
  b.add(engine::MilestoneDeemedAccepted{"solution-report", 2, b.lastDeadline()}, b.lastDeadline(), "system:deadline");
  b.add(engine::MilestoneStarted{"stage-progress-report", false}, at("2025-04-08T09:00:00+08:00"), "owner:provider");
  b.submit("stage-progress-report", 1, {file("stage-progress-report", "stage-progress.docx", 36864, '4')},
           at("2025-05-06T12:00:00+08:00"), "alex.obrien@contoso.example");
  b.add(engine::MilestoneAccepted{{"stage-progress-report", 1, "alex.obrien@contoso.example", "2001:db8::20", ua,
                                   {fakeSha('4')}, "Good progress."}},
        at("2025-05-08T09:45:00+08:00"), "link:alex.obrien@contoso.example");
  b.add(engine::MilestoneStarted{"summary-report", false}, at("2025-05-08T10:00:00+08:00"), "owner:provider");
  b.submit("summary-report", 1, {file("summary-report", "summary.docx", 28672, '5')},
           at("2025-05-20T16:00:00+08:00"), "alex.obrien@contoso.example");
  b.add(engine::MilestoneAccepted{{"summary-report", 1, "alex.obrien@contoso.example", "198.51.100.20", ua,
                                   {fakeSha('5')}, ""}},
        at("2025-05-21T11:30:00+08:00"), "link:alex.obrien@contoso.example");
  b.add(engine::MilestoneStarted{"project-acceptance", false}, at("2025-05-22T09:00:00+08:00"), "owner:provider");
  b.submit("project-acceptance", 1, {file("acceptance-report", "acceptance-report.docx", 30720, '6')},
           at("2025-05-23T10:00:00+08:00"), "alex.obrien@contoso.example", "escalate");
  b.add(engine::MilestoneEscalated{"project-acceptance", 1, b.lastDeadline()}, b.lastDeadline(), "system:deadline");
  return b.finish("managed-services");
}

DocFixture remoteOpsSupport() {
  auto workflow = catalog().workflow("remote-ops-support");
  if (!workflow) throw std::runtime_error("remote-ops-support workflow missing");
  Builder b("eng-ops-0004", workflow, shanghaiCalendar());
  b.add(engine::EngagementCreated{"remote-ops-support", workflow->version, "",
                                  "Remote O&M support 2025", "=Fabrikam Retail Group",
                                  "Huawei Cloud",
                                  {{"provider", {"Zhao Lei", "zhao.lei@provider.example"}},
                                   {"customer", {"Sam Lee", "sam.lee@fabrikam.example"}}},
                                  day("2025-04-01"), "test-shanghai"},
        at("2025-03-28T10:00:00+08:00"), "owner:provider");
  b.add(engine::EngagementActivated{}, at("2025-04-01T09:00:00+08:00"), "owner:provider");
  return b.finish("remote-ops-support");
}

}  // namespace sowflow::testing
