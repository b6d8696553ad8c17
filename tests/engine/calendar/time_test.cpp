// parseDate / formatDate / parseInstant / formatInstantUtc (time.hpp, SPEC §3 conventions).
#include <catch2/catch.hpp>

#include "sowflow/engine/time.hpp"

using namespace sowflow::engine;

TEST_CASE("parseDate accepts exactly YYYY-MM-DD of a real date", "[engine][calendar][time]") {
  auto [text, valid] = GENERATE(table<const char*, bool>({
      {"2025-01-24", true},   {"2024-02-29", true},  {"2025-12-31", true},
      {"0001-01-01", true},   {"9999-12-31", true},  {"2025-02-29", false},
      {"2025-02-30", false},  {"2025-13-01", false}, {"2025-00-10", false},
      {"2025-01-00", false},  {"2025-1-24", false},  {"2025-01-24 ", false},
      {" 2025-01-24", false}, {"2025/01/24", false}, {"20250124", false},
      {"+025-01-24", false},  {"2025-01-2x", false}, {"", false},
      {"2025-0:-24", false},  {"2025-01-/4", false}, {"-025-01-24", false},
      {"2025-01-24T00:00:00Z", false},
  }));
  CAPTURE(text);
  const auto parsed = parseDate(text);
  CHECK(parsed.has_value() == valid);
  if (parsed) CHECK(formatDate(*parsed) == text);
}

TEST_CASE("parseInstant reads RFC 3339 with an explicit offset", "[engine][calendar][time]") {
  // clang-format off
  auto [text, utc] = GENERATE(table<const char*, const char*>({
      {"2025-01-24T15:00:00+08:00",     "2025-01-24T07:00:00Z"},
      {"2025-01-24T07:00:00Z",          "2025-01-24T07:00:00Z"},
      {"2025-01-24t07:00:00z",          "2025-01-24T07:00:00Z"},
      {"2025-01-24T07:00:00.999Z",      "2025-01-24T07:00:00Z"},
      {"2025-01-24T02:00:00-05:00",     "2025-01-24T07:00:00Z"},
      {"2025-01-24T12:45:00+05:45",     "2025-01-24T07:00:00Z"},
      {"2025-01-01T01:00:00+08:00",     "2024-12-31T17:00:00Z"},
      {"2025-01-24T07:00:00-00:00",     "2025-01-24T07:00:00Z"},
  }));
  // clang-format on
  CAPTURE(text);
  const auto parsed = parseInstant(text);
  REQUIRE(parsed.has_value());
  CHECK(formatInstantUtc(*parsed) == utc);
}

TEST_CASE("parseInstant refuses instants without an offset or with bad fields",
          "[engine][calendar][time]") {
  const char* text = GENERATE("2025-01-24T15:00:00", "2025-01-24 15:00:00Z",
                              "2025-01-24T24:00:00Z", "2025-01-24T15:60:00Z",
                              "2025-01-24T15:00:61Z", "2025-01-24T15:00:00+0800",
                              "2025-01-24T15:00:00+24:00", "2025-01-24T15:00:00+08",
                              "2025-01-24T15:00:00.Z", "2025-02-30T15:00:00Z",
                              "2025-01-24T15:00:00Zjunk", "2025-01-24T15:00Z", "", "T",
                              // non-digits inside the numbers (digits are read by hand)
                              "2025-01-24T1 :00:00Z", "2025-01-24T-1:00:00Z", "2025-01-24T15:0+:00Z",
                              "2025-01-24T15:00:00+0a:00", "2025-01-24T15:00:00.1x2Z",
                              "2025-01-2\xd9T15:00:00Z", "2025-01-24T15:00:0/Z", "2025-01-24T15:00::0Z");
  CAPTURE(text);
  CHECK_FALSE(parseInstant(text).has_value());
}

TEST_CASE("formatInstantUtc round-trips through parseInstant", "[engine][calendar][time]") {
  const Instant at = Instant{Date{date::year{2025} / 2 / 8}} - std::chrono::hours{8};
  CHECK(formatInstantUtc(at) == "2025-02-07T16:00:00Z");
  CHECK(parseInstant(formatInstantUtc(at)) == at);
}
