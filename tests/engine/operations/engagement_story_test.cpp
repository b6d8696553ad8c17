#include <algorithm>

#include "engine_fixture.hpp"

using namespace sowflow::test;

namespace {

std::size_t count(const std::vector<StoredEvent>& events, const std::string& type) {
  return static_cast<std::size_t>(std::count_if(events.begin(), events.end(),
                                                [&](const StoredEvent& e) { return e.type == type; }));
}

}  // namespace

SCENARIO("a chaos-drill premium engagement is driven from draft to completed", "[engine][operations]") {
  EngineFixture f;
  GIVEN("a draft premium engagement") {
    const auto id = f.create("chaos-drill", "premium");
    REQUIRE(f.engine->find(id)->state == EngagementState::draft);
    WHEN("it is activated and every milestone is submitted and accepted") {
      f.run(id, ActivateEngagement{});
      REQUIRE(f.engine->find(id)->stage == Stage::survey);
      f.driveToCompletion(id);
      THEN("it is completed, every milestone accepted, and each stage was entered once") {
        const auto e = *f.engine->find(id);
        const auto events = f.journal(id);
        INFO(compactJournal(events));
        CHECK(e.state == EngagementState::completed);
        for (const auto& m : e.milestones) CHECK(m.state == MilestoneState::accepted);
        CHECK(count(events, "EngagementStageEntered") == 3);
        CHECK(count(events, "EngagementCompleted") == 1);
        CHECK(e.headHash == events.back().hash);
      }
    }
  }
}

TEST_CASE("the premium edition adds drill training to the responsibility matrix", "[engine][operations]") {
  EngineFixture f;
  const auto activities = [](const Engagement& e) {
    std::vector<std::string> ids;
    for (const auto& a : e.workflow->activities) {
      if (inEdition(a.editions, e.edition)) ids.push_back(a.id);
    }
    return ids;
  };
  const auto premium = activities(*f.engine->find(f.create("chaos-drill", "premium")));
  const auto professional = activities(*f.engine->find(f.create("chaos-drill", "professional")));
  CHECK(std::count(premium.begin(), premium.end(), "drill-training") == 1);
  CHECK(std::count(professional.begin(), professional.end(), "drill-training") == 0);
}

namespace {

// Two independent milestones in different stages, one that may overlap, and
// one whose silence escalates instead of being deemed accepted.
constexpr const char* kGateWorkflow = R"(<?xml version="1.0" encoding="UTF-8"?>
<workflow id="gate-test" version="1" language="en" calendar="cn-mainland" kind="one-off" title="Gate test" source="tests">
  <parties><party id="provider" title="P"/><party id="customer" title="C"/></parties>
  <phases>
    <phase id="survey" stage="survey" title="Survey"/>
    <phase id="delivery" stage="delivery" title="Delivery"/>
    <phase id="close" stage="acceptance" title="Close"/>
  </phases>
  <activities>
    <activity id="a" phase="survey" title="A"><assign party="provider" role="R"/><assign party="customer" role="S"/></activity>
  </activities>
  <milestones>
    <milestone id="survey-report" phase="survey" title="Survey report">
      <deliverable id="report" title="Report" format="any"/>
      <acceptance window-working-days="2" on-silence="escalate"/>
    </milestone>
    <milestone id="delivery-report" phase="delivery" title="Delivery report">
      <deliverable id="delivery" title="Report" format="any"/>
    </milestone>
    <milestone id="early-notes" phase="delivery" title="Early notes" overlap="true">
      <deliverable id="notes" title="Notes" format="any"/>
    </milestone>
    <milestone id="close" phase="close" title="Close" final="true">
      <deliverable id="closing" title="Report" format="any"/>
    </milestone>
  </milestones>
</workflow>)";

void addGateWorkflow(EngineFixture& f) {
  auto loaded = loadDefinitionText(kGateWorkflow, "gate-test.xml");
  for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.toString());
  REQUIRE(loaded.workflow);
  f.catalog->add(loaded.workflow);
}

}  // namespace

TEST_CASE("a milestone of a later stage waits for its stage unless it may overlap", "[engine][operations]") {
  EngineFixture f;
  addGateWorkflow(f);
  const auto id = f.create("gate-test", "");
  f.run(id, ActivateEngagement{});
  f.run(id, StartMilestone{"delivery-report"});
  f.run(id, UploadDeliverable{"delivery-report", "delivery", "a.pdf", "application/pdf", "x"});
  const auto before = f.journal(id).size();
  const auto error = f.refused(id, SubmitMilestone{"delivery-report", {"chen@acme.example"}});
  CHECK(error.code == ErrorCode::invalid_state);
  CHECK_THAT(error.message, Catch::Contains("stage 'delivery'") && Catch::Contains("stage 'survey'"));
  CHECK(f.journal(id).size() == before);
  CHECK(f.submit(id, "early-notes") == 1);
}

TEST_CASE("a window whose rule is escalate ends escalated, and rework settles it", "[engine][operations]") {
  EngineFixture f;
  addGateWorkflow(f);
  const auto id = f.create("gate-test", "");
  f.run(id, ActivateEngagement{});
  f.submit(id, "survey-report");
  f.clock.advance(std::chrono::hours{24 * 10});
  CHECK(f.engine->endDueWindows(f.clock.now()) == 1);
  CHECK(f.engine->find(id)->findMilestone("survey-report")->state == MilestoneState::escalated);
  CHECK(f.engine->find(id)->stage == Stage::survey);
  CHECK(f.submit(id, "survey-report") == 2);
  f.accept(id, "survey-report");
  CHECK(f.engine->find(id)->stage == Stage::delivery);
}

TEST_CASE("managed services: the acceptance report waits for reports 1-4", "[engine][operations]") {
  EngineFixture f;
  const auto id = f.create("managed-services", "");
  f.run(id, ActivateEngagement{});
  const std::string last = f.engine->find(id)->milestones.back().id;
  f.run(id, StartMilestone{last});
  for (const auto& d : f.engine->find(id)->workflow->findMilestone(last)->deliverables) {
    f.run(id, UploadDeliverable{last, d.id, "report.docx", "application/octet-stream", "x"});
  }
  const auto error = f.refused(id, SubmitMilestone{last, {"chen@acme.example"}});
  CHECK(error.code == ErrorCode::invalid_state);
  const auto engagement = *f.engine->find(id);
  for (const auto& m : engagement.milestones) {
    if (m.id != last) CHECK_THAT(error.message, Catch::Contains(m.id));
  }
}

TEST_CASE("submitting needs every deliverable slot filled", "[engine][operations]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  const auto first = f.engine->find(id)->milestones.front().id;
  f.run(id, StartMilestone{first});
  const auto error = f.refused(id, SubmitMilestone{first, {"chen@acme.example"}});
  CHECK(error.code == ErrorCode::invalid_argument);
}

SCENARIO("an objection is reworked and the next version is accepted", "[engine][operations]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  const auto m = f.engine->find(id)->milestones.front().id;
  REQUIRE(f.submit(id, m) == 1);
  const auto firstVersion = f.decision(id, m, false);
  f.run(id, firstVersion);
  CHECK(f.engine->find(id)->findMilestone(m)->state == MilestoneState::objected);
  WHEN("the provider reworks and resubmits") {
    f.run(id, StartMilestone{m});
    REQUIRE(f.submit(id, m) == 2);
    THEN("a decision naming version 1 is refused and version 2 can be accepted") {
      auto stale = firstVersion;
      stale.kind = DecideMilestone::Kind::accept;
      CHECK(f.refused(id, stale).code == ErrorCode::invalid_state);
      f.accept(id, m);
      const auto progress = *f.engine->find(id)->findMilestone(m);
      CHECK(progress.state == MilestoneState::accepted);
      CHECK(progress.submissions.size() == 2);
      CHECK(progress.submissions[0].decision->kind == Decision::Kind::objected);
      CHECK(progress.submissions[0].decision->record.comment == "Please add the failure mode library.");
    }
  }
}

TEST_CASE("the same decision twice is answered without a new event and a conflicting one is refused",
          "[engine][operations]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  const auto m = f.engine->find(id)->milestones.front().id;
  f.submit(id, m);
  const auto accept = f.decision(id, m, true);
  f.run(id, accept);
  const auto before = f.journal(id).size();
  CHECK(f.run(id, accept).events.empty());
  CHECK(f.refused(id, f.decision(id, m, false)).code == ErrorCode::invalid_state);
  CHECK(f.journal(id).size() == before);
}

TEST_CASE("cancelling needs a reason and ends the engagement", "[engine][operations]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "enterprise");
  CHECK(f.refused(id, CancelEngagement{"  "}).where == "reason");
  f.run(id, CancelEngagement{"Customer withdrew the purchase order"});
  CHECK(f.engine->find(id)->state == EngagementState::cancelled);
  CHECK(f.refused(id, ActivateEngagement{}).code == ErrorCode::invalid_state);
}

TEST_CASE("creating an engagement validates every field and names it", "[engine][operations]") {
  EngineFixture f;
  CreateEngagement good{"chaos-drill", "premium", "T", "C", "P",
                        {{"provider", {"Pat", "pat@p.example"}}, {"customer", {"Chen", "chen@c.example"}}},
                        *parseDate("2025-01-20")};
  auto bad = good;
  bad.workflow = "no-such-workflow";
  CHECK(f.engine->create(bad, "t").error().where == "workflow");
  bad = good;
  bad.edition = "";
  CHECK(f.engine->create(bad, "t").error().where == "edition");
  bad = good;
  bad.owners[1].owner.email = "not-an-email";
  CHECK(f.engine->create(bad, "t").error().where == "owners.customer.email");
  bad = good;
  bad.owners.pop_back();
  CHECK(f.engine->create(bad, "t").error().where == "owners.customer");
  CHECK(f.store->engagementIds().empty());
}

TEST_CASE("a project owner change needs the workflow's notice in working days", "[engine][operations]") {
  EngineFixture f;  // now: Monday 2025-01-20 09:00 Asia/Shanghai
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  // 3 working days after Monday 2025-01-20 is Thursday 2025-01-23.
  const auto early = f.refused(id, ChangeOwner{"provider", {"Lee", "lee@p.example"}, *parseDate("2025-01-22")});
  CHECK(early.code == ErrorCode::invalid_state);
  CHECK_THAT(early.message, Catch::Contains("2025-01-23"));
  f.run(id, ChangeOwner{"provider", {"Lee", "lee@p.example"}, *parseDate("2025-01-23")});
  const auto e = *f.engine->find(id);
  CHECK(e.ownerOn("provider", *parseDate("2025-01-22"))->name == "Pat Provider");
  CHECK(e.ownerOn("provider", *parseDate("2025-01-23"))->name == "Lee");
}
