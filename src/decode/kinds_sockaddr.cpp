// The rarer socket address families strace 6.1 decodes: AF_VSOCK, AF_ALG, AF_XDP, AF_QIPCRTR,
// AF_MCTP, AF_X25, AF_IPX and AF_NFC (strace's sockaddr.c). AF_UNIX, AF_INET, AF_INET6,
// AF_NETLINK and AF_PACKET are in kinds_net.cpp.
#include <linux/if_alg.h>
#include <linux/if_xdp.h>
#include <linux/mctp.h>
#include <linux/qrtr.h>
#include <linux/vm_sockets.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstring>

#include "decode/net_print.hpp"
#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

template <typename T>
T at(const unsigned char* buf, std::size_t off) {
  T v{};
  std::memcpy(&v, buf + off, sizeof v);
  return v;
}

// printf("%#0*x", 2 * sizeof(T), v) for a byte: "00" for 0, "0x1" for 1, as strace's PRINT_VAL_0X.
void print_byte_0x(OutBuf& out, unsigned v) {
  char b[8];
  const int n = std::snprintf(b, sizeof b, "%#0*x", 2, v);
  out.put(std::string_view(b, static_cast<std::size_t>(n)));
}

void print_field_hex(OutBuf& out, const char* name, std::uint64_t v) {
  out.put(name);
  out.put('=');
  out.put_hex(v);
}

// A value of set, printed as strace's PRINT_FIELD_XVAL with no default (the number alone).
void print_field_xval(OutBuf& out, const char* name, const FlagSet* set, std::uint64_t v) {
  out.put(name);
  out.put('=');
  printxval(out, set, v, nullptr);
}

// strace's PRINT_FIELD_FLAGS_VERBOSE / XVAL_VERBOSE: the number and the names whatever -X says,
// except under -X raw.
template <typename Fn>
void print_forced_verbose(Fn&& fn) {
  const XlatStyle saved = xlat_style();
  if (saved != XlatStyle::Raw) set_xlat_style(XlatStyle::Verbose);
  fn();
  set_xlat_style(saved);
}

void print_vsock(DecodeCtx& ctx, const unsigned char* buf) {
  static const FlagSet* const cids = find_set("vsock_cids");
  static const FlagSet* const ports = find_set("vsock_ports");
  static const FlagSet* const flags = find_set("vsock_flags");
  OutBuf& out = ctx.out;
  const auto reserved1 = at<std::uint16_t>(buf, 2);
  if (reserved1 != 0) {
    print_field_hex(out, "svm_reserved1", reserved1);
    out.put(", ");
  }
  print_field_xval(out, "svm_cid", cids, at<std::uint32_t>(buf, 8));
  out.put(", ");
  print_field_xval(out, "svm_port", ports, at<std::uint32_t>(buf, 4));
  out.put(", svm_flags=");
  printflags(out, flags, buf[12], "VMADDR_FLAG_???");
  if (buf[13] != 0 || buf[14] != 0 || buf[15] != 0) {
    out.put(", svm_zero=");
    print_quoted_ex(out, reinterpret_cast<const char*>(buf + 13), 3, kQuoteForceHex, ctx.opt.xmode);
  }
}

void print_alg(DecodeCtx& ctx, const unsigned char* buf, int addrlen) {
  static const FlagSet* const flags = find_set("alg_sockaddr_flags");
  OutBuf& out = ctx.out;
  constexpr unsigned kStr = kQuote0Terminated | kQuoteExpectTrailing0;
  out.put("salg_type=");
  print_quoted_ex(out, reinterpret_cast<const char*>(buf + 2), 14, kStr, ctx.opt.xmode);
  print_forced_verbose([&] {
    out.put(", salg_feat=");
    printflags(out, flags, at<std::uint32_t>(buf, 16), "CRYPTO_ALG_???");
    out.put(", salg_mask=");
    printflags(out, flags, at<std::uint32_t>(buf, 20), "CRYPTO_ALG_???");
  });
  out.put(", salg_name=");
  print_quoted_ex(out, reinterpret_cast<const char*>(buf + 24),
                  static_cast<std::size_t>(addrlen - 24), kStr, ctx.opt.xmode);
}

void print_xdp(DecodeCtx& ctx, const unsigned char* buf) {
  static const FlagSet* const flags = find_set("xdp_sockaddr_flags");
  OutBuf& out = ctx.out;
  const auto f = at<std::uint16_t>(buf, 2);
  out.put("sxdp_flags=");
  printflags(out, flags, f, "XDP_???");
  out.put(", sxdp_ifindex=");
  print_ifindex(ctx, at<std::uint32_t>(buf, 4));
  out.put(", sxdp_queue_id=");
  out.put_udec(at<std::uint32_t>(buf, 8));
  const auto fd = at<std::uint32_t>(buf, 12);
  if (f & XDP_SHARED_UMEM) {
    out.put(", sxdp_shared_umem_fd=");
    printfd(ctx, static_cast<int>(fd));
  } else if (fd != 0) {
    out.put(", ");
    print_field_hex(out, "sxdp_shared_umem_fd", fd);
  }
}

void print_qrtr(DecodeCtx& ctx, const unsigned char* buf) {
  static const FlagSet* const nodes = find_set("qipcrtr_nodes");
  static const FlagSet* const ports = find_set("qipcrtr_ports");
  print_field_xval(ctx.out, "sq_node", nodes, at<std::uint32_t>(buf, 4));
  ctx.out.put(", ");
  print_field_xval(ctx.out, "sq_port", ports, at<std::uint32_t>(buf, 8));
}

void print_mctp(DecodeCtx& ctx, const unsigned char* buf) {
  static const FlagSet* const nets = find_set("mctp_nets");
  static const FlagSet* const addrs = find_set("mctp_addrs");
  OutBuf& out = ctx.out;
  const auto pad0 = at<std::uint16_t>(buf, 2);
  if (pad0 != 0) {
    print_field_hex(out, "__smctp_pad0", pad0);
    out.put(", ");
  }
  print_field_xval(out, "smctp_network", nets, at<std::uint32_t>(buf, 4));
  out.put(", smctp_addr={");
  print_field_xval(out, "s_addr", addrs, buf[8]);
  out.put("}, ");
  print_field_hex(out, "smctp_type", buf[9]);
  out.put(", ");
  print_field_hex(out, "smctp_tag", buf[10]);
  if (buf[11] != 0) {
    out.put(", ");
    print_field_hex(out, "__smctp_pad1", buf[11]);
  }
}

void print_x25(DecodeCtx& ctx, const unsigned char* buf) {
  ctx.out.put("sx25_addr={x25_addr=");
  print_quoted_ex(ctx.out, reinterpret_cast<const char*>(buf + 2), 16,
                  kQuote0Terminated | kQuoteExpectTrailing0, ctx.opt.xmode);
  ctx.out.put('}');
}

void print_ipx(DecodeCtx& ctx, const unsigned char* buf) {
  OutBuf& out = ctx.out;
  print_net_port(out, "sipx_port", at<std::uint16_t>(buf, 2));
  out.put(", sipx_network=htonl(");
  out.put_hex(__builtin_bswap32(at<std::uint32_t>(buf, 4)));
  out.put("), sipx_node=[");
  for (int i = 0; i < 6; ++i) {
    if (i != 0) out.put(", ");
    print_byte_0x(out, buf[8 + i]);
  }
  out.put("], sipx_type=");
  print_byte_0x(out, buf[14]);
  if (buf[15] != 0) {
    out.put(", ");
    print_field_hex(out, "sipx_zero", buf[15]);
  }
}

void print_nfc(DecodeCtx& ctx, const unsigned char* buf, int addrlen) {
  static const FlagSet* const protos = find_set("nfc_sockaddr_protocols");
  static const FlagSet* const saps = find_set("nfc_saps");
  constexpr int kNfcLen = 16;   // struct sockaddr_nfc
  constexpr int kLlcpLen = 96;  // struct sockaddr_nfc_llcp (x86_64)
  constexpr int kNameMax = 63;  // NFC_LLCP_MAX_SERVICE_NAME
  OutBuf& out = ctx.out;
  out.put("dev_idx=");
  print_ifindex(ctx, at<std::uint32_t>(buf, 4));
  out.put(", ");
  print_field_hex(out, "target_idx", at<std::uint32_t>(buf, 8));
  out.put(", nfc_protocol=");
  printxval(out, protos, at<std::uint32_t>(buf, 12), "NFC_PROTO_???");
  if (addrlen < kLlcpLen) {
    if (addrlen > kNfcLen) out.put(", ...");
    return;
  }
  const auto name_len = at<std::uint64_t>(buf, 88);
  print_forced_verbose([&] {
    out.put(", dsap=");
    printxval(out, saps, buf[16], nullptr);
    out.put(", ssap=");
    printxval(out, saps, buf[17], nullptr);
  });
  out.put(", service_name=");
  print_quoted_ex(out, reinterpret_cast<const char*>(buf + 18),
                  name_len < kNameMax ? static_cast<std::size_t>(name_len) : kNameMax, 0,
                  ctx.opt.xmode);
  out.put(", service_name_len=");
  out.put_udec(name_len);
}

}  // namespace

bool print_sockaddr_family(DecodeCtx& ctx, unsigned family, const unsigned char* buf, int addrlen) {
  switch (family) {
    case AF_VSOCK:
      if (addrlen < static_cast<int>(sizeof(sockaddr_vm))) return false;
      print_vsock(ctx, buf);
      return true;
    case AF_ALG:
      if (addrlen < static_cast<int>(sizeof(sockaddr_alg_new)) + 1) return false;
      print_alg(ctx, buf, addrlen);
      return true;
    case AF_XDP:
      if (addrlen < static_cast<int>(sizeof(sockaddr_xdp))) return false;
      print_xdp(ctx, buf);
      return true;
    case AF_QIPCRTR:
      if (addrlen < static_cast<int>(sizeof(sockaddr_qrtr))) return false;
      print_qrtr(ctx, buf);
      return true;
    case AF_MCTP:
      if (addrlen < static_cast<int>(sizeof(sockaddr_mctp))) return false;
      print_mctp(ctx, buf);
      return true;
    case AF_X25:
      if (addrlen < 18) return false;  // struct sockaddr_x25
      print_x25(ctx, buf);
      return true;
    case AF_IPX:
      if (addrlen < 16) return false;  // struct sockaddr_ipx
      print_ipx(ctx, buf);
      return true;
    case AF_NFC:
      if (addrlen < 16) return false;  // struct sockaddr_nfc
      print_nfc(ctx, buf, addrlen);
      return true;
    default:
      return false;
  }
}

}  // namespace scry::dec
