#include "app/engagement_exports.hpp"

namespace sowflow::server {

namespace {

using engine::ErrorCode;
using engine::makeError;

engine::Result<engine::CalendarPtr> calendarFor(const engine::Engine& engine,
                                                const engine::Engagement& engagement) {
  auto calendar = engine.catalog().calendar(engagement.calendar);
  if (!calendar) {
    return makeError(ErrorCode::internal,
                     "engagement " + engagement.id + " uses calendar '" + engagement.calendar +
                         "', which is not loaded");
  }
  return calendar;
}

}  // namespace

std::optional<ExportFormat> parseExportFormat(std::string_view text) {
  if (text == "xlsx") return ExportFormat::xlsx;
  if (text == "docx") return ExportFormat::docx;
  if (text == "mspdi") return ExportFormat::mspdi;
  if (text == "ics") return ExportFormat::ics;
  return std::nullopt;
}

engine::Result<deliverables::Document> exportEngagement(const engine::Engine& engine,
                                                        const std::string& engagementId,
                                                        ExportFormat format,
                                                        const std::filesystem::path& templatesDir) {
  const auto engagement = engine.snapshot(engagementId);
  if (!engagement) {
    return makeError(ErrorCode::not_found, "Expected an existing engagement, found no '" +
                                               engagementId.substr(0, 100) + "'");
  }
  auto calendar = calendarFor(engine, *engagement);
  if (!calendar) return calendar.error();
  const deliverables::RenderContext context{*engagement, **calendar,
                                            engine.store().load(engagementId), templatesDir};
  switch (format) {
    case ExportFormat::xlsx: return deliverables::acceptanceReportXlsx(context);
    case ExportFormat::docx: return deliverables::acceptanceReportDocx(context);
    case ExportFormat::mspdi: return deliverables::planMspdi(context);
    case ExportFormat::ics: return deliverables::calendarIcs(context);
  }
  return makeError(ErrorCode::invalid_argument, "unknown export format", "format");
}

engine::Status exportPortfolio(const engine::Engine& engine, const std::filesystem::path& out,
                               const std::string& language, const std::filesystem::path& templatesDir) {
  if (language != "en" && language != "zh-CN") {
    return makeError(ErrorCode::invalid_argument,
                     "Expected lang to be 'en' or 'zh-CN', found '" + language.substr(0, 20) + "'", "lang");
  }
  deliverables::PortfolioOptions options;
  options.asOf = engine.clock().now();
  options.language = language;
  options.templatesDir = templatesDir;
  const auto& catalog = engine.catalog();
  return deliverables::portfolioXlsx(
      deliverables::portfolioRows(engine.snapshots(),
                                  [&catalog](const std::string& id) { return catalog.calendar(id); }),
      out, options);
}

engine::Result<deliverables::Document> renderSlot(const engine::Engine& engine,
                                                  const engine::Engagement& engagement,
                                                  const std::string& milestone,
                                                  const std::string& deliverable,
                                                  const std::filesystem::path& templatesDir) {
  auto calendar = calendarFor(engine, engagement);
  if (!calendar) return calendar.error();
  const deliverables::RenderContext context{engagement, **calendar,
                                            engine.store().load(engagement.id), templatesDir};
  return deliverables::renderDeliverable(context, milestone, deliverable);
}

}  // namespace sowflow::server
