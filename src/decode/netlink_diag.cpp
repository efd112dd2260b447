// NETLINK_SOCK_DIAG payloads as strace 6.1 prints them (its netlink_sock_diag.c and
// netlink_{inet,unix,netlink}_diag.c): the requests (NLM_F_REQUEST) and the answers of the
// AF_INET/AF_INET6, AF_UNIX and AF_NETLINK families, with their attributes.
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstring>

#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

// A mask of `bits` bits, bit N named by set's value N + offset: "1<<TCP_LISTEN|0x2001" (offset
// 0), "1<<(INET_DIAG_MEMINFO-1)" (offset 1); unknown bits in hex, "0" for none.
void print_bit_mask(OutBuf& out, std::uint32_t mask, unsigned bits, const FlagSet* set,
                    unsigned offset) {
  thread_local OutBuf text;  // leaf use: one buffer, no allocation per call
  text.clear();
  std::uint32_t rest = mask;
  for (unsigned bit = 0; bit < bits; ++bit) {
    if ((mask & (1u << bit)) == 0) continue;
    const char* name = xlookup(set, bit + offset);
    if (name == nullptr) continue;
    if (text.size() != 0) text.put('|');
    text.put(offset == 0 ? "1<<" : "1<<(");
    text.put(name);
    if (offset != 0) {
      text.put('-');
      text.put_udec(offset);
      text.put(')');
    }
    rest &= ~(1u << bit);
  }
  if (text.size() == 0) {
    print_val(out, mask, ValFmt::Hex);
    return;
  }
  if (rest != 0) {
    text.put('|');
    text.put_hex(rest);
  }
  print_xlat_text(out, mask, ValFmt::Hex, text.view());
}

// A state mask: "1<<TCP_LISTEN|1<<TCP_NEW_SYN_RECV|0x2001".
void print_state_mask(OutBuf& out, std::uint32_t mask) {
  static const FlagSet* const states = find_set("tcp_states");
  print_bit_mask(out, mask, 32, states, 0);
}

// inet_diag_req_v2's idiag_ext: "1<<(INET_DIAG_MEMINFO-1)|...".
void print_ext_mask(OutBuf& out, std::uint8_t mask) {
  static const FlagSet* const attrs = find_set("inet_diag_attrs");
  print_bit_mask(out, mask, 8, attrs, 1);
}

void print_cookie(OutBuf& out, const std::uint32_t cookie[2]) {
  out.put('[');
  out.put_udec(cookie[0]);
  out.put(", ");
  out.put_udec(cookie[1]);
  out.put(']');
}

// "idiag_src=inet_addr(\"127.0.0.1\")" / "inet_pton(AF_INET6, \"::1\", &idiag_src)".
void print_diag_addr(DecodeCtx& ctx, int family, const std::uint32_t addr[4], const char* name) {
  OutBuf& out = ctx.out;
  char text[INET6_ADDRSTRLEN] = {};
  if ((family == AF_INET || family == AF_INET6) &&
      ::inet_ntop(family, addr, text, sizeof text) != nullptr) {
    if (family == AF_INET) {
      out.put(name);
      out.put("=inet_addr(");
      print_quoted_ex(out, text, sizeof text, kQuote0Terminated, ctx.opt.xmode);
      out.put(')');
    } else {
      out.put("inet_pton(AF_INET6, ");
      print_quoted_ex(out, text, sizeof text, kQuote0Terminated, ctx.opt.xmode);
      out.put(", &");
      out.put(name);
      out.put(')');
    }
    return;
  }
  out.put(name);
  out.put('=');
  print_quoted_ex(out, reinterpret_cast<const char*>(addr), 16, kQuoteForceHex, ctx.opt.xmode);
}

void print_sockid(DecodeCtx& ctx, int family, const inet_diag_sockid& id) {
  OutBuf& out = ctx.out;
  out.put("id={idiag_sport=htons(");
  out.put_udec(ntohs(id.idiag_sport));
  out.put("), idiag_dport=htons(");
  out.put_udec(ntohs(id.idiag_dport));
  out.put("), ");
  print_diag_addr(ctx, family, id.idiag_src, "idiag_src");
  out.put(", ");
  print_diag_addr(ctx, family, id.idiag_dst, "idiag_dst");
  out.put(", idiag_if=");
  print_ifindex(ctx, id.idiag_if);
  out.put(", idiag_cookie=");
  print_cookie(out, id.idiag_cookie);
  out.put('}');
}

// --- attribute values --------------------------------------------------------------------------

// "[[SK_MEMINFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=212992, ...]", -s elements at most.
bool print_meminfo(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const FlagSet* const names = find_set("sk_meminfo");
  if (len < sizeof(std::uint32_t)) return false;
  std::uint64_t index = 0;
  print_array(ctx, addr, len / sizeof(std::uint32_t), sizeof(std::uint32_t),
              [&](const unsigned char* e) {
                std::uint32_t v = 0;
                std::memcpy(&v, e, sizeof v);
                ctx.out.put('[');
                printxval(ctx.out, names, index++, "SK_MEMINFO_???", ValFmt::Udec);
                ctx.out.put("]=");
                ctx.out.put_udec(v);
                return true;
              });
  return true;
}

bool print_u32_array(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  if (len < sizeof(std::uint32_t)) return false;
  print_array(ctx, addr, len / sizeof(std::uint32_t), sizeof(std::uint32_t),
              [&](const unsigned char* e) {
                std::uint32_t v = 0;
                std::memcpy(&v, e, sizeof v);
                ctx.out.put_udec(v);
                return true;
              });
  return true;
}

bool print_inet_meminfo(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kNames[] = {"idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem"};
  return print_uint_fields<std::uint32_t>(ctx, addr, len, kNames, 4, 4);
}

// inet_diag_sockopt's bits: the set ones ("{is_icsk=1, mc_loop=1, mc_all=1}"), all of them with
// -v.
bool print_inet_sockopt(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kBits[] = {"recverr",         "is_icsk",      "freebind",
                                      "hdrincl",         "mc_loop",      "transparent",
                                      "mc_all",          "nodefrag",     "bind_address_no_port",
                                      "recverr_rfc4884", "defer_connect"};
  std::uint8_t b[2] = {};
  if (len < sizeof b) return false;
  if (!umoven_or_printaddr(ctx, addr, sizeof b, b)) return true;
  const bool all = ctx.opt.verbose;
  Fields f(ctx.out);
  for (unsigned i = 0; i < sizeof kBits / sizeof kBits[0]; ++i) {
    const unsigned bit = (b[i / 8] >> (i % 8)) & 1;
    if (all || bit != 0) f.f(kBits[i]).put_udec(bit);
  }
  const unsigned unused = b[1] >> 3;
  if (all || unused != 0) {
    print_hex(f.f("unused"), unused);
    ctx.out.put(" /* bits 3..8 */");
  }
  f.end();
  return true;
}

bool print_unix_vfs(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  unix_diag_vfs v{};
  if (len < sizeof v) return false;
  if (!umove_or_printaddr(ctx, addr, v)) return true;
  Fields f(ctx.out);
  f.f("udiag_vfs_ino").put_udec(v.udiag_vfs_ino);
  print_dev(f.f("udiag_vfs_dev"), v.udiag_vfs_dev);
  f.end();
  return true;
}

bool print_unix_rqlen(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kNames[] = {"udiag_rqueue", "udiag_wqueue"};
  return print_uint_fields<std::uint32_t>(ctx, addr, len, kNames, 2, 2);
}

bool print_netlink_ring(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kNames[] = {"ndr_block_size", "ndr_block_nr", "ndr_frame_size",
                                       "ndr_frame_nr"};
  return print_uint_fields<std::uint32_t>(ctx, addr, len, kNames, 4, 4);
}

const NlaTable& inet_req_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[INET_DIAG_REQ_PROTOCOL + 1];
    s[INET_DIAG_REQ_PROTOCOL] = {NlaKind::U32};
    return make_table("inet_diag_req_attrs", "INET_DIAG_REQ_???", s);
  }();
  return t;
}

const NlaTable& inet_msg_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[INET_DIAG_SOCKOPT + 1];
    s[INET_DIAG_MEMINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_inet_meminfo};
    s[INET_DIAG_SKMEMINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_meminfo};
    s[INET_DIAG_CONG] = {NlaKind::Str};
    for (int a : {INET_DIAG_TOS, INET_DIAG_TCLASS, INET_DIAG_SHUTDOWN, INET_DIAG_SKV6ONLY})
      s[a] = {NlaKind::U8};
    s[INET_DIAG_PROTOCOL] = {NlaKind::Xval8, find_set("ip_proto"), "IPPROTO_???"};
    s[INET_DIAG_MARK] = {NlaKind::U32};
    s[INET_DIAG_CLASS_ID] = {NlaKind::U32};
    s[INET_DIAG_CGROUP_ID] = {NlaKind::U64};
    s[INET_DIAG_SOCKOPT] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_inet_sockopt};
    return make_table("inet_diag_attrs", "INET_DIAG_???", s);
  }();
  return t;
}

const NlaTable& unix_msg_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[UNIX_DIAG_UID + 1];
    s[UNIX_DIAG_NAME] = {NlaKind::Str};
    s[UNIX_DIAG_VFS] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_unix_vfs};
    s[UNIX_DIAG_PEER] = {NlaKind::U32};
    s[UNIX_DIAG_ICONS] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_u32_array};
    s[UNIX_DIAG_RQLEN] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_unix_rqlen};
    s[UNIX_DIAG_MEMINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_meminfo};
    s[UNIX_DIAG_SHUTDOWN] = {NlaKind::U8};
    s[UNIX_DIAG_UID] = {NlaKind::U32};
    return make_table("unix_diag_attrs", "UNIX_DIAG_???", s);
  }();
  return t;
}

const NlaTable& netlink_msg_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[NETLINK_DIAG_FLAGS + 1];
    s[NETLINK_DIAG_MEMINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_meminfo};
    s[NETLINK_DIAG_GROUPS] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_u32_array};
    s[NETLINK_DIAG_RX_RING] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_netlink_ring};
    s[NETLINK_DIAG_TX_RING] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_netlink_ring};
    s[NETLINK_DIAG_FLAGS] = {NlaKind::U32};
    return make_table("netlink_diag_attrs", "NETLINK_DIAG_???", s);
  }();
  return t;
}

// --- messages -----------------------------------------------------------------------------------

void decode_inet_req(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const protos = find_set("ip_proto");
  decode_family_msg<inet_diag_req_v2>(
      ctx, "sdiag_family", family, addr, len, &inet_req_attrs(), [&](const inet_diag_req_v2& r) {
        OutBuf& out = ctx.out;
        out.put("sdiag_protocol=");
        printxval(out, protos, r.sdiag_protocol, "IPPROTO_???", ValFmt::Dec);
        out.put(", idiag_ext=");
        print_ext_mask(out, r.idiag_ext);
        out.put(", idiag_states=");
        print_state_mask(out, r.idiag_states);
        out.put(", ");
        print_sockid(ctx, family, r.id);
      });
}

void decode_inet_msg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const states = find_set("tcp_states");
  decode_family_msg<inet_diag_msg>(ctx, "idiag_family", family, addr, len, &inet_msg_attrs(),
                                   [&](const inet_diag_msg& m) {
                                     OutBuf& out = ctx.out;
                                     out.put("idiag_state=");
                                     printxval(out, states, m.idiag_state, "TCP_???");
                                     out.put(", idiag_timer=");
                                     out.put_udec(m.idiag_timer);
                                     out.put(", idiag_retrans=");
                                     out.put_udec(m.idiag_retrans);
                                     out.put(", ");
                                     print_sockid(ctx, family, m.id);
                                     out.put(", idiag_expires=");
                                     out.put_udec(m.idiag_expires);
                                     out.put(", idiag_rqueue=");
                                     out.put_udec(m.idiag_rqueue);
                                     out.put(", idiag_wqueue=");
                                     out.put_udec(m.idiag_wqueue);
                                     out.put(", idiag_uid=");
                                     out.put_udec(m.idiag_uid);
                                     out.put(", idiag_inode=");
                                     out.put_udec(m.idiag_inode);
                                   });
}

void decode_unix_req(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const show = find_set("unix_diag_show");
  decode_family_msg<unix_diag_req>(ctx, "sdiag_family", family, addr, len, nullptr,
                                   [&](const unix_diag_req& r) {
                                     OutBuf& out = ctx.out;
                                     out.put("sdiag_protocol=");
                                     out.put_udec(r.sdiag_protocol);
                                     out.put(", udiag_states=");
                                     print_state_mask(out, r.udiag_states);
                                     out.put(", udiag_ino=");
                                     out.put_udec(r.udiag_ino);
                                     out.put(", udiag_show=");
                                     printflags(out, show, r.udiag_show, "UDIAG_SHOW_???");
                                     out.put(", udiag_cookie=");
                                     print_cookie(out, r.udiag_cookie);
                                   });
}

void decode_unix_msg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const types = find_set("socket_type");
  static const FlagSet* const states = find_set("tcp_states");
  decode_family_msg<unix_diag_msg>(ctx, "udiag_family", family, addr, len, &unix_msg_attrs(),
                                   [&](const unix_diag_msg& m) {
                                     OutBuf& out = ctx.out;
                                     out.put("udiag_type=");
                                     printxval(out, types, m.udiag_type, "SOCK_???");
                                     out.put(", udiag_state=");
                                     printxval(out, states, m.udiag_state, "TCP_???");
                                     out.put(", udiag_ino=");
                                     out.put_udec(m.udiag_ino);
                                     out.put(", udiag_cookie=");
                                     print_cookie(out, m.udiag_cookie);
                                   });
}

void print_netlink_protocol(OutBuf& out, std::uint8_t protocol) {
  static const FlagSet* const protos = find_set("netlink_proto");
  if (protocol == NDIAG_PROTO_ALL) {
    print_xlat_raw(out, protocol, "NDIAG_PROTO_ALL");
    return;
  }
  printxval(out, protos, protocol, "NETLINK_???");
}

void decode_netlink_req(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr,
                        std::uint64_t len) {
  static const FlagSet* const show = find_set("netlink_diag_show");
  decode_family_msg<netlink_diag_req>(ctx, "sdiag_family", family, addr, len, nullptr,
                                      [&](const netlink_diag_req& r) {
                                        OutBuf& out = ctx.out;
                                        out.put("sdiag_protocol=");
                                        print_netlink_protocol(out, r.sdiag_protocol);
                                        out.put(", ndiag_ino=");
                                        out.put_udec(r.ndiag_ino);
                                        out.put(", ndiag_show=");
                                        printflags(out, show, r.ndiag_show, "NDIAG_SHOW_???");
                                        out.put(", ndiag_cookie=");
                                        print_cookie(out, r.ndiag_cookie);
                                      });
}

void decode_netlink_msg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr,
                        std::uint64_t len) {
  static const FlagSet* const types = find_set("socket_type");
  static const FlagSet* const states = find_set("tcp_states");
  decode_family_msg<netlink_diag_msg>(ctx, "ndiag_family", family, addr, len, &netlink_msg_attrs(),
                                      [&](const netlink_diag_msg& m) {
                                        OutBuf& out = ctx.out;
                                        out.put("ndiag_type=");
                                        printxval(out, types, m.ndiag_type, "SOCK_???");
                                        out.put(", ndiag_protocol=");
                                        print_netlink_protocol(out, m.ndiag_protocol);
                                        out.put(", ndiag_state=");
                                        printxval(out, states, m.ndiag_state, "TCP_???");
                                        out.put(", ndiag_portid=");
                                        out.put_udec(m.ndiag_portid);
                                        out.put(", ndiag_dst_portid=");
                                        out.put_udec(m.ndiag_dst_portid);
                                        out.put(", ndiag_dst_group=");
                                        out.put_udec(m.ndiag_dst_group);
                                        out.put(", ndiag_ino=");
                                        out.put_udec(m.ndiag_ino);
                                        out.put(", ndiag_cookie=");
                                        print_cookie(out, m.ndiag_cookie);
                                      });
}

}  // namespace

bool decode_netlink_sock_diag(DecodeCtx& ctx, const nlmsghdr& h, std::uint64_t addr,
                              std::uint64_t len) {
  std::uint8_t family = 0;
  if (!umove_or_printaddr(ctx, addr, family)) return true;
  const bool request = (h.nlmsg_flags & NLM_F_REQUEST) != 0;
  switch (family) {
    case AF_INET:
    case AF_INET6:
      (request ? decode_inet_req : decode_inet_msg)(ctx, family, addr, len);
      break;
    case AF_UNIX:
      (request ? decode_unix_req : decode_unix_msg)(ctx, family, addr, len);
      break;
    case AF_NETLINK:
      (request ? decode_netlink_req : decode_netlink_msg)(ctx, family, addr, len);
      break;
    case AF_PACKET:
    case AF_SMC:
      // strace decodes these families' structures; here only their short form matches.
      if (len < 16) {
        const char* field = request               ? "sdiag_family"
                            : family == AF_PACKET ? "pdiag_family"
                                                  : "diag_family";
        decode_family_msg<std::array<unsigned char, 16>>(ctx, field, family, addr, len, nullptr,
                                                         [](const auto&) {});
        break;
      }
      decode_family_bytes(ctx, family, addr, len, "data=");
      break;
    default:
      decode_family_bytes(ctx, family, addr, len, "data=");
      break;
  }
  return true;
}

}  // namespace scry::dec
