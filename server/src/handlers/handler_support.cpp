#include "handlers/handler_support.hpp"

#include "json/engagement_json.hpp"

namespace sowflow::server {

const engine::WorkingDayCalendar* calendarOf(const ServerContext& context,
                                             const engine::Engagement& engagement) {
  return context.engine.catalog().calendar(engagement.calendar).get();
}

engine::Date todayFor(const ServerContext& context, const engine::Engagement& engagement) {
  const auto now = context.clock.now();
  if (const auto* calendar = calendarOf(context, engagement)) return calendar->localDate(now);
  return date::floor<date::days>(now);
}

std::shared_ptr<const engine::Engagement> findEngagementOr404(ServerContext& context,
                                                               Exchange& exchange,
                                                               const std::string& id) {
  auto engagement = context.engine.snapshot(id);
  if (!engagement) exchange.sendError(notFound("engagement", id));
  return engagement;
}

void sendEngagement(ServerContext& context, Exchange& exchange, int status,
                    const engine::Engagement& engagement) {
  exchange.sendJsonText(status, json::engagementJson(engagement, calendarOf(context, engagement),
                                                      todayFor(context, engagement)));
}

engine::Error notFound(const std::string& what, const std::string& id) {
  return engine::makeError(engine::ErrorCode::not_found,
                           "Expected an existing " + what + ", found no " + what + " '" +
                               id.substr(0, 100) + "'",
                           id.substr(0, 100));
}

}  // namespace sowflow::server
