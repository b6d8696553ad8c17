// ReplayStateTest: drive a scenario, rebuild from the journal, compare every field.
#include "engine_fixture.hpp"

using namespace sowflow::test;

namespace {

void compareFiles(const std::vector<DeliverableFile>& a, const std::vector<DeliverableFile>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].deliverable == b[i].deliverable);
    CHECK(a[i].filename == b[i].filename);
    CHECK(a[i].contentType == b[i].contentType);
    CHECK(a[i].size == b[i].size);
    CHECK(a[i].sha256 == b[i].sha256);
  }
}

void compareSubmission(const Submission& a, const Submission& b) {
  CHECK(a.version == b.version);
  CHECK(a.submittedAt == b.submittedAt);
  CHECK(a.submittedBy == b.submittedBy);
  compareFiles(a.files, b.files);
  CHECK(a.recipients == b.recipients);
  CHECK(a.deadline == b.deadline);
  CHECK(a.deadlineLocalDate == b.deadlineLocalDate);
  CHECK(a.provisional == b.provisional);
  CHECK(a.onSilence == b.onSilence);
  CHECK(a.calendarRevision == b.calendarRevision);
  REQUIRE(a.decision.has_value() == b.decision.has_value());
  if (!a.decision) return;
  CHECK(a.decision->kind == b.decision->kind);
  CHECK(a.decision->at == b.decision->at);
  CHECK(a.decision->actor == b.decision->actor);
  CHECK(a.decision->record.recipient == b.decision->record.recipient);
  CHECK(a.decision->record.ip == b.decision->record.ip);
  CHECK(a.decision->record.userAgent == b.decision->record.userAgent);
  CHECK(a.decision->record.sha256Shown == b.decision->record.sha256Shown);
  CHECK(a.decision->record.comment == b.decision->record.comment);
}

void compareEngagements(const Engagement& a, const Engagement& b) {
  CHECK(a.id == b.id);
  CHECK(a.workflow == b.workflow);
  CHECK(a.edition == b.edition);
  CHECK(a.title == b.title);
  CHECK(a.customer == b.customer);
  CHECK(a.provider == b.provider);
  CHECK(a.calendar == b.calendar);
  CHECK(a.start == b.start);
  CHECK(a.state == b.state);
  CHECK(a.stage == b.stage);
  CHECK(a.cancelReason == b.cancelReason);
  CHECK(a.createdAt == b.createdAt);
  CHECK(a.activatedAt == b.activatedAt);
  CHECK(a.closedAt == b.closedAt);
  CHECK(a.lastSeq == b.lastSeq);
  CHECK(a.headHash == b.headHash);
  REQUIRE(a.owners.size() == b.owners.size());
  for (const auto& [party, records] : a.owners) {
    const auto& other = b.owners.at(party);
    REQUIRE(records.size() == other.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      CHECK(records[i].owner.name == other[i].owner.name);
      CHECK(records[i].owner.email == other[i].owner.email);
      CHECK(records[i].effective == other[i].effective);
    }
  }
  REQUIRE(a.milestones.size() == b.milestones.size());
  for (std::size_t i = 0; i < a.milestones.size(); ++i) {
    const auto& x = a.milestones[i];
    const auto& y = b.milestones[i];
    CAPTURE(x.id);
    CHECK(x.id == y.id);
    CHECK(x.state == y.state);
    CHECK(x.startedAt == y.startedAt);
    CHECK(x.closedAt == y.closedAt);
    REQUIRE(x.slots.size() == y.slots.size());
    for (const auto& [slot, file] : x.slots) compareFiles({file}, {y.slots.at(slot)});
    REQUIRE(x.submissions.size() == y.submissions.size());
    for (std::size_t s = 0; s < x.submissions.size(); ++s) compareSubmission(x.submissions[s], y.submissions[s]);
  }
}

}  // namespace

TEST_CASE("an engagement rebuilt from its journal equals the live one, field by field",
          "[engine][operations][replay]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  f.run(id, ChangeOwner{"customer", {"Wang", "wang@acme.example"}, *parseDate("2025-02-20")});
  const auto milestones = f.engine->find(id)->milestones;
  f.submit(id, milestones[0].id);
  f.run(id, f.decision(id, milestones[0].id, false));  // objection, rework, resubmission
  f.run(id, StartMilestone{milestones[0].id});
  f.submit(id, milestones[0].id);
  f.accept(id, milestones[0].id);
  f.submit(id, milestones[1].id);  // silence: deemed accepted at its deadline
  f.clock.advance(std::chrono::hours{24 * 30});
  REQUIRE(f.engine->endDueWindows(f.clock.now()) == 1);
  f.submit(id, milestones[2].id);  // left open

  const auto live = *f.engine->find(id);
  Engine rebuilt(f.store, f.catalog, f.clock);
  REQUIRE(rebuilt.open().ok());
  INFO(compactJournal(f.journal(id)));
  compareEngagements(live, *rebuilt.find(id));
  CHECK(rebuilt.openWindows().size() == 1);
}

TEST_CASE("engagements whose events interleave in the journal rebuild as the live ones",
          "[engine][operations][replay]") {
  // Enough events for several of open()'s read batches (256 rows), with the
  // engagements' events interleaved milestone by milestone.
  EngineFixture f;
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) {
    ids.push_back(f.create("chaos-drill", "premium"));
    f.run(ids.back(), ActivateEngagement{});
  }
  const auto milestones = f.engine->find(ids.front())->milestones;
  for (const auto& m : milestones) {
    for (const auto& id : ids) {
      f.submit(id, m.id);
      f.accept(id, m.id);
    }
  }
  std::size_t events = 0;
  for (const auto& id : ids) events += f.journal(id).size();
  REQUIRE(events > 2 * 256);

  Engine rebuilt(f.store, f.catalog, f.clock);
  REQUIRE(rebuilt.open().ok());
  for (const auto& id : ids) {
    CAPTURE(id);
    compareEngagements(*f.engine->find(id), *rebuilt.find(id));
  }
}

TEST_CASE("every event kind has an applier that records its sequence", "[engine][operations][replay]") {
  // shouldRegisterApplierForAllIntents: a new kind without an applier fails to compile
  // in apply()'s visitor; this walks every alternative at run time as well.
  Event event;
  for (std::size_t i = 0; i < std::variant_size_v<Event>; ++i) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((i == I ? (event = std::variant_alternative_t<I, Event>{}, 0) : 0), ...);
    }(std::make_index_sequence<std::variant_size_v<Event>>{});
    Engagement e;
    StoredEvent stored;
    stored.seq = static_cast<std::int64_t>(i) + 1;
    stored.hash = "h" + std::to_string(i);
    apply(e, stored, event, nullptr);
    CAPTURE(eventType(event));
    CHECK(e.lastSeq == stored.seq);
    CHECK(e.headHash == stored.hash);
  }
}
