// Socket addresses, iovec arrays and pollfd arrays.
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <linux/netlink.h>

#include <cstring>

#include "decode/decode_impl.hpp"
#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

void print_0x(OutBuf& out, std::uint64_t v, int width) {
  // printf("%#0*x", width, v): zero padded to width characters including the "0x".
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%#0*llx", width, static_cast<unsigned long long>(v));
  out.put(std::string_view(buf, static_cast<std::size_t>(n)));
}

void print_inet_addr(OutBuf& out, int af, const void* addr, const char* var_name, XMode xm) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (::inet_ntop(af, addr, buf, sizeof buf) != nullptr) {
    if (af == AF_INET) {
      out.put(var_name);
      out.put("=inet_addr(");
      print_quoted_ex(out, buf, sizeof buf, kQuote0Terminated, xm);
      out.put(')');
    } else {
      out.put("inet_pton(AF_INET6, ");
      print_quoted_ex(out, buf, sizeof buf, kQuote0Terminated, xm);
      out.put(", &");
      out.put(var_name);
      out.put(')');
    }
    return;
  }
  out.put(var_name);
  out.put('=');
  print_quoted_ex(out, static_cast<const char*>(addr), af == AF_INET ? 4 : 16, kQuoteForceHex, xm);
}

void print_port(OutBuf& out, const char* name, std::uint16_t netport) {
  out.put(name);
  out.put("=htons(");
  out.put_udec(ntohs(netport));
  out.put(')');
}

}  // namespace

void print_sockaddr_data(DecodeCtx& ctx, const unsigned char* buf, std::size_t addrlen_u) {
  static const FlagSet* const fams = find_set("address_families");
  OutBuf& out = ctx.out;
  const int addrlen = static_cast<int>(addrlen_u);
  std::uint16_t family = 0;
  std::memcpy(&family, buf, 2);
  out.put("{sa_family=");
  printxval(out, fams, family, "AF_???");
  if (addrlen > 2) {
    out.put(", ");
    switch (family) {
      case AF_UNIX:
        if (addrlen >= 3) {
          const int un_len = addrlen > static_cast<int>(sizeof(sockaddr_un))
                                 ? static_cast<int>(sizeof(sockaddr_un))
                                 : addrlen;
          const int path_len = un_len - 2;
          const char* path = reinterpret_cast<const char*>(buf) + 2;
          out.put("sun_path=");
          if (path[0] != '\0') {
            print_quoted_ex(out, path, static_cast<std::size_t>(path_len + 1), kQuote0Terminated,
                            ctx.opt.xmode);
          } else {
            out.put('@');
            print_quoted_ex(out, path + 1, static_cast<std::size_t>(path_len - 1), 0,
                            ctx.opt.xmode);
          }
          out.put('}');
          return;
        }
        break;
      case AF_INET:
        if (addrlen >= static_cast<int>(sizeof(sockaddr_in))) {
          sockaddr_in sin{};
          std::memcpy(&sin, buf, sizeof sin);
          print_port(out, "sin_port", sin.sin_port);
          out.put(", ");
          print_inet_addr(out, AF_INET, &sin.sin_addr, "sin_addr", ctx.opt.xmode);
          out.put('}');
          return;
        }
        break;
      case AF_INET6: {
        constexpr int kMin = offsetof(sockaddr_in6, sin6_scope_id);
        if (addrlen >= kMin) {
          sockaddr_in6 sin6{};
          std::memcpy(&sin6, buf, sizeof sin6);
          print_port(out, "sin6_port", sin6.sin6_port);
          out.put(", sin6_flowinfo=htonl(");
          out.put_udec(ntohl(sin6.sin6_flowinfo));
          out.put("), ");
          print_inet_addr(out, AF_INET6, &sin6.sin6_addr, "sin6_addr", ctx.opt.xmode);
          if (addrlen > kMin) {
            out.put(", sin6_scope_id=");
            char ifname[IF_NAMESIZE + 1] = {};
            if ((IN6_IS_ADDR_LINKLOCAL(&sin6.sin6_addr) ||
                 IN6_IS_ADDR_MC_LINKLOCAL(&sin6.sin6_addr)) &&
                ::if_indextoname(sin6.sin6_scope_id, ifname) != nullptr) {
              out.put("if_nametoindex(");
              print_quoted_ex(out, ifname, sizeof ifname, kQuote0Terminated, ctx.opt.xmode);
              out.put(')');
            } else {
              out.put_udec(sin6.sin6_scope_id);
            }
          }
          out.put('}');
          return;
        }
        break;
      }
      case AF_NETLINK:
        if (addrlen >= static_cast<int>(sizeof(sockaddr_nl))) {
          sockaddr_nl nl{};
          std::memcpy(&nl, buf, sizeof nl);
          if (nl.nl_pad != 0) {
            out.put("nl_pad=");
            out.put_hex(nl.nl_pad);
            out.put(", ");
          }
          out.put("nl_pid=");
          out.put_dec(static_cast<int>(nl.nl_pid));
          out.put(", nl_groups=");
          print_0x(out, nl.nl_groups, 8);
          out.put('}');
          return;
        }
        break;
      default:
        break;
    }
    out.put("sa_data=");
    print_quoted_ex(out, reinterpret_cast<const char*>(buf) + 2,
                    static_cast<std::size_t>(addrlen - 2), 0, ctx.opt.xmode);
  }
  out.put('}');
}

void print_sockaddr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len) {
  int addrlen = static_cast<int>(len);
  if (addrlen < 2) {
    print_addr(ctx.out, addr);
    return;
  }
  unsigned char buf[sizeof(sockaddr_storage) + 1] = {};
  if (static_cast<unsigned>(addrlen) > sizeof(sockaddr_storage))
    addrlen = static_cast<int>(sizeof(sockaddr_storage));
  if (!umoven_or_printaddr(ctx, addr, static_cast<std::size_t>(addrlen), buf)) return;
  print_sockaddr_data(ctx, buf, static_cast<std::size_t>(addrlen));
}

// An address written by the kernel with its length through a pointer (getsockname, accept):
// prints the address then ", [ulen => rlen]" is left to the caller. Here: the address only,
// using the smaller of the lengths.
void print_osockaddr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t lenptr) {
  int rlen = 0;
  if (ctx.call.saved[1] != 1 || ctx.call.is_error || addr == 0 ||
      !umoven(ctx.mem, lenptr, sizeof rlen, &rlen)) {
    print_addr(ctx.out, addr);
    return;
  }
  const int ulen = static_cast<int>(ctx.call.saved[0]);
  print_sockaddr(ctx, addr,
                 static_cast<std::uint64_t>(static_cast<std::int64_t>(ulen > rlen ? rlen : ulen)));
}

// --- iovec --------------------------------------------------------------------------------------

void print_iovec(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, std::uint64_t data_size,
                 bool decode_data, int netlink_protocol) {
  // strace's tprint_iov_upto: [{iov_base="...", iov_len=N}, ...], data printed up to data_size.
  std::uint64_t remaining = data_size;
  print_array(ctx, addr, count, 16, [&](const unsigned char* e) {
    std::uint64_t base = 0;
    std::uint64_t len = 0;
    std::memcpy(&base, e, 8);
    std::memcpy(&len, e + 8, 8);
    ctx.out.put("{iov_base=");
    if (decode_data) {
      std::uint64_t n = len < remaining ? len : remaining;
      if (netlink_protocol != kIovNotNetlink) {
        print_netlink(ctx, netlink_protocol, base, n);
      } else {
        printstrn(ctx, base, n);
      }
      remaining -= n;
    } else {
      print_addr(ctx.out, base);
    }
    ctx.out.put(", iov_len=");
    ctx.out.put_udec(len);
    ctx.out.put('}');
    return true;
  });
}

// --- poll ---------------------------------------------------------------------------------------

void print_pollfds(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, bool exiting) {
  static const FlagSet* const events = find_set("poll_events");
  if (!exiting) {
    print_array(ctx, addr, count, sizeof(pollfd), [&](const unsigned char* e) {
      pollfd p{};
      std::memcpy(&p, e, sizeof p);
      ctx.out.put("{fd=");
      printfd(ctx, p.fd);
      if (p.fd >= 0) {
        ctx.out.put(", events=");
        printflags(ctx.out, events, static_cast<std::uint16_t>(p.events), "POLL???");
      }
      ctx.out.put('}');
      return true;
    });
    return;
  }
  // Exit: "([{fd=3, revents=POLLIN}])" after the return value, as strace's decode_poll_exiting.
  OutBuf* a = ctx.aux;
  if (a == nullptr || ctx.call.is_error) return;
  if (ctx.call.ret == 0) {
    a->put("Timeout");
    return;
  }
  const unsigned nfds = static_cast<unsigned>(count);
  const std::uint64_t size = sizeof(pollfd) * static_cast<std::uint64_t>(nfds);
  const std::uint64_t end = addr + size;
  const std::size_t start_size = a->size();
  if (addr != 0 && nfds != 0 && end >= addr) {
    constexpr std::size_t kOutMax = 1024 - (2 + 2 * sizeof(long) + sizeof(", ], ..."));
    const std::size_t limit = max_strlen(ctx.opt);
    std::size_t printed = 0;
    bool opened = false;
    thread_local OutBuf flagstr;
    for (std::uint64_t cur = addr; cur < end; cur += sizeof(pollfd)) {
      pollfd p{};
      if (!umoven(ctx.mem, cur, sizeof p, &p)) {
        a->put(opened ? ", " : "[");
        opened = true;
        a->put_hex(cur);
        break;
      }
      if (p.revents == 0) continue;
      a->put(opened ? ", " : "[");
      opened = true;
      if (!ctx.opt.verbose && printed >= limit) {
        a->put("...");
        break;
      }
      flagstr.clear();
      flagstr.put("{fd=");
      flagstr.put_dec(p.fd);
      flagstr.put(", revents=");
      if (!sprintflags(flagstr, "", events, static_cast<std::uint16_t>(p.revents))) {
        // sprintflags prints nothing for 0; revents is non-zero here.
      }
      if (a->size() - start_size + flagstr.size() + 1 >= kOutMax) {
        a->put("...");
        break;
      }
      a->put(flagstr.view());
      a->put('}');
      ++printed;
    }
    if (opened) a->put(']');
  }
  if (ctx.call.entry != nullptr && std::strcmp(ctx.call.entry->name, "ppoll") == 0) {
    const std::uint64_t pts = ctx.call.args[2];
    if (pts != 0) {
      a->put(a->size() == start_size ? "left " : ", left ");
      struct {
        std::int64_t sec;
        std::int64_t nsec;
      } t{};
      if (!umoven(ctx.mem, pts, sizeof t, &t)) {
        a->put_hex(pts);
      } else {
        print_timespec_value(*a, t.sec, t.nsec);
      }
    }
  }
}

}  // namespace scry::dec
