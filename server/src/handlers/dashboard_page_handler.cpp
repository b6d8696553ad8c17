#include "handlers/dashboard_page_handler.hpp"

#include <algorithm>

#include "handlers/handler_support.hpp"
#include "json/engagement_json.hpp"

namespace sowflow::server {

namespace {
constexpr std::size_t kSoonestWindows = 20;
}  // namespace

void DashboardPageHandler::get(Exchange& exchange) {
  const auto now = context_.clock.now();
  mstch::array engagements;
  mstch::array escalations;
  for (const auto& snapshot : context_.engine.snapshots()) {
    const auto& engagement = *snapshot;
    engagements.push_back(mstch::map{
        {"id", engagement.id},
        {"title", engagement.title},
        {"workflow", engagement.workflow->title},
        {"customer", engagement.customer},
        {"state", std::string(engine::toString(engagement.state))},
        {"stage", engagement.stage ? std::string(engine::toString(*engagement.stage)) : std::string("-")},
    });
    for (const auto& milestone : engagement.milestones) {
      if (milestone.state != engine::MilestoneState::escalated) continue;
      const auto* definition = engagement.workflow->findMilestone(milestone.id);
      escalations.push_back(mstch::map{
          {"engagement_id", engagement.id},
          {"engagement", engagement.title},
          {"milestone", definition ? definition->title : milestone.id},
          {"deadline", json::formatInstant(milestone.current()->deadline, calendarOf(context_, engagement))},
      });
    }
  }
  auto windows = context_.engine.openWindows();
  std::sort(windows.begin(), windows.end(),
            [](const auto& a, const auto& b) { return a.deadline < b.deadline; });
  if (windows.size() > kSoonestWindows) windows.resize(kSoonestWindows);
  mstch::array soonest;
  for (const auto& window : windows) {
    const auto engagement = context_.engine.snapshot(window.engagementId);
    if (!engagement) continue;
    const auto* calendar = calendarOf(context_, *engagement);
    const auto* progress = engagement->findMilestone(window.milestone);
    const auto* definition = engagement->workflow->findMilestone(window.milestone);
    if (!progress || !progress->current()) continue;
    const auto& submission = *progress->current();
    const int left = calendar ? calendar->countWorkingDays(calendar->localDate(now),
                                                           submission.deadlineLocalDate)
                              : 0;
    soonest.push_back(mstch::map{
        {"engagement_id", engagement->id},
        {"engagement", engagement->title},
        {"milestone", definition ? definition->title : window.milestone},
        {"version", std::to_string(window.version)},
        {"deadline", json::formatInstant(window.deadline, calendar)},
        {"working_days_left", std::to_string(left)},
        {"overdue", window.deadline <= now},
        {"provisional", submission.provisional},
    });
  }
  const auto& principal = *exchange.principal;
  exchange.sendHtml(200, context_.pages.render("dashboard", mstch::map{
                                                                {"user", principal.name},
                                                                {"role", std::string(toString(principal.role))},
                                                                {"csrf", principal.csrfToken},
                                                                {"engagements", engagements},
                                                                {"windows", soonest},
                                                                {"escalations", escalations},
                                                                {"now", engine::formatInstantUtc(now)},
                                                            }));
}

}  // namespace sowflow::server
