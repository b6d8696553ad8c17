#include "links/acceptance_links.hpp"

#include <cctype>
#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "auth/secure_random.hpp"

namespace sowflow::server {

namespace {
constexpr const char* kLinkKind = "acceptance-link";
constexpr auto kRememberFor = std::chrono::seconds(1);
constexpr std::size_t kRememberAtMost = 10000;
}  // namespace

AcceptanceLinks::AcceptanceLinks(engine::Store& store, std::string publicUrl)
    : store_(store), publicUrl_(std::move(publicUrl)), found_(kRememberFor, kRememberAtMost) {
  while (!publicUrl_.empty() && publicUrl_.back() == '/') publicUrl_.pop_back();
}

std::string AcceptanceLinks::urlFor(const std::string& token) const {
  return publicUrl_ + "/a/" + token;
}

engine::Result<std::vector<IssuedLink>> AcceptanceLinks::issue(
    const std::string& engagement, const std::string& milestone, int version,
    const std::vector<std::string>& recipients, engine::Instant deadline) {
  std::vector<IssuedLink> out;
  for (const auto& recipient : recipients) {
    const std::string token = randomToken();
    Poco::JSON::Object value(Poco::JSON_PRESERVE_KEY_ORDER);
    value.set("engagement", engagement);
    value.set("milestone", milestone);
    value.set("version", version);
    value.set("recipient", recipient);
    value.set("deadline", engine::formatInstantUtc(deadline));
    value.set("revoked", false);
    std::ostringstream text;
    value.stringify(text);
    if (auto status = store_.insertRecord(kLinkKind, sha256Hex(token), text.str()); !status) {
      return status.error();
    }
    out.push_back(IssuedLink{recipient, token, urlFor(token)});
  }
  return out;
}

std::optional<AcceptanceLink> AcceptanceLinks::find(const std::string& token) const {
  if (!looksLikeToken(token)) return std::nullopt;
  const std::string hash = sha256Hex(token);
  if (auto found = found_.get(hash)) return found;
  const auto record = store_.getRecord(kLinkKind, hash);
  if (!record) return std::nullopt;
  try {
    Poco::JSON::Parser parser;
    const auto object = parser.parse(*record).extract<Poco::JSON::Object::Ptr>();
    AcceptanceLink link;
    link.engagement = object->getValue<std::string>("engagement");
    link.milestone = object->getValue<std::string>("milestone");
    link.version = object->getValue<int>("version");
    link.recipient = object->getValue<std::string>("recipient");
    const auto deadline = engine::parseInstant(object->getValue<std::string>("deadline"));
    if (!deadline) return std::nullopt;
    link.deadline = *deadline;
    link.revoked = object->optValue<bool>("revoked", false);
    found_.put(hash, link);
    return link;
  } catch (const Poco::Exception&) {
    return std::nullopt;  // a damaged record is as good as none
  }
}

namespace {

bool isTokenChar(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_';
}

int hexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bytes taken by one token character at `at`: a base64url character as is,
// or a %XX escape of one (the router decodes "/a/%41..." to "/a/A..."); 0
// for anything else.
std::size_t tokenCharAt(const std::string& text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (isTokenChar(c)) return 1;
  if (c != '%' || at + 2 >= text.size()) return 0;
  const int high = hexValue(static_cast<unsigned char>(text[at + 1]));
  const int low = hexValue(static_cast<unsigned char>(text[at + 2]));
  if (high < 0 || low < 0) return 0;
  return isTokenChar(static_cast<unsigned char>(high * 16 + low)) ? 3 : 0;
}

}  // namespace

std::string maskLinkTokens(const std::string& uri) {
  std::string text = uri;
  if (text.rfind("/a/", 0) == 0) {
    // Whatever sits in the token segment was presented as a link token.
    const auto end = text.find_first_of("/?", 3);
    text = "/a/****" + (end == std::string::npos ? std::string() : text.substr(end));
  }
  // Anything as long as a token, wherever it is: absolute-form targets,
  // "//a/", dot segments and escaped prefixes all reach the same token.
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = at;
    std::size_t characters = 0;
    while (end < text.size()) {
      const auto step = tokenCharAt(text, end);
      if (step == 0) break;
      end += step;
      ++characters;
    }
    if (characters >= kTokenLength) {
      out += "****";
    } else {
      out.append(text, at, end - at);
    }
    if (end < text.size()) out.push_back(text[end]);
    at = end + 1;
  }
  return out;
}

}  // namespace sowflow::server
