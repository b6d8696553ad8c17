// docx packaging: renders <lang>/<template>.document.xml with mstch (partials
// are the <lang>/_*.xml files, named without the underscore), checks that the
// result is well-formed XML, and zips it with the language's styles.xml and
// the fixed OPC parts below. Content types and relationships are listed here
// once, so the three files always agree.
#include <algorithm>

#include <mstch/mstch.hpp>
#include <pugixml.hpp>

#include "common/xlsx_workbook.hpp"
#include "docx/docx_context.hpp"
#include "docx/docx_writer.hpp"
#include "sowflow/deliverables/mustache_partials.hpp"

namespace sowflow::deliverables::detail {
namespace {

constexpr const char* kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

constexpr const char* kContentTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

constexpr const char* kRootRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

constexpr const char* kDocumentRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

constexpr const char* kApp =
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>sowflow</Application></Properties>";

std::string escapeXml(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string coreProperties(const DocumentModel& m, const std::string& title) {
  // SPEC §4: the only time is one from the engagement's data.
  const std::string stamp = engine::formatInstantUtc(m.stamp);
  return std::string(kXmlHead) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
         "<dc:title>" + escapeXml(title) + "</dc:title><dc:language>" + escapeXml(m.language) +
         "</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">" + stamp +
         "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + stamp +
         "</dcterms:modified></cp:coreProperties>";
}

engine::Result<std::map<std::string, std::string>> loadPartials(const std::filesystem::path& dir) {
  std::map<std::string, std::string> partials;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.size() > 5 && name[0] == '_' && entry.path().extension() == ".xml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto text = readFile(file);
    if (!text) return text.error();
    // A partial's final newline would land inside the including run's text.
    while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
    partials[file.stem().string().substr(1)] = std::move(text.value());
  }
  return partials;
}

bool safeTemplateId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

engine::Result<Document> renderDocx(const DocumentModel& m, const std::filesystem::path& templatesDir,
                                    const std::string& templateId, const std::string& focusMilestone,
                                    const std::string& filename) {
  if (!safeTemplateId(templateId)) {
    return engine::makeError(engine::ErrorCode::invalid_argument,
                             "Expected a template id of [a-z0-9-], found '" + templateId + "'");
  }
  const auto dir = templatesDir / "documents" / m.language;
  const auto templateFile = dir / (templateId + ".document.xml");
  if (!std::filesystem::exists(templateFile)) {
    return engine::makeError(engine::ErrorCode::not_found,
                             "Expected a document template at " + templateFile.string() + ", found none");
  }
  auto body = readFile(templateFile);
  if (!body) return body.error();
  auto styles = readFile(dir / "styles.xml");
  if (!styles) return styles.error();
  auto partials = loadPartials(dir);
  if (!partials) return partials.error();

  std::string document =
      mstch::render(body.value(), documentContext(m, focusMilestone),
                    reachablePartials(body.value(), partials.value()));
  pugi::xml_document check;
  const auto parsed = check.load_buffer(document.data(), document.size());
  if (!parsed) {
    return engine::makeError(engine::ErrorCode::internal,
                             templateFile.string() + ": rendered XML is not well-formed at offset " +
                                 std::to_string(parsed.offset) + ": " + parsed.description());
  }
  const std::string& title = m.title;
  auto zip = zipEntries({{"[Content_Types].xml", kXmlHead + std::string(kContentTypes)},
                         {"_rels/.rels", kXmlHead + std::string(kRootRels)},
                         {"docProps/app.xml", kXmlHead + std::string(kApp)},
                         {"docProps/core.xml", coreProperties(m, title)},
                         {"word/_rels/document.xml.rels", kXmlHead + std::string(kDocumentRels)},
                         {"word/document.xml", std::move(document)},
                         {"word/styles.xml", std::move(styles.value())}});
  if (!zip) return zip.error();
  return Document{filename, kDocxContentType, std::move(zip.value())};
}

}  // namespace sowflow::deliverables::detail
