#pragma once
// The distinct non-empty Thai texts of every shipped framework (names, definitions, level titles,
// indicators): the inputs the text benchmarks time.
#include <set>
#include <string>
#include <vector>

#include "samatthana/samatthana.hpp"

inline std::vector<std::string> shipped_thai_texts() {
  std::set<std::string> distinct;
  for (const auto& id : samatthana::builtin_framework_ids())
    for (const auto& c : samatthana::builtin_framework(id)->competencies()) {
      distinct.insert(c.name.th);
      distinct.insert(c.definition.th);
      for (const auto& l : c.levels) {
        distinct.insert(l.title.th);
        for (const auto& i : l.indicators) distinct.insert(i.text.th);
      }
    }
  distinct.erase("");
  return {distinct.begin(), distinct.end()};
}
