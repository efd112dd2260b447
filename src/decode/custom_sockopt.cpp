// setsockopt, getsockopt (strace's net.c): the level, the option's name at that level, and
// the option values strace decodes (struct linger, ucred, ip_mreq, group_req, packet_mreq,
// tpacket_req, the ICMP filter, socket filter programs, ...).
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstring>
#include <iterator>

#include "decode/bpf_filter.hpp"
#include "decode/custom.hpp"
#include "decode/net_print.hpp"
#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

// --- names --------------------------------------------------------------------------------------

struct LevelNames {
  unsigned level;
  const char* common;  // the flag set of names both calls use
  const char* get;     // names only getsockopt uses (nullptr: none)
  const char* set;     // names only setsockopt uses
  const char* dflt;
};

// Levels glibc's <sys/socket.h> leaves out (uapi values).
constexpr unsigned kSolTcp = 6, kSolUdp = 17, kSolCanRaw = 101, kSolSctp = 132, kSolIpx = 256,
                   kSolAx25 = 257;

// strace's print_sockopt_fd_level_name: the levels whose option names it knows.
constexpr LevelNames kLevels[] = {
    {SOL_SOCKET, "sockopt", "sockopt_get", "sockopt_set", "SO_???"},
    {SOL_IP, "sockopt_ip", "sockopt_ip_get", "sockopt_ip_set", "IP_???"},
    // AF_VSOCK's options are looked up by the address family used as a level.
    {AF_VSOCK, "sockopt_vsock", nullptr, nullptr, "SO_VM_???"},
    {SOL_IPV6, "sockopt_ipv6", "sockopt_ipv6_get", "sockopt_ipv6_set", "IPV6_???"},
    {kSolIpx, "sockopt_ipx", nullptr, nullptr, "IPX_???"},
    {kSolAx25, "sockopt_ax25", nullptr, nullptr, "AX25_???"},
    {SOL_PACKET, "sockopt_packet", nullptr, nullptr, "PACKET_???"},
    {kSolTcp, "sockopt_tcp", nullptr, nullptr, "TCP_???"},
    {kSolCanRaw, "sockopt_can_raw", nullptr, nullptr, "CAN_RAW_???"},
    {kSolSctp, "sockopt_sctp", nullptr, nullptr, "SCTP_???"},
    {SOL_RAW, "sockopt_raw", nullptr, nullptr, "RAW_???"},
    {SOL_NETLINK, "sockopt_netlink", nullptr, nullptr, "NETLINK_???"},
    {kSolUdp, "sockopt_udp", nullptr, nullptr, "UDP_???"},
    {SOL_IRDA, "sockopt_irda", nullptr, nullptr, "IRLMP_???"},
    {SOL_LLC, "sockopt_llc", nullptr, nullptr, "LLC_OPT_???"},
    {SOL_DCCP, "sockopt_dccp", nullptr, nullptr, "DCCP_SOCKOPT_???"},
    {SOL_TIPC, "sockopt_tipc", nullptr, nullptr, "TIPC_???"},
    {SOL_RXRPC, "sockopt_rxrpc", nullptr, nullptr, "RXRPC_???"},
    {SOL_PPPOL2TP, "sockopt_pppol2tp", nullptr, nullptr, "PPPOL2TP_SO_???"},
    {SOL_BLUETOOTH, "sockopt_bluetooth", nullptr, nullptr, "BT_???"},
    {SOL_PNPIPE, "sockopt_pnpipe", nullptr, nullptr, "PNPIPE_???"},
    {SOL_RDS, "sockopt_rds", nullptr, nullptr, "RDS_???"},
    {SOL_IUCV, "sockopt_iucv", nullptr, nullptr, "SO_???"},
    {SOL_CAIF, "sockopt_caif", nullptr, nullptr, "CAIFSO_???"},
    {SOL_ALG, "sockopt_alg", nullptr, nullptr, "ALG_???"},
    {SOL_NFC, "sockopt_nfc", nullptr, nullptr, "NFC_LLCP_???"},
    {SOL_KCM, "sockopt_kcm", nullptr, nullptr, "KCM_???"},
    {SOL_TLS, "sockopt_tls", nullptr, nullptr, "TLS_???"},
    {SOL_XDP, "sockopt_xdp", nullptr, nullptr, "XDP_???"},
};

struct LevelSets {
  const FlagSet* common;
  const FlagSet* get;
  const FlagSet* set;
};

const LevelSets* level_sets(unsigned level, const LevelNames** names) {
  static const auto sets = [] {
    std::array<LevelSets, std::size(kLevels)> r{};
    for (std::size_t i = 0; i < r.size(); ++i) {
      r[i].common = find_set(kLevels[i].common);
      r[i].get = kLevels[i].get != nullptr ? find_set(kLevels[i].get) : nullptr;
      r[i].set = kLevels[i].set != nullptr ? find_set(kLevels[i].set) : nullptr;
    }
    return r;
  }();
  for (std::size_t i = 0; i < std::size(kLevels); ++i) {
    if (kLevels[i].level != level) continue;
    *names = &kLevels[i];
    return &sets[i];
  }
  return nullptr;
}

void print_sockopt_name(OutBuf& out, unsigned level, unsigned name, bool is_get) {
  const LevelNames* names = nullptr;
  const LevelSets* sets = level_sets(level, &names);
  if (sets == nullptr) {
    out.put_udec(name);
    return;
  }
  const char* s = xlookup(sets->common, name);
  if (s == nullptr) s = xlookup(is_get ? sets->get : sets->set, name);
  if (s != nullptr) {
    print_xlat_raw(out, name, s);
  } else {
    printxval(out, nullptr, name, names->dflt);
  }
}

// --- values -------------------------------------------------------------------------------------

// SOL_SOCKET options whose value strace prints as an int (or, too short, as the address at
// setsockopt and the bytes at getsockopt).
bool is_int_like(unsigned name) {
  switch (name) {
    case SO_DEBUG:
    case SO_REUSEADDR:
    case SO_DONTROUTE:
    case SO_BROADCAST:
    case SO_SNDBUF:
    case SO_RCVBUF:
    case SO_KEEPALIVE:
    case SO_OOBINLINE:
    case SO_NO_CHECK:
    case SO_PRIORITY:
    case SO_BSDCOMPAT:
    case SO_REUSEPORT:
    case SO_PASSCRED:
    case SO_RCVLOWAT:
    case SO_SNDLOWAT:
    case SO_DETACH_FILTER:
    case SO_TIMESTAMP_OLD:
    case SO_ACCEPTCONN:
    case SO_SNDBUFFORCE:
    case SO_RCVBUFFORCE:
    case SO_PASSSEC:
    case SO_TIMESTAMPNS_OLD:
    case SO_MARK:
    case SO_TIMESTAMPING_OLD:
    case SO_RXQ_OVFL:
    case SO_WIFI_STATUS:
    case SO_PEEK_OFF:
    case SO_NOFCS:
    case SO_LOCK_FILTER:
    case SO_SELECT_ERR_QUEUE:
    case SO_BUSY_POLL:
    case SO_INCOMING_CPU:
    case SO_CNX_ADVICE:
    case SO_INCOMING_NAPI_ID:
    case SO_ZEROCOPY:
    case SO_TIMESTAMP_NEW:
    case SO_TIMESTAMPNS_NEW:
    case SO_TIMESTAMPING_NEW:
    case SO_DETACH_REUSEPORT_BPF:
    case SO_PREFER_BUSY_POLL:
    case SO_BUSY_POLL_BUDGET:
    case SO_RESERVE_MEM:
    case SO_RCVMARK:
      return true;
    default:
      return false;
  }
}

void print_hex_str(DecodeCtx& ctx, std::uint64_t addr, int len) {
  printstr_ex(ctx, addr, static_cast<std::uint64_t>(static_cast<std::int64_t>(len)),
              kQuoteForceHex);
}

// strace's MAYBE_PRINT_FIELD_LEN over a structure of 32-bit fields read into buf: the fields
// len reaches, one cut short as its bytes in hex. field(i, v) prints field i's value.
template <typename Field>
void print_fields_len(DecodeCtx& ctx, const unsigned char* buf, unsigned len,
                      std::initializer_list<const char*> names, Field&& field) {
  OutBuf& out = ctx.out;
  out.put('{');
  unsigned i = 0;
  for (const char* name : names) {
    const unsigned start = 4 * i;
    if (len <= start) break;
    if (i != 0) out.put(", ");
    out.put(name);
    out.put('=');
    if (len >= start + 4) {
      std::uint32_t v = 0;
      std::memcpy(&v, buf + start, 4);
      field(i, v);
    } else {
      print_quoted_ex(out, reinterpret_cast<const char*>(buf + start), len - start, kQuoteForceHex,
                      ctx.opt.xmode);
    }
    ++i;
  }
  out.put('}');
}

// A structure of up to max_len bytes of 32-bit fields, as much of it as len says.
template <typename Field>
void print_get_fields(DecodeCtx& ctx, std::uint64_t addr, unsigned len,
                      std::initializer_list<const char*> names, Field&& field) {
  unsigned char buf[16] = {};
  const unsigned max_len = static_cast<unsigned>(4 * names.size());
  if (len > max_len) len = max_len;
  if (!umoven_or_printaddr(ctx, addr, len, buf)) return;
  print_fields_len(ctx, buf, len, names, field);
}

void print_int_value(DecodeCtx& ctx, std::uint64_t addr) {
  print_int_ptr(ctx, addr);
}

void print_txrehash(DecodeCtx& ctx, std::uint64_t addr, int len) {
  static const FlagSet* const vals = find_set("sockopt_txrehash");
  if (len < static_cast<int>(sizeof(int))) {
    if (ctx.exiting) {
      print_hex_str(ctx, addr, len);
    } else {
      print_addr(ctx.out, addr);
    }
    return;
  }
  std::int32_t v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  printxval(ctx.out, vals, static_cast<std::uint64_t>(static_cast<std::int64_t>(v)),
            "SOCK_TXREHASH_???", ValFmt::Dec);
  ctx.out.put(']');
}

// ICMP_FILTER's mask as the ICMP types in it, or (when more than half are) "~" and those not
// in it: ~[ICMP_ECHOREPLY].
void print_icmp_filter(DecodeCtx& ctx, std::uint64_t addr, int len) {
  static const FlagSet* const types = find_set("icmp_filter_flags");
  if (len > 4) {
    len = 4;
  } else if (len <= 0) {
    print_addr(ctx.out, addr);
    return;
  }
  std::uint32_t data = ~0u;  // the bytes len leaves out stay set
  if (!umoven_or_printaddr(ctx, addr, static_cast<std::size_t>(len), &data)) return;
  OutBuf& out = ctx.out;
  if (__builtin_popcount(data) > 16) {
    data = ~data;
    out.put('~');
  }
  out.put('[');
  bool first = true;
  for (unsigned bit = 0; bit < 32; ++bit) {
    if ((data & (1u << bit)) == 0) continue;
    if (!first) out.put(' ');
    first = false;
    printxval(out, types, bit, "ICMP_???");
  }
  out.put(']');
}

void print_in_addr_field(DecodeCtx& ctx, const char* name, const void* a) {
  print_inet_addr(ctx.out, AF_INET, a, 4, name, ctx.opt.xmode);
}

// IP_ADD_MEMBERSHIP's struct ip_mreq (an ip_mreqn prints as its ip_mreq part).
void print_mreq(DecodeCtx& ctx, std::uint64_t addr, int len) {
  struct {
    std::uint32_t multiaddr, interface;
  } m{};
  if (len < static_cast<int>(sizeof m)) {
    print_addr(ctx.out, addr);
    return;
  }
  if (!umove_or_printaddr(ctx, addr, m)) return;
  ctx.out.put('{');
  print_in_addr_field(ctx, "imr_multiaddr", &m.multiaddr);
  ctx.out.put(", ");
  print_in_addr_field(ctx, "imr_interface", &m.interface);
  ctx.out.put('}');
}

void print_mreq6(DecodeCtx& ctx, std::uint64_t addr, int len) {
  struct {
    unsigned char multiaddr[16];
    std::uint32_t interface;
  } m{};
  if (len < static_cast<int>(sizeof m)) {
    print_addr(ctx.out, addr);
    return;
  }
  if (!umove_or_printaddr(ctx, addr, m)) return;
  ctx.out.put('{');
  print_inet_addr(ctx.out, AF_INET6, m.multiaddr, sizeof m.multiaddr, "ipv6mr_multiaddr",
                  ctx.opt.xmode);
  ctx.out.put(", ipv6mr_interface=");
  print_ifindex(ctx, m.interface);
  ctx.out.put('}');
}

// MCAST_JOIN_GROUP's struct group_req: the interface and a struct sockaddr_storage.
void print_group_req(DecodeCtx& ctx, std::uint64_t addr, int len) {
  struct {
    std::uint32_t interface;
    std::uint32_t pad;
    unsigned char group[sizeof(sockaddr_storage)];
  } g{};
  static_assert(sizeof g == 136, "struct group_req");
  if (len != static_cast<int>(sizeof g) || !umoven(ctx.mem, addr, sizeof g, &g)) {
    print_addr(ctx.out, addr);
    return;
  }
  ctx.out.put("{gr_interface=");
  print_ifindex(ctx, g.interface);
  ctx.out.put(", gr_group=");
  print_sockaddr_bytes(ctx, g.group, sizeof g.group);
  ctx.out.put('}');
}

void print_tpacket_req(DecodeCtx& ctx, std::uint64_t addr, int len) {
  std::uint32_t r[4] = {};
  if (len != static_cast<int>(sizeof r) || !umoven(ctx.mem, addr, sizeof r, r)) {
    print_addr(ctx.out, addr);
    return;
  }
  print_fields_len(ctx, reinterpret_cast<const unsigned char*>(r), sizeof r,
                   {"tp_block_size", "tp_block_nr", "tp_frame_size", "tp_frame_nr"},
                   [&](unsigned, std::uint32_t v) { ctx.out.put_udec(v); });
}

void print_packet_mreq(DecodeCtx& ctx, std::uint64_t addr, int len) {
  static const FlagSet* const types = find_set("packet_mr_type");
  packet_mreq m{};
  if (len != static_cast<int>(sizeof m) || !umoven(ctx.mem, addr, sizeof m, &m)) {
    print_addr(ctx.out, addr);
    return;
  }
  OutBuf& out = ctx.out;
  out.put("{mr_ifindex=");
  print_ifindex(ctx, static_cast<unsigned>(m.mr_ifindex));
  out.put(", mr_type=");
  printxval(out, types, m.mr_type, "PACKET_MR_???");
  out.put(", mr_alen=");
  out.put_udec(m.mr_alen);
  out.put(", mr_address=");
  print_mac_addr(out, m.mr_address,
                 m.mr_alen < sizeof m.mr_address ? m.mr_alen : sizeof m.mr_address);
  out.put('}');
}

// setsockopt's value (strace's print_setsockopt).
void print_setsockopt(DecodeCtx& ctx, unsigned level, unsigned name, std::uint64_t addr, int len) {
  OutBuf& out = ctx.out;
  if (addr != 0 && ctx.opt.struct_verbose) {
    switch (level) {
      case SOL_SOCKET:
        if (name == SO_LINGER) {
          std::int32_t v[2] = {};
          if (len < static_cast<int>(sizeof v)) {
            print_addr(out, addr);
          } else if (umoven_or_printaddr(ctx, addr, sizeof v, v)) {
            out.put("{l_onoff=");
            out.put_dec(v[0]);
            out.put(", l_linger=");
            out.put_dec(v[1]);
            out.put('}');
          }
          return;
        }
        if (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF) {
          if (len == 16) {
            decode_bpf_fprog(ctx, addr, print_sock_filter_k);
          } else {
            print_addr(out, addr);
          }
          return;
        }
        if (name == SO_TXREHASH) {
          print_txrehash(ctx, addr, len);
          return;
        }
        if (is_int_like(name)) {
          if (len < static_cast<int>(sizeof(int))) {
            print_addr(out, addr);
          } else {
            print_int_value(ctx, addr);
          }
          return;
        }
        break;
      case SOL_IP:
        if (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP) {
          print_mreq(ctx, addr, len);
          return;
        }
        if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP) {
          print_group_req(ctx, addr, len);
          return;
        }
        break;
      case SOL_IPV6:
        if (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP ||
            name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST) {
          print_mreq6(ctx, addr, len);
          return;
        }
        if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP) {
          print_group_req(ctx, addr, len);
          return;
        }
        break;
      case SOL_PACKET:
        if (name == PACKET_RX_RING || name == PACKET_TX_RING) {
          print_tpacket_req(ctx, addr, len);
          return;
        }
        if (name == PACKET_ADD_MEMBERSHIP || name == PACKET_DROP_MEMBERSHIP) {
          print_packet_mreq(ctx, addr, len);
          return;
        }
        break;
      case SOL_RAW:
        if (name == 1 /* ICMP_FILTER */) {
          print_icmp_filter(ctx, addr, len);
          return;
        }
        break;
      case SOL_NETLINK:
        if (len < static_cast<int>(sizeof(int))) {
          print_addr(out, addr);
        } else {
          print_int_value(ctx, addr);
        }
        return;
      default:
        break;
    }
  }
  if (!ctx.opt.struct_verbose) {
    print_addr(out, addr);
  } else if (len == static_cast<int>(sizeof(int))) {
    print_int_value(ctx, addr);
  } else {
    printstrn(ctx, addr, static_cast<std::uint64_t>(static_cast<std::int64_t>(len)));
  }
}

// getsockopt's value (strace's print_getsockopt), the lengths the caller gave and the kernel
// returned.
void print_getsockopt(DecodeCtx& ctx, unsigned level, unsigned name, std::uint64_t addr, int ulen,
                      int rlen) {
  OutBuf& out = ctx.out;
  if (ulen <= 0 || rlen <= 0) {
    // A length the kernel neither takes nor returns on success: forged by the caller.
    print_addr(out, addr);
    return;
  }
  const auto len = static_cast<unsigned>(rlen);
  if (addr != 0 && ctx.opt.struct_verbose) {
    switch (level) {
      case SOL_SOCKET:
        switch (name) {
          case SO_LINGER:
            print_get_fields(
                ctx, addr, len, {"l_onoff", "l_linger"},
                [&](unsigned, std::uint32_t v) { out.put_dec(static_cast<std::int32_t>(v)); });
            return;
          case SO_PEERCRED:
            print_get_fields(ctx, addr, len, {"pid", "uid", "gid"},
                             [&](unsigned i, std::uint32_t v) {
                               if (i == 0) {
                                 print_pid(ctx, static_cast<std::int32_t>(v));
                               } else {
                                 print_uid(out, v);
                               }
                             });
            return;
          case SO_ATTACH_FILTER:  // SO_GET_FILTER: the number of instructions
            if (static_cast<std::uint16_t>(rlen) == len) {
              print_bpf_fprog(ctx, addr, len, print_sock_filter_k);
            } else {
              print_addr(out, addr);
            }
            return;
          case SO_ERROR: {
            std::uint32_t err = 0;
            if (len < sizeof err) {
              print_hex_str(ctx, addr, rlen);
              return;
            }
            if (!umove_or_printaddr(ctx, addr, err)) return;
            out.put('[');
            if (const char* e = errno_name(err)) {
              print_xlat_text(out, err, ValFmt::Udec, e);
            } else {
              out.put_udec(err);
            }
            out.put(']');
            return;
          }
          case SO_TXREHASH:
            print_txrehash(ctx, addr, rlen);
            return;
          default:
            if (is_int_like(name)) {
              if (len >= sizeof(int)) {
                print_int_value(ctx, addr);
              } else {
                print_hex_str(ctx, addr, rlen);
              }
              return;
            }
            break;
        }
        break;
      case SOL_PACKET:
        if (name == PACKET_STATISTICS) {
          print_get_fields(ctx, addr, len, {"tp_packets", "tp_drops", "tp_freeze_q_cnt"},
                           [&](unsigned, std::uint32_t v) { out.put_udec(v); });
          return;
        }
        break;
      case SOL_RAW:
        if (name == 1 /* ICMP_FILTER */) {
          print_icmp_filter(ctx, addr, rlen);
          return;
        }
        break;
      case SOL_NETLINK:
        if (name == NETLINK_LIST_MEMBERSHIPS) {
          const unsigned n = static_cast<unsigned>(ulen < rlen ? ulen : rlen);
          print_array(ctx, addr, n / sizeof(std::uint32_t), sizeof(std::uint32_t),
                      [&](const unsigned char* p) {
                        std::uint32_t v = 0;
                        std::memcpy(&v, p, sizeof v);
                        out.put_udec(v);
                        return true;
                      });
        } else {
          print_int_value(ctx, addr);
        }
        return;
      default:
        break;
    }
  }
  if (rlen == static_cast<int>(sizeof(int))) {
    print_int_value(ctx, addr);
  } else {
    printstrn(ctx, addr, len);
  }
}

void print_level(OutBuf& out, unsigned level) {
  static const FlagSet* const levels = find_set("sock_level");
  printxval(out, levels, level, "SOL_??");
}

}  // namespace

// setsockopt(fd, level, name, val, len) prints everything at entry; getsockopt's value and
// length print at exit as "[N], [4]" or "[N], [8 => 4]".
int sockopt_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned level = static_cast<unsigned>(a[1]);
  const unsigned name = static_cast<unsigned>(a[2]);
  const bool is_set = ctx.call.entry->custom == CustomDecoder::Setsockopt;
  printfd(ctx, static_cast<int>(a[0]));
  out.put(", ");
  print_level(out, level);
  out.put(", ");
  print_sockopt_name(out, level, name, !is_set);
  out.put(", ");
  if (is_set) {
    const int len = static_cast<int>(a[4]);
    print_setsockopt(ctx, level, name, a[3], len);
    out.put(", ");
    out.put_dec(len);
    return kAllPrinted;
  }
  int ulen = 0;
  ctx.call.saved = {};
  if (ctx.opt.struct_verbose && a[4] != 0 && umoven(ctx.mem, a[4], sizeof ulen, &ulen)) {
    ctx.call.saved[0] = static_cast<std::uint32_t>(ulen);
    ctx.call.saved[1] = 1;
    return 3;
  }
  // The length is unreadable (or structures are not decoded): strace prints both addresses.
  print_addr(out, a[3]);
  out.put(", ");
  print_addr(out, a[4]);
  return kAllPrinted;
}

void sockopt_exit(DecodeCtx& ctx, int from) {
  if (from != 3) return;
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const int ulen = static_cast<int>(ctx.call.saved[0]);
  int rlen = 0;
  if (ctx.call.is_error || !umoven(ctx.mem, a[4], sizeof rlen, &rlen)) {
    print_addr(out, a[3]);
    out.put(", [");
    out.put_dec(ulen);
    out.put(']');
    return;
  }
  print_getsockopt(ctx, static_cast<unsigned>(a[1]), static_cast<unsigned>(a[2]), a[3], ulen, rlen);
  out.put(", [");
  out.put_dec(ulen);
  if (ulen != rlen) {
    out.put(" => ");
    out.put_dec(rlen);
  }
  out.put(']');
}

}  // namespace scry::dec
