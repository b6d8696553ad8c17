// The `sowflow` subcommands and the option parsing they share.
//
// Each subcommand lives in its own file (validate_command.cpp, ...) and is
// listed once in the table in main.cpp. Options follow Poco::Util's style
// (`--name=value` or `--name value`, `-h`/`--help` on each) through
// Poco::Util::OptionSet; parseOptions prints help or the error itself.
// Thread-safety: single-threaded CLI code.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Util/OptionSet.h>

namespace sowflow::server::cli {

// Exit codes: 0 ok, 1 the check failed / the command was refused, 2 usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct ParsedOptions {
  std::multimap<std::string, std::string> values;  // full option name -> value ("" for flags)
  std::vector<std::string> positional;
  bool helpShown = false;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const;
};

// Parses `args` (after the subcommand) against `options` (a `help` option is
// added). On a usage error prints it with the usage line and returns nullopt.
std::optional<ParsedOptions> parseOptions(const std::string& command, const std::string& usage,
                                          const std::string& description,
                                          Poco::Util::OptionSet options,
                                          const std::vector<std::string>& args);

// The option every store-touching subcommand takes (SPEC §3).
inline constexpr const char* kDefaultDbUrl = "sqlite:./data/sowflow.db";
Poco::Util::Option dbOption();

using SubcommandMain = std::function<int(const std::vector<std::string>& args)>;

int validateMain(const std::vector<std::string>& args);
int workdaysMain(const std::vector<std::string>& args);
int auditMain(const std::vector<std::string>& args);
int demoEngineMain(const std::vector<std::string>& args);
int serveMain(const std::vector<std::string>& args);
int tokenMain(const std::vector<std::string>& args);
int exportMain(const std::vector<std::string>& args);

}  // namespace sowflow::server::cli
