#include "handlers/metrics_handler.hpp"

namespace sowflow::server {

void MetricsHandler::get(Exchange& exchange) {
  exchange.sendText(200, "text/plain; version=0.0.4; charset=utf-8",
                    context_.metrics.render(context_.engine.openWindows().size()));
}

}  // namespace sowflow::server
