// mknod/mknodat, mremap, rt_sigreturn, select/pselect6, personality, sendfile, preadv2/pwritev2,
// sched_getscheduler, kcmp, mincore, membarrier.
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "decode/custom.hpp"

namespace scry::dec {

int mknod_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  int off = 0;
  if (std::strcmp(ctx.call.entry->name, "mknodat") == 0) {
    print_dirfd(ctx, static_cast<int>(a[0]));
    out.put(", ");
    off = 1;
  }
  printpath(ctx, a[static_cast<std::size_t>(off)]);
  out.put(", ");
  const unsigned mode = static_cast<std::uint16_t>(a[static_cast<std::size_t>(off + 1)]);
  print_mode_symbolic(out, mode);
  switch (mode & S_IFMT) {
    case S_IFCHR:
    case S_IFBLK:
      out.put(", ");
      print_dev(out, a[static_cast<std::size_t>(off + 2)]);
      break;
    default:
      break;
  }
  return kAllPrinted;
}

int mremap_entry(DecodeCtx& ctx) {
  static const FlagSet* const flags = find_set("mremap");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  print_addr(out, a[0]);
  out.put(", ");
  out.put_udec(a[1]);
  out.put(", ");
  out.put_udec(a[2]);
  out.put(", ");
  printflags(out, flags, a[3], "MREMAP_???");
  constexpr std::uint64_t kMayMove = 1;
  constexpr std::uint64_t kFixed = 2;
  if ((a[3] & (kMayMove | kFixed)) == (kMayMove | kFixed)) {
    out.put(", ");
    print_addr(out, a[4]);
  }
  return kAllPrinted;
}

// rt_sigreturn({mask=[...]}): the mask restored from the signal frame on the stack. At the
// syscall, rsp points just past the frame's return address: the frame's ucontext starts there
// and uc_sigmask is at offset 296 (uc_flags 8, uc_link 8, uc_stack 24, uc_mcontext 256).
int rt_sigreturn_entry(DecodeCtx& ctx) {
  constexpr std::uint64_t kUcSigmaskOffset = 296;
  OutBuf& out = ctx.out;
  const std::uint64_t sp = ctx.call.sp;
  if (sp == 0) return kAllPrinted;
  out.put("{mask=");
  print_sigset_addr_len(ctx, sp + kUcSigmaskOffset, 8);
  out.put('}');
  return kAllPrinted;
}

// --- select / pselect6 ------------------------------------------------------------------------

namespace {
constexpr int kMaxNfds = 1024 * 1024;

int effective_nfds(std::uint64_t v) {
  int n = static_cast<int>(v);
  if (n < 0) return 0;
  return n > kMaxNfds ? kMaxNfds : n;
}

std::size_t fdset_size(int nfds) {
  return ((static_cast<std::size_t>(nfds) + 7) / 8 + 7) & ~std::size_t{7};
}

bool pselect(const DecodeCtx& ctx) {
  return std::strcmp(ctx.call.entry->name, "pselect6") == 0;
}

void print_tv_ts(DecodeCtx& ctx, std::uint64_t addr, bool ts) {
  if (ts) {
    print_timespec(ctx, addr);
  } else {
    print_timeval(ctx, addr);
  }
}
}  // namespace

int select_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const int nfds = effective_nfds(a[0]);
  const std::size_t size = fdset_size(nfds);
  std::vector<unsigned char> fds(size);
  out.put_dec(static_cast<int>(a[0]));
  for (int i = 0; i < 3; ++i) {
    out.put(", ");
    const std::uint64_t addr = a[static_cast<std::size_t>(i + 1)];
    if (addr == 0) {
      out.put("NULL");
      continue;
    }
    if (!umoven(ctx.mem, addr, size, fds.data())) {
      print_addr(out, addr);
      continue;
    }
    out.put('[');
    bool first = true;
    for (int j = 0; j < nfds; ++j) {
      if ((fds[static_cast<std::size_t>(j / 8)] >> (j % 8) & 1) == 0) continue;
      if (!first) out.put(' ');
      first = false;
      printfd(ctx, j);
    }
    out.put(']');
  }
  out.put(", ");
  print_tv_ts(ctx, a[4], pselect(ctx));
  if (pselect(ctx)) {
    out.put(", ");
    const std::uint64_t addr = a[5];
    struct {
      std::uint64_t ss;
      std::uint64_t len;
    } k{};
    if (umove_or_printaddr(ctx, addr, k)) {
      out.put("{sigmask=");
      print_sigset_addr_len(ctx, k.ss, k.len);
      out.put(", sigsetsize=");
      out.put_udec(k.len);
      out.put('}');
    }
  }
  return 0;
}

void select_exit(DecodeCtx& ctx, int /*from*/) {
  OutBuf* ax = ctx.aux;
  if (ax == nullptr || ctx.call.is_error) return;
  std::int64_t ready = ctx.call.ret;
  if (ready == 0) {
    ax->put("Timeout");
    return;
  }
  const auto& a = ctx.call.args;
  const int nfds = effective_nfds(a[0]);
  const std::size_t size = fdset_size(nfds);
  std::vector<unsigned char> fds(size);
  const std::size_t start = ax->size();
  constexpr std::size_t kOutMax = 1024 - (sizeof(", except [") + sizeof(int) * 3 + 2);
  const char* sep = "";
  for (int i = 0; i < 3 && ready > 0; ++i) {
    bool first = true;
    const std::uint64_t addr = a[static_cast<std::size_t>(i + 1)];
    if (addr == 0 || !umoven(ctx.mem, addr, size, fds.data())) continue;
    for (int j = 0; j < nfds; ++j) {
      if ((fds[static_cast<std::size_t>(j / 8)] >> (j % 8) & 1) == 0) continue;
      if (ax->size() - start < kOutMax) {
        if (first) {
          ax->put(sep);
          ax->put(i == 0 ? "in" : i == 1 ? "out" : "except");
          ax->put(" [");
          ax->put_udec(static_cast<unsigned>(j));
          first = false;
          sep = ", ";
        } else {
          ax->put(' ');
          ax->put_udec(static_cast<unsigned>(j));
        }
      }
      if (--ready == 0) break;
    }
    if (ax->size() != start) ax->put(']');
  }
  if (a[4] != 0) {
    ax->put(sep);
    ax->put("left ");
    std::int64_t t[2] = {};
    if (!umoven(ctx.mem, a[4], sizeof t, t)) {
      ax->put_hex(a[4]);
    } else if (pselect(ctx)) {
      print_timespec_value(*ax, t[0], t[1]);
    } else {
      ax->put("{tv_sec=");
      ax->put_dec(t[0]);
      ax->put(", tv_usec=");
      ax->put_udec(static_cast<std::uint64_t>(t[1]));
      ax->put('}');
    }
  }
}

// personality: PER_LINUX|ADDR_NO_RANDOMIZE, and the previous persona after the hex return value.
namespace {
void print_persona(OutBuf& out, std::uint64_t pers) {
  static const FlagSet* const types = find_set("personality_type");
  static const FlagSet* const flags = find_set("personality_flags");
  constexpr std::uint64_t kPerMask = 0xff;
  printxval(out, types, pers & kPerMask, "PER_???");
  pers &= ~kPerMask;
  if (pers != 0) {
    out.put('|');
    printflags(out, flags, pers, nullptr);
  }
}
}  // namespace

int personality_entry(DecodeCtx& ctx) {
  const auto pers = static_cast<std::uint32_t>(ctx.call.args[0]);
  if (pers == 0xffffffffu) {
    ctx.out.put_hex(pers);
  } else {
    print_persona(ctx.out, pers);
  }
  return kAllPrinted;
}

void personality_exit(DecodeCtx& ctx, int /*from*/) {
  if (ctx.call.is_error) return;
  set_ret(ctx, RetKind::Hex);
  if (ctx.aux != nullptr) print_persona(*ctx.aux, static_cast<std::uint32_t>(ctx.call.ret));
}

// sendfile(out, in, [off] => [off'], count): the offset at entry, and again after " => " when the
// call moved it (it succeeded and sent something). Without a readable offset (NULL, unreadable)
// everything prints at entry.
namespace {
constexpr int kSendfileOffsetRead = 2;
}  // namespace

int sendfile_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  printfd(ctx, static_cast<int>(a[0]));
  out.put(", ");
  printfd(ctx, static_cast<int>(a[1]));
  out.put(", ");
  std::uint64_t off = 0;
  if (a[2] != 0 && ctx.opt.struct_verbose && umoven(ctx.mem, a[2], sizeof off, &off)) {
    out.put('[');
    out.put_udec(off);
    out.put(']');
    return kSendfileOffsetRead;
  }
  print_addr(out, a[2]);
  out.put(", ");
  out.put_udec(a[3]);
  return kAllPrinted;
}

void sendfile_exit(DecodeCtx& ctx, int from) {
  if (from != kSendfileOffsetRead) return;
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  if (!ctx.call.is_error && ctx.call.ret != 0) {
    out.put(" => ");
    print_loff_ptr(ctx, a[2], true);
  }
  out.put(", ");
  out.put_udec(a[3]);
}

// sched_getscheduler: the policy's name after the return value, " (SCHED_OTHER)" (a plain string
// in strace, whatever -X says; nothing for a value it does not name).
int sched_getscheduler_entry(DecodeCtx& ctx) {
  print_pid(ctx, static_cast<int>(ctx.call.args[0]));
  return kAllPrinted;
}

void sched_getscheduler_exit(DecodeCtx& ctx, int /*from*/) {
  static const FlagSet* const policies = find_set("sched_policy");
  if (ctx.call.is_error || ctx.aux == nullptr) return;
  if (const char* name = xlookup(policies, static_cast<std::uint64_t>(ctx.call.ret)))
    ctx.aux->put(name);
}

// rt_sigtimedwait: the arguments by kind, and the signal's name after the number it returns,
// "10 (SIGUSR1)".
// The timeout is strace's value from the entry: printed even when the call failed.
void rt_sigtimedwait_exit(DecodeCtx& ctx, int from) {
  const auto& a = ctx.call.args;
  if (from <= 1) {
    decode_arg(ctx, ctx.call.entry->args[1], a[1]);
    ctx.out.put(", ");
  }
  ctx.exiting = false;
  print_timespec(ctx, a[2]);
  ctx.exiting = true;
  ctx.out.put(", ");
  ctx.out.put_udec(a[3]);
  if (ctx.call.is_error || ctx.aux == nullptr || ctx.opt.raw) return;
  print_signal_name(*ctx.aux, static_cast<int>(ctx.call.ret));
}

// --- preadv2 / pwritev2 -----------------------------------------------------------------------

namespace {
// The kernel takes (fd, iov, iovcnt, pos_l, pos_h, flags); strace prints five arguments, the
// offset whole (pos_l on x86_64) and the flags, so the row's fifth kind is given args[5].
template <typename Fn>
auto with_rwf_flags(DecodeCtx& ctx, Fn&& fn) {
  SyscallCall call = ctx.call;
  call.args[4] = call.args[5];
  DecodeCtx sub{ctx.mem,     ctx.opt,      ctx.out,     call,   ctx.fds,
                ctx.exiting, ctx.ret_kind, ctx.ret_set, ctx.aux};
  auto r = fn(sub);
  ctx.call.saved = call.saved;
  ctx.ret_kind = sub.ret_kind;
  ctx.ret_set = sub.ret_set;
  return r;
}
}  // namespace

int rwv2_entry(DecodeCtx& ctx) {
  return with_rwf_flags(ctx, [](DecodeCtx& c) { return generic_entry(c); });
}

void rwv2_exit(DecodeCtx& ctx, int from) {
  with_rwf_flags(ctx, [from](DecodeCtx& c) {
    generic_exit(c, from);
    return 0;
  });
}

// --- kcmp, mincore, membarrier ----------------------------------------------------------------

// kcmp(pid1, pid2, type, idx1, idx2): the indexes only for the types that take them.
int kcmp_entry(DecodeCtx& ctx) {
  static const FlagSet* const types = find_set("kcmp_type");
  constexpr std::uint64_t kFile = 0;
  constexpr std::uint64_t kEpollTfd = 7;
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  print_pid(ctx, static_cast<int>(a[0]));
  out.put(", ");
  print_pid(ctx, static_cast<int>(a[1]));
  out.put(", ");
  const std::uint64_t type = static_cast<std::uint32_t>(a[2]);
  printxval(out, types, type, "KCMP_???");
  if (type == kFile || type == kEpollTfd) {
    out.put(", ");
    printfd(ctx, static_cast<int>(a[3]));
    out.put(", ");
    if (type == kFile) {
      printfd(ctx, static_cast<int>(a[4]));
    } else {
      std::uint32_t slot[3] = {};  // struct kcmp_epoll_slot {efd, tfd, toff}
      if (umove_or_printaddr(ctx, a[4], slot)) {
        out.put("{efd=");
        printfd(ctx, static_cast<int>(slot[0]));
        out.put(", tfd=");
        printfd(ctx, static_cast<int>(slot[1]));
        out.put(", toff=");
        out.put_udec(slot[2]);
        out.put('}');
      }
    }
  } else if (xlookup(types, type) == nullptr) {
    out.put(", ");
    out.put_hex(a[3]);
    out.put(", ");
    out.put_hex(a[4]);
  }
  return kAllPrinted;
}

int mincore_entry(DecodeCtx& ctx) {
  print_addr(ctx.out, ctx.call.args[0]);
  ctx.out.put(", ");
  ctx.out.put_udec(ctx.call.args[1]);
  ctx.out.put(", ");
  return 2;
}

// The vector: one byte per page of the range, each printed as its residency bit, cut at -s.
void mincore_exit(DecodeCtx& ctx, int /*from*/) {
  const std::uint64_t addr = ctx.call.args[2];
  const std::uint64_t len = ctx.call.args[1];
  const std::uint64_t pages = len / kPageSize + (len % kPageSize != 0 ? 1 : 0);
  OutBuf& out = ctx.out;
  if (ctx.call.is_error || !ctx.opt.struct_verbose || addr == 0) {
    print_addr(out, addr);
    return;
  }
  // Everything strace prints must be readable, else the address alone (at most -s bytes).
  const std::uint64_t shown = std::min<std::uint64_t>(pages, max_strlen(ctx.opt));
  std::vector<unsigned char> vec(static_cast<std::size_t>(shown));
  if (!umoven(ctx.mem, addr, vec.size(), vec.data())) {
    print_addr(out, addr);
    return;
  }
  out.put('[');
  for (std::size_t i = 0; i < vec.size(); ++i) {
    if (i != 0) out.put(", ");
    out.put_udec(vec[i] & 1u);
  }
  if (shown < pages) out.put(shown != 0 ? ", ..." : "...");
  out.put(']');
}

// membarrier(cmd, flags[, cpu_id]): cpu_id only with MEMBARRIER_CMD_FLAG_CPU. MEMBARRIER_CMD_QUERY
// returns the supported commands: in hex, with their names.
int membarrier_entry(DecodeCtx& ctx) {
  static const FlagSet* const cmds = find_set("membarrier_cmd");
  static const FlagSet* const flags = find_set("membarrier");
  constexpr std::uint64_t kFlagCpu = 1;
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  printxval(out, cmds, static_cast<std::uint32_t>(a[0]), "MEMBARRIER_CMD_???");
  out.put(", ");
  printflags(out, flags, static_cast<std::uint32_t>(a[1]), "MEMBARRIER_CMD_FLAG_???");
  if (a[1] & kFlagCpu) {
    out.put(", ");
    out.put_dec(static_cast<int>(a[2]));
  }
  return kAllPrinted;
}

void membarrier_exit(DecodeCtx& ctx, int /*from*/) {
  static const FlagSet* const cmds = find_set("membarrier_cmd");
  if (ctx.call.is_error || static_cast<std::uint32_t>(ctx.call.args[0]) != 0) return;
  ctx.ret_kind = RetKind::Hex;
  ctx.ret_set = true;
  if (ctx.aux != nullptr)
    printflags(*ctx.aux, cmds, static_cast<std::uint64_t>(ctx.call.ret), nullptr);
}

}  // namespace scry::dec
