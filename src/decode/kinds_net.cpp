// Socket addresses, iovec arrays and pollfd arrays.
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <linux/if_arp.h>
#include <linux/if_packet.h>

#include <linux/netlink.h>

#include <cstring>

#include "decode/decode_impl.hpp"
#include "decode/net_print.hpp"
#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

void print_0x(OutBuf& out, std::uint64_t v, int width) {
  // printf("%#0*x", width, v): zero padded to width characters including the "0x".
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%#0*llx", width, static_cast<unsigned long long>(v));
  out.put(std::string_view(buf, static_cast<std::size_t>(n)));
}

void print_hex_bytes(OutBuf& out, const void* p, std::size_t len) {
  print_quoted_ex(out, static_cast<const char*>(p), len, kQuoteForceHex, XMode::Default);
}

// A value printed raw as its bytes (-X raw), as text (abbrev), or both (-X verbose: the bytes
// then the text in a comment); text(OutBuf&) prints the text.
template <typename Text>
void print_bytes_styled(OutBuf& out, const void* bytes, std::size_t len, Text&& text) {
  const XlatStyle st = xlat_style();
  if (st != XlatStyle::Abbrev) print_hex_bytes(out, bytes, len);
  if (st == XlatStyle::Raw) return;
  if (st == XlatStyle::Verbose) out.put(" /* ");
  text(out);
  if (st == XlatStyle::Verbose) out.put(" */");
}

// strace's hwaddr_sizes: how many bytes of an address an ARPHRD_* type uses (255: all).
unsigned hwaddr_size(unsigned devtype) {
  switch (devtype) {
    case ARPHRD_NETROM:
    case ARPHRD_AX25:
      return 7;
    case ARPHRD_ETHER:
    case ARPHRD_IEEE802:
    case ARPHRD_LOOPBACK:
    case ARPHRD_FDDI:
    case ARPHRD_HIPPI:
    case ARPHRD_IEEE80211:
    case ARPHRD_IEEE80211_PRISM:
    case ARPHRD_IEEE80211_RADIOTAP:
      return 6;
    case ARPHRD_ARCNET:
    case ARPHRD_LOCALTLK:
    case ARPHRD_PHONET:
    case ARPHRD_PHONET_PIPE:
    case ARPHRD_MCTP:
      return 1;
    case ARPHRD_DLCI:
      return 2;
    case ARPHRD_IEEE1394:
    case ARPHRD_TUNNEL6:
    case ARPHRD_IP6GRE:
      return 16;
    case ARPHRD_EUI64:
    case ARPHRD_IEEE802154:
    case ARPHRD_IEEE802154_MONITOR:
    case ARPHRD_6LOWPAN:
      return 8;
    case ARPHRD_INFINIBAND:
      return 20;
    case ARPHRD_ROSE:
      return 5;
    case ARPHRD_TUNNEL:
    case ARPHRD_SIT:
    case ARPHRD_IPGRE:
    case ARPHRD_IRDA:
      return 4;
    case ARPHRD_SLIP:
    case ARPHRD_X25:
    case ARPHRD_CAN:
    case ARPHRD_PPP:
    case ARPHRD_RAWHDLC:
    case ARPHRD_RAWIP:
    case ARPHRD_IPDDP:
    case ARPHRD_PIMREG:
    case ARPHRD_CAIF:
    case ARPHRD_NETLINK:
    case ARPHRD_VSOCKMON:
      return 0;
    default:
      return 255;
  }
}

constexpr std::size_t kMaxAddrLen = 32;  // MAX_ADDR_LEN

void print_mac_text(OutBuf& out, const unsigned char* addr, std::size_t size,
                    std::size_t text_size) {
  if (xlat_style() != XlatStyle::Abbrev || size > kMaxAddrLen) print_hex_bytes(out, addr, size);
  if (xlat_style() == XlatStyle::Raw || size > kMaxAddrLen) return;
  const bool verbose = xlat_style() == XlatStyle::Verbose;
  if (verbose) out.put(" /* ");
  out.put(sprint_mac_addr(addr, text_size));
  if (verbose) out.put(" */");
}

void print_sockaddr_in6(DecodeCtx& ctx, const unsigned char* buf, int addrlen) {
  OutBuf& out = ctx.out;
  sockaddr_in6 sin6{};
  std::memcpy(&sin6, buf, sizeof sin6);
  print_net_port(out, "sin6_port", sin6.sin6_port);
  out.put(", sin6_flowinfo=");
  print_bytes_styled(out, &sin6.sin6_flowinfo, sizeof sin6.sin6_flowinfo, [&](OutBuf& o) {
    o.put("htonl(");
    o.put_udec(ntohl(sin6.sin6_flowinfo));
    o.put(')');
  });
  out.put(", ");
  print_inet_addr(out, AF_INET6, &sin6.sin6_addr, sizeof sin6.sin6_addr, "sin6_addr",
                  ctx.opt.xmode);
  if (addrlen <= static_cast<int>(offsetof(sockaddr_in6, sin6_scope_id))) return;
  out.put(", sin6_scope_id=");
  if (IN6_IS_ADDR_LINKLOCAL(&sin6.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&sin6.sin6_addr)) {
    print_ifindex(ctx, sin6.sin6_scope_id);
  } else {
    out.put_udec(sin6.sin6_scope_id);
  }
}

void print_sockaddr_ll(DecodeCtx& ctx, const unsigned char* buf, int addrlen) {
  static const FlagSet* const protos = find_set("ethernet_protocols");
  static const FlagSet* const hatypes = find_set("arphrd");
  static const FlagSet* const pkttypes = find_set("af_packet_types");
  OutBuf& out = ctx.out;
  sockaddr_ll ll{};
  std::memcpy(&ll, buf, sizeof ll);
  out.put("sll_protocol=");
  print_bytes_styled(out, &ll.sll_protocol, sizeof ll.sll_protocol, [&](OutBuf& o) {
    // The name inside htons() is abbreviated whatever -X says.
    const XlatStyle saved = xlat_style();
    set_xlat_style(XlatStyle::Abbrev);
    print_htons_xval(o, protos, ll.sll_protocol, "ETH_P_???");
    set_xlat_style(saved);
  });
  out.put(", sll_ifindex=");
  print_ifindex(ctx, static_cast<unsigned>(ll.sll_ifindex));
  out.put(", sll_hatype=");
  printxval(out, hatypes, ll.sll_hatype, "ARPHRD_???");
  out.put(", sll_pkttype=");
  printxval(out, pkttypes, ll.sll_pkttype, "PACKET_???");
  out.put(", sll_halen=");
  out.put_udec(ll.sll_halen);
  if (ll.sll_halen == 0) return;
  // The address may run past sll_addr into the rest of what was read (at most addrlen bytes).
  const unsigned in_buf = static_cast<unsigned>(addrlen) - offsetof(sockaddr_ll, sll_addr);
  const unsigned char* a = buf + offsetof(sockaddr_ll, sll_addr);
  out.put(", sll_addr=[");
  for (unsigned i = 0; i < ll.sll_halen; ++i) {
    if (i != 0) out.put(", ");
    if (i >= in_buf) {
      out.put("...");
      break;
    }
    print_0x(out, a[i], 2);
  }
  out.put(']');
}

}  // namespace

std::string_view sprint_mac_addr(const unsigned char* addr, std::size_t size) {
  // strace formats into a static buffer it never clears: a zero-size address shows the text
  // of the last one.
  thread_local char text[kMaxAddrLen * 3] = {};
  static constexpr char kHex[] = "0123456789abcdef";
  if (size > kMaxAddrLen) return {};
  if (size != 0) {
    char* p = text;
    for (std::size_t i = 0; i < size; ++i) {
      if (i != 0) *p++ = ':';
      *p++ = kHex[addr[i] >> 4];
      *p++ = kHex[addr[i] & 0xf];
    }
    *p = '\0';
  }
  return std::string_view(text);
}

void print_mac_addr(OutBuf& out, const unsigned char* addr, std::size_t size) {
  print_mac_text(out, addr, size, size);
}

void print_hwaddr(OutBuf& out, const unsigned char* addr, std::size_t size, unsigned devtype) {
  const std::size_t used = hwaddr_size(devtype);
  print_mac_text(out, addr, size, size < used ? size : used);
}

void print_inet_addr(OutBuf& out, int af, const void* addr, std::size_t len, const char* var_name,
                     XMode xm) {
  char text[INET6_ADDRSTRLEN] = {};
  if ((af != AF_INET && af != AF_INET6) || ::inet_ntop(af, addr, text, sizeof text) == nullptr) {
    if (var_name != nullptr) {
      out.put(var_name);
      out.put('=');
    }
    print_hex_bytes(out, addr, len);
    return;
  }
  const XlatStyle st = xlat_style();
  // AF_INET6 in the abbreviated style names the field inside the call instead.
  if (var_name != nullptr && (af == AF_INET || st != XlatStyle::Abbrev)) {
    out.put(var_name);
    out.put('=');
  }
  if (st != XlatStyle::Abbrev) print_hex_bytes(out, addr, len);
  if (st == XlatStyle::Raw) return;
  if (st == XlatStyle::Verbose) out.put(" /* ");
  out.put(af == AF_INET ? "inet_addr(" : "inet_pton(AF_INET6, ");
  print_quoted_ex(out, text, sizeof text, kQuote0Terminated, xm);
  if (af == AF_INET6 && var_name != nullptr && st == XlatStyle::Abbrev) {
    out.put(", &");
    out.put(var_name);
  }
  out.put(')');
  if (st == XlatStyle::Verbose) out.put(" */");
}

void print_net_port(OutBuf& out, const char* name, std::uint16_t netport) {
  out.put(name);
  out.put('=');
  print_bytes_styled(out, &netport, sizeof netport, [&](OutBuf& o) {
    o.put("htons(");
    o.put_udec(ntohs(netport));
    o.put(')');
  });
}

void print_htons_xval(OutBuf& out, const FlagSet* set, std::uint16_t netval, const char* dflt) {
  out.put("htons(");
  printxval(out, set, ntohs(netval), dflt);
  out.put(')');
}

void print_sockaddr_data(DecodeCtx& ctx, const unsigned char* buf, std::size_t addrlen_u) {
  static const FlagSet* const fams = find_set("address_families");
  OutBuf& out = ctx.out;
  const int addrlen = static_cast<int>(addrlen_u);
  std::uint16_t family = 0;
  std::memcpy(&family, buf, 2);
  out.put("{sa_family=");
  printxval(out, fams, family, "AF_???");
  if (addrlen <= 2) {
    out.put('}');
    return;
  }
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
          print_quoted_ex(out, path + 1, static_cast<std::size_t>(path_len - 1), 0, ctx.opt.xmode);
        }
        out.put('}');
        return;
      }
      break;
    case AF_INET:
      if (addrlen >= static_cast<int>(sizeof(sockaddr_in))) {
        sockaddr_in sin{};
        std::memcpy(&sin, buf, sizeof sin);
        print_net_port(out, "sin_port", sin.sin_port);
        out.put(", ");
        print_inet_addr(out, AF_INET, &sin.sin_addr, sizeof sin.sin_addr, "sin_addr",
                        ctx.opt.xmode);
        out.put('}');
        return;
      }
      break;
    case AF_INET6:
      if (addrlen >= static_cast<int>(offsetof(sockaddr_in6, sin6_scope_id))) {
        print_sockaddr_in6(ctx, buf, addrlen);
        out.put('}');
        return;
      }
      break;
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
    case AF_PACKET:
      if (addrlen >= static_cast<int>(sizeof(sockaddr_ll))) {
        print_sockaddr_ll(ctx, buf, addrlen);
        out.put('}');
        return;
      }
      break;
    default:
      if (print_sockaddr_family(ctx, family, buf, addrlen)) {
        out.put('}');
        return;
      }
      break;
  }
  out.put("sa_data=");
  print_quoted_ex(out, reinterpret_cast<const char*>(buf) + 2,
                  static_cast<std::size_t>(addrlen - 2), 0, ctx.opt.xmode);
  out.put('}');
}

void print_sockaddr_bytes(DecodeCtx& ctx, const void* p, std::size_t len) {
  unsigned char buf[sizeof(sockaddr_storage) + 1] = {};
  if (len > sizeof(sockaddr_storage)) len = sizeof(sockaddr_storage);
  std::memcpy(buf, p, len);
  print_sockaddr_data(ctx, buf, len);
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
