// Prepares a store for bench/http_bench.sh (not a timed benchmark itself):
// N chaos-drill engagements, each with its first milestone submitted at
// 2026-09-29T10:00+08:00 and one acceptance link, plus an owner token.
//   http_fixture_bench DB_URL N TOKENS_FILE PUBLIC_URL
// Writes one link token per line to TOKENS_FILE and prints
// "engagement=ID owner_token=TOKEN" on stdout. Run the server afterwards with
// --test-clock=2026-09-29T12:00:00+08:00 so every window is open.
#include <chrono>
#include <fstream>
#include <iostream>

#include "auth/token_service.hpp"
#include "links/acceptance_links.hpp"
#include "sowflow/engine/engine.hpp"

using namespace sowflow;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: http_fixture_bench DB_URL N TOKENS_FILE PUBLIC_URL\n";
    return 2;
  }
  const int count = std::stoi(argv[2]);
  auto store = engine::openStore(argv[1]);
  if (!store) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  std::shared_ptr<engine::Store> shared(std::move(*store));
  auto catalog = engine::Catalog::loadDirectory(std::string(SOWFLOW_SOURCE_DIR) + "/workflows");
  if (!catalog) {
    std::cerr << catalog.error().message << "\n";
    return 1;
  }
  engine::ManualClock clock(*engine::parseInstant("2026-09-29T10:00:00+08:00"));
  engine::Engine engine(shared, std::make_shared<const engine::Catalog>(std::move(*catalog)), clock);
  if (!engine.open()) return 1;
  server::AcceptanceLinks links(*shared, argv[4]);
  std::ofstream tokens(argv[3]);
  std::string firstId;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    engine::CreateEngagement create;
    create.workflow = "chaos-drill";
    create.edition = "premium";
    create.title = "Bench engagement " + std::to_string(i);
    create.customer = "Customer " + std::to_string(i);
    create.provider = "Provider";
    create.owners = {{"provider", {"P", "p@provider.example"}}, {"customer", {"C", "c@customer.example"}}};
    create.start = *engine::parseDate("2026-09-21");
    auto created = engine.create(create, "bench");
    if (!created) {
      std::cerr << created.error().message << "\n";
      return 1;
    }
    const auto id = created->engagement().id;
    if (firstId.empty()) firstId = id;
    const std::string m = "capability-status-survey";
    for (const engine::Command& command :
         {engine::Command{engine::ActivateEngagement{}}, engine::Command{engine::StartMilestone{m}},
          engine::Command{engine::UploadDeliverable{m, "survey-form", "survey.xlsx",
                                                    "application/octet-stream",
                                                    "survey bytes " + std::to_string(i), false}},
          engine::Command{engine::SubmitMilestone{m, {"cto@customer.example"}}}}) {
      auto result = engine.execute(id, command, "bench");
      if (!result) {
        std::cerr << id << ": " << result.error().message << "\n";
        return 1;
      }
    }
    const auto engagement = engine.find(id);  // keep the copy alive while reading it
    const auto* submission = engagement->findMilestone(m)->current();
    auto issued = links.issue(id, m, submission->version, {"cto@customer.example"}, submission->deadline);
    if (!issued) return 1;
    tokens << issued->front().token << "\n";
  }
  server::TokenService owners(*shared, std::chrono::hours(12));
  const auto token = owners.createToken("bench", server::Role::owner, clock.now());
  std::cerr << "prepared " << count << " engagements in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s\n";
  std::cout << "engagement=" << firstId << " owner_token=" << *token << "\n";
  return 0;
}
