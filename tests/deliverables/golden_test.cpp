// Golden files: every document of each fixture must equal its file in
// tests/golden/ byte for byte (SPEC §4: same state, same bytes). Intended
// changes are accepted with scripts/approve.
#include <catch2/catch.hpp>

#include "support/documents.hpp"

using namespace sowflow::testing;

TEST_CASE("every document of an engagement matches its golden file byte for byte",
          "[deliverables][golden]") {
  for (const auto& fixture : {chaosDrillPremium(), tamServiceZh(), managedServices(), remoteOpsSupport()}) {
    for (const auto& named : renderAll(fixture)) {
      CAPTURE(named.golden);
      CHECK(compareWithGolden(named.golden, named.document.bytes) == "");
    }
  }
}

TEST_CASE("rendering the same state twice gives identical bytes", "[deliverables][golden]") {
  const auto fixture = chaosDrillPremium();
  const auto first = renderAll(fixture);
  const auto second = renderAll(fixture);
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CAPTURE(first[i].golden);
    CHECK(first[i].document.bytes == second[i].document.bytes);
    CHECK(first[i].document.filename == second[i].document.filename);
  }
}
