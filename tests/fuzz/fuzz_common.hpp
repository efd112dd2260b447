// Shared driver of the libFuzzer targets: the fuzz input becomes one syscall (number, arguments,
// return value, options) and the tracee memory it points into, with unmapped holes. The reader
// aborts when a decoder asks for more than a bound (per read and per syscall), so an unbounded
// read or an endless loop over hostile memory is a finding, like a crash.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <linux/netlink.h>

#include "scry/decode.hpp"
#include "scry/memory.hpp"
#include "scry/syscall_table.hpp"

namespace scry::fuzz {

[[noreturn]] inline void fail(const char* what, std::uint64_t a, std::uint64_t b) {
  std::fprintf(stderr, "fuzz invariant broken: %s (%llu, %llu)\n", what,
               static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
  std::abort();
}

// The tracee's memory: bytes at kBase, minus the holes; everything else unreadable.
class FuzzMemory final : public MemoryReader {
 public:
  static constexpr std::uint64_t kBase = 0x10000;
  static constexpr std::size_t kMaxRead = 1u << 20;    // one read asks for at most 1 MiB
  static constexpr std::size_t kMaxTotal = 64u << 20;  // one syscall reads at most 64 MiB
  static constexpr std::size_t kMaxReads = 1u << 16;   // in at most 65536 reads

  FuzzMemory(std::vector<std::uint8_t> bytes,
             std::vector<std::pair<std::size_t, std::size_t>> holes)
      : bytes_(std::move(bytes)), holes_(std::move(holes)) {}

  std::size_t read(std::uint64_t addr, void* buf, std::size_t len) override {
    if (len > kMaxRead) fail("read longer than 1 MiB", addr, len);
    total_ += len;
    if (total_ > kMaxTotal) fail("more than 64 MiB read for one syscall", addr, total_);
    if (++reads_ > kMaxReads) fail("more than 65536 reads for one syscall", addr, reads_);
    if (addr < kBase || addr - kBase >= bytes_.size()) return 0;
    const std::size_t off = static_cast<std::size_t>(addr - kBase);
    std::size_t n = std::min(len, bytes_.size() - off);
    for (const auto& [hoff, hlen] : holes_) {
      if (hoff <= off && off < hoff + hlen) return 0;
      if (off < hoff && hoff < off + n) n = hoff - off;  // stops at the hole
    }
    std::memcpy(buf, bytes_.data() + off, n);
    return n;
  }
  std::size_t size() const { return bytes_.size(); }
  void reset_budget() {
    total_ = 0;
    reads_ = 0;
  }

 private:
  std::vector<std::uint8_t> bytes_;
  std::vector<std::pair<std::size_t, std::size_t>> holes_;
  std::size_t total_ = 0;
  std::size_t reads_ = 0;
};

// -y paths for a few fds, some of them odd.
class FuzzFds final : public FdResolver {
 public:
  bool fd_path(int fd, OutBuf& out) override {
    switch (fd) {
      case 0:
        out.put("/dev/pts/0");
        return true;
      case 3:
        out.put("/tmp/a\"b\n (deleted)");
        return true;
      case 4:
        out.put("socket:[1234]");
        return true;
      case -100:
        out.put("/");
        return true;
      default:
        return false;
    }
  }
  bool socket_info(int fd, std::uint64_t, OutBuf& out) override {
    if (fd != 4) return false;
    out.put("TCP:[127.0.0.1:1->127.0.0.1:2]");
    return true;
  }
  bool device_info(std::string_view, OutBuf& out) override {
    out.put("char 1:3");
    return true;
  }
  int pidfd_pid(int fd) override { return fd == 5 ? 42 : -1; }
  // Netlink sockets: 6 is NETLINK_ROUTE's, 7 NETLINK_SOCK_DIAG's, 8 one not bound yet, 9
  // NETLINK_KOBJECT_UEVENT's.
  int netlink_protocol(int fd) override {
    static constexpr int kProtocols[] = {NETLINK_ROUTE, NETLINK_SOCK_DIAG, -1,
                                         NETLINK_KOBJECT_UEVENT};
    return fd >= 6 && fd <= 9 ? kProtocols[fd - 6] : kNotNetlink;
  }
};

inline DecodeOptions consume_options(FuzzedDataProvider& in) {
  DecodeOptions o;
  const auto bits = in.ConsumeIntegral<std::uint16_t>();
  o.string_limit = (bits & 1) ? in.ConsumeIntegralInRange<int>(0, 5000) : 32;
  o.verbose = (bits & 2) != 0;
  o.xmode = static_cast<XMode>((bits >> 2) % 3);
  o.decode_fds = (bits & 16) != 0;
  o.fd_decode = static_cast<std::uint8_t>(bits >> 5) & 0xf;
  o.xlat = static_cast<XlatStyle>((bits >> 9) % 3);
  o.struct_verbose = (bits & 0x1000) == 0;
  o.raw = (bits & 0x6000) == 0x6000;
  return o;
}

// An argument: a pointer into the memory (anywhere, near its end, into a hole's edge), a small
// number, a negative one, or any 64-bit value.
inline std::uint64_t consume_arg(FuzzedDataProvider& in, std::size_t memsize) {
  const auto sel = in.ConsumeIntegral<std::uint8_t>();
  const auto v = in.ConsumeIntegral<std::uint32_t>();
  const std::uint64_t span = memsize == 0 ? 1 : memsize;
  switch (sel % 8) {
    case 0:
      return 0;
    case 1:
      return v % 64;
    case 2:
    case 3:
      return FuzzMemory::kBase + v % span;
    case 4:
      return FuzzMemory::kBase + span - 1 - v % 32;
    case 5:
      return static_cast<std::uint64_t>(-static_cast<std::int64_t>(v % 4096));
    case 6:
      return (static_cast<std::uint64_t>(in.ConsumeIntegral<std::uint32_t>()) << 32) | v;
    default:
      return v;
  }
}

struct FuzzCall {
  SyscallCall call;
  DecodeOptions opt;
};

// Consumes the syscall's registers, result and options, then the memory (the rest of the input
// with holes). The memory image needs its size first: the holes and the pointers come from a
// size the input states up front.
inline FuzzMemory consume_call(FuzzedDataProvider& in, long nr, Abi abi, FuzzCall& fc) {
  const std::size_t memsize = in.ConsumeIntegralInRange<std::size_t>(0, 1u << 16);
  fc.call.nr = nr;
  fc.call.abi = abi;
  fc.call.entry = syscall_entry(abi, nr);
  for (auto& a : fc.call.args) {
    a = consume_arg(in, memsize);
    if (abi == Abi::I386) a = static_cast<std::uint32_t>(a);
  }
  fc.call.sp = FuzzMemory::kBase + in.ConsumeIntegralInRange<std::size_t>(0, memsize);
  fc.call.is_error = in.ConsumeBool();
  fc.call.ret = fc.call.is_error ? -in.ConsumeIntegralInRange<std::int64_t>(1, 4095)
                                 : static_cast<std::int64_t>(consume_arg(in, memsize));
  fc.opt = consume_options(in);
  std::vector<std::pair<std::size_t, std::size_t>> holes;
  const int nholes = in.ConsumeIntegralInRange<int>(0, 4);
  for (int i = 0; i < nholes; ++i) {
    const auto off = in.ConsumeIntegralInRange<std::size_t>(0, memsize);
    holes.emplace_back(off, in.ConsumeIntegralInRange<std::size_t>(1, 4096));
  }
  std::vector<std::uint8_t> bytes = in.ConsumeBytes<std::uint8_t>(memsize);
  bytes.resize(memsize);  // a short input leaves zeros
  return FuzzMemory(std::move(bytes), std::move(holes));
}

// Decodes fc.call as the tracer does: entry, exit, return value, -e read/write dumps. Checks
// that the text stays bounded and well formed.
inline void decode_call(FuzzMemory& mem, FuzzCall& fc) {
  FuzzFds fds;
  OutBuf line;
  DecodeCtx ectx{mem, fc.opt, line, fc.call, &fds};
  print_syscall_name(line, fc.call.nr, fc.call.entry);
  line.put('(');
  const int from = decode_syscall_entry(ectx);
  if (from < 0 || from > 6)
    fail("entry returned a bad resume index", static_cast<std::uint64_t>(from), 0);
  mem.reset_budget();
  OutBuf aux;
  DecodeCtx xctx{mem, fc.opt, line, fc.call, &fds};
  xctx.exiting = true;
  xctx.aux = &aux;
  decode_syscall_exit(xctx, from);
  if (line.view().back() != ')') fail("the argument list does not end with ')'", line.size(), 0);
  mem.reset_budget();
  OutBuf ret;
  DecodeCtx rctx{mem, fc.opt, ret, fc.call, &fds};
  rctx.exiting = true;
  rctx.aux = &aux;
  rctx.ret_kind = xctx.ret_kind;
  rctx.ret_set = xctx.ret_set;
  print_return(rctx);
  if (ret.empty()) fail("empty return value", 0, 0);
  mem.reset_budget();
  OutBuf dump;
  DecodeCtx dctx{mem, fc.opt, dump, fc.call, &fds};
  dctx.exiting = true;
  dump_io(dctx, true, true, dump);
  // strace's own limits keep a line far below this whatever the tracee holds.
  if (line.size() > (16u << 20)) fail("line longer than 16 MiB", line.size(), 0);
}

// The numbers of the rows of an ABI's table that satisfy pred.
template <typename Pred>
std::vector<long> syscalls_where(Abi abi, Pred pred) {
  std::vector<long> out;
  for (std::size_t nr = 0; nr < syscall_count(abi); ++nr) {
    const SyscallEntry* e = syscall_entry(abi, static_cast<long>(nr));
    if (e != nullptr && pred(*e)) out.push_back(static_cast<long>(nr));
  }
  return out;
}

inline bool uses_kind(const SyscallEntry& e, std::initializer_list<ArgKind> kinds) {
  for (int i = 0; i < e.nargs; ++i)
    for (ArgKind k : kinds)
      if (e.args[static_cast<std::size_t>(i)].kind == k) return true;
  return false;
}

inline bool named(const SyscallEntry& e, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (n == e.name) return true;
  return false;
}

// Picks one of nrs (or, rarely, any number of the ABI) and decodes it over the input.
inline void fuzz_one_of(FuzzedDataProvider& in, const std::vector<long>& nrs, Abi abi) {
  long nr;
  if (nrs.empty() || in.ConsumeIntegralInRange<int>(0, 15) == 0) {
    nr = in.ConsumeIntegralInRange<long>(-2, static_cast<long>(syscall_count(abi)) + 2);
  } else {
    nr = nrs[in.ConsumeIntegralInRange<std::size_t>(0, nrs.size() - 1)];
  }
  FuzzCall fc;
  FuzzMemory mem = consume_call(in, nr, abi, fc);
  decode_call(mem, fc);
}

}  // namespace scry::fuzz
