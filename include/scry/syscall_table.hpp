// Syscall metadata, generated at build time from data/syscalls_*.tbl (one source of truth).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace scry {

#include "scry_gen/arg_kind.inc"
#include "scry_gen/custom_ids.inc"

// strace's trace classes (%file, %desc, ...), as bits.
enum class SyscallClass : std::uint32_t {
  None = 0,
  Desc = 1u << 0,
  File = 1u << 1,
  Ipc = 1u << 2,
  Network = 1u << 3,
  Process = 1u << 4,
  Signal = 1u << 5,
  Memory = 1u << 6,
  Creds = 1u << 7,
  Clock = 1u << 8,
  Stat = 1u << 9,
  Lstat = 1u << 10,
  Fstat = 1u << 11,
  StatLike = 1u << 12,
  Statfs = 1u << 13,
  Fstatfs = 1u << 14,
  StatfsLike = 1u << 15,
  Pure = 1u << 16,
};
constexpr SyscallClass operator|(SyscallClass a, SyscallClass b) {
  return static_cast<SyscallClass>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr bool has_class(SyscallClass set, SyscallClass c) {
  return (static_cast<std::uint32_t>(set) & static_cast<std::uint32_t>(c)) != 0;
}

// Pid: a process or thread id, decimal; -Y adds "<comm>".
enum class RetKind : std::uint8_t { Long, Hex, Fd, Ptr, None, Uint, Oct, Pid, Ioprio };

struct ArgSpec {
  ArgKind kind = ArgKind::Hex;
  std::uint16_t param = 0;  // an argument index, or a FlagSetId for flags/enum
};

struct SyscallEntry {
  const char* name = nullptr;  // nullptr: no syscall has this number
  std::uint8_t nargs = 0;
  SyscallClass classes = SyscallClass::None;
  RetKind ret = RetKind::Long;
  CustomDecoder custom = CustomDecoder::None;
  std::array<ArgSpec, 6> args{};
};

// X86_64: the native table. I386: 32-bit syscalls a 64-bit process makes with int $0x80 (its
// rows use only 32-bit-safe argument kinds and no custom decoder).
enum class Abi : std::uint8_t { X86_64, I386 };

// The row for a syscall number, or nullptr when the number is not a syscall of that ABI.
const SyscallEntry* syscall_entry(Abi abi, long nr);
// The number of a syscall by name, or nullopt.
std::optional<long> syscall_number(Abi abi, std::string_view name);
// One past the highest syscall number of the ABI.
std::size_t syscall_count(Abi abi);

}  // namespace scry
