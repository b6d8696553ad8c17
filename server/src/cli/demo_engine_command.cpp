// `sowflow demo-engine`: drives a chaos-drill premium engagement through the
// engine on a simulated clock (an objection and rework, a deemed acceptance
// across the 2025 Spring Festival) and prints its journal. A way to see the
// engine work without the server.
#include <iomanip>
#include <iostream>

#include "cli/subcommand.hpp"
#include "sowflow/engine/engine.hpp"

namespace sowflow::server::cli {
namespace {

using namespace sowflow::engine;

struct Demo {
  Engine& engine;
  ManualClock& clock;
  std::string id;

  void run(const Command& command, const std::string& actor = "owner:demo") {
    auto result = engine.execute(id, command, actor);
    if (!result) throw std::runtime_error(std::string(commandName(command)) + ": " + result.error().message);
  }

  void submit(const std::string& milestone) {
    const auto e = *engine.find(id);
    if (e.findMilestone(milestone)->state != MilestoneState::in_progress) run(StartMilestone{milestone});
    for (const auto& d : e.workflow->findMilestone(milestone)->deliverables) {
      if (!inEdition(d.editions, e.edition)) continue;
      run(UploadDeliverable{milestone, d.id, d.id + "." + (d.format == "any" ? "pdf" : d.format),
                            "application/octet-stream", "Demo content of " + d.title});
    }
    run(SubmitMilestone{milestone, {"customer@example.com"}});
  }

  void decide(const std::string& milestone, bool accept) {
    const auto* m = engine.find(id)->findMilestone(milestone);
    DecideMilestone d{accept ? DecideMilestone::Kind::accept : DecideMilestone::Kind::object, {}};
    d.record = {milestone, m->version(), "customer@example.com", "198.51.100.4", "demo-browser/1.0", {}, ""};
    for (const auto& f : m->current()->files) d.record.sha256Shown.push_back(f.sha256);
    if (!accept) d.record.comment = "Please cover the failure mode library in more depth.";
    run(d, "customer:customer@example.com");
  }
};

}  // namespace

int demoEngineMain(const std::vector<std::string>& args) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("db", "", "store URL (default memory:)").required(false).argument("URL"));
  auto parsed = parseOptions("demo-engine", "[--db URL]",
                             "Drive a demo chaos-drill engagement through the engine and print its journal.",
                             options, args);
  if (!parsed) return kExitUsage;
  if (parsed->helpShown) return kExitOk;

  std::vector<Diagnostic> diagnostics;
  auto catalog = Catalog::loadDirectory(defaultWorkflowsDirectory(), &diagnostics);
  for (const auto& d : diagnostics) std::cerr << d.toString() << "\n";
  if (!catalog) return kExitFailed;
  auto store = openStore(parsed->get("db", "memory:"));
  if (!store) {
    std::cerr << "sowflow demo-engine: " << store.error().message << "\n";
    return kExitFailed;
  }
  ManualClock clock(*parseInstant("2025-01-24T15:00:00+08:00"));
  Engine engine(std::shared_ptr<Store>(std::move(store.value())),
                std::make_shared<Catalog>(std::move(catalog.value())), clock);
  if (auto opened = engine.open(); !opened) {
    std::cerr << "sowflow demo-engine: " << opened.error().message << "\n";
    return kExitFailed;
  }
  auto created = engine.create({"chaos-drill", "premium", "Chaos drill for Example Retail", "Example Retail Ltd",
                                "Huawei Cloud",
                                {{"provider", {"Li Wei", "li.wei@provider.example"}},
                                 {"customer", {"Anna Schmidt", "anna@example.com"}}},
                                *parseDate("2025-01-24")},
                               "owner:demo");
  if (!created) {
    std::cerr << "sowflow demo-engine: " << created.error().message << "\n";
    return kExitFailed;
  }
  Demo demo{engine, clock, created->engagement().id};
  demo.run(ActivateEngagement{});
  const auto milestones = engine.find(demo.id)->milestones;
  for (std::size_t i = 0; i < milestones.size(); ++i) {
    const auto& m = milestones[i].id;
    demo.submit(m);
    if (i == 0) {  // silence across the Spring Festival: deemed accepted at the deadline
      clock.set(*parseInstant("2025-02-10T09:00:00+08:00"));
      engine.endDueWindows(clock.now());
      continue;
    }
    clock.advance(std::chrono::hours{26});
    if (i == 1) {  // an objection, rework and a second version
      demo.decide(m, false);
      clock.advance(std::chrono::hours{24});
      demo.submit(m);
      clock.advance(std::chrono::hours{5});
    }
    demo.decide(m, true);
    clock.advance(std::chrono::hours{48});
  }

  const auto engagement = *engine.find(demo.id);
  const auto calendar = engine.catalog().calendar(engagement.calendar);
  std::cout << "engagement " << engagement.id << " (" << engagement.workflow->title << ", "
            << engagement.edition << "): " << toString(engagement.state) << "\n\n";
  for (const auto& e : engine.store().load(demo.id)) {
    std::cout << std::setw(3) << e.seq << "  " << calendar->formatInstant(e.effectiveAt) << "  "
              << std::left << std::setw(24) << e.type << std::right << "  " << e.actor << "  "
              << e.hash.substr(0, 12) << "\n";
  }
  const auto broken = verifyChain(engine.store().load(demo.id));
  std::cout << "\nhash chain: " << (broken ? "BROKEN at " + std::to_string(broken->seq) : "verified")
            << ", head " << engagement.headHash << "\n";
  return broken ? kExitFailed : kExitOk;
}

}  // namespace sowflow::server::cli
