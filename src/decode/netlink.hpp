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

// A table over a static array of specs, the attribute names from data/flags set `set`.
template <std::size_t N>
NlaTable make_table(const char* set, const char* dflt, const NlaSpec (&specs)[N]) {
  return NlaTable{find_set(set), dflt, specs, N};
}

// "FIELD=AF_INET" (a message's leading family byte).
void print_family(OutBuf& out, const char* field, std::uint8_t family);
// A message type or family without a decoder: "{family=AF_INET, LABEL\"\\x...\"}" (label "" for
// NETLINK_ROUTE, "data=" for sock_diag, as strace words them).
void decode_family_bytes(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len,
                         const char* label);

// strace's decode_nlattr: the attributes in len bytes at addr ("[{nla_len=8, nla_type=IFA_FLAGS},
// IFA_F_PERMANENT]", several in an array), with arg handed to the value printers.
// depth: how many nested attributes enclose these; past kMaxNlaDepth values print as bytes.
constexpr unsigned kMaxNlaDepth = 16;
void decode_nlattr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len, const NlaTable& table,
                   std::uint64_t arg, unsigned depth = 0);

// The message structure Msg that starts with the family byte already read: printed by
// print_fields when the payload holds it whole, else "{FIELD=AF_X, ...}"; then the attributes
// after it (attrs nullptr: none are decoded).
template <typename Msg, typename PrintFields>
void decode_family_msg(DecodeCtx& ctx, const char* family_field, std::uint8_t family,
                       std::uint64_t addr, std::uint64_t len, const NlaTable* attrs,
                       PrintFields&& print_fields) {
  OutBuf& out = ctx.out;
  Msg m{};
  out.put('{');
  print_family(out, family_field, family);
  out.put(", ");
  bool attrs_follow = false;
  if (len >= sizeof m) {
    if (umoven_or_printaddr(ctx, addr + 1, sizeof m - 1, reinterpret_cast<char*>(&m) + 1)) {
      std::memcpy(&m, &family, 1);
      print_fields(m);
      attrs_follow = true;
    }
  } else {
    out.put("...");
  }
  out.put('}');
  const std::uint64_t offset = NLMSG_ALIGN(sizeof m);
  if (attrs != nullptr && attrs_follow && len > offset) {
    out.put(", ");
    decode_nlattr(ctx, addr + offset, len - offset, *attrs, family);
  }
}

// --- shared value printers ---------------------------------------------------------------------
// A structure of `count` unsigned fields of type T, named by the first `count` of `names`;
// strace accepts the whole structure or (for structures that grew) a prefix of at least
// min_count fields.
template <typename T, std::size_t N>
bool print_uint_fields(DecodeCtx& ctx, std::uint64_t addr, unsigned len,
                       const char* const (&names)[N], std::size_t count, std::size_t min_count) {
  static_assert(N <= 32, "a struct printed field by field, not an array");
  T v[N] = {};
  if (count > N) count = N;
  std::size_t n = count;
  if (len < count * sizeof(T)) {
    if (len % sizeof(T) != 0 || len / sizeof(T) < min_count) return false;
    n = len / sizeof(T);
  }
  if (!umoven_or_printaddr(ctx, addr, n * sizeof(T), v)) return true;
  Fields f(ctx.out);
  for (std::size_t i = 0; i < n; ++i) f.f(names[i]).put_udec(v[i]);
  f.end();
  return true;
}

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
