// sendmsg, recvmsg, sendmmsg, recvmmsg: struct msghdr with its iovec and control messages
// (strace's msghdr.c and mmsghdr.c).
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <iterator>
#include <vector>

#include "decode/custom.hpp"
#include "decode/net_print.hpp"
#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

// The x86_64 user ABI layouts.
struct MsgHdr {
  std::uint64_t name;
  std::uint32_t namelen;
  std::uint32_t pad0;
  std::uint64_t iov;
  std::uint64_t iovlen;
  std::uint64_t control;
  std::uint64_t controllen;
  std::int32_t flags;
  std::uint32_t pad1;
};
static_assert(sizeof(MsgHdr) == 56);
constexpr std::size_t kMmsgSize = 64;  // msghdr + msg_len + padding
constexpr std::size_t kCmsgHdr = 16;   // cmsg_len (8), cmsg_level (4), cmsg_type (4)
constexpr std::uint64_t kMaxCmsgBuf = 1u << 16;
constexpr std::uint64_t kAll = ~std::uint64_t{0};
constexpr int kScmSecurity = 3;  // SCM_SECURITY, from the kernel's (non-uapi) linux/socket.h

// strace's print_local_array: count elements of elem_size at data, "..." past -s of them.
template <typename Fn>
void print_local_array(DecodeCtx& ctx, const unsigned char* data, std::size_t count,
                       std::size_t elem_size, Fn&& print_elem) {
  OutBuf& out = ctx.out;
  const std::size_t limit = ctx.opt.verbose ? count : max_strlen(ctx.opt);
  out.put('[');
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0) out.put(", ");
    if (i >= limit) {
      out.put("...");
      break;
    }
    print_elem(data + i * elem_size);
  }
  out.put(']');
}

std::uint32_t u32_at(const unsigned char* p) {
  std::uint32_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::int64_t i64_at(const unsigned char* p) {
  std::int64_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void print_uint_array(DecodeCtx& ctx, const unsigned char* data, std::size_t len) {
  print_local_array(ctx, data, len / 4, 4,
                    [&](const unsigned char* e) { ctx.out.put_udec(u32_at(e)); });
}

void print_xint8_array(DecodeCtx& ctx, const unsigned char* data, std::size_t len) {
  print_local_array(ctx, data, len, 1, [&](const unsigned char* e) { ctx.out.put_hex(*e); });
}

// A struct timeval or timespec of two 64-bit fields, "???" when the data is shorter.
void print_time_pair(DecodeCtx& ctx, const unsigned char* data, std::size_t len,
                     const char* second) {
  if (len < 16) {
    ctx.out.put("???");
    return;
  }
  ctx.out.put("{tv_sec=");
  ctx.out.put_dec(i64_at(data));
  ctx.out.put(", ");
  ctx.out.put(second);
  ctx.out.put('=');
  ctx.out.put_udec(static_cast<std::uint64_t>(i64_at(data + 8)));
  ctx.out.put('}');
}

// SO_TIMESTAMPING's three struct timespec.
void print_timespec3(DecodeCtx& ctx, const unsigned char* data, std::size_t len) {
  if (len < 48) {
    ctx.out.put("???");
    return;
  }
  ctx.out.put('[');
  for (int i = 0; i < 3; ++i) {
    if (i != 0) ctx.out.put(", ");
    print_time_pair(ctx, data + 16 * i, 16, "tv_nsec");
  }
  ctx.out.put(']');
}

void print_in_addr(DecodeCtx& ctx, const char* name, const unsigned char* p) {
  print_inet_addr(ctx.out, AF_INET, p, 4, name, ctx.opt.xmode);
}

// The data of a SOL_SOCKET control message; false when strace prints none for this type/length.
bool print_scm_data(DecodeCtx& ctx, int type, const unsigned char* data, std::size_t len) {
  OutBuf& out = ctx.out;
  if (len == 0) return false;
  switch (type) {
    case SCM_RIGHTS:
      if (len < sizeof(int)) return false;
      out.put(", cmsg_data=");
      print_local_array(ctx, data, len / sizeof(int), sizeof(int),
                        [&](const unsigned char* e) { printfd(ctx, static_cast<int>(u32_at(e))); });
      return true;
    case SCM_CREDENTIALS:
      if (len < 12) return false;
      out.put(", cmsg_data={pid=");
      print_pid(ctx, static_cast<std::int32_t>(u32_at(data)));
      out.put(", uid=");
      print_uid(out, u32_at(data + 4));
      out.put(", gid=");
      print_uid(out, u32_at(data + 8));
      out.put('}');
      return true;
    case kScmSecurity:
      out.put(", cmsg_data=");
      print_quoted_ex(out, reinterpret_cast<const char*>(data), len, 0, ctx.opt.xmode);
      return true;
    case SO_TIMESTAMP_OLD:
    case SO_TIMESTAMP_NEW:
      out.put(", cmsg_data=");
      print_time_pair(ctx, data, len, "tv_usec");
      return true;
    case SO_TIMESTAMPNS_OLD:
    case SO_TIMESTAMPNS_NEW:
      out.put(", cmsg_data=");
      print_time_pair(ctx, data, len, "tv_nsec");
      return true;
    case SO_TIMESTAMPING_OLD:
    case SO_TIMESTAMPING_NEW:
      out.put(", cmsg_data=");
      print_timespec3(ctx, data, len);
      return true;
    default:
      return false;
  }
}

// The data of a SOL_IP control message (strace's cmsg_ip_printers).
bool print_cmsg_ip_data(DecodeCtx& ctx, int type, const unsigned char* data, std::size_t len) {
  OutBuf& out = ctx.out;
  if (len == 0) return false;
  switch (type) {
    case IP_PKTINFO:
      if (len < 12) return false;
      out.put(", cmsg_data={ipi_ifindex=");
      print_ifindex(ctx, u32_at(data));
      out.put(", ");
      print_in_addr(ctx, "ipi_spec_dst", data + 4);
      out.put(", ");
      print_in_addr(ctx, "ipi_addr", data + 8);
      out.put('}');
      return true;
    case IP_TTL:
    case IP_CHECKSUM:
      if (len < 4) return false;
      out.put(", cmsg_data=");
      print_uint_array(ctx, data, len);
      return true;
    case IP_TOS:
    case IP_RECVOPTS:
    case IP_RETOPTS:
      out.put(", cmsg_data=");
      print_xint8_array(ctx, data, len);
      return true;
    case IP_RECVERR: {
      constexpr std::size_t kSockEe = 16 + 16;  // sock_extended_err + the offender sockaddr_in
      if (len < kSockEe) return false;
      static constexpr const char* kNames[] = {"ee_errno", "ee_origin", "ee_type",
                                               "ee_code",  "ee_info",   "ee_data"};
      const std::uint32_t vals[] = {u32_at(data), data[4],          data[5],
                                    data[6],      u32_at(data + 8), u32_at(data + 12)};
      out.put(", cmsg_data={");
      for (std::size_t i = 0; i < std::size(kNames); ++i) {
        out.put(kNames[i]);
        out.put('=');
        out.put_udec(vals[i]);
        out.put(", ");
      }
      out.put("offender=");
      print_sockaddr_bytes(ctx, data + 16, 16);
      out.put('}');
      return true;
    }
    case IP_ORIGDSTADDR:
      if (len < 16) return false;
      out.put(", cmsg_data=");
      print_sockaddr_bytes(ctx, data, len);
      return true;
    case kScmSecurity:
      out.put(", cmsg_data=");
      print_quoted_ex(out, reinterpret_cast<const char*>(data), len, 0, ctx.opt.xmode);
      return true;
    default:
      return false;
  }
}

// strace's decode_msg_control.
void print_msg_control(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t in_len) {
  static const FlagSet* const levels = find_set("sock_level");
  static const FlagSet* const scm = find_set("scm");
  static const FlagSet* const ip_types = find_set("ip_cmsg_types");
  OutBuf& out = ctx.out;
  if (in_len == 0) return;
  out.put(", msg_control=");
  const std::uint64_t control_len = in_len > kMaxCmsgBuf ? kMaxCmsgBuf : in_len;
  std::uint64_t buf_len = control_len;
  thread_local std::vector<unsigned char> buf;
  if (buf_len < kCmsgHdr || !ctx.opt.struct_verbose) {
    print_addr(out, addr);
    return;
  }
  buf.resize(static_cast<std::size_t>(buf_len));
  if (!umoven(ctx.mem, addr, static_cast<std::size_t>(buf_len), buf.data())) {
    print_addr(out, addr);
    return;
  }
  const unsigned char* p = buf.data();
  out.put('[');
  while (buf_len >= kCmsgHdr) {
    std::uint64_t cmsg_len = 0;
    int level = 0;
    int type = 0;
    std::memcpy(&cmsg_len, p, 8);
    std::memcpy(&level, p + 8, 4);
    std::memcpy(&type, p + 12, 4);
    if (p != buf.data()) out.put(", ");
    out.put("{cmsg_len=");
    out.put_udec(cmsg_len);
    out.put(", cmsg_level=");
    printxval(out, levels, static_cast<unsigned>(level), "SOL_???");
    out.put(", cmsg_type=");
    std::uint64_t len = cmsg_len > buf_len ? buf_len : cmsg_len;
    const auto data_len = static_cast<std::size_t>(len > kCmsgHdr ? len - kCmsgHdr : 0);
    if (level == SOL_SOCKET) {
      printxval(out, scm, static_cast<unsigned>(type), "SCM_???");
      print_scm_data(ctx, type, p + kCmsgHdr, data_len);
    } else if (level == SOL_IP) {
      printxval(out, ip_types, static_cast<unsigned>(type), "IP_???");
      print_cmsg_ip_data(ctx, type, p + kCmsgHdr, data_len);
    } else {
      out.put_hex(static_cast<unsigned>(type));
    }
    out.put('}');
    if (len < kCmsgHdr) {
      buf_len -= kCmsgHdr;
      break;
    }
    len = (cmsg_len + 7) & ~std::uint64_t{7};
    if (len >= buf_len) {
      buf_len = 0;
      break;
    }
    p += len;
    buf_len -= len;
  }
  if (buf_len != 0) {
    out.put(", ... /* ");
    print_hex(out, addr + (control_len - buf_len));
    out.put(" */");
  } else if (control_len < in_len) {
    out.put(", ...");
  }
  out.put(']');
}

// strace's print_struct_msghdr. user_namelen < 0: none known.
void print_msghdr_value(DecodeCtx& ctx, const MsgHdr& m, long user_namelen,
                        std::uint64_t data_size) {
  static const FlagSet* const msg_flags = find_set("msg_flags");
  OutBuf& out = ctx.out;
  const int namelen = user_namelen >= 0 && static_cast<int>(m.namelen) > user_namelen
                          ? static_cast<int>(user_namelen)
                          : static_cast<int>(m.namelen);
  out.put("{msg_name=");
  // The kernel has written the address: read it even on the exit of the call.
  const bool was_exiting = ctx.exiting;
  ctx.exiting = false;
  print_sockaddr(ctx, m.name, static_cast<std::uint64_t>(static_cast<std::int64_t>(namelen)));
  // strace decodes the data as netlink messages when the address is AF_NETLINK's, whatever the
  // socket (the protocol comes from the socket).
  std::uint16_t family = AF_UNSPEC;
  int netlink = kIovNotNetlink;
  if (m.name != 0 && namelen >= 2 && umoven(ctx.mem, m.name, sizeof family, &family) &&
      family == AF_NETLINK) {
    // An AF_NETLINK name on another socket: netlink messages of an unknown protocol.
    const int p =
        ctx.fds != nullptr ? ctx.fds->netlink_protocol(static_cast<int>(ctx.call.args[0])) : -1;
    netlink = p < 0 ? -1 : p;
  }
  out.put(", msg_namelen=");
  if (m.name != 0 && user_namelen >= 0 && user_namelen != static_cast<int>(m.namelen)) {
    out.put_dec(user_namelen);
    out.put(" => ");
  }
  out.put_dec(static_cast<int>(m.namelen));
  out.put(", msg_iov=");
  print_iovec(ctx, m.iov, m.iovlen, data_size, true, netlink);
  ctx.exiting = was_exiting;
  out.put(", msg_iovlen=");
  out.put_udec(m.iovlen);
  print_msg_control(ctx, m.control, m.controllen);
  out.put(", msg_controllen=");
  out.put_udec(m.controllen);
  out.put(", msg_flags=");
  printflags(out, msg_flags, static_cast<unsigned>(m.flags), "MSG_???");
  out.put('}');
}

void print_msghdr(DecodeCtx& ctx, std::uint64_t addr, long user_namelen, std::uint64_t data_size) {
  MsgHdr m{};
  if (addr != 0 && ctx.opt.struct_verbose && umoven(ctx.mem, addr, sizeof m, &m)) {
    print_msghdr_value(ctx, m, user_namelen, data_size);
  } else {
    print_addr(ctx.out, addr);
  }
}

void print_msg_flags_arg(DecodeCtx& ctx, std::uint64_t flags) {
  static const FlagSet* const msg_flags = find_set("msg_flags");
  ctx.out.put(", ");
  printflags(ctx.out, msg_flags, static_cast<unsigned>(flags), "MSG_???");
}

// The mmsghdr array; msg_len_count elements show their msg_len (and limit the data shown).
void print_mmsgvec(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count,
                   std::uint64_t msg_len_count) {
  print_array(ctx, addr, count, kMmsgSize, [&](const unsigned char* e) {
    MsgHdr m{};
    std::uint32_t msg_len = 0;
    std::memcpy(&m, e, sizeof m);
    std::memcpy(&msg_len, e + sizeof m, 4);
    ctx.out.put("{msg_hdr=");
    print_msghdr_value(ctx, m, -1, msg_len_count != 0 ? msg_len : kAll);
    if (msg_len_count != 0) {
      ctx.out.put(", msg_len=");
      ctx.out.put_udec(msg_len);
      --msg_len_count;
    }
    ctx.out.put('}');
    return true;
  });
}

// recvmmsg's timeout as printed at entry, kept for the exit: saved[1] says what saved[2..3] are.
enum : std::uint64_t { kTsNull = 0, kTsValue = 1, kTsAddr = 2 };

void print_saved_timespec(OutBuf& out, const SyscallCall& c) {
  if (c.saved[1] == kTsNull) {
    out.put("NULL");
  } else if (c.saved[1] == kTsValue) {
    print_timespec_value(out, static_cast<std::int64_t>(c.saved[2]),
                         static_cast<std::int64_t>(c.saved[3]));
  } else {
    print_addr(out, c.args[4]);
  }
}

}  // namespace

int msghdr_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  printfd(ctx, static_cast<int>(a[0]));
  out.put(", ");
  switch (ctx.call.entry->custom) {
    case CustomDecoder::Sendmsg:
      print_msghdr(ctx, a[1], -1, kAll);
      print_msg_flags_arg(ctx, a[2]);
      return kAllPrinted;
    case CustomDecoder::Recvmsg: {
      std::uint32_t namelen = 0;
      ctx.call.saved = {};
      if (a[1] != 0 && ctx.opt.struct_verbose && umoven(ctx.mem, a[1] + 8, 4, &namelen)) {
        ctx.call.saved[0] = namelen;
        ctx.call.saved[1] = 1;
        return 1;
      }
      print_addr(out, a[1]);
      return 2;
    }
    case CustomDecoder::Sendmmsg:
      if (!ctx.opt.struct_verbose) {
        print_addr(out, a[1]);
        out.put(", ");
        out.put_udec(static_cast<unsigned>(a[2]));
        print_msg_flags_arg(ctx, a[3]);
        return kAllPrinted;
      }
      return 1;
    case CustomDecoder::Recvmmsg: {
      if (!ctx.opt.struct_verbose) {
        print_addr(out, a[1]);
        out.put(", ");
        out.put_udec(static_cast<unsigned>(a[2]));
        print_msg_flags_arg(ctx, a[3]);
        out.put(", ");
        print_timespec(ctx, a[4]);
        return 2;
      }
      std::int64_t ts[2] = {};
      ctx.call.saved = {};
      if (a[4] == 0) {
        ctx.call.saved[1] = kTsNull;
      } else if (umoven(ctx.mem, a[4], sizeof ts, ts)) {
        ctx.call.saved[1] = kTsValue;
        ctx.call.saved[2] = static_cast<std::uint64_t>(ts[0]);
        ctx.call.saved[3] = static_cast<std::uint64_t>(ts[1]);
      } else {
        ctx.call.saved[1] = kTsAddr;
      }
      return 1;
    }
    default:
      return kAllPrinted;
  }
}

void msghdr_exit(DecodeCtx& ctx, int from) {
  OutBuf& out = ctx.out;
  const SyscallCall& c = ctx.call;
  const auto& a = c.args;
  switch (c.entry->custom) {
    case CustomDecoder::Recvmsg:
      if (from == 1) {
        const long namelen = static_cast<long>(static_cast<std::int32_t>(c.saved[0]));
        if (c.is_error) {
          out.put("{msg_namelen=");
          out.put_dec(namelen);
          out.put('}');
        } else {
          print_msghdr(ctx, a[1], namelen, static_cast<std::uint64_t>(c.ret));
        }
      }
      print_msg_flags_arg(ctx, a[2]);
      return;
    case CustomDecoder::Sendmmsg: {
      if (from != 1) return;
      const std::uint64_t msg_len_count = c.is_error ? 0 : static_cast<std::uint64_t>(c.ret);
      // strace clears the error for this: the array prints whatever the call returned.
      ctx.exiting = false;
      print_mmsgvec(ctx, a[1], static_cast<unsigned>(a[2]), msg_len_count);
      ctx.exiting = true;
      out.put(", ");
      out.put_udec(static_cast<unsigned>(a[2]));
      print_msg_flags_arg(ctx, a[3]);
      return;
    }
    case CustomDecoder::Recvmmsg: {
      if (from == 1) {
        if (c.is_error) {
          print_addr(out, a[1]);
        } else {
          const auto n = static_cast<std::uint64_t>(c.ret);
          print_mmsgvec(ctx, a[1], n, n);
        }
        out.put(", ");
        out.put_udec(static_cast<unsigned>(a[2]));
        print_msg_flags_arg(ctx, a[3]);
        out.put(", ");
        print_saved_timespec(out, c);
      }
      if (c.is_error || ctx.aux == nullptr) return;
      if (c.ret == 0) {
        ctx.aux->put("Timeout");
        return;
      }
      if (from != 1 || a[4] == 0) return;
      std::int64_t ts[2] = {};
      ctx.aux->put("left ");
      if (umoven(ctx.mem, a[4], sizeof ts, ts)) {
        print_timespec_value(*ctx.aux, ts[0], ts[1]);
      } else {
        print_addr(*ctx.aux, a[4]);
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace scry::dec
