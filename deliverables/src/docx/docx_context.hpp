// Builds the mustache context for docx templates from the document model.
//
// Every map in the context is a shared mstch::object (a Record), not an
// mstch::map: mstch 1.0.2 copies the node of every section item it enters
// (render_context::push) and the root when rendering starts, so a map of a
// 200-milestone report was deep-copied thousands of times per render. A
// shared_ptr node copies as a pointer. Each milestone is built once; the
// phases list and {{#milestone}} share it. Arrays are built on first
// lookup (a template that never names the trail does not pay for it).
// The context refers to `model`: render it while the model is alive. A
// section must not be nested in a section of the same name on the same
// record (mstch::object hands out a reference to a per-name cache).
#pragma once

#include <mstch/mstch.hpp>

#include "model/document_model.hpp"

namespace sowflow::deliverables::detail {

mstch::node milestoneContext(const DocMilestone& milestone, const DocumentModel& model);
// `focusMilestone` (an id, may be empty) fills the {{#milestone}} section.
mstch::node documentContext(const DocumentModel& model, const std::string& focusMilestone);

}  // namespace sowflow::deliverables::detail
