#include "sowflow/deliverables/mustache_partials.hpp"

#include <vector>

namespace sowflow::deliverables {

std::map<std::string, std::string> reachablePartials(const std::string& body,
                                                     const std::map<std::string, std::string>& all) {
  std::map<std::string, std::string> used;
  std::vector<const std::string*> pending{&body};
  while (!pending.empty()) {
    const std::string& text = *pending.back();
    pending.pop_back();
    for (auto pos = text.find("{{>"); pos != std::string::npos; pos = text.find("{{>", pos + 3)) {
      const auto end = text.find("}}", pos + 3);
      if (end == std::string::npos) break;
      auto first = text.find_first_not_of(" \t", pos + 3);
      auto last = text.find_last_not_of(" \t", end - 1);
      if (first == std::string::npos || first > last) continue;
      const auto found = all.find(text.substr(first, last - first + 1));
      if (found == all.end() || used.count(found->first)) continue;
      used.insert(*found);
      pending.push_back(&found->second);
    }
  }
  return used;
}

}  // namespace sowflow::deliverables
