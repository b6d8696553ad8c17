// Parsing follows mstch 1.0.2 step by step (tokenize, strip standalone lines,
// then group sections), because its whitespace rule is what the golden files
// were made with; rendering walks the tree and appends to one string.
#include "docx/mustache.hpp"

namespace sowflow::deliverables::detail::mustache {

struct Node {
  enum class Kind { text, escaped, raw, section, inverted, partial };
  Kind kind = Kind::text;
  std::string text;    // literal text, or the tag's name
  std::string prefix;  // partial: indentation of its standalone line
  Tree children;       // section body
};

namespace {

// One token of the flat stream, as mstch's tokenizer makes them.
struct Token {
  enum class Type { text, variable, unescaped, section, inverted, close, comment, partial, delimiter };
  Type type = Type::text;
  std::string raw;     // the text, or the whole tag
  std::string name;
  std::string prefix;  // partial on a standalone line after blanks
  bool eol = false;    // text ending in '\n' (or the marker after a final tag)
  bool blank = false;  // text of only ' ', '\r', '\n', '\t'
};

Token textToken(std::string text) {
  Token t;
  t.eol = !text.empty() && text.back() == '\n';
  t.blank = text.find_first_not_of(" \r\n\t") == std::string::npos;
  t.raw = std::move(text);
  return t;
}

// Trims only spaces, as mstch's first_not_ws does.
std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Token tagToken(std::string raw) {
  Token t;
  const std::string_view inner = std::string_view(raw).substr(2, raw.size() - 4);
  if (!inner.empty() && inner.front() == '=' && inner.back() == '=') {
    t.type = Token::Type::delimiter;
  } else if (!inner.empty() && inner.front() == '{' && inner.back() == '}') {
    t.type = Token::Type::unescaped;
    t.name = std::string(trimSpaces(inner.substr(1, inner.size() - 2)));
  } else {
    std::string_view rest = trimSpaces(inner);
    const char sigil = rest.empty() ? '\0' : rest.front();
    switch (sigil) {
      case '>': t.type = Token::Type::partial; break;
      case '^': t.type = Token::Type::inverted; break;
      case '/': t.type = Token::Type::close; break;
      case '&': t.type = Token::Type::unescaped; break;
      case '#': t.type = Token::Type::section; break;
      case '!': t.type = Token::Type::comment; break;
      default: t.type = Token::Type::variable; break;
    }
    if (t.type != Token::Type::variable) rest = trimSpaces(rest.substr(1));
    t.name = std::string(rest);
  }
  t.raw = std::move(raw);
  return t;
}

// Text is cut after every newline; each piece is its own token.
void addText(std::vector<Token>& tokens, std::string_view text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || i + 1 == text.size()) {
      tokens.push_back(textToken(std::string(text.substr(start, i + 1 - start))));
      start = i + 1;
    }
  }
}

std::vector<Token> tokenize(const std::string& text) {
  std::vector<Token> tokens;
  constexpr std::string_view open = "{{", close = "}}";
  const auto npos = std::string::npos;
  for (std::size_t cur = 0; cur < text.size();) {
    const auto openPos = text.find(open, cur);
    auto closePos = text.find(close, openPos == npos ? npos : openPos + 1);
    if (openPos == npos || closePos == npos) {
      addText(tokens, std::string_view(text).substr(cur));
      break;
    }
    // {{{name}}}: the closing brace belongs to the tag.
    const auto at = [&](std::size_t i) { return i < text.size() ? text[i] : '\0'; };
    if (at(openPos + 2) == '{' && at(closePos + 2) == '}') ++closePos;
    addText(tokens, std::string_view(text).substr(cur, openPos - cur));
    cur = closePos + close.size();
    tokens.push_back(tagToken(text.substr(openPos, cur - openPos)));
    if (cur == text.size()) {
      Token end = textToken("");
      end.eol = true;
      tokens.push_back(std::move(end));
    }
  }
  return tokens;
}

bool isStandaloneKind(Token::Type type) {
  return type != Token::Type::text && type != Token::Type::variable && type != Token::Type::unescaped;
}

// mstch's strip_whitespace: a line with a non-variable tag and nothing but
// blanks loses its blank tokens, newline included.
void stripStandaloneLines(std::vector<Token>& tokens) {
  std::size_t lineBegin = 0;
  bool hasTag = false, nonBlank = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (isStandaloneKind(tokens[i].type)) hasTag = true;
    else if (!tokens[i].blank) nonBlank = true;
    if (!tokens[i].eol) continue;
    if (hasTag && !nonBlank) {
      for (std::size_t c = lineBegin + 1; c < i; ++c) {
        if (tokens[c].type == Token::Type::partial && tokens[c - 1].blank) tokens[c].prefix = tokens[c - 1].raw;
      }
      std::size_t keep = lineBegin;
      for (std::size_t c = lineBegin; c <= i; ++c) {
        const bool erase = tokens[c].blank && (tokens[c].type == Token::Type::text);
        if (erase) continue;
        if (keep != c) tokens[keep] = std::move(tokens[c]);
        ++keep;
      }
      tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(keep),
                   tokens.begin() + static_cast<std::ptrdiff_t>(i + 1));
      i = keep - 1;
    }
    hasTag = nonBlank = false;
    lineBegin = i + 1;
  }
}

engine::Error templateError(const std::string& name, const std::string& what) {
  return engine::makeError(engine::ErrorCode::internal, name + ": " + what);
}

// Groups the flat stream into sections (a close matches the innermost open).
engine::Result<Tree> compile(const std::vector<Token>& tokens, const std::string& name) {
  std::vector<Tree> stack(1);
  std::vector<const Token*> open;
  for (const auto& t : tokens) {
    Node node;
    switch (t.type) {
      case Token::Type::text:
        if (t.raw.empty()) continue;
        if (!stack.back().empty() && stack.back().back().kind == Node::Kind::text) {
          stack.back().back().text += t.raw;
          continue;
        }
        node.text = t.raw;
        break;
      case Token::Type::variable: node.kind = Node::Kind::escaped; node.text = t.name; break;
      case Token::Type::unescaped: node.kind = Node::Kind::raw; node.text = t.name; break;
      case Token::Type::partial: node.kind = Node::Kind::partial; node.text = t.name; node.prefix = t.prefix; break;
      case Token::Type::comment: continue;
      case Token::Type::delimiter: return templateError(name, "set-delimiter tags are not supported: " + t.raw);
      case Token::Type::section:
      case Token::Type::inverted:
        open.push_back(&t);
        stack.emplace_back();
        continue;
      case Token::Type::close:
        if (open.empty()) return templateError(name, "'" + t.raw + "' closes no section");
        if (open.back()->name != t.name) {
          return templateError(name, "'" + t.raw + "' closes section '" + open.back()->name + "'");
        }
        node.kind = open.back()->type == Token::Type::inverted ? Node::Kind::inverted : Node::Kind::section;
        node.text = t.name;
        node.children = std::move(stack.back());
        open.pop_back();
        stack.pop_back();
        break;
    }
    stack.back().push_back(std::move(node));
  }
  if (!open.empty()) return templateError(name, "section '" + open.back()->name + "' is never closed");
  return std::move(stack.front());
}

void appendEscaped(std::string& out, const std::string& text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '\'': out += "&#39;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '/': out += "&#x2F;"; break;
      default: out.push_back(c);
    }
  }
}

const Value kNull;

}  // namespace

Value& Value::set(std::string_view key, Value value) {
  fields_.emplace_back(key, std::move(value));
  return fields_.back().second;
}

Value& Value::push(Value item) {
  items_.push_back(std::move(item));
  return items_.back();
}

const Value* Value::field(std::string_view key) const {
  const Value& self = resolved();
  if (self.kind_ != Kind::map) return nullptr;
  for (const auto& [name, value] : self.fields_) {
    if (name == key) return &value.resolved();
  }
  return nullptr;
}

bool Value::empty() const {
  const Value& self = resolved();
  switch (self.kind_) {
    case Kind::null: return true;
    case Kind::text: return self.text_.empty();
    case Kind::flag: return !self.flag_;
    case Kind::list: return self.items_.empty();
    default: return false;
  }
}

struct Templates::Impl {
  std::map<std::string, std::vector<Token>> partialTokens;
  std::map<std::string, std::string> partialFiles;
  std::map<std::pair<std::string, std::string>, Tree> partialTrees;  // (name, prefix)
  Tree main;
  std::vector<const Value*> stack;

  const Value& lookup(std::string_view name) const {
    if (name != "." && name.find('.') != std::string_view::npos) {
      const auto dot = name.rfind('.');
      const Value& parent = lookup(name.substr(0, dot));
      const auto last = name.substr(dot + 1);
      if (last == ".") return parent;
      const Value* found = parent.field(last);
      return found ? *found : kNull;
    }
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      if (name == ".") return **it;
      if (const Value* found = (*it)->field(name)) return *found;
    }
    return kNull;
  }

  // mstch renders a partial with an indent by feeding the indent as text
  // before every token that starts a line; the tree is built once per indent.
  const Tree* partial(const std::string& name, const std::string& prefix) {
    const auto key = std::make_pair(name, prefix);
    if (const auto found = partialTrees.find(key); found != partialTrees.end()) return &found->second;
    const auto tokens = partialTokens.find(name);
    if (tokens == partialTokens.end()) return nullptr;  // mstch: a missing partial renders as nothing
    std::vector<Token> prefixed;
    bool lineStart = true;
    for (const auto& t : tokens->second) {
      if (lineStart) prefixed.push_back(textToken(prefix));
      prefixed.push_back(t);
      lineStart = t.eol;
    }
    auto tree = compile(prefixed, partialFiles[name]);
    if (!tree) return nullptr;  // compiled once unprefixed in addPartial, so cannot fail here
    return &partialTrees.emplace(key, std::move(tree.value())).first->second;
  }

  void render(const Tree& tree, std::string& out) {
    for (const auto& node : tree) {
      switch (node.kind) {
        case Node::Kind::text: out += node.text; break;
        case Node::Kind::escaped:
        case Node::Kind::raw: {
          const Value& v = lookup(node.text);
          const std::string* text = nullptr;
          static const std::string yes = "true", no = "false";
          if (v.kind() == Value::Kind::text) text = &v.text();
          if (v.kind() == Value::Kind::flag) text = v.flag() ? &yes : &no;
          if (!text) break;
          if (node.kind == Node::Kind::escaped) appendEscaped(out, *text);
          else out += *text;
          break;
        }
        case Node::Kind::section: {
          const Value& v = lookup(node.text);
          if (v.empty()) break;
          if (v.kind() == Value::Kind::list) {
            for (const auto& item : v.items()) section(item.resolved(), node.children, out);
          } else {
            section(v, node.children, out);
          }
          break;
        }
        case Node::Kind::inverted:
          if (lookup(node.text).empty()) section(kNull, node.children, out);
          break;
        case Node::Kind::partial:
          if (const Tree* body = partial(node.text, node.prefix)) render(*body, out);
          break;
      }
    }
  }

  void section(const Value& pushed, const Tree& body, std::string& out) {
    stack.push_back(&pushed);
    render(body, out);
    stack.pop_back();
  }
};

Templates::Templates() : impl_(std::make_unique<Impl>()) {}
Templates::~Templates() = default;
Templates::Templates(Templates&&) noexcept = default;
Templates& Templates::operator=(Templates&&) noexcept = default;

engine::Status Templates::addPartial(const std::string& partial, const std::string& text, const std::string& name) {
  auto tokens = tokenize(text);
  stripStandaloneLines(tokens);
  auto tree = compile(tokens, name);
  if (!tree) return tree.error();
  impl_->partialTrees.emplace(std::make_pair(partial, std::string()), std::move(tree.value()));
  impl_->partialTokens[partial] = std::move(tokens);
  impl_->partialFiles[partial] = name;
  return engine::Ok{};
}

engine::Status Templates::setMain(const std::string& text, const std::string& name) {
  auto tokens = tokenize(text);
  stripStandaloneLines(tokens);
  auto tree = compile(tokens, name);
  if (!tree) return tree.error();
  impl_->main = std::move(tree.value());
  return engine::Ok{};
}

void Templates::render(const Value& data, std::string& out) {
  impl_->stack.assign(1, &data.resolved());
  impl_->render(impl_->main, out);
}

}  // namespace sowflow::deliverables::detail::mustache
