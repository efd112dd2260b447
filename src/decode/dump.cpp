// -e read=FD / -e write=FD: strace's hex dumps of the data a syscall read or wrote (dumpio).
#include <cstdio>
#include <cstring>
#include <vector>

#include "decode/decode_impl.hpp"

namespace scry::dec {

namespace {

constexpr std::uint64_t kMaxDump = 1u << 24;  // the tracee controls the lengths

// strace's dumpstr: " | 00000  68 69 0a ... hi.              |" per 16 bytes.
void dumpstr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len, OutBuf& out) {
  if (len > kMaxDump) len = kMaxDump;
  if (addr == 0 || len == 0) return;
  thread_local std::vector<unsigned char> buf;
  buf.resize(static_cast<std::size_t>(len));
  if (!umoven(ctx.mem, addr, buf.size(), buf.data())) return;
  constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t off = 0; off < buf.size(); off += 16) {
    char head[32];
    int n = std::snprintf(head, sizeof head, " | %05zx  ", off);
    out.put(std::string_view(head, static_cast<std::size_t>(n)));
    const std::size_t cnt = buf.size() - off < 16 ? buf.size() - off : 16;
    for (std::size_t i = 0; i < 16; ++i) {
      if (i < cnt) {
        out.put(kHex[buf[off + i] >> 4]);
        out.put(kHex[buf[off + i] & 15]);
        out.put(' ');
      } else {
        out.put("   ");
      }
      if (i == 7) out.put(' ');
    }
    out.put(' ');
    for (std::size_t i = 0; i < 16; ++i) {
      if (i < cnt) {
        const unsigned char c = buf[off + i];
        out.put(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '.');
      } else {
        out.put(' ');
      }
    }
    out.put(" |\n");
  }
}

// strace's dumpiov_upto: each iovec's data, at most `limit` bytes in all.
void dumpiov(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, std::uint64_t limit,
             OutBuf& out) {
  constexpr std::uint64_t kMaxIov = 1024;  // UIO_MAXIOV
  if (addr == 0 || count == 0 || count > kMaxIov) return;
  std::vector<std::uint64_t> iov(static_cast<std::size_t>(count) * 2);
  if (!umoven(ctx.mem, addr, iov.size() * 8, iov.data())) return;
  for (std::size_t i = 0; i < count && limit != 0; ++i) {
    std::uint64_t n = iov[2 * i + 1] < limit ? iov[2 * i + 1] : limit;
    dumpstr(ctx, iov[2 * i], n, out);
    limit -= n;
  }
}

void dump_msghdr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t limit, OutBuf& out) {
  std::uint64_t m[7] = {};  // name, namelen, iov, iovlen, control, controllen, flags
  if (addr == 0 || !umoven(ctx.mem, addr, sizeof m, m)) return;
  dumpiov(ctx, m[2], m[3], limit, out);
}

void dump_mmsghdr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, OutBuf& out) {
  constexpr std::uint64_t kMaxMmsg = 1024;
  if (count > kMaxMmsg) count = kMaxMmsg;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t m[8] = {};  // msghdr (7 words) and msg_len
    if (!umoven(ctx.mem, addr + i * sizeof m, sizeof m, m)) return;
    dumpiov(ctx, m[2], m[3], static_cast<std::uint32_t>(m[7]), out);
  }
}

bool is(const char* name, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (std::strcmp(name, n) == 0) return true;
  return false;
}

}  // namespace

}  // namespace scry::dec

namespace scry {

void dump_io(DecodeCtx& ctx, bool dump_read, bool dump_write, OutBuf& out) {
  using namespace dec;
  const SyscallCall& c = ctx.call;
  if (c.entry == nullptr || static_cast<int>(c.args[0]) < 0) return;
  const char* name = c.entry->name;
  const auto& a = c.args;
  constexpr std::uint64_t kAll = ~std::uint64_t{0};
  if (dump_write) {
    if (is(name, {"write", "pwrite64", "sendto", "mq_timedsend"})) {
      dumpstr(ctx, a[1], a[2], out);
    } else if (is(name, {"writev", "pwritev", "pwritev2", "vmsplice"})) {
      dumpiov(ctx, a[1], a[2], kAll, out);
    } else if (is(name, {"sendmsg"})) {
      dump_msghdr(ctx, a[1], kAll, out);
    } else if (is(name, {"sendmmsg"})) {
      dump_mmsghdr(ctx, a[1], c.is_error ? 0 : static_cast<std::uint64_t>(c.ret), out);
    }
  }
  if (c.is_error || !dump_read) return;
  const auto ret = static_cast<std::uint64_t>(c.ret);
  if (is(name, {"read", "pread64", "recvfrom", "mq_timedreceive"})) {
    dumpstr(ctx, a[1], ret, out);
  } else if (is(name, {"readv", "preadv", "preadv2"})) {
    dumpiov(ctx, a[1], a[2], ret, out);
  } else if (is(name, {"recvmsg"})) {
    dump_msghdr(ctx, a[1], ret, out);
  } else if (is(name, {"recvmmsg"})) {
    dump_mmsghdr(ctx, a[1], ret, out);
  }
}

}  // namespace scry
