#include <iostream>
#include <sstream>

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include "cli/subcommand.hpp"

namespace sowflow::server::cli {

std::string ParsedOptions::get(const std::string& name, const std::string& fallback) const {
  const auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

Poco::Util::Option dbOption() {
  return Poco::Util::Option("db", "", "store URL: sqlite:PATH or postgresql://... (default " +
                                          std::string(kDefaultDbUrl) + ")")
      .required(false)
      .repeatable(false)
      .argument("URL");
}

std::optional<ParsedOptions> parseOptions(const std::string& command, const std::string& usage,
                                          const std::string& description,
                                          Poco::Util::OptionSet options,
                                          const std::vector<std::string>& args) {
  options.addOption(Poco::Util::Option("help", "h", "show this help").required(false));
  const auto printHelp = [&](std::ostream& out) {
    Poco::Util::HelpFormatter help(options);
    help.setUnixStyle(true);
    help.setCommand("sowflow " + command);
    help.setUsage(usage);
    help.setHeader(description);
    help.setWidth(100);
    help.format(out);
  };

  ParsedOptions parsed;
  Poco::Util::OptionProcessor processor(options);
  processor.setUnixStyle(true);
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::string name, value;
      // "--name value" is accepted as well as "--name=value".
      if (processor.process(args[i], name, value)) {
        if (name.empty()) continue;  // a partial option consumed
        const auto& option = options.getOption(name);
        if (option.takesArgument() && value.empty() && args[i].find('=') == std::string::npos) {
          if (i + 1 >= args.size()) throw Poco::Util::MissingArgumentException(name);
          value = args[++i];
        }
        parsed.values.emplace(name, value);
      } else {
        parsed.positional.push_back(args[i]);
      }
    }
    processor.checkRequired();
  } catch (const Poco::Util::OptionException& e) {
    if (parsed.values.count("help")) {
      printHelp(std::cout);
      parsed.helpShown = true;
      return parsed;
    }
    std::cerr << "sowflow " << command << ": " << e.displayText() << "\n";
    std::ostringstream help;
    printHelp(help);
    std::cerr << help.str();
    return std::nullopt;
  }
  if (parsed.values.count("help")) {
    printHelp(std::cout);
    parsed.helpShown = true;
  }
  return parsed;
}

}  // namespace sowflow::server::cli
