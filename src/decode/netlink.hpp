// Netlink messages as strace prints them (strace's netlink.c and nlattr.c): the generic layer
// (nlmsghdr arrays, NLMSG_ERROR, attributes) and the per-protocol payload decoders it calls.
// Internal to src/decode.
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>

#include "decode/decode_impl.hpp"

namespace scry::dec {

// strace's decode_netlink: the messages in len bytes at addr, sent or received on a netlink
// socket of protocol `protocol` (NETLINK_ROUTE, ...; -1 when unknown). Bounded by len, by -s
// messages (without -v) and by what is readable; never loops without bound.
void print_netlink(DecodeCtx& ctx, int protocol, std::uint64_t addr, std::uint64_t len);

// --- attributes (struct nlattr) ----------------------------------------------------------------

// A custom attribute value printer; false when it printed nothing (the caller then prints the
// bytes). arg is the table's argument (an address family, a message type).
using NlaFn = bool (*)(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t arg);

// How an attribute's value prints.
enum class NlaKind : std::uint8_t {
  None,  // the bytes, in hex
  U8,    // unsigned decimal of that size; false when the value is shorter
  U16,
  U32,
  U64,
  S32,
  Str,       // a NUL-terminated string, "..." when no NUL is within the value
  Ifindex,   // u32: if_nametoindex("lo") or the number
  Xval32,    // u32 named by `set` (unknown: the number and "/* dflt */")
  Flags32,   // u32 flags of `set`
  Xval8,     // u8 named by `set`
  Hwaddr,    // a link-layer address: 00:11:22:33:44:55
  InetAddr,  // an address of the family in arg: inet_addr("1.2.3.4"), inet_pton(AF_INET6, "::1")
  Be16,      // htons(N)
  Fd,        // an fd of the tracee
  Nested,    // attributes of the table `nested`
  Fn,        // fn
};

struct NlaTable;

struct NlaSpec {
  NlaKind kind = NlaKind::None;
  const FlagSet* set = nullptr;
  const char* dflt = nullptr;
  const NlaTable* nested = nullptr;
  NlaFn fn = nullptr;
};

// The attributes of one message type or nest: their names and how each type's value prints.
struct NlaTable {
  const FlagSet* names = nullptr;
  const char* dflt = nullptr;  // "IFLA_???"
  const NlaSpec* specs = nullptr;
  std::size_t count = 0;
};

// strace's decode_nlattr: the attributes in len bytes at addr ("[{nla_len=8, nla_type=IFA_FLAGS},
// IFA_F_PERMANENT]", several in an array), with arg handed to the value printers.
void decode_nlattr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len, const NlaTable& table,
                   std::uint64_t arg);

// --- shared value printers ---------------------------------------------------------------------
void print_ifindex(DecodeCtx& ctx, unsigned index);  // if_nametoindex("lo") or the number
// inet_addr("127.0.0.1") / inet_pton(AF_INET6, "::1") for an address of len bytes at addr;
// false when the family or the length do not fit (the caller prints the bytes).
bool print_inet_addr_at(DecodeCtx& ctx, std::uint64_t addr, unsigned len, int family);

// --- protocol payload decoders (the payload after the nlmsghdr) ---------------------------------
// Each returns false when it has nothing for this message (the caller prints the bytes).
bool decode_netlink_route(DecodeCtx& ctx, const nlmsghdr& h, std::uint64_t addr, std::uint64_t len);
bool decode_netlink_sock_diag(DecodeCtx& ctx, const nlmsghdr& h, std::uint64_t addr,
                              std::uint64_t len);

// The nlmsg_type names for messages of a protocol (nullptr: none), and its "RTM_???" default.
const FlagSet* netlink_type_names(int protocol, const char** dflt);

}  // namespace scry::dec
