#include "app/sowflow_server_application.hpp"

#include <iostream>

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include "app/demo_setup.hpp"
#include "app/sowflow_server.hpp"

namespace sowflow::server {

using Poco::Util::Option;

void SowflowServerApplication::initialize(Poco::Util::Application& self) {
  ServerApplication::initialize(self);
}

void SowflowServerApplication::defineOptions(Poco::Util::OptionSet& options) {
  ServerApplication::defineOptions(options);
  options.addOption(Option("help", "h", "show this help").required(false).repeatable(false));
  options.addOption(Option("config", "", "configuration file (.properties or .ini)")
                        .required(false).repeatable(true).argument("FILE"));
  options.addOption(Option("db", "", "store URL (default sqlite:./data/sowflow.db)")
                        .required(false).repeatable(false).argument("URL"));
  options.addOption(Option("listen", "", "HOST:PORT to listen on (default 127.0.0.1:8080)")
                        .required(false).repeatable(false).argument("HOST:PORT"));
  options.addOption(Option("public-url", "", "base URL of acceptance links (never the Host header)")
                        .required(false).repeatable(false).argument("URL"));
  options.addOption(Option("demo", "", "load the shipped workflows, create a demo engagement once, "
                                       "print an owner token and the URLs")
                        .required(false).repeatable(false));
  options.addOption(Option("test-clock", "", "enable POST /api/v1/test-clock (manual clock, "
                                             "optionally starting at INSTANT)")
                        .required(false).repeatable(false).argument("INSTANT", false));
}

void SowflowServerApplication::handleOption(const std::string& name, const std::string& value) {
  ServerApplication::handleOption(name, value);
  if (name == "help") {
    helpRequested_ = true;
    stopOptionsProcessing();
  } else if (name == "config") {
    loadConfiguration(value);  // .properties, .ini or .xml by extension
  } else if (name == "db") {
    db_ = value;
  } else if (name == "listen") {
    listen_ = value;
  } else if (name == "public-url") {
    publicUrl_ = value;
  } else if (name == "demo") {
    demo_ = true;
  } else if (name == "test-clock") {
    testClock_ = value;
  }
}

int SowflowServerApplication::main(const std::vector<std::string>&) {
  if (helpRequested_) {
    Poco::Util::HelpFormatter help(options());
    help.setUnixStyle(true);
    help.setCommand("sowflow serve");
    help.setUsage("[--config FILE] [--db URL] [--listen HOST:PORT] [--public-url URL] [--demo] "
                  "[--test-clock[=INSTANT]]");
    help.setHeader("The sowflow HTTP server (SPEC §3).");
    help.setWidth(100);
    help.format(std::cout);
    return EXIT_OK;
  }
  auto loaded = ServerConfig::fromConfiguration(config());
  if (!loaded) {
    std::cerr << "sowflow serve: " << loaded.error().message << "\n";
    return EXIT_CONFIG;
  }
  ServerConfig serverConfig = *loaded;
  if (db_) serverConfig.dbUrl = *db_;
  if (publicUrl_) serverConfig.publicUrl = *publicUrl_;
  if (listen_) {
    if (auto status = serverConfig.setListen(*listen_); !status) {
      std::cerr << "sowflow serve: " << status.error().message << "\n";
      return EXIT_USAGE;
    }
  }
  if (testClock_) {
    serverConfig.testClock = true;
    if (!testClock_->empty()) {
      serverConfig.testClockStart = engine::parseInstant(*testClock_);
      if (!serverConfig.testClockStart) {
        std::cerr << "sowflow serve: Expected --test-clock=INSTANT in RFC 3339, found '"
                  << *testClock_ << "'\n";
        return EXIT_USAGE;
      }
    }
  }
  serverConfig.demo = demo_;
  Poco::Logger::get("sowflow").setLevel(config().getString("sowflow.log.level", "information"));

  SowflowServer server(serverConfig);
  if (auto started = server.start(); !started) {
    std::cerr << "sowflow serve: " << started.error().message << "\n";
    return EXIT_SOFTWARE;
  }
  std::cout << "sowflow: listening on " << serverConfig.host << ":" << server.port()
            << " (public URL " << server.publicUrl() << ", store " << server.store().describe()
            << (serverConfig.testClock ? ", test clock" : "") << ")" << std::endl;
  if (demo_) {
    auto demo = setUpDemo(server);
    if (!demo) {
      std::cerr << "sowflow serve --demo: " << demo.error().message << "\n";
      server.stop();
      return EXIT_SOFTWARE;
    }
    std::cout << *demo << std::flush;
  }
  waitForTerminationRequest();
  std::cout << "sowflow: shutting down" << std::endl;
  server.stop();
  return EXIT_OK;
}

}  // namespace sowflow::server
