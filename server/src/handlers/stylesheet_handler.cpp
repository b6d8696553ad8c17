#include "handlers/stylesheet_handler.hpp"

namespace sowflow::server {

void StylesheetHandler::get(Exchange& exchange) {
  exchange.sendCacheable("text/css; charset=utf-8", context_.pages.stylesheetTag(),
                         context_.pages.stylesheet());
}

}  // namespace sowflow::server
