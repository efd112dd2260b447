// clone and clone3 (strace's clone.c).
#include <linux/sched.h>
#include <sched.h>

#include <cstddef>
#include <cstring>
#include <string>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {
constexpr std::uint64_t kCloneParentSettid = 0x00100000;
constexpr std::uint64_t kClonePidfd = 0x00001000;
constexpr std::uint64_t kCloneChildSettid = 0x01000000;
constexpr std::uint64_t kCloneChildCleartid = 0x00200000;
constexpr std::uint64_t kCloneSettls = 0x00080000;
constexpr std::uint64_t kCloneIntoCgroup = 0x200000000ULL;

const FlagSet* clone_set() {
  static const FlagSet* const s = find_set("clone_flags");
  return s;
}

void print_pid_at(DecodeCtx& ctx, std::uint64_t addr) {
  int v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  ctx.out.put_dec(v);
  ctx.out.put(']');
}

void print_fd_at(DecodeCtx& ctx, std::uint64_t addr) {
  int v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  printfd(ctx, v);
  ctx.out.put(']');
}

// x86_64: clone(flags, stack, parent_tid, child_tid, tls).
constexpr int kArgFlags = 0;
constexpr int kArgStack = 1;
constexpr int kArgPtid = 2;
constexpr int kArgCtid = 3;
constexpr int kArgTls = 4;
}  // namespace

int clone_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const std::uint64_t flags = a[kArgFlags] & ~std::uint64_t{0xff};
  const int sig = static_cast<int>(a[kArgFlags] & 0xff);
  out.put("child_stack=");
  print_addr(out, a[kArgStack]);
  out.put(", flags=");
  if (flags != 0) {
    printflags(out, clone_set(), flags, "CLONE_???");
    if (sig != 0) {
      out.put('|');
      print_signal(out, sig);
    }
  } else {
    print_signal(out, sig);
  }
  return 0;
}

void clone_exit(DecodeCtx& ctx, int /*from*/) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const std::uint64_t flags = a[kArgFlags] & ~std::uint64_t{0xff};
  if (flags & (kCloneParentSettid | kClonePidfd)) {
    out.put(", parent_tid=");
    if (flags & kCloneParentSettid) {
      print_pid_at(ctx, a[kArgPtid]);
    } else {
      print_fd_at(ctx, a[kArgPtid]);
    }
  }
  if (flags & kCloneSettls) {
    out.put(", tls=");
    print_addr(out, a[kArgTls]);
  }
  if (flags & (kCloneChildSettid | kCloneChildCleartid)) {
    out.put(", child_tidptr=");
    print_addr(out, a[kArgCtid]);
  }
}

namespace {
struct CloneArgs {
  std::uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
      set_tid_size, cgroup;
};
constexpr std::size_t kCloneArgsMin = 64;  // offsetofend(struct clone_args, tls)

// strace's print_nonzero_bytes for the tail of a bigger struct: " /* bytes N..M */ \"\\x..\"".
bool print_nonzero_tail(DecodeCtx& ctx, const char* prefix, std::uint64_t addr, std::size_t start,
                        std::size_t total) {
  if (start >= total) return false;
  const std::size_t len = total - start;
  std::string buf(len, '\0');
  OutBuf& out = ctx.out;
  if (!umoven(ctx.mem, addr + start, len, buf.data())) {
    out.put(prefix);
    out.put("???");
    return true;
  }
  if (buf.find_first_not_of('\0') == std::string::npos) return false;
  out.put(prefix);
  out.put("/* bytes ");
  out.put_udec(start);
  out.put("..");
  out.put_udec(total - 1);
  out.put(" */ ");
  const std::size_t size = len < max_strlen(ctx.opt) ? len : max_strlen(ctx.opt);
  print_quoted_ex(out, buf.data(), size, kQuoteForceHex, ctx.opt.xmode);
  if (size < len) out.put("...");
  return true;
}
}  // namespace

int clone3_entry(DecodeCtx& ctx) {
  static const FlagSet* const set = clone_set();
  OutBuf& out = ctx.out;
  const std::uint64_t addr = ctx.call.args[0];
  const std::uint64_t size = ctx.call.args[1];
  CloneArgs arg{};
  const std::size_t fetch = size < sizeof arg ? static_cast<std::size_t>(size) : sizeof arg;
  auto out_size = [&]() {
    out.put(", ");
    out.put_udec(size);
  };
  if (fetch < kCloneArgsMin) {
    print_addr(out, addr);
    out_size();
    return kAllPrinted;
  }
  if (!umoven_or_printaddr(ctx, addr, fetch, &arg)) {
    out_size();
    return kAllPrinted;
  }
  Fields f(out);
  printflags(f.f("flags"), set, arg.flags, "CLONE_???");
  if (arg.flags & kClonePidfd) print_addr(f.f("pidfd"), arg.pidfd);
  if (arg.flags & (kCloneChildSettid | kCloneChildCleartid))
    print_addr(f.f("child_tid"), arg.child_tid);
  if (arg.flags & kCloneParentSettid) print_addr(f.f("parent_tid"), arg.parent_tid);
  if (arg.exit_signal < 0x7fffffff) {
    print_signal(f.f("exit_signal"), static_cast<int>(arg.exit_signal));
  } else {
    f.f("exit_signal").put_udec(arg.exit_signal);
  }
  print_addr(f.f("stack"), arg.stack);
  f.f("stack_size").put_hex(arg.stack_size);
  if (arg.flags & kCloneSettls) print_addr(f.f("tls"), arg.tls);
  if (arg.set_tid != 0 || arg.set_tid_size != 0) {
    if (arg.set_tid == 0 || arg.set_tid_size == 0 || arg.set_tid_size > 32) {
      print_addr(f.f("set_tid"), arg.set_tid);
    } else {
      f.f("set_tid");
      print_array(ctx, arg.set_tid, arg.set_tid_size, 4, [&](const unsigned char* e) {
        int v = 0;
        std::memcpy(&v, e, 4);
        out.put_dec(v);
        return true;
      });
    }
    f.f("set_tid_size").put_udec(arg.set_tid_size);
  }
  if (fetch > offsetof(CloneArgs, cgroup) && (arg.cgroup != 0 || (arg.flags & kCloneIntoCgroup)))
    f.f("cgroup").put_udec(arg.cgroup);
  if (size > fetch)
    print_nonzero_tail(ctx, ", ", addr, fetch,
                       size < kPageSize ? static_cast<std::size_t>(size) : kPageSize);
  f.end();
  if ((arg.flags & (kClonePidfd | kCloneParentSettid)) || size > fetch) return 0;
  out_size();
  return kAllPrinted;
}

void clone3_exit(DecodeCtx& ctx, int from) {
  if (from == kAllPrinted) return;
  OutBuf& out = ctx.out;
  const std::uint64_t addr = ctx.call.args[0];
  const std::uint64_t size = ctx.call.args[1];
  CloneArgs arg{};
  const std::size_t fetch = size < sizeof arg ? static_cast<std::size_t>(size) : sizeof arg;
  if (!ctx.call.is_error) {
    if (!umoven(ctx.mem, addr, fetch, &arg)) {
      out.put(" => ");
      print_addr(out, addr);
    } else {
      bool opened = false;
      auto prefix = [&]() {
        out.put(opened ? ", " : " => {");
        opened = true;
      };
      if (arg.flags & kClonePidfd) {
        prefix();
        out.put("pidfd=");
        print_fd_at(ctx, arg.pidfd);
      }
      if (arg.flags & kCloneParentSettid) {
        prefix();
        out.put("parent_tid=");
        print_pid_at(ctx, arg.parent_tid);
      }
      if (size > fetch) {
        if (print_nonzero_tail(ctx, opened ? ", " : " => {", addr, fetch,
                               size < kPageSize ? static_cast<std::size_t>(size) : kPageSize))
          opened = true;
      }
      if (opened) out.put('}');
    }
  }
  out.put(", ");
  out.put_udec(size);
}

}  // namespace scry::dec
