// GET /static/sowflow.css: the one stylesheet every page links, from
// templates/pages/sowflow.css. Public, cacheable and revalidated by ETag, so
// a browser fetches it once; the pages' CSP then allows styles only from
// this origin ('self'), never inline.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class StylesheetHandler {
 public:
  explicit StylesheetHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
