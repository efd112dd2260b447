// The syscall tables (generated from data/syscalls_*.tbl) and their lookups.
#include "scry/syscall_table.hpp"

#include <span>
#include <string_view>

namespace scry {

#include "scry_gen/syscalls_i386.inc"
#include "scry_gen/syscalls_x86_64.inc"

namespace {

std::span<const SyscallEntry> table(Abi abi) {
  switch (abi) {
    case Abi::X86_64:
      return {kSyscallsX86_64, kSyscallCountX86_64};
    case Abi::I386:
      return {kSyscallsI386, kSyscallCountI386};
  }
  return {};
}

}  // namespace

const SyscallEntry* syscall_entry(Abi abi, long nr) {
  const auto rows = table(abi);
  if (nr < 0 || static_cast<std::size_t>(nr) >= rows.size()) return nullptr;
  if (rows[static_cast<std::size_t>(nr)].name == nullptr) return nullptr;
  return &rows[static_cast<std::size_t>(nr)];
}

std::optional<long> syscall_number(Abi abi, std::string_view name) {
  const auto rows = table(abi);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const char* n = rows[i].name;
    if (n != nullptr && name == n) return static_cast<long>(i);
  }
  return std::nullopt;
}

std::size_t syscall_count(Abi abi) {
  return table(abi).size();
}

}  // namespace scry
