// socket, socketpair (strace's net.c); setsockopt and getsockopt are in custom_sockopt.cpp.
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <array>
#include <cstring>
#include <iterator>

#include "decode/custom.hpp"
#include "decode/net_print.hpp"

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

// socket()'s protocol for the families whose protocols have names (strace's SYS_FUNC(socket)).
void print_protocol(OutBuf& out, unsigned family, std::uint64_t arg) {
  struct FamilyProtos {
    unsigned family;
    const char* set;
    const char* dflt;
  };
  // AF_IRDA's protocols print with the CAN names, as strace 6.1 has them.
  static constexpr FamilyProtos kProtos[] = {
      {AF_INET, "ip_proto", "IPPROTO_???"},
      {AF_INET6, "ip_proto", "IPPROTO_???"},
      {AF_NETLINK, "netlink_proto", "NETLINK_???"},
      {AF_IRDA, "can_protocols", "IRDAPROTO_???"},
      {AF_CAN, "can_protocols", "CAN_???"},
      {AF_BLUETOOTH, "bt_protocols", "BTPROTO_???"},
      {AF_RXRPC, "address_families", "AF_???"},
      {AF_ISDN, "isdn_protocols", "ISDN_P_???"},
      {AF_PHONET, "phonet_protocols", "PN_PROTO_???"},
      {AF_CAIF, "caif_protocols", "CAIFPROTO_???"},
      {AF_NFC, "nfc_protocols", "NFC_SOCKPROTO_???"},
      {AF_KCM, "kcm_protocols", "KCMPROTO_???"},
      {AF_SMC, "smc_protocols", "SMCPROTO_???"},
  };
  static const FlagSet* const ethernet = find_set("ethernet_protocols");
  static const FlagSet* const ax25 = find_set("ax25_protocols");
  const unsigned proto = static_cast<unsigned>(arg);
  if (family == AF_PACKET) {
    print_htons_xval(out, ethernet, static_cast<std::uint16_t>(proto), "ETH_P_???");
    return;
  }
  if (family == AF_AX25) {
    // Always the number and the name in a comment (strace: the names are not in public headers).
    const XlatStyle saved = xlat_style();
    set_xlat_style(XlatStyle::Verbose);
    printxval(out, ax25, proto, "AX25_P_???");
    set_xlat_style(saved);
    return;
  }
  static const auto sets = [] {
    std::array<const FlagSet*, std::size(kProtos)> r{};
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = find_set(kProtos[i].set);
    return r;
  }();
  for (std::size_t i = 0; i < std::size(kProtos); ++i) {
    if (kProtos[i].family != family) continue;
    printxval(out, sets[i], proto, kProtos[i].dflt);
    return;
  }
  out.put_udec(proto);
}

void print_family_type_proto(DecodeCtx& ctx, bool name_protocol) {
  static const FlagSet* const fams = find_set("address_families");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned family = static_cast<unsigned>(a[0]);
  printxval(out, fams, family, "AF_???");
  out.put(", ");
  print_sock_type(out, a[1]);
  out.put(", ");
  if (name_protocol) {
    print_protocol(out, family, a[2]);
  } else {
    out.put_udec(static_cast<unsigned>(a[2]));
  }
}
}  // namespace

int socket_entry(DecodeCtx& ctx) {
  print_family_type_proto(ctx, true);
  return kAllPrinted;
}

int socketpair_entry(DecodeCtx& ctx) {
  // strace prints socketpair's protocol as a number whatever the family.
  print_family_type_proto(ctx, false);
  ctx.out.put(", ");
  return 3;
}

void socketpair_exit(DecodeCtx& ctx, int /*from*/) {
  print_pipefds(ctx, ctx.call.args[3]);
}

}  // namespace scry::dec
