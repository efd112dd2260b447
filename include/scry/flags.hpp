// Named constants (flag bits and enum values) from data/flags/, with values from the headers.
#pragma once

#include <cstddef>
#include <cstdint>

namespace scry {

#include "scry_gen/flag_set_ids.inc"

enum class FlagSetKind : std::uint8_t { Bits, Enum };

// A name is an offset into its set's pool of NUL-terminated names rather than a pointer: the
// tables then need no load-time relocation, stay clean read-only pages, and only the pages a
// run uses become resident (pointers made ~70 KB dirty and ~100 KB of relocations read).
struct FlagName {
  std::uint64_t value;
  std::uint32_t name_offset;
};

struct FlagSet {
  const char* set_name;
  FlagSetKind kind;
  const char* zero_name;  // how 0 prints (PROT_NONE), or nullptr
  const FlagName* names;
  std::size_t count;
  const char* pool;  // the names, each at its FlagName::name_offset

  const char* name(std::size_t i) const { return pool + names[i].name_offset; }
};

extern const FlagSet* const kFlagSets[];
inline const FlagSet& flag_set(FlagSetId id) {
  return *kFlagSets[static_cast<std::size_t>(id)];
}

// The name of an enum value, or nullptr.
const char* enum_name(const FlagSet& set, std::uint64_t value);

}  // namespace scry
