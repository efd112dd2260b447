// Netlink messages: the nlmsghdr arrays, NLMSG_ERROR and the attribute machinery, printed as
// strace 6.1's netlink.c and nlattr.c print them. Every read is bounded by the length the
// syscall gives and by what the tracee has mapped; every loop advances by at least a header.
#include "decode/netlink.hpp"

#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>

#include <cstring>

namespace scry::dec {

namespace {

constexpr std::uint64_t kHdrLen = NLMSG_HDRLEN;   // 16
constexpr std::uint64_t kNlaHdrLen = NLA_HDRLEN;  // 4
// An NLMSG_ERROR echoes a message, which may be an NLMSG_ERROR echoing one, ...: past this
// depth the echoed message prints as bytes (strace recurses without a bound; each level takes
// 20 bytes of the buffer, so this is a 5 KiB nest).
constexpr int kMaxErrorDepth = 256;

std::uint64_t elem_limit(const DecodeOptions& opt) {
  return opt.verbose ? kMaxArrayElems : max_strlen(opt);
}

void print_hex_bytes(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len) {
  printstr_ex(ctx, addr, len, kQuoteForceHex);
}

// The first header of a chain at addr, or what strace prints instead: the short tail as bytes, the
// address when unreadable ("... /* 0x... */" inside an array).
template <typename Hdr>
bool fetch_header(DecodeCtx& ctx, Hdr& h, std::uint64_t addr, std::uint64_t len, bool in_array) {
  if (len < sizeof h) {
    print_hex_bytes(ctx, addr, len);
    return false;
  }
  if (addr != 0 && umoven(ctx.mem, addr, sizeof h, &h)) return true;
  if (in_array) {
    ctx.out.put("... /* ");
    print_hex(ctx.out, addr);
    ctx.out.put(" */");
  } else {
    print_addr(ctx.out, addr);
  }
  return false;
}

// nlmsg_flags: the flags every message has, then those of its kind (strace's printflags_ex over
// two tables).
void print_nlmsg_flags(OutBuf& out, std::uint16_t flags, std::uint16_t type, int protocol) {
  static const FlagSet* const common = find_set("nlm_flags");
  static const FlagSet* const get = find_set("nlm_get_flags");
  static const FlagSet* const create = find_set("nlm_new_flags");
  static const FlagSet* const del = find_set("nlm_delete_flags");
  static const FlagSet* const ack = find_set("nlm_ack_flags");
  const FlagSet* kind = nullptr;
  if (type < NLMSG_MIN_TYPE) {
    if (type == NLMSG_ERROR) kind = ack;
  } else if (protocol == NETLINK_ROUTE) {
    if (type == RTM_DELACTION) {
      kind = get;
    } else {
      static const FlagSet* const by_low_bits[4] = {create, del, get, nullptr};
      kind = by_low_bits[type & 3];
    }
  } else if (protocol == NETLINK_SOCK_DIAG) {
    kind = get;
  }
  if (flags == 0) {
    out.put('0');
    return;
  }
  thread_local OutBuf text;  // leaf use: one buffer, no allocation per call
  text.clear();
  std::uint64_t rest = flags;
  for (const FlagSet* set : {common, kind}) {
    if (set == nullptr) continue;
    for (std::size_t i = 0; rest != 0 && i < set->count; ++i) {
      const std::uint64_t v = set->names[i].value;
      if (v == 0 || (rest & v) != v) continue;
      if (text.size() != 0) text.put('|');
      text.put(set->name(i));
      rest &= ~v;
    }
  }
  if (text.size() == 0) {
    print_val(out, flags, ValFmt::Hex);
    if (xlat_style() != XlatStyle::Raw) out.put(" /* NLM_F_??? */");
    return;
  }
  if (rest != 0) {
    text.put('|');
    text.put_hex(rest);
  }
  print_xlat_text(out, flags, ValFmt::Hex, text.view());
}

void print_nlmsghdr(DecodeCtx& ctx, int protocol, const nlmsghdr& h) {
  static const FlagSet* const control = find_set("nlmsg_types");
  OutBuf& out = ctx.out;
  // Control messages (below NLMSG_MIN_TYPE) are named alike in every protocol.
  const int family = h.nlmsg_type < NLMSG_MIN_TYPE ? -1 : protocol;
  out.put("{nlmsg_len=");
  out.put_udec(h.nlmsg_len);
  out.put(", nlmsg_type=");
  const char* dflt = "NLMSG_???";
  const FlagSet* names = netlink_type_names(family, &dflt);
  printxval(out, names != nullptr ? names : control, h.nlmsg_type, dflt);
  out.put(", nlmsg_flags=");
  print_nlmsg_flags(out, h.nlmsg_flags, h.nlmsg_type, family);
  out.put(", nlmsg_seq=");
  out.put_udec(h.nlmsg_seq);
  out.put(", nlmsg_pid=");
  out.put_dec(static_cast<std::int32_t>(h.nlmsg_pid));
  out.put('}');
}

// depth: how many NLMSG_ERRORs echo this message.
void decode_nlmsghdr_with_payload(DecodeCtx& ctx, int protocol, const nlmsghdr& h,
                                  std::uint64_t addr, std::uint64_t len, int depth);

const NlaTable& nlmsgerr_attrs() {
  static const NlaTable table = [] {
    static NlaSpec specs[NLMSGERR_ATTR_MISS_NEST + 1];
    specs[NLMSGERR_ATTR_MSG] = {NlaKind::Str};
    specs[NLMSGERR_ATTR_OFFS] = {NlaKind::U32};
    specs[NLMSGERR_ATTR_MISS_TYPE] = {NlaKind::U32};
    specs[NLMSGERR_ATTR_MISS_NEST] = {NlaKind::U32};
    return make_table("nlmsgerr_attrs", "NLMSGERR_ATTR_???", specs);
  }();
  return table;
}

// "{error=-ENOENT, msg={...}}", with the extended ack attributes after it in an array.
void decode_nlmsgerr(DecodeCtx& ctx, int protocol, std::uint64_t addr, std::uint64_t len,
                     bool capped, int depth) {
  OutBuf& out = ctx.out;
  nlmsgerr err{};
  if (len < sizeof err || depth >= kMaxErrorDepth) {
    print_hex_bytes(ctx, addr, len);
    return;
  }
  if (!umove_or_printaddr(ctx, addr, err)) return;
  const std::uint64_t msg_addr = addr + offsetof(nlmsgerr, msg);
  const std::uint64_t msg_room = len - offsetof(nlmsgerr, msg);
  std::uint64_t payload = capped ? sizeof err.msg : err.msg.nlmsg_len;
  if (payload > msg_room) payload = msg_room;
  const bool tlvs = msg_room > payload;
  if (tlvs) out.put('[');
  out.put("{error=");
  const char* name = err.error < 0 ? errno_name(-static_cast<long>(err.error)) : nullptr;
  if (name == nullptr || xlat_style() != XlatStyle::Abbrev) out.put_dec(err.error);
  if (name != nullptr && xlat_style() != XlatStyle::Raw) {
    out.put(xlat_style() == XlatStyle::Verbose ? " /* -" : "-");
    out.put(name);
    if (xlat_style() == XlatStyle::Verbose) out.put(" */");
  }
  out.put(", msg=");
  decode_nlmsghdr_with_payload(ctx, protocol, err.msg, msg_addr, payload, depth + 1);
  out.put('}');
  if (tlvs) {
    out.put(", ");
    decode_nlattr(ctx, msg_addr + payload, msg_room - payload, nlmsgerr_attrs(), 0);
    out.put(']');
  }
}

void decode_payload(DecodeCtx& ctx, int protocol, const nlmsghdr& h, std::uint64_t addr,
                    std::uint64_t len, int depth) {
  if (h.nlmsg_type == NLMSG_ERROR) {
    decode_nlmsgerr(ctx, protocol, addr, len, (h.nlmsg_flags & NLM_F_CAPPED) != 0, depth);
    return;
  }
  // Control messages (NLMSG_DONE's int included) are decoded here, the rest by the protocol.
  if (h.nlmsg_type >= NLMSG_MIN_TYPE) {
    bool done = false;
    if (protocol == NETLINK_ROUTE) {
      done = decode_netlink_route(ctx, h, addr, len);
    } else if (protocol == NETLINK_SOCK_DIAG) {
      done = decode_netlink_sock_diag(ctx, h, addr, len);
    }
    if (done) return;
  }
  if (h.nlmsg_type == NLMSG_DONE && len == sizeof(int)) {
    int num = 0;
    if (umove_or_printaddr(ctx, addr, num)) ctx.out.put_dec(num);
    return;
  }
  print_hex_bytes(ctx, addr, len);
}

void decode_nlmsghdr_with_payload(DecodeCtx& ctx, int protocol, const nlmsghdr& h,
                                  std::uint64_t addr, std::uint64_t len, int depth) {
  const std::uint64_t nlmsg_len = h.nlmsg_len < len ? h.nlmsg_len : len;
  const bool payload = nlmsg_len > kHdrLen;
  if (payload) ctx.out.put('[');
  print_nlmsghdr(ctx, protocol, h);
  if (payload) {
    ctx.out.put(", ");
    decode_payload(ctx, protocol, h, addr + kHdrLen, nlmsg_len - kHdrLen, depth);
    ctx.out.put(']');
  }
}

// --- attribute values --------------------------------------------------------------------------

// A decoded address as -X wants it: the text (abbrev), the bytes in hex (raw), or both
// (verbose: "\"\\x7f\\x00\\x00\\x01\" /* inet_addr(\"127.0.0.1\") */").
void print_bytes_as(DecodeCtx& ctx, const unsigned char* bytes, std::size_t len,
                    std::string_view text) {
  OutBuf& out = ctx.out;
  if (xlat_style() == XlatStyle::Abbrev) {
    out.put(text);
    return;
  }
  print_quoted_ex(out, reinterpret_cast<const char*>(bytes), len, kQuoteForceHex, ctx.opt.xmode);
  if (xlat_style() == XlatStyle::Verbose) {
    out.put(" /* ");
    out.put(text);
    out.put(" */");
  }
}

template <typename T>
bool print_uint(DecodeCtx& ctx, std::uint64_t addr, unsigned len) {
  T v{};
  if (len < sizeof v) return false;
  if (umove_or_printaddr(ctx, addr, v)) ctx.out.put_udec(v);
  return true;
}

bool print_hwaddr(DecodeCtx& ctx, std::uint64_t addr, unsigned len) {
  constexpr unsigned kMaxAddrLen = 32;  // MAX_ADDR_LEN
  unsigned char buf[kMaxAddrLen];
  if (len > kMaxAddrLen) return false;
  if (!umoven_or_printaddr(ctx, addr, len, buf)) return true;
  static constexpr char kHex[] = "0123456789abcdef";
  thread_local OutBuf text;  // leaf use: one buffer, no allocation per call
  text.clear();
  for (unsigned i = 0; i < len; ++i) {
    if (i != 0) text.put(':');
    text.put(kHex[buf[i] >> 4]);
    text.put(kHex[buf[i] & 0xf]);
  }
  print_bytes_as(ctx, buf, len, text.view());
  return true;
}

bool print_nla_value(DecodeCtx& ctx, const NlaSpec& spec, std::uint64_t addr, unsigned len,
                     std::uint64_t arg, unsigned depth) {
  OutBuf& out = ctx.out;
  switch (spec.kind) {
    case NlaKind::None:
      return false;
    case NlaKind::U8:
      return print_uint<std::uint8_t>(ctx, addr, len);
    case NlaKind::U16:
      return print_uint<std::uint16_t>(ctx, addr, len);
    case NlaKind::U32:
      return print_uint<std::uint32_t>(ctx, addr, len);
    case NlaKind::U64:
      return print_uint<std::uint64_t>(ctx, addr, len);
    case NlaKind::S32: {
      std::int32_t v = 0;
      if (len < sizeof v) return false;
      if (umove_or_printaddr(ctx, addr, v)) out.put_dec(v);
      return true;
    }
    case NlaKind::Str:
      // strace's decode_nla_str: a trailing NUL is dropped (not under -x's hex), a missing one
      // earns "...".
      printstr_ex(ctx, addr, len, kQuoteOmitTrailing0 | kQuoteExpectTrailing0);
      return true;
    case NlaKind::Ifindex: {
      std::uint32_t v = 0;
      if (len < sizeof v) return false;
      if (umove_or_printaddr(ctx, addr, v)) print_ifindex(ctx, v);
      return true;
    }
    case NlaKind::Xval32:
    case NlaKind::Flags32: {
      std::uint32_t v = 0;
      if (len < sizeof v) return false;
      if (!umove_or_printaddr(ctx, addr, v)) return true;
      if (spec.kind == NlaKind::Xval32) {
        printxval(out, spec.set, v, spec.dflt);
      } else {
        printflags(out, spec.set, v, spec.dflt);
      }
      return true;
    }
    case NlaKind::Xval8: {
      std::uint8_t v = 0;
      if (len < sizeof v) return false;
      if (umove_or_printaddr(ctx, addr, v)) printxval(out, spec.set, v, spec.dflt);
      return true;
    }
    case NlaKind::Hwaddr:
      return print_hwaddr(ctx, addr, len);
    case NlaKind::InetAddr:
      return print_inet_addr_at(ctx, addr, len, static_cast<int>(arg));
    case NlaKind::Be16: {
      std::uint16_t v = 0;
      if (len < sizeof v) return false;
      if (umove_or_printaddr(ctx, addr, v)) {
        out.put("htons(");
        out.put_udec(ntohs(v));
        out.put(')');
      }
      return true;
    }
    case NlaKind::Fd: {
      std::int32_t v = 0;
      if (len < sizeof v) return false;
      if (umove_or_printaddr(ctx, addr, v)) printfd(ctx, v);
      return true;
    }
    case NlaKind::Nested:
      // The tables nest a few levels at most; deeper is a forged chain, printed as bytes.
      if (spec.nested == nullptr || depth >= kMaxNlaDepth) return false;
      decode_nlattr(ctx, addr, len, *spec.nested, arg, depth + 1);
      return true;
    case NlaKind::Fn:
      return spec.fn != nullptr && spec.fn(ctx, addr, len, arg);
  }
  return false;
}

void print_nlattr(OutBuf& out, const nlattr& nla, const NlaTable& table) {
  out.put("{nla_len=");
  out.put_udec(nla.nla_len);
  out.put(", nla_type=");
  if (nla.nla_type & NLA_F_NESTED) {
    print_xlat_raw(out, NLA_F_NESTED, "NLA_F_NESTED");
    out.put('|');
  }
  if (nla.nla_type & NLA_F_NET_BYTEORDER) {
    print_xlat_raw(out, NLA_F_NET_BYTEORDER, "NLA_F_NET_BYTEORDER");
    out.put('|');
  }
  printxval(out, table.names, nla.nla_type & NLA_TYPE_MASK, table.dflt);
  out.put('}');
}

void decode_nlattr_with_data(DecodeCtx& ctx, const nlattr& nla, std::uint64_t addr,
                             std::uint64_t len, const NlaTable& table, std::uint64_t arg,
                             unsigned depth) {
  const unsigned nla_len = nla.nla_len < len ? nla.nla_len : static_cast<unsigned>(len);
  const bool data = nla_len > kNlaHdrLen;
  if (data) ctx.out.put('[');
  print_nlattr(ctx.out, nla, table);
  if (data) {
    ctx.out.put(", ");
    const unsigned idx = nla.nla_type & NLA_TYPE_MASK;
    const NlaSpec none{};
    const NlaSpec& spec = idx < table.count ? table.specs[idx] : none;
    const std::uint64_t value = addr + kNlaHdrLen;
    const unsigned value_len = nla_len - static_cast<unsigned>(kNlaHdrLen);
    if (!print_nla_value(ctx, spec, value, value_len, arg, depth))
      print_hex_bytes(ctx, value, value_len);
    ctx.out.put(']');
  }
}

}  // namespace

void decode_nlattr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len, const NlaTable& table,
                   std::uint64_t arg, unsigned depth) {
  OutBuf& out = ctx.out;
  const std::uint64_t limit = elem_limit(ctx.opt);
  nlattr nla{};
  bool is_array = false;
  for (std::uint64_t elt = 0; fetch_header(ctx, nla, addr, len, is_array); ++elt) {
    if (elt == limit) {
      out.put("...");
      break;
    }
    const std::uint64_t nla_len = NLA_ALIGN(static_cast<std::uint64_t>(nla.nla_len));
    std::uint64_t next_addr = 0;
    std::uint64_t next_len = 0;
    if (nla.nla_len >= kNlaHdrLen) {
      next_len = len >= nla_len ? len - nla_len : 0;
      if (next_len != 0 && addr + nla_len > addr) next_addr = addr + nla_len;
    }
    if (!is_array && next_addr != 0) {
      out.put('[');
      is_array = true;
    }
    decode_nlattr_with_data(ctx, nla, addr, len, table, arg, depth);
    if (next_addr == 0) break;
    out.put(", ");
    addr = next_addr;
    len = next_len;
  }
  if (is_array) out.put(']');
}

namespace {

// libudev's header before the properties of a uevent it forwards (systemd's
// src/libsystemd/sd-device/device-monitor.c).
struct UdevMonitorHeader {
  char prefix[8];       // "libudev"
  std::uint32_t magic;  // htonl(0xfeedcafe)
  std::uint32_t header_size;
  std::uint32_t properties_off;
  std::uint32_t properties_len;
  std::uint32_t filter_subsystem_hash;
  std::uint32_t filter_devtype_hash;
  std::uint32_t filter_tag_bloom_hi;
  std::uint32_t filter_tag_bloom_lo;
};
static_assert(sizeof(UdevMonitorHeader) == 40);

void print_htonl(OutBuf& out, const char* name, std::uint32_t v) {
  out.put(name);
  out.put("=htonl(");
  print_hex(out, ntohl(v));
  out.put(')');
}

// strace's decode_netlink_kobject_uevent: the kernel's "ACTION@DEVPATH\0KEY=VALUE\0..." as a
// string; libudev's messages as their header, then the properties.
void print_uevent(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len) {
  OutBuf& out = ctx.out;
  UdevMonitorHeader uh{};
  if (!ctx.opt.struct_verbose || len < sizeof uh || addr == 0 ||
      !umoven(ctx.mem, addr, sizeof uh, &uh) ||
      std::memcmp(uh.prefix, "libudev", sizeof uh.prefix) != 0) {
    printstrn(ctx, addr, len);
    return;
  }
  const bool more = len > sizeof uh;
  if (more) out.put('[');
  out.put("{prefix=");
  print_quoted_ex(out, uh.prefix, sizeof uh.prefix, kQuote0Terminated, ctx.opt.xmode);
  out.put(", ");
  print_htonl(out, "magic", uh.magic);
  out.put(", header_size=");
  out.put_udec(uh.header_size);
  out.put(", properties_off=");
  out.put_udec(uh.properties_off);
  out.put(", properties_len=");
  out.put_udec(uh.properties_len);
  out.put(", ");
  print_htonl(out, "filter_subsystem_hash", uh.filter_subsystem_hash);
  out.put(", ");
  print_htonl(out, "filter_devtype_hash", uh.filter_devtype_hash);
  out.put(", ");
  print_htonl(out, "filter_tag_bloom_hi", uh.filter_tag_bloom_hi);
  out.put(", ");
  print_htonl(out, "filter_tag_bloom_lo", uh.filter_tag_bloom_lo);
  out.put('}');
  if (more) {
    out.put(", ");
    printstrn(ctx, addr + sizeof uh, len - sizeof uh);
    out.put(']');
  }
}

}  // namespace

void print_netlink(DecodeCtx& ctx, int protocol, std::uint64_t addr, std::uint64_t len) {
  OutBuf& out = ctx.out;
  if (protocol == NETLINK_KOBJECT_UEVENT) {
    print_uevent(ctx, addr, len);
    return;
  }
  const std::uint64_t limit = elem_limit(ctx.opt);
  nlmsghdr h{};
  bool is_array = false;
  for (std::uint64_t elt = 0; fetch_header(ctx, h, addr, len, is_array); ++elt) {
    if (elt == limit) {
      out.put("...");
      break;
    }
    // strace computes the aligned length in 32 bits: a length near 4 GiB wraps to a small one.
    const std::uint32_t nlmsg_len = NLMSG_ALIGN(h.nlmsg_len);
    std::uint64_t next_addr = 0;
    std::uint64_t next_len = 0;
    if (h.nlmsg_len >= kHdrLen) {
      next_len = len >= nlmsg_len ? len - nlmsg_len : 0;
      if (next_len != 0 && addr + nlmsg_len > addr) next_addr = addr + nlmsg_len;
    }
    if (!is_array && next_addr != 0) {
      out.put('[');
      is_array = true;
    }
    decode_nlmsghdr_with_payload(ctx, protocol, h, addr, len, 0);
    if (next_addr == 0) break;
    out.put(", ");
    addr = next_addr;
    len = next_len;
  }
  if (is_array) out.put(']');
}

void print_ifindex(DecodeCtx& ctx, unsigned index) {
  char name[IF_NAMESIZE + 1] = {};
  if (index != 0 && ::if_indextoname(index, name) != nullptr) {
    thread_local OutBuf text;  // leaf use: one buffer, no allocation per call
    text.clear();
    text.put("if_nametoindex(");
    print_quoted_ex(text, name, sizeof name, kQuote0Terminated, ctx.opt.xmode);
    text.put(')');
    print_xlat_text(ctx.out, index, ValFmt::Udec, text.view());
    return;
  }
  ctx.out.put_udec(index);
}

bool print_inet_addr_at(DecodeCtx& ctx, std::uint64_t addr, unsigned len, int family) {
  unsigned char buf[16];
  std::size_t size = 0;
  if (family == AF_INET) size = 4;
  if (family == AF_INET6) size = 16;
  if (size == 0 || len < size) return false;
  if (!umoven_or_printaddr(ctx, addr, size, buf)) return true;
  char text[INET6_ADDRSTRLEN] = {};
  if (::inet_ntop(family, buf, text, sizeof text) == nullptr) return false;
  thread_local OutBuf shown;  // leaf use: one buffer, no allocation per call
  shown.clear();
  shown.put(family == AF_INET ? "inet_addr(" : "inet_pton(AF_INET6, ");
  print_quoted_ex(shown, text, sizeof text, kQuote0Terminated, ctx.opt.xmode);
  shown.put(')');
  print_bytes_as(ctx, buf, size, shown.view());
  return true;
}

const FlagSet* netlink_type_names(int protocol, const char** dflt) {
  static const FlagSet* const route = find_set("nl_route_types");
  static const FlagSet* const diag = find_set("nl_sock_diag_types");
  switch (protocol) {
    case NETLINK_ROUTE:
      *dflt = "RTM_???";
      return route;
    case NETLINK_SOCK_DIAG:
      *dflt = "SOCK_DIAG_???";
      return diag;
    default:
      return nullptr;
  }
}

void print_family(OutBuf& out, const char* field, std::uint8_t family) {
  static const FlagSet* const fams = find_set("address_families");
  out.put(field);
  out.put('=');
  printxval(out, fams, family, "AF_???");
}

void decode_family_bytes(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len,
                         const char* label) {
  OutBuf& out = ctx.out;
  out.put('{');
  print_family(out, "family", family);
  if (len > 1) {
    out.put(", ");
    out.put(label);
    printstr_ex(ctx, addr + 1, len - 1, kQuoteForceHex);
  }
  out.put('}');
}

}  // namespace scry::dec
