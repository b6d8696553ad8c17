// The documents of SPEC §4 for one engagement, shared by the HTTP exports and
// `sowflow export` so both give the same bytes.
// Failures: not_found for an unknown engagement, internal when its calendar
// is missing, else whatever the generator reports.
// Thread-safety: reentrant (the Engine is thread-safe).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "sowflow/deliverables/deliverables.hpp"
#include "sowflow/engine/engine.hpp"

namespace sowflow::server {

enum class ExportFormat { xlsx, docx, mspdi, ics };

// "xlsx", "docx", "mspdi", "ics".
std::optional<ExportFormat> parseExportFormat(std::string_view text);

engine::Result<deliverables::Document> exportEngagement(const engine::Engine& engine,
                                                        const std::string& engagementId,
                                                        ExportFormat format,
                                                        const std::filesystem::path& templatesDir);

// The portfolio workbook (every engagement and its open acceptance windows)
// streamed to `out`, in `language` ("en" or "zh-CN"), as of the engine's
// clock. Shared by GET /api/v1/exports/portfolio.xlsx and
// `sowflow export --format portfolio`.
engine::Status exportPortfolio(const engine::Engine& engine, const std::filesystem::path& out,
                               const std::string& language, const std::filesystem::path& templatesDir);

// A deliverable slot rendered from its template (POST .../generate).
engine::Result<deliverables::Document> renderSlot(const engine::Engine& engine,
                                                  const engine::Engagement& engagement,
                                                  const std::string& milestone,
                                                  const std::string& deliverable,
                                                  const std::filesystem::path& templatesDir);

}  // namespace sowflow::server
