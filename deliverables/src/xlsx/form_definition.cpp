#include "xlsx/form_definition.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <pugixml.hpp>

namespace sowflow::deliverables::detail {
namespace {

constexpr int kMaxColumns = 50;
constexpr int kMaxBlankRows = 10000;
constexpr int kMaxItemField = 20;

// Reads one form file, naming file and line in every complaint.
class FormReader {
 public:
  FormReader(std::filesystem::path file, std::string text) : file_(std::move(file)), text_(std::move(text)) {}

  engine::Result<FormDefinition> read() {
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) return fail(lineOf(static_cast<std::size_t>(parsed.offset)), parsed.description());
    const auto root = doc.document_element();
    if (std::strcmp(root.name(), "form") != 0) {
      return fail(lineOf(root), "expected the root element <form>, found <" + std::string(root.name()) + ">");
    }
    FormDefinition form;
    if (auto ok = attributes(root, {"title", "sheet", "items", "rows"}); !ok) return ok.error();
    form.title = root.attribute("title").value();
    form.sheet = root.attribute("sheet").value();
    form.items = root.attribute("items").value();
    if (form.title.empty() || form.sheet.empty()) {
      return fail(lineOf(root), "<form> needs 'title' and 'sheet' (labels.txt keys)");
    }
    const bool hasRows = !root.attribute("rows").empty();
    if (form.items.empty() == !hasRows) {
      return fail(lineOf(root), "<form> takes either 'items' (an items file) or 'rows' (blank rows), one of them");
    }
    if (form.items.find_first_of("/\\") != std::string::npos || form.items.rfind("..", 0) == 0) {
      return fail(lineOf(root), "'items' must name a file in documents/<lang>/, found '" + form.items + "'");
    }
    if (hasRows) {
      auto rows = integer(root, "rows", 1, kMaxBlankRows);
      if (!rows) return rows.error();
      form.blankRows = *rows;
    }
    for (auto child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      if (std::strcmp(child.name(), "column") != 0) {
        return fail(lineOf(child), "expected <column>, found <" + std::string(child.name()) + ">");
      }
      auto column = readColumn(child, !form.items.empty());
      if (!column) return column.error();
      form.columns.push_back(std::move(*column));
    }
    if (form.columns.empty() || form.columns.size() > kMaxColumns) {
      return fail(lineOf(root), "a form has 1.." + std::to_string(kMaxColumns) + " <column> elements, found " +
                                    std::to_string(form.columns.size()));
    }
    return form;
  }

 private:
  engine::Result<FormColumn> readColumn(pugi::xml_node node, bool hasItems) {
    if (auto ok = attributes(node, {"label", "width", "fill", "wrap", "list", "type", "min"}); !ok) {
      return ok.error();
    }
    FormColumn column;
    column.label = node.attribute("label").value();
    if (column.label.empty()) return fail(lineOf(node), "<column> needs 'label' (a labels.txt key)");
    if (!node.attribute("width").empty()) {
      auto width = integer(node, "width", 1, 255);
      if (!width) return width.error();
      column.width = *width;
    }
    const std::string fill = node.attribute("fill").value();
    if (fill == "number") {
      column.fill = FormColumn::Fill::number;
    } else if (!fill.empty()) {
      auto field = itemField(node, "fill", hasItems);
      if (!field) return field.error();
      column.fill = FormColumn::Fill::item;
      column.fillField = *field;
    }
    const std::string wrap = node.attribute("wrap").value();
    if (!wrap.empty() && wrap != "true" && wrap != "false") {
      return fail(lineOf(node, "wrap"), "'wrap' must be true or false, found '" + wrap + "'");
    }
    column.wrap = wrap == "true";
    const std::string list = node.attribute("list").value();
    if (list.rfind("item:", 0) == 0) {
      auto field = itemField(node, "list", hasItems);
      if (!field) return field.error();
      column.listField = *field;
    } else if (!list.empty()) {
      const bool key = std::all_of(list.begin(), list.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      });
      if (!key) return fail(lineOf(node, "list"), "'list' must be a list.* key or item:N, found '" + list + "'");
      column.listKey = list;
    }
    const std::string type = node.attribute("type").value();
    if (!type.empty() && type != "text" && type != "date") {
      return fail(lineOf(node, "type"), "'type' must be text or date, found '" + type + "'");
    }
    column.date = type == "date";
    const std::string min = node.attribute("min").value();
    if (!min.empty() && (min != "start" || !column.date)) {
      return fail(lineOf(node, "min"), "'min' is only min=\"start\" on a type=\"date\" column, found '" + min + "'");
    }
    column.notBeforeStart = min == "start";
    return column;
  }

  // "item:N" in `attribute`: field N (1-based) of the row's item line.
  engine::Result<int> itemField(pugi::xml_node node, const char* attribute, bool hasItems) {
    const std::string value = node.attribute(attribute).value();
    const int line = lineOf(node, attribute);
    if (!hasItems) return fail(line, std::string("'") + attribute + "' reads an item field, but the form has no items file");
    int field = 0;
    const char* digits = value.c_str() + std::strlen("item:");
    const auto [end, error] = std::from_chars(digits, value.c_str() + value.size(), field);
    if (value.rfind("item:", 0) != 0 || error != std::errc() || *end != '\0' || field < 1 || field > kMaxItemField) {
      return fail(line, std::string("'") + attribute + "' must be item:1..item:" + std::to_string(kMaxItemField) +
                            (std::strcmp(attribute, "fill") == 0 ? " or number" : "") + ", found '" + value + "'");
    }
    return field;
  }

  engine::Result<int> integer(pugi::xml_node node, const char* attribute, int min, int max) {
    const std::string value = node.attribute(attribute).value();
    int out = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (error != std::errc() || end != value.data() + value.size() || out < min || out > max) {
      return fail(lineOf(node, attribute), std::string("'") + attribute + "' must be an integer in " +
                                                         std::to_string(min) + ".." + std::to_string(max) +
                                                         ", found '" + value + "'");
    }
    return out;
  }

  engine::Status attributes(pugi::xml_node node, std::initializer_list<const char*> allowed) {
    for (auto attribute : node.attributes()) {
      const bool known = std::any_of(allowed.begin(), allowed.end(),
                                     [&](const char* name) { return std::strcmp(name, attribute.name()) == 0; });
      if (!known) {
        return fail(lineOf(node, attribute.name()), "unknown attribute '" + std::string(attribute.name()) + "' on <" +
                                           node.name() + ">");
      }
    }
    return engine::Ok{};
  }

  int lineOf(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  }
  int lineOf(pugi::xml_node node) const { return lineOf(static_cast<std::size_t>(node.offset_debug())); }
  // pugixml keeps no attribute offsets: the attribute's name searched for
  // from its element's start gives its line.
  int lineOf(pugi::xml_node node, const char* attribute) const {
    const auto element = static_cast<std::size_t>(node.offset_debug());
    const auto at = text_.find(std::string(attribute) + "=", element);
    return lineOf(at == std::string::npos ? element : at);
  }

  engine::Error fail(int line, const std::string& message) const {
    return engine::makeError(engine::ErrorCode::invalid_argument,
                             file_.string() + ":" + std::to_string(line) + ": " + message, file_.string());
  }

  std::filesystem::path file_;
  std::string text_;
};

}  // namespace

int FormDefinition::itemFieldsNeeded() const {
  int needed = 0;
  for (const auto& c : columns) needed = std::max({needed, c.fillField, c.listField});
  return needed;
}

engine::Result<FormDefinition> loadFormDefinition(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return engine::makeError(engine::ErrorCode::not_found, "Expected a form definition at " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return FormReader(file, text.str()).read();
}

engine::Result<std::vector<std::vector<std::string>>> loadFormItems(const std::filesystem::path& file,
                                                                    int fieldsNeeded) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return engine::makeError(engine::ErrorCode::not_found, "Expected form items at " + file.string());
  std::vector<std::vector<std::string>> items;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    for (std::size_t begin = 0;;) {
      const auto tab = line.find('\t', begin);
      fields.push_back(line.substr(begin, tab == std::string::npos ? std::string::npos : tab - begin));
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
    if (static_cast<int>(fields.size()) < fieldsNeeded) {
      return engine::makeError(engine::ErrorCode::invalid_argument,
                               file.string() + ":" + std::to_string(number) + ": expected at least " +
                                   std::to_string(fieldsNeeded) + " tab-separated fields, found " +
                                   std::to_string(fields.size()),
                               file.string());
    }
    items.push_back(std::move(fields));
  }
  return items;
}

}  // namespace sowflow::deliverables::detail
