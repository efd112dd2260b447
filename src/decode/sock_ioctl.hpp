// The socket ioctls (type 0x89), decoded by custom_sockioctl.cpp for custom_ioctl.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "decode/decode_impl.hpp"

namespace scry::dec {

// The exit states sock_ioctl_entry returns start here; ioctl_entry keeps the state in
// saved[kSockIoctlState] (sock_ioctl_entry may use saved[0..2]).
inline constexpr int kSockIoctlFirst = 32;
inline constexpr std::size_t kSockIoctlState = 3;

// One ioctl request's name; several for one code print joined by " or " in table order.
struct IoctlName {
  std::uint32_t code;
  const char* name;
};
// Prints code's name(s) from table ("SNDCTL_TMR_START or TCSETS"); false when it has none.
bool print_ioctl_names(OutBuf& out, std::span<const IoctlName> table, std::uint32_t code);
// The socket ioctls' table ("SIOCGIFFLAGS").
extern const std::span<const IoctlName> kSockIoctlNames;
// After "ioctl(fd, CODE": prints ", ARG" when the argument is known at entry and returns 0, or
// returns an exit state (>= kSockIoctlFirst) for sock_ioctl_exit; -1 when the request is not one
// strace decodes (the caller prints the argument in hex).
int sock_ioctl_entry(DecodeCtx& ctx, std::uint32_t code, std::uint64_t arg);
void sock_ioctl_exit(DecodeCtx& ctx, int from);

}  // namespace scry::dec
