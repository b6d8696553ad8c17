// Which mustache partials a template reaches.
//
// mstch parses every partial it is handed on each render, used or not, so
// both the documents and the server's pages hand it only those a template
// reaches ({{> name}}), directly or through other partials. Names are matched
// against `all`; an unknown name is left out (mstch renders it empty).
// Thread-safety: reentrant.
#pragma once

#include <map>
#include <string>

namespace sowflow::deliverables {

std::map<std::string, std::string> reachablePartials(const std::string& body,
                                                     const std::map<std::string, std::string>& all);

}  // namespace sowflow::deliverables
