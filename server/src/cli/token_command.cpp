// `sowflow token create --name NAME --role admin|owner|viewer [--db URL]`:
// prints a new owner token once; the store keeps only its hash, so a running
// server sharing the store accepts it at once (SPEC §3).
#include <iostream>

#include "auth/token_service.hpp"
#include "cli/subcommand.hpp"
#include "sowflow/engine/store.hpp"

namespace sowflow::server::cli {

int tokenMain(const std::vector<std::string>& args) {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(Option("name", "", "who the token is for").required(true).argument("NAME"));
  options.addOption(Option("role", "", "admin, owner or viewer").required(true).argument("ROLE"));
  options.addOption(dbOption());
  const auto parsed = parseOptions("token", "create --name NAME --role admin|owner|viewer [--db URL]",
                                   "Create an owner token; it is printed once and stored only as a hash.",
                                   options, args);
  if (!parsed) return kExitUsage;
  if (parsed->helpShown) return kExitOk;
  if (parsed->positional.size() != 1 || parsed->positional[0] != "create") {
    std::cerr << "sowflow token: expected the action 'create'\n";
    return kExitUsage;
  }
  const auto role = parseRole(parsed->get("role"));
  if (!role) {
    std::cerr << "sowflow token: --role must be admin, owner or viewer, found '"
              << parsed->get("role") << "'\n";
    return kExitUsage;
  }
  auto store = engine::openStore(parsed->get("db", kDefaultDbUrl));
  if (!store) {
    std::cerr << "sowflow token: " << store.error().message << "\n";
    return kExitFailed;
  }
  TokenService tokens(**store, std::chrono::hours(12));
  auto token = tokens.createToken(parsed->get("name"), *role, engine::SystemClock().now());
  if (!token) {
    std::cerr << "sowflow token: " << token.error().message << "\n";
    return kExitFailed;
  }
  std::cout << *token << "\n";
  return kExitOk;
}

}  // namespace sowflow::server::cli
