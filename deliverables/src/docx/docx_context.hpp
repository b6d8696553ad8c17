// Builds the data docx templates see from the document model.
#pragma once

#include "docx/mustache.hpp"
#include "model/document_model.hpp"

namespace sowflow::deliverables::detail {

mustache::Value milestoneContext(const DocMilestone& milestone, const DocumentModel& model);
// `focusMilestone` (an id, may be empty) fills the {{#milestone}} section.
mustache::Value documentContext(const DocumentModel& model, const std::string& focusMilestone);

}  // namespace sowflow::deliverables::detail
