// Builds the mustache context for docx templates from the document model.
#pragma once

#include <mstch/mstch.hpp>

#include "model/document_model.hpp"

namespace sowflow::deliverables::detail {

mstch::map milestoneContext(const DocMilestone& milestone, const DocumentModel& model);
// `focusMilestone` (an id, may be empty) fills the {{#milestone}} section.
mstch::map documentContext(const DocumentModel& model, const std::string& focusMilestone);

}  // namespace sowflow::deliverables::detail
