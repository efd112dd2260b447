// socket, socketpair, setsockopt, getsockopt (strace's net.c).
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {
void print_sock_type(OutBuf& out, std::uint64_t v) {
  static const FlagSet* const types = find_set("socket_type");
  static const FlagSet* const flags = find_set("socket_flags");
  unsigned t = static_cast<unsigned>(v);
  if (const char* s = xlookup(types, t & 0xf)) {
    print_xlat_raw(out, t & 0xf, s);
    t &= ~0xfu;
    if (t == 0) return;
    out.put('|');
  }
  printflags(out, flags, t, "SOCK_???");
}

void print_family_type_proto(DecodeCtx& ctx) {
  static const FlagSet* const fams = find_set("address_families");
  static const FlagSet* const inet = find_set("ip_proto");
  static const FlagSet* const nl = find_set("netlink_proto");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned family = static_cast<unsigned>(a[0]);
  printxval(out, fams, family, "AF_???");
  out.put(", ");
  print_sock_type(out, a[1]);
  out.put(", ");
  const unsigned proto = static_cast<unsigned>(a[2]);
  switch (family) {
    case AF_INET:
    case AF_INET6:
      printxval(out, inet, proto, "IPPROTO_???");
      break;
    case AF_NETLINK:
      printxval(out, nl, proto, "NETLINK_???");
      break;
    default:
      out.put_udec(proto);
  }
}
}  // namespace

int socket_entry(DecodeCtx& ctx) {
  print_family_type_proto(ctx);
  return kAllPrinted;
}

int socketpair_entry(DecodeCtx& ctx) {
  print_family_type_proto(ctx);
  ctx.out.put(", ");
  return 3;
}

void socketpair_exit(DecodeCtx& ctx, int /*from*/) {
  print_pipefds(ctx, ctx.call.args[3]);
}

namespace {
void print_sockopt_name(OutBuf& out, unsigned level, unsigned name) {
  static const FlagSet* const so = find_set("sockopt");
  static const FlagSet* const tcp = find_set("sockopt_tcp");
  static const FlagSet* const ip = find_set("sockopt_ip");
  static const FlagSet* const ipv6 = find_set("sockopt_ipv6");
  static const FlagSet* const netlink = find_set("sockopt_netlink");
  switch (level) {
    case SOL_IP:
      printxval(out, ip, name, "IP_???");
      break;
    case SOL_IPV6:
      printxval(out, ipv6, name, "IPV6_???");
      break;
    case SOL_SOCKET:
      printxval(out, so, name, "SO_???");
      break;
    case SOL_TCP:
      printxval(out, tcp, name, "TCP_???");
      break;
    case SOL_NETLINK:
      printxval(out, netlink, name, "NETLINK_???");
      break;
    default:
      out.put_udec(name);
  }
}

void print_level(OutBuf& out, unsigned level) {
  static const FlagSet* const levels = find_set("sock_level");
  printxval(out, levels, level, "SOL_??");
}

// The option value: an int as [N] when it has an int's size, else a buffer.
void print_optval(DecodeCtx& ctx, std::uint64_t addr, int len) {
  if (len == static_cast<int>(sizeof(int))) {
    int v = 0;
    if (!umove_or_printaddr(ctx, addr, v)) return;
    ctx.out.put('[');
    ctx.out.put_dec(v);
    ctx.out.put(']');
    return;
  }
  if (len < 0 || !ctx.opt.struct_verbose) {  // strace's verbose(): -e verbose=!SYSCALL
    print_addr(ctx.out, addr);
    return;
  }
  if (ctx.exiting && ctx.call.is_error) {
    print_addr(ctx.out, addr);
    return;
  }
  printstrn(ctx, addr, static_cast<std::uint64_t>(len));
}

// SOL_SOCKET options whose value is a structure (strace's): SO_LINGER's struct linger (getsockopt
// may return only l_onoff), SO_PEERCRED's struct ucred. False when the option is not one of them
// or the length does not fit (then the value prints as any option's).
bool print_socket_optval(DecodeCtx& ctx, unsigned name, std::uint64_t addr, int len) {
  if (addr == 0 || !ctx.opt.struct_verbose || (ctx.exiting && ctx.call.is_error)) return false;
  OutBuf& out = ctx.out;
  if (name == SO_LINGER) {
    const int full = 2 * static_cast<int>(sizeof(int));
    if (len < full && (!ctx.exiting || len < static_cast<int>(sizeof(int)))) {
      print_addr(out, addr);
      return true;
    }
    int v[2] = {};
    if (!umoven_or_printaddr(ctx, addr, len >= full ? sizeof v : sizeof v[0], v)) return true;
    out.put("{l_onoff=");
    out.put_dec(v[0]);
    if (len >= full) {
      out.put(", l_linger=");
      out.put_dec(v[1]);
    }
    out.put('}');
    return true;
  }
  if (name == SO_PEERCRED && ctx.exiting && len >= static_cast<int>(3 * sizeof(std::uint32_t))) {
    struct {
      std::int32_t pid;
      std::uint32_t uid, gid;
    } c{};
    if (!umove_or_printaddr(ctx, addr, c)) return true;
    out.put("{pid=");
    print_pid(ctx, c.pid);
    out.put(", uid=");
    out.put_udec(c.uid);
    out.put(", gid=");
    out.put_udec(c.gid);
    out.put('}');
    return true;
  }
  return false;
}

// SOL_NETLINK option values (strace's): an int whatever the length, but setsockopt's shorter than
// an int is its address; getsockopt's NETLINK_LIST_MEMBERSHIPS is an array of 32-bit group masks.
// False when the level's rules do not apply (then the value prints as any option's).
bool print_netlink_optval(DecodeCtx& ctx, unsigned name, std::uint64_t addr, int len) {
  if (addr == 0 || !ctx.opt.struct_verbose) return false;
  if (!ctx.exiting) {
    if (len < static_cast<int>(sizeof(int))) {
      print_addr(ctx.out, addr);
    } else {
      print_int_ptr(ctx, addr);
    }
    return true;
  }
  if (name == NETLINK_LIST_MEMBERSHIPS) {
    print_array(ctx, addr, static_cast<std::uint64_t>(len) / sizeof(std::uint32_t),
                sizeof(std::uint32_t), [&](const unsigned char* p) {
                  std::uint32_t v = 0;
                  std::memcpy(&v, p, sizeof v);
                  ctx.out.put_udec(v);
                  return true;
                });
    return true;
  }
  print_int_ptr(ctx, addr);
  return true;
}
// The value as its level and name have it printed, else as any option's.
void print_level_optval(DecodeCtx& ctx, unsigned level, unsigned name, std::uint64_t addr,
                        int len) {
  if (level == SOL_NETLINK && print_netlink_optval(ctx, name, addr, len)) return;
  if (level == SOL_SOCKET && print_socket_optval(ctx, name, addr, len)) return;
  print_optval(ctx, addr, len);
}
}  // namespace

// setsockopt(fd, level, name, val, len) prints everything at entry; getsockopt's value and
// length print at exit as "[N], [4]" or "[N], [8 => 4]".
int sockopt_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned level = static_cast<unsigned>(a[1]);
  const unsigned name = static_cast<unsigned>(a[2]);
  printfd(ctx, static_cast<int>(a[0]));
  out.put(", ");
  print_level(out, level);
  out.put(", ");
  print_sockopt_name(out, level, name);
  out.put(", ");
  if (std::strcmp(ctx.call.entry->name, "setsockopt") == 0) {
    const int len = static_cast<int>(a[4]);
    print_level_optval(ctx, level, name, a[3], len);
    out.put(", ");
    out.put_dec(static_cast<int>(a[4]));
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
  const int len = rlen < ulen ? rlen : ulen;
  const auto level = static_cast<unsigned>(a[1]);
  const auto name = static_cast<unsigned>(a[2]);
  if (ulen <= 0 || rlen <= 0) {
    // A length the kernel would not return on success: forged by the caller.
    print_addr(out, a[3]);
  } else {
    print_level_optval(ctx, level, name, a[3], len);
  }
  out.put(", [");
  out.put_dec(ulen);
  if (ulen != rlen) {
    out.put(" => ");
    out.put_dec(rlen);
  }
  out.put(']');
}

}  // namespace scry::dec
