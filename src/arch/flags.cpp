// Lookups over the generated flag sets.
#include "scry/flags.hpp"

namespace scry {

const char* enum_name(const FlagSet& set, std::uint64_t value) {
  for (std::size_t i = 0; i < set.count; ++i) {
    if (set.names[i].value == value) return set.name(i);
  }
  if (value == 0 && set.zero_name != nullptr) return set.zero_name;
  return nullptr;
}

}  // namespace scry
