// Named constants (flag bits and enum values) from data/flags/, with values from the headers.
#pragma once

#include <cstddef>
#include <cstdint>

namespace scry {

#include "scry_gen/flag_set_ids.inc"

enum class FlagSetKind : std::uint8_t { Bits, Enum };

struct FlagName {
  std::uint64_t value;
  const char* name;
};

struct FlagSet {
  const char* set_name;
  FlagSetKind kind;
  const char* zero_name;  // how 0 prints (PROT_NONE), or nullptr
  const FlagName* names;
  std::size_t count;
};

extern const FlagSet* const kFlagSets[];
inline const FlagSet& flag_set(FlagSetId id) {
  return *kFlagSets[static_cast<std::size_t>(id)];
}

// The name of an enum value, or nullptr.
const char* enum_name(const FlagSet& set, std::uint64_t value);

}  // namespace scry
