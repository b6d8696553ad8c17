// The journal's bytes are a contract (docs/journal-format.md): stored chains
// must keep verifying after any change to the writer. These payloads and the
// chain head were produced by the codec before the fast writer replaced the
// sorting one, and are checked here byte for byte; the fast writer is also
// compared with the generic CanonicalObject rebuilt from the parsed payload,
// and the hand-written payload parser is checked on valid and broken JSON.
#include <catch2/catch.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "journal/canonical_json.hpp"
#include "sample_events.hpp"

using namespace sowflow::engine;
using sowflow::engine::testing::kEventKinds;
using sowflow::engine::testing::sampleByIndex;
using sowflow::engine::testing::sealedChain;

namespace {

// Canonical text of any JSON value via the generic, sorting writer.
std::string canonicalOf(const Poco::Dynamic::Var& value) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  if (value.type() == typeid(Object::Ptr)) {
    detail::CanonicalObject out;
    for (const auto& [key, member] : *value.extract<Object::Ptr>()) out.raw(key, canonicalOf(member));
    return out.str();
  }
  if (value.type() == typeid(Array::Ptr)) {
    std::vector<std::string> elements;
    for (const auto& element : *value.extract<Array::Ptr>()) elements.push_back(canonicalOf(element));
    return detail::jsonArray(elements);
  }
  if (value.isBoolean()) return detail::jsonBool(value.extract<bool>());
  if (value.isInteger()) return detail::jsonInteger(value.convert<std::int64_t>());
  return detail::jsonString(value.convert<std::string>());
}

}  // namespace

TEST_CASE("every event kind's payload bytes are the pinned canonical bytes", "[engine][journal]") {
  // clang-format off
  const std::vector<std::string> pinned = {
      R"json({"calendar":"cn-mainland","customer":"Acme Bank","edition":"standard","owners":[{"owner":{"email":"li@ops.example","name":"Li Lei"},"party":"provider"},{"owner":{"email":"ann@acme.example","name":"Ann"},"party":"customer"}],"provider":"Ops Ltd","start":"2025-02-10","title":"Drill 2025 — 混沌演练","workflow":"chaos-drill","workflow_version":3})json",
      R"json({})json",
      R"json({"reason":"budget \"frozen\""})json",
      R"json({"stage":"design"})json",
      R"json({})json",
      R"json({"effective":"2025-03-03","owner":{"email":"bob@acme.example","name":"Bob"},"party":"customer"})json",
      R"json({"milestone":"m2","rework":true})json",
      R"json({"file":{"content_type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","deliverable":"d1","filename":"d1 report \"final\".docx","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":123456789012},"generated":true,"milestone":"m2"})json",
      R"json({"calendar":"cn-mainland","calendar_revision":"2025-01-02","deadline":"2025-02-14T16:00:00Z","deadline_local_date":"2025-02-14","files":[{"content_type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","deliverable":"d1","filename":"d1 report \"final\".docx","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":123456789012},{"content_type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","deliverable":"d2","filename":"d2 report \"final\".docx","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":123456789012}],"milestone":"m3","on_silence":"escalate","provisional":true,"recipients":["a@x.example","b@x.example"],"version":2,"window_working_days":7})json",
      R"json({"comment":"Looks good.\u000aSigned: 张伟 \\ \u0009 ok","ip":"203.0.113.7","milestone":"m3","recipient":"buyer@example.com","sha256_shown":["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"],"user_agent":"Mozilla/5.0 (X11)","version":2})json",
      R"json({"comment":"Looks good.\u000aSigned: 张伟 \\ \u0009 ok","ip":"203.0.113.7","milestone":"m3","recipient":"buyer@example.com","sha256_shown":["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"],"user_agent":"Mozilla/5.0 (X11)","version":2})json",
      R"json({"deadline":"2025-02-14T16:00:00Z","milestone":"m3","version":2})json",
      R"json({"deadline":"2025-03-14T16:00:00Z","milestone":"m4","version":3})json",
  };
  // clang-format on
  REQUIRE(pinned.size() == kEventKinds);
  for (std::size_t index = 0; index < kEventKinds; ++index) {
    const std::string payload = encodePayload(sampleByIndex(index));
    CAPTURE(index, payload);
    CHECK(payload == pinned[index]);
    Poco::JSON::Parser parser;
    CHECK(canonicalOf(parser.parse(payload)) == payload);
  }
}

TEST_CASE("a sealed chain of every kind keeps its pinned hashes", "[engine][journal]") {
  const auto chain = sealedChain("eng-0123456789abcdef", 13);
  CHECK(chain.front().hash == "cf31ba983024575e5b7a4d95c4765fa196e2f8f43a5f047321bb246f7d5003b5");
  CHECK(chain[8].hash == "6275a9d584eae45f3507e4629b8fbadfff811b27f08535c0840f51489f19c013");
  CHECK(chain.back().hash == "92a7fdbbc6ea45166645e98b12e09ca96c1dd0cd27b2eb53a4eeb9c9b5e5d391");
  CHECK_FALSE(verifyChain(chain).has_value());
}

TEST_CASE("the payload parser reads any valid JSON, not only the canonical form", "[engine][journal]") {
  const std::string spaced =
      " { \"rework\" : true ,\n\t\"extra\": [1, -2.5e3, null, {\"x\": {}}, []],\r\n"
      "  \"milestone\" : \"m\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/ \\n\" } ";
  const auto decoded = decodeEvent("MilestoneStarted", 1, spaced);
  REQUIRE(decoded.ok());
  const auto& started = std::get<MilestoneStarted>(*decoded);
  CHECK(started.milestone == "m\xC3\xA9 \xF0\x9F\x98\x80 \"q\" / \n");
  CHECK(started.rework);
}

TEST_CASE("the payload parser refuses malformed JSON saying what and where", "[engine][journal]") {
  struct Case {
    std::string payload, what;
  };
  // clang-format off
  const std::vector<Case> cases = {
    {"", "unexpected end of input at byte 0"},
    {R"({"milestone":"m","rework":true} x)", "unexpected text after the value at byte 32"},
    {R"({"milestone":"m","rework":tru})", "expected 'true'"},
    {R"({"milestone":"m" "rework":true})", "expected ',' or '}'"},
    {R"({"milestone":"m",})", "expected a member name in double quotes"},
    {R"({milestone:"m"})", "expected a member name in double quotes at byte 1"},
    {R"({"milestone":"m\x"})", "invalid escape '\\x'"},
    {R"({"milestone":"\ud800"})", "unpaired surrogate"},
    {R"({"milestone":"m","rework":01})", "leading zero"},
    {"{\"milestone\":\"a\nb\"}", "control character in a string"},
    {"{\"milestone\":\"\xFF\"}", "invalid UTF-8"},
    {R"({"milestone":"m)", "unterminated string"},
    {std::string(100, '[') + std::string(100, ']'), "nested deeper than 64"},
  };
  // clang-format on
  for (const auto& c : cases) {
    CAPTURE(c.payload);
    const auto decoded = decodeEvent("MilestoneStarted", 1, c.payload);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::invalid_argument);
    CHECK_THAT(decoded.error().message, Catch::Contains("MilestoneStarted v1 payload: payload is not valid JSON") &&
                                            Catch::Contains(c.what));
  }
  SECTION("numbers the codec cannot hold are refused by field") {
    const auto big = decodeEvent("MilestoneDeemedAccepted", 1,
                                 R"({"milestone":"m","version":99999999999999999999,"deadline":"2025-01-01T00:00:00Z"})");
    REQUIRE_FALSE(big.ok());
    CHECK_THAT(big.error().message, Catch::Contains("'version' is out of range"));
  }
}
