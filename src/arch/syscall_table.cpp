// The x86_64 syscall table (generated from data/syscalls_x86_64.tbl) and its lookups.
#include "scry/syscall_table.hpp"

#include <string_view>

namespace scry {

#include "scry_gen/syscalls_x86_64.inc"

const SyscallEntry* syscall_entry(Abi abi, long nr) {
  switch (abi) {
    case Abi::X86_64:
      if (nr < 0 || static_cast<std::size_t>(nr) >= kSyscallCountX86_64) return nullptr;
      if (kSyscallsX86_64[nr].name == nullptr) return nullptr;
      return &kSyscallsX86_64[nr];
  }
  return nullptr;
}

std::optional<long> syscall_number(Abi abi, std::string_view name) {
  switch (abi) {
    case Abi::X86_64:
      for (std::size_t i = 0; i < kSyscallCountX86_64; ++i) {
        const char* n = kSyscallsX86_64[i].name;
        if (n != nullptr && name == n) return static_cast<long>(i);
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::size_t syscall_count(Abi abi) {
  switch (abi) {
    case Abi::X86_64:
      return kSyscallCountX86_64;
  }
  return 0;
}

}  // namespace scry
