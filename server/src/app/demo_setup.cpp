#include "app/demo_setup.hpp"

#include <sstream>

namespace sowflow::server {

namespace {

using engine::ErrorCode;
using engine::makeError;

constexpr const char* kDemoWorkflow = "chaos-drill";
constexpr const char* kDemoTitle = "Demo: chaos drill (premium)";

std::string premiumEdition(const engine::Workflow& workflow) {
  for (const auto& edition : workflow.editions) {
    if (edition.id.find("premium") != std::string::npos) return edition.id;
  }
  return workflow.editions.empty() ? std::string() : workflow.editions.back().id;
}

}  // namespace

engine::Result<std::string> setUpDemo(SowflowServer& server) {
  auto& engine = server.engine();
  std::string engagementId;
  for (const auto& engagement : engine.list()) {
    if (engagement.workflow->id == kDemoWorkflow && engagement.title == kDemoTitle) {
      engagementId = engagement.id;
    }
  }
  if (engagementId.empty()) {
    const auto workflow = engine.catalog().workflow(kDemoWorkflow);
    if (!workflow) return makeError(ErrorCode::not_found, "the chaos-drill workflow is not loaded");
    engine::CreateEngagement command;
    command.workflow = kDemoWorkflow;
    command.edition = premiumEdition(*workflow);
    command.title = kDemoTitle;
    command.customer = "Example Customer Ltd.";
    command.provider = "Example Cloud Services";
    for (const auto& party : workflow->parties) {
      command.owners.push_back(engine::PartyOwner{
          party.id, engine::Owner{party.title + " project owner", party.id + "-owner@example.com"}});
    }
    const auto calendar = engine.catalog().calendar(workflow->calendar);
    const auto now = engine.clock().now();
    command.start = calendar ? calendar->localDate(now) : date::floor<date::days>(now);
    auto created = engine.create(command, "admin:demo");
    if (!created) return created.error();
    engagementId = created->engagement().id;
    auto activated = engine.execute(engagementId, engine::ActivateEngagement{}, "admin:demo");
    if (!activated) return activated.error();
  }
  auto token = server.tokens().createToken("demo", Role::owner, engine.clock().now());
  if (!token) return token.error();
  const std::string& base = server.publicUrl();
  std::ostringstream out;
  out << "\nDemo ready.\n"
      << "  owner token (shown once): " << *token << "\n"
      << "  log in:          " << base << "/login\n"
      << "  dashboard:       " << base << "/\n"
      << "  engagement page: " << base << "/engagements/" << engagementId << "\n"
      << "  API example:     curl -H 'Authorization: Bearer " << *token << "' " << base
      << "/api/v1/engagements/" << engagementId << "\n\n";
  return out.str();
}

}  // namespace sowflow::server
