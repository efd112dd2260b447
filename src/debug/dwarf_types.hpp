// DWARF queries over one module: parameters, return types and global variables of C code.
#pragma once

#include <elfutils/libdwfl.h>

#include <optional>
#include <string>
#include <vector>

#include "scry/debug_symbols.hpp"

namespace scry::debug {

std::vector<VarInfo> dwarf_parameters(Dwfl_Module* mod, std::uint64_t pc);
std::optional<TypeInfo> dwarf_return_type(Dwfl_Module* mod, std::uint64_t pc);
std::optional<VarInfo> dwarf_global(Dwfl_Module* mod, const std::string& name);

}  // namespace scry::debug
