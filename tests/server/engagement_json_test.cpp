// The directly written engagement JSON is byte for byte what Poco's own
// stringify makes of it (so switching from Poco::JSON trees changed nothing
// on the wire), for an engagement with awkward text and a recorded decision.
#include <catch2/catch.hpp>

#include <sstream>

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include "json/engagement_json.hpp"
#include "json/json_writer.hpp"
#include "sowflow/engine/engine.hpp"

namespace sowflow::server {

namespace {

std::string throughPoco(const std::string& text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // keep key order
  const auto value = parser.parse(text);
  std::ostringstream out;
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    value.extract<Poco::JSON::Array::Ptr>()->stringify(out);
  } else {
    value.extract<Poco::JSON::Object::Ptr>()->stringify(out);
  }
  return out.str();
}

}  // namespace

TEST_CASE("the JSON writer escapes and separates exactly as Poco does", "[server][json]") {
  json::JsonWriter out;
  out.beginObject();
  out.key("plain").value("abc");
  out.key("quote\"key").value("a\"b\\c/d\n\t\x01 验收 \x7f");
  out.key("numbers").beginArray().value(0).value(std::int64_t{-42}).value(std::int64_t{1234567890123}).endArray();
  out.key("flags").beginArray().value(true).value(false).null().endArray();
  out.key("empty_object").beginObject().endObject();
  out.key("empty_array").beginArray().endArray();
  out.key("nested").beginArray().beginObject().key("a").value("x").endObject().beginObject().endObject().endArray();
  out.endObject();
  CHECK(out.str() == throughPoco(out.str()));
}

TEST_CASE("engagement JSON written directly matches Poco's stringify", "[server][json]") {
  auto store = engine::openStore("memory:");
  REQUIRE(store);
  std::shared_ptr<engine::Store> shared(std::move(*store));
  auto catalog = engine::Catalog::loadDirectory(std::string(SOWFLOW_SOURCE_DIR) + "/workflows");
  REQUIRE(catalog);
  auto sharedCatalog = std::make_shared<const engine::Catalog>(std::move(*catalog));
  engine::ManualClock clock(*engine::parseInstant("2026-09-29T10:00:00+08:00"));
  engine::Engine engine(shared, sharedCatalog, clock);
  REQUIRE(engine.open());

  engine::CreateEngagement create;
  create.workflow = "chaos-drill";
  create.edition = "premium";
  create.title = "Title with \"quotes\", a back\\slash, a/slash and 中文";
  create.customer = "Customer <b>&</b>\ttab";
  create.provider = "Provider \u00e9";
  create.owners = {{"provider", {"P \"x\"", "p@provider.example"}},
                   {"customer", {"C", "c@customer.example"}}};
  create.start = *engine::parseDate("2026-09-21");
  auto created = engine.create(create, "test");
  REQUIRE(created);
  const auto id = created->engagement().id;
  const std::string m = "capability-status-survey";
  engine::DecisionRecord record;
  record.milestone = m;
  record.version = 1;
  record.recipient = "cto@customer.example";
  record.comment = "ok \"fine\"\nsecond line / 好";
  for (const engine::Command& command :
       {engine::Command{engine::ActivateEngagement{}}, engine::Command{engine::StartMilestone{m}},
        engine::Command{engine::UploadDeliverable{m, "survey-form", "survey \"1\".xlsx",
                                                  "application/octet-stream", "bytes", false}},
        engine::Command{engine::SubmitMilestone{m, {"cto@customer.example"}}}}) {
    REQUIRE(engine.execute(id, command, "test"));
  }
  const auto beforeDecision = engine.find(id);
  REQUIRE(beforeDecision);
  REQUIRE(engine.execute(id, engine::DecideMilestone{engine::DecideMilestone::Kind::accept, record},
                         "customer"));
  const auto afterDecision = engine.find(id);
  REQUIRE(afterDecision);

  for (const auto* engagement : {&*beforeDecision, &*afterDecision}) {
    const auto* calendar = sharedCatalog->calendar(engagement->calendar).get();
    for (const char* today : {"2026-09-29", "2020-01-01"}) {
      CAPTURE(today);
      const auto text = json::engagementJson(*engagement, calendar, *engine::parseDate(today));
      CHECK(text == throughPoco(text));
      CHECK(text.find("\"milestones\":[{\"id\":") != std::string::npos);
    }
    const auto utc = json::engagementJson(*engagement, nullptr, *engine::parseDate("2026-09-29"));
    CHECK(utc == throughPoco(utc));
  }
  CHECK(json::engagementJson(*afterDecision, nullptr, *engine::parseDate("2026-09-29"))
            .find("\"decision\":{\"state\":\"accepted\"") != std::string::npos);
}

}  // namespace sowflow::server
