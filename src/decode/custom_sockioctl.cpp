// The socket ioctls (type 0x89): their names and the arguments strace decodes, struct ifreq
// and struct ifconf above all (strace's sock.c).
#include <linux/ioctl.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cstring>

#include "decode/net_print.hpp"
#include "decode/netlink.hpp"
#include "decode/sock_ioctl.hpp"

namespace scry::dec {

namespace {

// strace 6.1's names for the socket ioctls, by code.
constexpr IoctlName kSockIoctls[] = {
    {0x8901, "FIOSETOWN"},
    {0x8902, "SIOCSPGRP"},
    {0x8903, "FIOGETOWN"},
    {0x8904, "SIOCGPGRP"},
    {0x8905, "SIOCATMARK"},
    {0x8906, "SIOCGSTAMP_OLD"},
    {0x8907, "SIOCGSTAMPNS_OLD"},
    {0x890b, "SIOCADDRT"},
    {0x890c, "SIOCDELRT"},
    {0x890d, "SIOCRTMSG"},
    {0x8910, "SIOCGIFNAME"},
    {0x8911, "SIOCSIFLINK"},
    {0x8912, "SIOCGIFCONF"},
    {0x8913, "SIOCGIFFLAGS"},
    {0x8914, "SIOCSIFFLAGS"},
    {0x8915, "SIOCGIFADDR"},
    {0x8916, "SIOCSIFADDR"},
    {0x8917, "SIOCGIFDSTADDR"},
    {0x8918, "SIOCSIFDSTADDR"},
    {0x8919, "SIOCGIFBRDADDR"},
    {0x891a, "SIOCSIFBRDADDR"},
    {0x891b, "SIOCGIFNETMASK"},
    {0x891c, "SIOCSIFNETMASK"},
    {0x891d, "SIOCGIFMETRIC"},
    {0x891e, "SIOCSIFMETRIC"},
    {0x891f, "SIOCGIFMEM"},
    {0x8920, "SIOCSIFMEM"},
    {0x8921, "SIOCGIFMTU"},
    {0x8922, "SIOCSIFMTU"},
    {0x8923, "SIOCSIFNAME"},
    {0x8924, "SIOCSIFHWADDR"},
    {0x8925, "SIOCGIFENCAP"},
    {0x8926, "SIOCSIFENCAP"},
    {0x8927, "SIOCGIFHWADDR"},
    {0x8929, "SIOCGIFSLAVE"},
    {0x8930, "SIOCSIFSLAVE"},
    {0x8931, "SIOCADDMULTI"},
    {0x8932, "SIOCDELMULTI"},
    {0x8933, "SIOCGIFINDEX"},
    {0x8934, "SIOCSIFPFLAGS"},
    {0x8935, "SIOCGIFPFLAGS"},
    {0x8936, "SIOCDIFADDR"},
    {0x8937, "SIOCSIFHWBROADCAST"},
    {0x8938, "SIOCGIFCOUNT"},
    {0x8940, "SIOCGIFBR"},
    {0x8941, "SIOCSIFBR"},
    {0x8942, "SIOCGIFTXQLEN"},
    {0x8943, "SIOCSIFTXQLEN"},
    {0x8946, "SIOCETHTOOL"},
    {0x8947, "SIOCGMIIPHY"},
    {0x8948, "SIOCGMIIREG"},
    {0x8949, "SIOCSMIIREG"},
    {0x894a, "SIOCWANDEV"},
    {0x894b, "SIOCOUTQNSD"},
    {0x894c, "SIOCGSKNS"},
    {0x8953, "SIOCDARP"},
    {0x8954, "SIOCGARP"},
    {0x8955, "SIOCSARP"},
    {0x8960, "SIOCDRARP"},
    {0x8961, "SIOCGRARP"},
    {0x8962, "SIOCSRARP"},
    {0x8970, "SIOCGIFMAP"},
    {0x8971, "SIOCSIFMAP"},
    {0x8980, "SIOCADDDLCI"},
    {0x8981, "SIOCDELDLCI"},
    {0x8982, "SIOCGIFVLAN"},
    {0x8983, "SIOCSIFVLAN"},
    {0x8990, "SIOCBONDENSLAVE"},
    {0x8991, "SIOCBONDRELEASE"},
    {0x8992, "SIOCBONDSETHWADDR"},
    {0x8993, "SIOCBONDSLAVEINFOQUERY"},
    {0x8994, "SIOCBONDINFOQUERY"},
    {0x8995, "SIOCBONDCHANGEACTIVE"},
    {0x89a0, "SIOCBRADDBR"},
    {0x89a1, "SIOCBRDELBR"},
    {0x89a2, "SIOCBRADDIF"},
    {0x89a3, "SIOCBRDELIF"},
    {0x89b0, "SIOCSHWTSTAMP"},
    {0x89b1, "SIOCGHWTSTAMP"},
    {0x89e0, "SIOCPROTOPRIVATE"},
    {0x89f0, "SIOCDEVPRIVATE"},
    {0x80108906, "SIOCGSTAMP_NEW"},
    {0x80108907, "SIOCGSTAMPNS_NEW"},
};

// The x86_64 struct ifreq: the name, then a 24-byte union.
struct IfReq {
  char name[IFNAMSIZ];
  unsigned char u[24];
};
static_assert(sizeof(IfReq) == 40, "struct ifreq");

struct IfConf {
  std::int32_t len;
  std::uint32_t pad;
  std::uint64_t buf;
};
static_assert(sizeof(IfConf) == 16, "struct ifconf");

// The exit states (ioctl_exit's `from`).
enum : int {
  kExitInt = kSockIoctlFirst,  // [N] through the pointer
  kExitIfreq,                  // the rest of an SIOCG* struct ifreq
  kExitIfconf,                 // struct ifconf (the entry's len and buf in saved[0..1])
};

std::int32_t i32_at(const unsigned char* p) {
  std::int32_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void print_cstring(DecodeCtx& ctx, const char* s, std::size_t size) {
  print_quoted_ex(ctx.out, s, size, kQuote0Terminated | kQuoteExpectTrailing0, ctx.opt.xmode);
}

void print_ifr_name(DecodeCtx& ctx, const IfReq& ifr, const char* field) {
  ctx.out.put(field);
  ctx.out.put('=');
  print_cstring(ctx, ifr.name, sizeof ifr.name);
}

void print_ifr_sockaddr(DecodeCtx& ctx, const char* field, const IfReq& ifr) {
  ctx.out.put(field);
  ctx.out.put('=');
  print_sockaddr_bytes(ctx, ifr.u, 16);
}

void print_ifr_int(DecodeCtx& ctx, const char* field, const IfReq& ifr) {
  ctx.out.put(field);
  ctx.out.put('=');
  ctx.out.put_dec(i32_at(ifr.u));
}

void print_ifr_hwaddr(DecodeCtx& ctx, const IfReq& ifr) {
  static const FlagSet* const hatypes = find_set("arphrd");
  std::uint16_t family = 0;
  std::memcpy(&family, ifr.u, sizeof family);
  OutBuf& out = ctx.out;
  out.put("ifr_hwaddr={sa_family=");
  printxval(out, hatypes, family, "ARPHRD_???");
  out.put(", sa_data=");
  print_hwaddr(out, ifr.u + 2, 14, family);
  out.put('}');
}

void print_ifr_map(DecodeCtx& ctx, const IfReq& ifr) {
  std::uint64_t mem_start = 0, mem_end = 0;
  std::uint16_t base_addr = 0;
  std::memcpy(&mem_start, ifr.u, 8);
  std::memcpy(&mem_end, ifr.u + 8, 8);
  std::memcpy(&base_addr, ifr.u + 16, 2);
  OutBuf& out = ctx.out;
  out.put("ifr_map={mem_start=");
  out.put_hex(mem_start);
  out.put(", mem_end=");
  out.put_hex(mem_end);
  out.put(", base_addr=");
  out.put_hex(base_addr);
  out.put(", irq=");
  out.put_hex(ifr.u[18]);
  out.put(", dma=");
  out.put_hex(ifr.u[19]);
  out.put(", port=");
  out.put_hex(ifr.u[20]);
  out.put('}');
}

// The field of struct ifreq the request uses (strace's print_ifreq).
void print_ifreq(DecodeCtx& ctx, std::uint32_t code, const IfReq& ifr) {
  static const FlagSet* const iff = find_set("iff_flags");
  switch (code) {
    case SIOCSIFADDR:
    case SIOCGIFADDR:
      print_ifr_sockaddr(ctx, "ifr_addr", ifr);
      break;
    case SIOCSIFDSTADDR:
    case SIOCGIFDSTADDR:
      print_ifr_sockaddr(ctx, "ifr_dstaddr", ifr);
      break;
    case SIOCSIFBRDADDR:
    case SIOCGIFBRDADDR:
      print_ifr_sockaddr(ctx, "ifr_broadaddr", ifr);
      break;
    case SIOCSIFNETMASK:
    case SIOCGIFNETMASK:
      print_ifr_sockaddr(ctx, "ifr_netmask", ifr);
      break;
    case SIOCADDMULTI:
    case SIOCDELMULTI:
    case SIOCGIFHWADDR:
    case SIOCSIFHWADDR:
    case SIOCSIFHWBROADCAST:
      print_ifr_hwaddr(ctx, ifr);
      break;
    case SIOCSIFFLAGS:
    case SIOCGIFFLAGS: {
      std::uint16_t flags = 0;
      std::memcpy(&flags, ifr.u, sizeof flags);
      ctx.out.put("ifr_flags=");
      printflags(ctx.out, iff, flags, "IFF_???");
      break;
    }
    case SIOCGIFINDEX:
      print_ifr_int(ctx, "ifr_ifindex", ifr);
      break;
    case SIOCSIFMETRIC:
    case SIOCGIFMETRIC:
      print_ifr_int(ctx, "ifr_metric", ifr);
      break;
    case SIOCSIFMTU:
    case SIOCGIFMTU:
      print_ifr_int(ctx, "ifr_mtu", ifr);
      break;
    case SIOCSIFSLAVE:
    case SIOCGIFSLAVE:
      ctx.out.put("ifr_slave=");
      print_cstring(ctx, reinterpret_cast<const char*>(ifr.u), IFNAMSIZ);
      break;
    case SIOCSIFNAME:
      ctx.out.put("ifr_newname=");
      print_cstring(ctx, reinterpret_cast<const char*>(ifr.u), IFNAMSIZ);
      break;
    case SIOCGIFNAME:
      print_ifr_name(ctx, ifr, "ifr_name");
      break;
    case SIOCSIFTXQLEN:
    case SIOCGIFTXQLEN:
      print_ifr_int(ctx, "ifr_qlen", ifr);
      break;
    case SIOCSIFMAP:
    case SIOCGIFMAP:
      print_ifr_map(ctx, ifr);
      break;
    default:
      break;
  }
}

// "1024 /* 25 * sizeof(struct ifreq) */" (the comment when len is a whole number of them).
void print_ifc_len(OutBuf& out, std::int32_t len) {
  out.put_dec(len);
  const auto n = static_cast<std::uint32_t>(len) / sizeof(IfReq);
  if (len > 0 && n * sizeof(IfReq) == static_cast<std::uint32_t>(len)) {
    out.put(" /* ");
    out.put_udec(n);
    out.put(" * sizeof(struct ifreq) */");
  }
}

int ifconf_entry(DecodeCtx& ctx, std::uint64_t arg) {
  IfConf ifc{};
  ctx.out.put(", ");
  // A plain read (strace's umove): -e verbose=none still shows struct ifconf.
  if (!umoven(ctx.mem, arg, sizeof ifc, &ifc)) {
    print_addr(ctx.out, arg);
    return 0;
  }
  ctx.out.put("{ifc_len=");
  if (ifc.buf != 0) print_ifc_len(ctx.out, ifc.len);
  ctx.call.saved[0] = static_cast<std::uint32_t>(ifc.len);
  ctx.call.saved[1] = ifc.buf;
  return kExitIfconf;
}

void ifconf_exit(DecodeCtx& ctx, std::uint64_t arg) {
  OutBuf& out = ctx.out;
  const auto entry_len = static_cast<std::int32_t>(static_cast<std::uint32_t>(ctx.call.saved[0]));
  const std::uint64_t entry_buf = ctx.call.saved[1];
  IfConf ifc{};
  if (!umoven(ctx.mem, arg, sizeof ifc, &ifc)) {
    // What the entry read.
    if (entry_buf == 0) print_ifc_len(out, entry_len);
    out.put(", ifc_buf=");
    print_addr(out, entry_buf);
    out.put('}');
    return;
  }
  if (entry_buf != 0 && entry_len != ifc.len) out.put(" => ");
  if (entry_buf == 0 || entry_len != ifc.len) print_ifc_len(out, ifc.len);
  out.put(", ifc_buf=");
  if (entry_buf == 0 || ctx.call.is_error) {
    print_addr(out, entry_buf);
    if (entry_buf != ifc.buf) {
      out.put(" => ");
      print_addr(out, ifc.buf);
    }
  } else {
    const auto count =
        static_cast<std::uint64_t>(static_cast<std::int64_t>(ifc.len)) / sizeof(IfReq);
    print_array(ctx, ifc.buf, count, sizeof(IfReq), [&](const unsigned char* e) {
      IfReq ifr{};
      std::memcpy(&ifr, e, sizeof ifr);
      out.put('{');
      print_ifr_name(ctx, ifr, "ifr_name");
      out.put(", ");
      print_ifr_sockaddr(ctx, "ifr_addr", ifr);
      out.put('}');
      return true;
    });
  }
  out.put('}');
}

}  // namespace

const std::span<const IoctlName> kSockIoctlNames{kSockIoctls};

int sock_ioctl_entry(DecodeCtx& ctx, std::uint32_t code, std::uint64_t arg) {
  OutBuf& out = ctx.out;
  IfReq ifr{};
  switch (code) {
    case SIOCGIFCONF:
      return ifconf_entry(ctx, arg);
    case SIOCBRADDBR:
    case SIOCBRDELBR:
      out.put(", ");
      printstr_ex(ctx, arg, IFNAMSIZ, kQuote0Terminated);
      return 0;
    case FIOGETOWN:
    case SIOCATMARK:
    case SIOCGIFENCAP:
    case SIOCGPGRP:
    case SIOCOUTQNSD:
      return kExitInt;
    case FIOSETOWN:
    case SIOCSIFENCAP:
    case SIOCSPGRP:
      out.put(", ");
      print_int_ptr(ctx, arg);
      return 0;
    case SIOCBRADDIF:
    case SIOCBRDELIF:
      out.put(", ");
      if (umove_or_printaddr(ctx, arg, ifr)) {
        out.put("{ifr_ifindex=");
        print_ifindex(ctx, static_cast<unsigned>(i32_at(ifr.u)));
        out.put('}');
      }
      return 0;
    case SIOCADDMULTI:
    case SIOCDELMULTI:
    case SIOCSIFADDR:
    case SIOCSIFBRDADDR:
    case SIOCSIFDSTADDR:
    case SIOCSIFFLAGS:
    case SIOCSIFHWADDR:
    case SIOCSIFHWBROADCAST:
    case SIOCSIFMAP:
    case SIOCSIFMETRIC:
    case SIOCSIFMTU:
    case SIOCSIFNAME:
    case SIOCSIFNETMASK:
    case SIOCSIFSLAVE:
    case SIOCSIFTXQLEN:
      out.put(", ");
      if (umove_or_printaddr(ctx, arg, ifr)) {
        out.put('{');
        print_ifr_name(ctx, ifr, "ifr_name");
        out.put(", ");
        print_ifreq(ctx, code, ifr);
        out.put('}');
      }
      return 0;
    case SIOCGIFADDR:
    case SIOCGIFBRDADDR:
    case SIOCGIFDSTADDR:
    case SIOCGIFFLAGS:
    case SIOCGIFHWADDR:
    case SIOCGIFINDEX:
    case SIOCGIFMAP:
    case SIOCGIFMETRIC:
    case SIOCGIFMTU:
    case SIOCGIFNAME:
    case SIOCGIFNETMASK:
    case SIOCGIFSLAVE:
    case SIOCGIFTXQLEN:
      out.put(", ");
      if (!umove_or_printaddr(ctx, arg, ifr)) return 0;
      out.put('{');
      if (code == SIOCGIFNAME) {
        print_ifr_int(ctx, "ifr_ifindex", ifr);
      } else {
        print_ifr_name(ctx, ifr, "ifr_name");
      }
      return kExitIfreq;
    case SIOCADDDLCI:
    case SIOCADDRT:
    case SIOCBONDCHANGEACTIVE:
    case SIOCBONDENSLAVE:
    case SIOCBONDINFOQUERY:
    case SIOCBONDRELEASE:
    case SIOCBONDSETHWADDR:
    case SIOCBONDSLAVEINFOQUERY:
    case SIOCDARP:
    case SIOCDELDLCI:
    case SIOCDELRT:
    case SIOCDIFADDR:
    case SIOCDRARP:
    case SIOCETHTOOL:
    case SIOCGARP:
    case SIOCGHWTSTAMP:
    case SIOCGIFBR:
    case SIOCGIFCOUNT:
    case SIOCGIFMEM:
    case SIOCGIFPFLAGS:
    case SIOCGIFVLAN:
    case SIOCGMIIPHY:
    case SIOCGMIIREG:
    case SIOCGRARP:
    case SIOCGSKNS:
    case SIOCGSTAMP_OLD:
    case SIOCGSTAMP_NEW:
    case SIOCGSTAMPNS_OLD:
    case SIOCGSTAMPNS_NEW:
    case SIOCRTMSG:
    case SIOCSARP:
    case SIOCSHWTSTAMP:
    case SIOCSIFBR:
    case SIOCSIFLINK:
    case SIOCSIFMEM:
    case SIOCSIFPFLAGS:
    case SIOCSIFVLAN:
    case SIOCSMIIREG:
    case SIOCSRARP:
    case SIOCWANDEV:
      out.put(", ");
      print_addr(out, arg);
      return 0;
    default:
      return -1;
  }
}

void sock_ioctl_exit(DecodeCtx& ctx, int from) {
  const std::uint64_t arg = ctx.call.args[2];
  switch (from) {
    case kExitInt:
      ctx.out.put(", ");
      print_int_ptr(ctx, arg);
      return;
    case kExitIfreq: {
      IfReq ifr{};
      if (!ctx.call.is_error && umoven(ctx.mem, arg, sizeof ifr, &ifr)) {
        ctx.out.put(", ");
        print_ifreq(ctx, static_cast<std::uint32_t>(ctx.call.args[1]), ifr);
      }
      ctx.out.put('}');
      return;
    }
    case kExitIfconf:
      ifconf_exit(ctx, arg);
      return;
    default:
      return;
  }
}

}  // namespace scry::dec
