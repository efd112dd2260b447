// sendmsg, recvmsg, sendmmsg, recvmmsg: struct msghdr with its iovec and control messages
// (strace's msghdr.c and mmsghdr.c).
#include <sys/socket.h>

#include <cstring>
#include <vector>

#include "decode/custom.hpp"

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

void print_scm_data(DecodeCtx& ctx, int type, const unsigned char* data, std::size_t len) {
  OutBuf& out = ctx.out;
  switch (type) {
    case SCM_RIGHTS: {
      if (len < sizeof(int)) return;
      out.put(", cmsg_data=[");
      for (std::size_t i = 0; i + sizeof(int) <= len; i += sizeof(int)) {
        int fd = 0;
        std::memcpy(&fd, data + i, sizeof fd);
        if (i != 0) out.put(", ");
        printfd(ctx, fd);
      }
      out.put(']');
      return;
    }
    case SCM_CREDENTIALS: {
      std::uint32_t cred[3];
      if (len < sizeof cred) return;
      std::memcpy(cred, data, sizeof cred);
      out.put(", cmsg_data={pid=");
      out.put_dec(static_cast<std::int32_t>(cred[0]));
      out.put(", uid=");
      print_uid(out, cred[1]);
      out.put(", gid=");
      print_uid(out, cred[2]);
      out.put('}');
      return;
    }
    default:
      return;
  }
}

// strace's decode_msg_control.
void print_msg_control(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t in_len) {
  static const FlagSet* const levels = find_set("sock_level");
  static const FlagSet* const scm = find_set("scm");
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
    if (level == SOL_SOCKET) {
      printxval(out, scm, static_cast<unsigned>(type), "SCM_???");
      print_scm_data(ctx, type, p + kCmsgHdr,
                     static_cast<std::size_t>(len > kCmsgHdr ? len - kCmsgHdr : 0));
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
