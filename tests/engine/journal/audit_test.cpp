// auditStore and the checkpoint file format (docs/journal-format.md).
#include <catch2/catch.hpp>

#include "sample_events.hpp"
#include "sowflow/engine/audit.hpp"

using namespace sowflow::engine;
using sowflow::engine::testing::sealedChain;

TEST_CASE("a checkpoint is written as text and read back", "[engine][journal]") {
  const Checkpoint heads = {{"eng 1 with spaces", {9, std::string(64, 'a')}},
                            {"eng-2", {1, std::string(64, 'b')}}};
  const std::string text = formatCheckpoint(heads);
  CHECK(text == "sowflow-checkpoint 1\n9 " + std::string(64, 'a') + " eng 1 with spaces\n1 " +
                    std::string(64, 'b') + " eng-2\n");
  const auto parsed = parseCheckpoint(text);
  REQUIRE(parsed.ok());
  CHECK(parsed->size() == 2);
  CHECK(parsed->at("eng 1 with spaces").seq == 9);
  CHECK(parsed->at("eng-2").hash == std::string(64, 'b'));
  CHECK(parseCheckpoint("sowflow-checkpoint 1\n# comment\n\n").ok());
}

TEST_CASE("a malformed checkpoint names the line", "[engine][journal]") {
  const std::string hash(64, 'c');
  // clang-format off
  const std::vector<std::pair<std::string, std::string>> cases = {
    {"", "line 0"},
    {"checkpoint\n", "line 1"},
    {"sowflow-checkpoint 1\n3 " + hash + "\n", "line 2"},
    {"sowflow-checkpoint 1\nx " + hash + " e1\n", "line 2: seq 'x'"},
    {"sowflow-checkpoint 1\n0 " + hash + " e1\n", "line 2: seq '0'"},
    {"sowflow-checkpoint 1\n3 ABC e1\n", "line 2: hash 'ABC'"},
    {"sowflow-checkpoint 1\n3 " + hash + " e1\n4 " + hash + " e1\n", "line 3: engagement e1 twice"},
  };
  // clang-format on
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    const auto parsed = parseCheckpoint(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == ErrorCode::invalid_argument);
    CHECK_THAT(parsed.error().message, Catch::StartsWith(message));
  }
  const auto missing = readCheckpointFile("/nonexistent/heads.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("/nonexistent/heads.txt"));
}

TEST_CASE("auditStore reports one line per broken chain, and can audit one engagement",
          "[engine][journal]") {
  auto store = std::move(openStore("memory:")).value();
  REQUIRE(store->append("a", 0, sealedChain("a", 4)).ok());
  REQUIRE(store->append("b", 0, sealedChain("b", 2)).ok());
  CHECK(auditStore(*store).empty());
  const Checkpoint heads = takeCheckpoint(*store);
  REQUIRE(heads.size() == 2);
  CHECK(heads.at("a").seq == 4);
  CHECK(heads.at("a").hash == store->head("a")->hash);
  CHECK(auditStore(*store, std::nullopt, heads).empty());
  CHECK(auditStore(*store, std::string("a"), heads).empty());

  SECTION("an engagement named but never stored") {
    const auto reports = auditStore(*store, std::string("ghost"));
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].engagementId == "ghost");
    CHECK_THAT(reports[0].problem.what, Catch::Contains("no events"));
  }
  SECTION("a checkpoint ahead of the store") {
    Checkpoint ahead = heads;
    ahead["b"] = ChainHead{5, std::string(64, 'd')};
    ahead["c"] = ChainHead{1, std::string(64, 'e')};
    const auto reports = auditStore(*store, std::nullopt, ahead);
    REQUIRE(reports.size() == 2);
    CHECK(reports[0].engagementId == "b");
    CHECK(reports[0].problem.what == "missing events after seq 2 (checkpoint head is seq 5)");
    CHECK(reports[1].engagementId == "c");
    CHECK(reports[1].problem.seq == 1);
    CHECK(auditStore(*store, std::string("a"), ahead).empty());
  }
}
