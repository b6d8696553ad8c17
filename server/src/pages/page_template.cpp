#include "pages/page_template.hpp"

#include <sstream>
#include <stdexcept>
#include <utility>

namespace sowflow::server {

namespace {

using Node = PageTemplate::Node;

// --- parsing: mstch 1.0.2's tokenizer and whitespace rules, tag for tag ------

enum class TokenType { text, variable, section_open, section_close, inverted_open,
                       unescaped, comment, partial, delimiter_change };

struct Token {
  TokenType type = TokenType::text;
  std::string raw;   // text tokens: the bytes
  std::string name;  // tags: the trimmed name
  std::string partialPrefix;
  bool eol = false;
  bool wsOnly = false;
};

std::string trimSpaces(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

Token textToken(std::string raw) {
  Token token;
  token.eol = !raw.empty() && raw.back() == '\n';
  token.wsOnly = raw.find_first_not_of(" \r\n\t") == std::string::npos;
  token.raw = std::move(raw);
  return token;
}

// `tag` includes the delimiters ("{{#name}}").
Token tagToken(const std::string& tag) {
  Token token;
  token.raw = tag;
  const std::string inner = tag.substr(2, tag.size() - 4);
  if (!inner.empty() && inner.front() == '=' && inner.back() == '=') {
    token.type = TokenType::delimiter_change;
    return token;
  }
  if (!inner.empty() && inner.front() == '{' && inner.back() == '}') {
    token.type = TokenType::unescaped;
    token.name = trimSpaces(inner.substr(1, inner.size() - 2));
    return token;
  }
  const std::string body = trimSpaces(inner);
  const char sigil = body.empty() ? '\0' : body.front();
  switch (sigil) {
    case '>': token.type = TokenType::partial; break;
    case '^': token.type = TokenType::inverted_open; break;
    case '/': token.type = TokenType::section_close; break;
    case '&': token.type = TokenType::unescaped; break;
    case '#': token.type = TokenType::section_open; break;
    case '!': token.type = TokenType::comment; break;
    default: token.type = TokenType::variable; break;
  }
  token.name = token.type == TokenType::variable ? body : trimSpaces(body.substr(1));
  return token;
}

void pushText(std::vector<Token>& tokens, const std::string& text, std::size_t begin,
              std::size_t end) {
  // One token per line, each ending with its '\n' (mstch's process_text).
  std::size_t start = begin;
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] == '\n' || i == end - 1) {
      tokens.push_back(textToken(text.substr(start, i + 1 - start)));
      start = i + 1;
    }
  }
}

std::vector<Token> tokenize(const std::string& name, const std::string& text) {
  std::vector<Token> tokens;
  constexpr auto npos = std::string::npos;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    const auto close = open == npos ? npos : text.find("}}", open + 1);
    if (open == npos || close == npos) {
      pushText(tokens, text, pos, text.size());
      break;
    }
    std::size_t end = close + 2;
    if (open + 2 < text.size() && text[open + 2] == '{' && end < text.size() && text[end] == '}') {
      ++end;  // {{{name}}}
    }
    pushText(tokens, text, pos, open);
    tokens.push_back(tagToken(text.substr(open, end - open)));
    if (tokens.back().type == TokenType::delimiter_change) {
      throw std::runtime_error("page template '" + name + "': delimiter changes are not supported");
    }
    pos = end;
    if (pos == text.size()) {
      tokens.push_back(textToken(""));
      tokens.back().eol = true;
    }
  }
  return tokens;
}

// A line holding only section/partial/comment tags and blanks disappears
// entirely, its newline included (mstch's strip_whitespace).
void stripStandaloneLines(const std::string& name, std::vector<Token>& tokens) {
  std::size_t lineBegin = 0;
  bool hasTag = false, nonSpace = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto type = tokens[i].type;
    if (type != TokenType::text && type != TokenType::variable && type != TokenType::unescaped) {
      hasTag = true;
    } else if (!tokens[i].wsOnly) {
      nonSpace = true;
    }
    if (!tokens[i].eol) continue;
    if (hasTag && !nonSpace) {
      for (std::size_t c = lineBegin; !tokens[c].eol; ++c) {
        if (c != lineBegin && tokens[c].type == TokenType::partial && tokens[c - 1].wsOnly) {
          throw std::runtime_error("page template '" + name +
                                   "': indented standalone partials are not supported");
        }
      }
      std::size_t c = lineBegin;
      for (bool end = false; !end;) {
        end = tokens[c].eol;
        if (end) i = c - 1;
        if (tokens[c].wsOnly) {
          tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(c));
        } else {
          ++c;
        }
      }
    }
    hasTag = nonSpace = false;
    lineBegin = i + 1;
  }
}

// mstch resolves "a.b.c" as "c" inside "a.b"; "." alone is the current node.
std::vector<std::string> splitPath(const std::string& name) {
  if (name == "." || name.find('.') == std::string::npos) return {name};
  const auto dot = name.rfind('.');
  auto path = splitPath(name.substr(0, dot));
  path.push_back(name.substr(dot + 1));
  return path;
}

std::vector<Node> buildTree(const std::string& name, const std::vector<Token>& tokens) {
  std::vector<Node> root;
  std::vector<std::vector<Node>*> open{&root};
  for (const auto& token : tokens) {
    Node node;
    node.text = token.type == TokenType::text ? token.raw : token.name;
    if (token.type != TokenType::text) node.path = splitPath(token.name);
    switch (token.type) {
      case TokenType::text: node.kind = Node::Kind::text; break;
      case TokenType::variable: node.kind = Node::Kind::variable; break;
      case TokenType::unescaped: node.kind = Node::Kind::raw_variable; break;
      case TokenType::partial: node.kind = Node::Kind::partial; break;
      case TokenType::section_open: node.kind = Node::Kind::section; break;
      case TokenType::inverted_open: node.kind = Node::Kind::inverted; break;
      case TokenType::comment:
      case TokenType::delimiter_change: continue;
      case TokenType::section_close: {
        auto* parent = open.size() >= 2 ? &open[open.size() - 2]->back() : nullptr;
        if (!parent || parent->text != token.name) {
          throw std::runtime_error("page template '" + name + "': {{/" + token.name +
                                   "}} closes no open section of that name");
        }
        open.pop_back();
        continue;
      }
    }
    if (node.kind == Node::Kind::text && node.text.empty()) continue;
    const bool opens = node.kind == Node::Kind::section || node.kind == Node::Kind::inverted;
    open.back()->push_back(std::move(node));
    if (opens) open.push_back(&open.back()->back().children);
  }
  if (open.size() != 1) {
    throw std::runtime_error("page template '" + name + "': section '" +
                             open[open.size() - 2]->back().text + "' is never closed");
  }
  return root;
}

// --- rendering: mstch's lookup and output rules -------------------------------

const mstch::node kNull{};

bool hasToken(const std::string& token, const mstch::node& node) {
  if (const auto* map = boost::get<mstch::map>(&node)) return map->count(token) == 1;
  if (const auto* object = boost::get<std::shared_ptr<mstch::object>>(&node)) {
    return (*object)->has(token);
  }
  return token == ".";
}

const mstch::node& getToken(const std::string& token, const mstch::node& node) {
  if (const auto* map = boost::get<mstch::map>(&node)) return map->at(token);
  if (const auto* object = boost::get<std::shared_ptr<mstch::object>>(&node)) {
    return (*object)->at(token);
  }
  return node;
}

bool isEmpty(const mstch::node& node) {
  if (boost::get<std::nullptr_t>(&node)) return true;
  if (const auto* value = boost::get<int>(&node)) return *value == 0;
  if (const auto* value = boost::get<double>(&node)) return *value == 0;
  if (const auto* value = boost::get<bool>(&node)) return !*value;
  if (const auto* value = boost::get<std::string>(&node)) return value->empty();
  if (const auto* value = boost::get<mstch::array>(&node)) return value->empty();
  return false;
}

void appendEscaped(std::string& out, const std::string& text) {
  if (mstch::config::escape) {
    out += mstch::config::escape(text);
    return;
  }
  for (char c : text) {
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

class Renderer {
 public:
  explicit Renderer(const mstch::node& root) { stack_.push_back(&root); }

  void render(const std::vector<Node>& nodes, std::string& out) {
    for (const auto& node : nodes) {
      switch (node.kind) {
        case Node::Kind::text: out += node.text; break;
        case Node::Kind::variable: variable(lookup(node.path), true, out); break;
        case Node::Kind::raw_variable: variable(lookup(node.path), false, out); break;
        case Node::Kind::partial:
          // Rendered in the current context, as mstch does; the depth bound
          // turns a partial that includes itself into nothing, not a crash.
          if (node.partial && partialDepth_ < kMaxPartialDepth) {
            ++partialDepth_;
            render(node.partial->nodes(), out);
            --partialDepth_;
          }
          break;
        case Node::Kind::section: section(node, out); break;
        case Node::Kind::inverted:
          if (isEmpty(lookup(node.path))) withTop(kNull, node.children, out);
          break;
      }
    }
  }

 private:
  const mstch::node& lookup(const std::vector<std::string>& path) const {
    const mstch::node* found = &kNull;
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (hasToken(path.front(), **it)) {
        found = &getToken(path.front(), **it);
        break;
      }
    }
    for (std::size_t i = 1; i < path.size(); ++i) {
      found = hasToken(path[i], *found) ? &getToken(path[i], *found) : &kNull;
    }
    return *found;
  }

  static void variable(const mstch::node& value, bool escape, std::string& out) {
    if (const auto* text = boost::get<std::string>(&value)) {
      if (escape) {
        appendEscaped(out, *text);
      } else {
        out += *text;
      }
    } else if (const auto* number = boost::get<int>(&value)) {
      out += std::to_string(*number);
    } else if (const auto* real = boost::get<double>(&value)) {
      std::ostringstream formatted;  // as mstch: the stream's default format
      formatted << *real;
      out += formatted.str();
    } else if (const auto* flag = boost::get<bool>(&value)) {
      out += *flag ? "true" : "false";
    }
  }

  void section(const Node& node, std::string& out) {
    const auto& value = lookup(node.path);
    if (isEmpty(value) || boost::get<mstch::lambda>(&value)) return;
    if (const auto* items = boost::get<mstch::array>(&value)) {
      for (const auto& item : *items) {
        if (!boost::get<mstch::lambda>(&item)) withTop(item, node.children, out);
      }
      return;
    }
    withTop(value, node.children, out);
  }

  void withTop(const mstch::node& top, const std::vector<Node>& nodes, std::string& out) {
    stack_.push_back(&top);
    render(nodes, out);
    stack_.pop_back();
  }

  static constexpr int kMaxPartialDepth = 16;
  std::vector<const mstch::node*> stack_;  // innermost last
  int partialDepth_ = 0;
};

}  // namespace

PageTemplate::PageTemplate(const std::string& name, const std::string& text) : name_(name) {
  auto tokens = tokenize(name, text);
  stripStandaloneLines(name, tokens);
  nodes_ = buildTree(name, tokens);
}

namespace {
void linkNodes(std::vector<Node>& nodes, const std::map<std::string, PageTemplate>& all) {
  for (auto& node : nodes) {
    if (node.kind == Node::Kind::partial) {
      const auto it = all.find(node.text);
      node.partial = it == all.end() ? nullptr : &it->second;
    }
    linkNodes(node.children, all);
  }
}
}  // namespace

void PageTemplate::link(const std::map<std::string, PageTemplate>& all) { linkNodes(nodes_, all); }

std::string PageTemplate::render(const mstch::node& context) const {
  std::string out;
  out.reserve(8192);
  Renderer renderer(context);
  renderer.render(nodes_, out);
  return out;
}

}  // namespace sowflow::server
