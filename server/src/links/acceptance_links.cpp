#include "links/acceptance_links.hpp"

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

std::string maskLinkTokens(const std::string& path) {
  if (path.rfind("/a/", 0) != 0) return path;
  const auto end = path.find_first_of("/?", 3);
  return "/a/****" + (end == std::string::npos ? std::string() : path.substr(end));
}

}  // namespace sowflow::server
