// docx rendering (internal): WordprocessingML from the mustache templates in
// templates/documents/<lang>/ (<id>.document.xml, partials _<name>.xml,
// styles.xml), packaged as a deterministic OPC zip.
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/document_model.hpp"

namespace sowflow::deliverables::detail {

inline constexpr const char* kDocxContentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// Renders template `templateId` for the model; `focusMilestone` (may be
// empty) becomes the {{#milestone}} section. not_found for a missing template.
engine::Result<Document> renderDocx(const DocumentModel& model, const std::filesystem::path& templatesDir,
                                    const std::string& templateId, const std::string& focusMilestone,
                                    const std::string& filename);

// A zip of (name, bytes) entries in the given order, every entry dated
// 1980-01-01 00:00 and deflated, so equal input gives equal bytes.
engine::Result<std::string> zipEntries(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace sowflow::deliverables::detail
