#include "handlers/route_table.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

#include "handlers/acceptance_page_handler.hpp"
#include "handlers/calendars_handler.hpp"
#include "handlers/dashboard_page_handler.hpp"
#include "handlers/deliverables_handler.hpp"
#include "handlers/engagement_page_handler.hpp"
#include "handlers/engagements_handler.hpp"
#include "handlers/error_mapping.hpp"
#include "handlers/events_handler.hpp"
#include "handlers/exports_handler.hpp"
#include "handlers/health_handler.hpp"
#include "handlers/login_handler.hpp"
#include "handlers/metrics_handler.hpp"
#include "handlers/milestone_actions_handler.hpp"
#include "handlers/openapi_handler.hpp"
#include "handlers/owners_handler.hpp"
#include "handlers/stylesheet_handler.hpp"
#include "handlers/test_clock_handler.hpp"
#include "handlers/workflows_handler.hpp"

namespace sowflow::server {

namespace {

// A row: the handler is made per request with the context, then one of its
// actions runs.
template <class Handler>
Route row(const char* method, const char* pattern, Access access, const char* summary,
          void (Handler::*action)(Exchange&), bool page = false) {
  return Route{method, pattern, access, page, summary,
               [action](ServerContext& context, Exchange& exchange) {
                 Handler handler(context);
                 (handler.*action)(exchange);
               }};
}

const std::string kGet = "GET";

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::vector<Route> routes(const ServerConfig& config) {
  using A = Access;
  using Health = HealthHandler;
  using Engagements = EngagementsHandler;
  using Milestones = MilestoneActionsHandler;
  using Deliverables = DeliverablesHandler;
  using AcceptancePage = AcceptancePageHandler;
  // clang-format off
  std::vector<Route> table = {
    row("GET",  "/healthz",       A::open, "liveness",                     &Health::get),
    row("GET",  "/metrics",       A::open, "Prometheus metrics",           &MetricsHandler::get),
    row("GET",  "/openapi.json",  A::open, "this OpenAPI description",     &OpenApiHandler::get),
    row("GET",  "/static/sowflow.css", A::open, "the pages' stylesheet",  &StylesheetHandler::get),

    row("GET",  "/api/v1/workflows",      A::viewer, "list workflows",     &WorkflowsHandler::list),
    row("GET",  "/api/v1/workflows/{id}", A::viewer, "one workflow",       &WorkflowsHandler::get),
    row("GET",  "/api/v1/calendars/{id}/workdays", A::viewer, "working-day arithmetic",
        &CalendarsHandler::workdays),

    row("POST", "/api/v1/engagements",                 A::owner,  "create an engagement (draft)", &Engagements::create),
    row("GET",  "/api/v1/engagements",                 A::viewer, "list engagements",             &Engagements::list),
    row("GET",  "/api/v1/engagements/{id}",            A::viewer, "one engagement",               &Engagements::get),
    row("POST", "/api/v1/engagements/{id}/activate",   A::owner,  "draft -> active",              &Engagements::activate),
    row("POST", "/api/v1/engagements/{id}/cancel",     A::owner,  "cancel with a reason",         &Engagements::cancel),

    row("POST", "/api/v1/engagements/{id}/milestones/{mid}/start",    A::owner, "start or rework a milestone", &Milestones::start),
    row("POST", "/api/v1/engagements/{id}/milestones/{mid}/generate", A::owner, "render deliverables from templates", &Milestones::generate),
    row("POST", "/api/v1/engagements/{id}/milestones/{mid}/submit",   A::owner, "submit; issues acceptance links", &Milestones::submit),
    row("POST", "/api/v1/engagements/{id}/milestones/{mid}/links",    A::owner, "new acceptance links for the version awaiting a decision", &Milestones::links),
    row("PUT",  "/api/v1/engagements/{id}/milestones/{mid}/deliverables/{did}", A::owner,  "upload a deliverable file", &Deliverables::upload),
    row("GET",  "/api/v1/engagements/{id}/milestones/{mid}/deliverables/{did}", A::viewer, "download a deliverable file", &Deliverables::download),

    row("PUT",  "/api/v1/engagements/{id}/owners/{party}", A::owner,  "change a party's project owner", &OwnersHandler::put),
    row("GET",  "/api/v1/engagements/{id}/events",         A::viewer, "the engagement's event journal", &EventsHandler::list),

    row("GET",  "/api/v1/engagements/{id}/export/acceptance-report.xlsx", A::viewer, "acceptance report (xlsx)", &ExportsHandler::acceptanceReportXlsx),
    row("GET",  "/api/v1/engagements/{id}/export/acceptance-report.docx", A::viewer, "acceptance report (docx)", &ExportsHandler::acceptanceReportDocx),
    row("GET",  "/api/v1/engagements/{id}/export/plan.xml",               A::viewer, "plan (MS Project XML)",    &ExportsHandler::planXml),
    row("GET",  "/api/v1/engagements/{id}/export/calendar.ics",           A::viewer, "milestone dates (iCalendar)", &ExportsHandler::calendarIcs),
    row("GET",  "/api/v1/exports/portfolio.xlsx", A::viewer, "portfolio: every engagement and its open windows (xlsx; ?lang=en|zh-CN)", &ExportsHandler::portfolioXlsx),

    row("GET",  "/a/{token}",                    A::open, "the customer's acceptance page (HTML)", &AcceptancePage::get),
    row("POST", "/a/{token}/accept",             A::open, "accept the submitted version",          &AcceptancePage::accept),
    row("POST", "/a/{token}/object",             A::open, "object to the submitted version",       &AcceptancePage::object),
    row("GET",  "/a/{token}/files/{deliverable}", A::open, "download a submitted deliverable",      &AcceptancePage::download),

    row("GET",  "/login",                        A::open,   "login page (HTML)",               &LoginHandler::get),
    row("POST", "/login",                        A::open,   "turn an owner token into a session", &LoginHandler::post),
    row("POST", "/logout",                       A::viewer, "end the session",                 &LoginHandler::logout, true),
    row("GET",  "/",                             A::viewer, "dashboard (HTML)",                &DashboardPageHandler::get, true),
    row("GET",  "/engagements/{id}",             A::viewer, "engagement page (HTML)",          &EngagementPageHandler::get, true),
    row("POST", "/engagements/{id}/actions",     A::owner,  "engagement page action (form)",   &EngagementPageHandler::act, true),
  };
  // clang-format on
  if (config.testClock) {
    table.push_back(row("POST", "/api/v1/test-clock", A::owner,
                        "set the test clock and run due deadlines", &TestClockHandler::post));
  }
  return table;
}

namespace {

std::optional<RouteParams> matchSegments(const std::vector<std::string>& want,
                                         const std::vector<std::string>& have) {
  if (want.size() != have.size()) return std::nullopt;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& part = want[i];
    const bool placeholder = part.size() > 2 && part.front() == '{' && part.back() == '}';
    if (!placeholder && part != have[i]) return std::nullopt;
    if (placeholder && have[i].empty()) return std::nullopt;
  }
  RouteParams params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& part = want[i];
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      std::string decoded;
      try {
        Poco::URI::decode(have[i], decoded);
      } catch (const Poco::Exception&) {
        return std::nullopt;
      }
      params[part.substr(1, part.size() - 2)] = decoded;
    }
  }
  return params;
}

}  // namespace

std::optional<RouteParams> matchPattern(const std::string& pattern, const std::string& path) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  return matchSegments(split(pattern), split(path));
}

RouteTable::RouteTable(ServerContext& context)
    : context_(context), routes_(routes(context.config)) {
  // Patterns are split once here; a request's path once per request.
  for (const auto& route : routes_) segments_.push_back(split(route.pattern));
  notFound_ = Route{"*", "unmatched", Access::open, false, "", [](ServerContext&, Exchange& ex) {
                      ex.sendError(engine::makeError(engine::ErrorCode::not_found,
                                                     "No such endpoint: " + ex.request.getMethod() +
                                                         " " + ex.param("path")));
                    }};
  methodNotAllowed_ = Route{"*", "method_not_allowed", Access::open, false, "",
                            [](ServerContext&, Exchange& ex) {
                              ex.response.set("Allow", ex.param("allow"));
                              ex.sendJson(405, errorBody("method_not_allowed",
                                                         "Expected one of: " + ex.param("allow")));
                            }};
}

Poco::Net::HTTPRequestHandler* RouteTable::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  // Absolute-form targets ("GET http://host/a/x") route by their path.
  const std::string path = requestPath(request.getURI());
  const auto have = path.empty() || path[0] != '/' ? std::vector<std::string>{} : split(path);
  // HEAD is GET without the body (Poco's response sends no body for HEAD).
  const std::string& method = request.getMethod() == "HEAD" ? kGet : request.getMethod();
  std::string allow;
  for (std::size_t i = 0; i < routes_.size() && !have.empty(); ++i) {
    const auto& route = routes_[i];
    auto params = matchSegments(segments_[i], have);
    if (!params) continue;
    if (route.method == method) {
      return new RequestHandlerBase(context_, route, std::move(*params));
    }
    allow += (allow.empty() ? "" : ", ") + route.method;
  }
  if (!allow.empty()) {
    return new RequestHandlerBase(context_, methodNotAllowed_, RouteParams{{"allow", allow}});
  }
  // The raw path is echoed only for the 404 message, with anything shaped
  // like a link token masked wherever it appears (maskLinkTokens).
  return new RequestHandlerBase(context_, notFound_,
                                RouteParams{{"path", maskLinkTokens(path).substr(0, 200)}});
}

}  // namespace sowflow::server
