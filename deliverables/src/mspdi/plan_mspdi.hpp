// MS Project XML generator (internal). Thread-safety: reentrant.
#pragma once

#include "model/document_model.hpp"

namespace sowflow::deliverables::detail {

engine::Result<Document> renderPlanMspdi(const DocumentModel& model,
                                         const engine::WorkingDayCalendar& calendar);

}  // namespace sowflow::deliverables::detail
