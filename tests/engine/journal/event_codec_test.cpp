// The event codec: every kind round-trips through canonical JSON, the output
// is canonical, and bad payloads are refused naming the type and field.
#include <catch2/catch.hpp>

#include <set>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "journal/canonical_json.hpp"
#include "sample_events.hpp"

using namespace sowflow::engine;
using sowflow::engine::testing::kEventKinds;
using sowflow::engine::testing::sampleByIndex;

namespace {

// Counts an aggregate's members (Boost.PFR's trick): a struct that gains a
// field fails the table below until the codec and its docs are updated.
struct AnyField {
  template <class U>
  operator U&() const;  // NOLINT: only used in unevaluated contexts
};
template <class T, class... A>
constexpr std::size_t fieldCount() {
  if constexpr (requires { T{A{}..., AnyField{}}; }) {
    return fieldCount<T, A..., AnyField>();
  } else {
    return sizeof...(A);
  }
}

std::set<std::string> topLevelKeys(const std::string& json) {
  Poco::JSON::Parser parser;
  const auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  std::set<std::string> keys;
  for (const auto& [key, value] : *object) keys.insert(key);
  return keys;
}

}  // namespace

TEST_CASE("every event kind round-trips through its canonical payload", "[engine][journal]") {
  for (std::size_t index = 0; index < kEventKinds; ++index) {
    const Event original = sampleByIndex(index);
    CAPTURE(index, eventType(original));
    REQUIRE(original.index() == index);
    const std::string payload = encodePayload(original);
    CAPTURE(payload);
    const auto decoded = decodeEvent(eventType(original), eventSchemaVersion(original), payload);
    REQUIRE(decoded.ok());
    CHECK(decoded->index() == index);
    CHECK(encodePayload(*decoded) == payload);
    CHECK(eventSchemaVersion(original) == 1);
  }
}

TEST_CASE("every event kind's payload has exactly its documented fields", "[engine][journal]") {
  const std::vector<std::string> decision = {"comment", "ip", "milestone", "recipient",
                                             "sha256_shown", "user_agent", "version"};
  // clang-format off
  const std::vector<std::tuple<std::string, std::size_t, std::vector<std::string>>> table = {
    {"EngagementCreated", fieldCount<EngagementCreated>(),
     {"calendar", "customer", "edition", "owners", "provider", "start", "title", "workflow", "workflow_version"}},
    {"EngagementActivated", fieldCount<EngagementActivated>(), {}},
    {"EngagementCancelled", fieldCount<EngagementCancelled>(), {"reason"}},
    {"EngagementStageEntered", fieldCount<EngagementStageEntered>(), {"stage"}},
    {"EngagementCompleted", fieldCount<EngagementCompleted>(), {}},
    {"OwnerChanged", fieldCount<OwnerChanged>(), {"effective", "owner", "party"}},
    {"MilestoneStarted", fieldCount<MilestoneStarted>(), {"milestone", "rework"}},
    {"DeliverableUploaded", fieldCount<DeliverableUploaded>(), {"file", "generated", "milestone"}},
    {"MilestoneSubmitted", fieldCount<MilestoneSubmitted>(),
     {"calendar", "calendar_revision", "deadline", "deadline_local_date", "files", "milestone",
      "on_silence", "provisional", "recipients", "version", "window_working_days"}},
    {"MilestoneAccepted", fieldCount<DecisionRecord>(), decision},
    {"MilestoneObjected", fieldCount<DecisionRecord>(), decision},
    {"MilestoneDeemedAccepted", fieldCount<MilestoneDeemedAccepted>(), {"deadline", "milestone", "version"}},
    {"MilestoneEscalated", fieldCount<MilestoneEscalated>(), {"deadline", "milestone", "version"}},
  };
  // clang-format on
  REQUIRE(table.size() == kEventKinds);
  CHECK(fieldCount<DeliverableFile>() == 5);  // content_type deliverable filename sha256 size
  CHECK(fieldCount<Owner>() == 2);
  for (std::size_t index = 0; index < kEventKinds; ++index) {
    const auto& [type, fields, keys] = table[index];
    const Event event = sampleByIndex(index);
    CAPTURE(type);
    CHECK(eventType(event) == type);
    CHECK(fields == keys.size());
    CHECK(topLevelKeys(encodePayload(event)) == std::set<std::string>(keys.begin(), keys.end()));
  }
}

TEST_CASE("canonical JSON sorts keys by bytes and escapes only what JSON requires",
          "[engine][journal]") {
  using detail::CanonicalObject;
  CHECK(CanonicalObject().integer("b", -3).str("a", "x").boolean("B", true).str() ==
        R"({"B":true,"a":"x","b":-3})");
  CHECK(CanonicalObject().str("\xC3\xA9", "1").str("z", "2").str() ==
        "{\"z\":\"2\",\"\xC3\xA9\":\"1\"}");  // é (0xC3) sorts after z (0x7A)
  CHECK(detail::jsonString("a\"b\\c\n\x01/") == R"("a\"b\\c\u000a\u0001/")");
  CHECK(detail::jsonString("张伟 ✓") == "\"张伟 ✓\"");
  CHECK(detail::jsonString("bad \xFF byte") == "\"bad \xEF\xBF\xBD byte\"");
  CHECK(detail::jsonString("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  CHECK(encodePayload(MilestoneDeemedAccepted{"m1", 2, *parseInstant("2025-02-08T00:00:00+08:00")}) ==
        R"({"deadline":"2025-02-07T16:00:00Z","milestone":"m1","version":2})");
  CHECK(encodePayload(EngagementActivated{}) == "{}");
}

TEST_CASE("every byte value, at every place in the eight-byte blocks, ends a plain run exactly where it should",
          "[engine][journal]") {
  // plainAsciiPrefix checks eight bytes at a time; a byte that needs escaping
  // (or is not ASCII) must stop it at that byte, wherever it sits.
  const auto reference = [](std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      ++i;
    }
    return i;
  };
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string text(19, 'a');
      text[at] = static_cast<char>(byte);
      CAPTURE(byte, at);
      REQUIRE(detail::plainAsciiPrefix(text) == reference(text));
      for (const char later : {'"', '\x01', '\xff', '\\'}) {  // a second stop after it changes nothing
        std::string twice = text;
        if (at + 2 < twice.size()) twice[at + 2] = later;
        REQUIRE(detail::plainAsciiPrefix(twice) == reference(twice));
      }
      // and the writer built on it writes exactly the plain runs as they are
      const std::string json = detail::jsonString(text);
      if (byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\') {
        CHECK(json == "\"" + text + "\"");
      } else {
        CHECK(json != "\"" + text + "\"");
      }
    }
  }
  CHECK(detail::plainAsciiPrefix("") == 0);
  CHECK(detail::plainAsciiPrefix(std::string(64, '~')) == 64);
}

TEST_CASE("decoding refuses unknown kinds and versions, naming them", "[engine][journal]") {
  const auto unknownType = decodeEvent("MilestoneVanished", 1, "{}");
  REQUIRE_FALSE(unknownType.ok());
  CHECK(unknownType.error().code == ErrorCode::invalid_argument);
  CHECK_THAT(unknownType.error().message, Catch::Contains("MilestoneVanished"));

  const auto unknownVersion = decodeEvent("MilestoneStarted", 2, R"({"milestone":"m1","rework":false})");
  REQUIRE_FALSE(unknownVersion.ok());
  CHECK_THAT(unknownVersion.error().message, Catch::Contains("version 2") && Catch::Contains("MilestoneStarted"));
}

TEST_CASE("decoding a bad payload names the type and the field", "[engine][journal]") {
  struct Case {
    std::string type, payload, field;
  };
  // clang-format off
  const std::vector<Case> cases = {
    {"MilestoneStarted", R"({"milestone":"m1"})", "rework"},
    {"MilestoneStarted", R"({"milestone":7,"rework":false})", "milestone"},
    {"MilestoneStarted", R"({"milestone":"m1","rework":1})", "rework"},
    {"MilestoneDeemedAccepted", R"({"milestone":"m1","version":1.5,"deadline":"2025-01-01T00:00:00Z"})", "version"},
    {"MilestoneDeemedAccepted", R"({"milestone":"m1","version":1,"deadline":"tomorrow"})", "deadline"},
    {"MilestoneEscalated", R"({"milestone":"m1","version":99999999999,"deadline":"2025-01-01T00:00:00Z"})", "version"},
    {"OwnerChanged", R"({"party":"p","owner":{"name":"n"},"effective":"2025-01-01"})", "owner.email"},
    {"OwnerChanged", R"({"party":"p","owner":{"name":"n","email":"e"},"effective":"2025-02-30"})", "effective"},
    {"DeliverableUploaded", R"({"milestone":"m","generated":false,"file":[]})", "file"},
    {"MilestoneAccepted", R"({"milestone":"m","version":1,"recipient":"r","ip":"i","user_agent":"u","comment":"","sha256_shown":["a",3]})",
     "sha256_shown[1]"},
  };
  // clang-format on
  for (const auto& c : cases) {
    CAPTURE(c.type, c.payload);
    const auto decoded = decodeEvent(c.type, 1, c.payload);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::invalid_argument);
    CHECK(decoded.error().where == c.type + "." + c.field);
    CHECK_THAT(decoded.error().message, Catch::Contains(c.type) && Catch::Contains("'" + c.field + "'"));
  }
  SECTION("a payload that is not a JSON object") {
    for (const std::string payload : {"", "[1]", "{\"milestone\":", "null"}) {
      CAPTURE(payload);
      const auto decoded = decodeEvent("MilestoneStarted", 1, payload);
      REQUIRE_FALSE(decoded.ok());
      CHECK_THAT(decoded.error().message, Catch::Contains("MilestoneStarted"));
    }
  }
}
