// The public entry points: build the document model once, hand it to the
// generator for the format. renderDeliverable is the data-driven path: the
// workflow's deliverable names its template id and format (SPEC §4, issue 4
// item 6), so a new docx document is a template file plus a workflow line.
#include <cstdlib>

#include "docx/docx_writer.hpp"
#include "ics/calendar_ics.hpp"
#include "model/document_model.hpp"
#include "mspdi/plan_mspdi.hpp"
#include "sowflow/deliverables/deliverables.hpp"
#include "xlsx/xlsx_generators.hpp"

#ifndef SOWFLOW_DEFAULT_TEMPLATES_DIR
#define SOWFLOW_DEFAULT_TEMPLATES_DIR "templates"
#endif

namespace sowflow::deliverables {
namespace {

using detail::buildDocumentModel;

// Engagement ids are engine-made, but a filename must never carry a path.
std::string safeName(std::string text) {
  for (char& c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) c = '_';
  }
  return text;
}

}  // namespace

std::filesystem::path defaultTemplatesDirectory() {
  if (const char* env = std::getenv("SOWFLOW_TEMPLATES"); env && *env) return env;
  return SOWFLOW_DEFAULT_TEMPLATES_DIR;
}

engine::Result<Document> acceptanceReportXlsx(const RenderContext& context) {
  auto model = buildDocumentModel(context);
  if (!model) return model.error();
  return detail::renderAcceptanceXlsx(model.value(), context.calendar);
}

engine::Result<Document> acceptanceReportDocx(const RenderContext& context) {
  auto model = buildDocumentModel(context);
  if (!model) return model.error();
  return detail::renderDocx(model.value(), context.templatesDir, "acceptance-report", "",
                            safeName(model->engagementId) + "-acceptance-report.docx");
}

engine::Result<Document> planMspdi(const RenderContext& context) {
  auto model = buildDocumentModel(context);
  if (!model) return model.error();
  return detail::renderPlanMspdi(model.value(), context.calendar);
}

engine::Result<Document> calendarIcs(const RenderContext& context) {
  auto model = buildDocumentModel(context);
  if (!model) return model.error();
  return detail::renderCalendarIcs(model.value(), context.calendar);
}

engine::Result<Document> renderDeliverable(const RenderContext& context, const std::string& milestoneId,
                                           const std::string& deliverableId) {
  auto model = buildDocumentModel(context);
  if (!model) return model.error();
  const detail::DocDeliverable* deliverable = nullptr;
  for (const auto& ms : model->milestones) {
    if (ms.id != milestoneId) continue;
    for (const auto& d : ms.deliverables) {
      if (d.id == deliverableId) deliverable = &d;
    }
  }
  if (!deliverable) {
    return engine::makeError(engine::ErrorCode::invalid_argument,
                             "Expected deliverable '" + deliverableId + "' of milestone '" + milestoneId +
                                 "' in engagement '" + model->engagementId + "', found none",
                             milestoneId);
  }
  if (deliverable->templateId.empty()) {
    return engine::makeError(engine::ErrorCode::invalid_argument,
                             "Expected deliverable '" + deliverableId + "' to name a template; it is uploaded by hand",
                             deliverableId);
  }
  const std::string filename = safeName(model->engagementId + "-" + milestoneId + "-" + deliverable->templateId) +
                               "." + (deliverable->format == "xlsx" ? "xlsx" : "docx");
  if (deliverable->format == "xlsx") {
    if (deliverable->templateId == "acceptance-report") {
      auto doc = detail::renderAcceptanceXlsx(model.value(), context.calendar);
      if (doc) doc->filename = filename;
      return doc;
    }
    // Any other xlsx template is a form described as data.
    const auto definition = context.templatesDir / "documents" / "forms" / (deliverable->templateId + ".form.xml");
    auto form = detail::loadFormDefinition(definition);
    if (!form) {
      if (form.error().code != engine::ErrorCode::not_found) return form.error();
      return engine::makeError(engine::ErrorCode::not_found,
                               "Expected xlsx template '" + deliverable->templateId +
                                   "' to be acceptance-report or a form at " + definition.string(),
                               deliverableId);
    }
    return detail::renderForm(model.value(), context.templatesDir, form.value(), filename);
  }
  if (deliverable->format != "docx") {
    return engine::makeError(engine::ErrorCode::invalid_argument,
                             "Expected format docx or xlsx for deliverable '" + deliverableId + "', found '" +
                                 deliverable->format + "'",
                             deliverableId);
  }
  return detail::renderDocx(model.value(), context.templatesDir, deliverable->templateId, milestoneId, filename);
}

std::vector<std::string> checkTemplates(const engine::Workflow& workflow,
                                        const std::filesystem::path& templatesDir) {
  std::vector<std::string> problems;
  const auto languageDir = templatesDir / "documents" / workflow.language;
  if (!std::filesystem::exists(languageDir / "labels.txt")) {
    problems.push_back("language '" + workflow.language + "' has no " + (languageDir / "labels.txt").string());
  }
  for (const auto& milestone : workflow.milestones) {
    for (const auto& d : milestone.deliverables) {
      if (d.documentTemplate.empty()) continue;
      const std::string slot = "deliverable '" + d.id + "' of milestone '" + milestone.id + "' names " + d.format +
                               " template '" + d.documentTemplate + "'";
      if (d.format == "docx") {
        const auto file = languageDir / (d.documentTemplate + ".document.xml");
        if (!std::filesystem::exists(file)) problems.push_back(slot + ", but there is no " + file.string());
        continue;
      }
      if (d.format != "xlsx" || d.documentTemplate == "acceptance-report") continue;
      const auto file = templatesDir / "documents" / "forms" / (d.documentTemplate + ".form.xml");
      const auto form = detail::loadFormDefinition(file);
      if (!form) {
        problems.push_back(form.error().code == engine::ErrorCode::not_found
                               ? slot + ", but there is no " + file.string()
                               : slot + ": " + form.error().message);
        continue;
      }
      if (!form->items.empty() && !std::filesystem::exists(languageDir / form->items)) {
        problems.push_back(slot + ", whose items file " + (languageDir / form->items).string() + " does not exist");
      }
    }
  }
  return problems;
}

}  // namespace sowflow::deliverables
