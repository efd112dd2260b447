// Signal names and signal sets as strace prints them.
#include <cstdio>
#include <cstring>

#include "decode/decode_impl.hpp"

namespace scry::dec {

namespace {
// strace's signalent on x86_64: 32 is SIGRTMIN, 33..64 print as SIGRT_1..SIGRT_32.
constexpr const char* kSignalNames[] = {
    "SIG_0",    "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP",   "SIGABRT",
    "SIGBUS",   "SIGFPE",  "SIGKILL",   "SIGUSR1", "SIGSEGV",  "SIGUSR2",   "SIGPIPE",
    "SIGALRM",  "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",  "SIGSTOP",   "SIGTSTP",
    "SIGTTIN",  "SIGTTOU", "SIGURG",    "SIGXCPU", "SIGXFSZ",  "SIGVTALRM", "SIGPROF",
    "SIGWINCH", "SIGIO",   "SIGPWR",    "SIGSYS",  "SIGRTMIN",
};
constexpr int kNumSignalNames = sizeof(kSignalNames) / sizeof(kSignalNames[0]);
constexpr int kAsmSigRtMin = 32;
constexpr int kAsmSigRtMax = 64;
constexpr std::size_t kNsigBytes = 8;
}  // namespace

const char* signal_name(int sig, char* buf, std::size_t size) {
  if (sig <= 0) return nullptr;
  if (sig < kNumSignalNames) return kSignalNames[sig];
  if (sig >= kAsmSigRtMin && sig <= kAsmSigRtMax) {
    std::snprintf(buf, size, "SIGRT_%d", sig - kAsmSigRtMin);
    return buf;
  }
  return nullptr;
}

void print_signal(OutBuf& out, int sig) {
  char buf[32];
  if (const char* s = signal_name(sig, buf, sizeof buf)) {
    print_xlat_text(out, static_cast<std::uint64_t>(sig), ValFmt::Dec, s);
  } else {
    out.put_dec(sig);
  }
}

void print_sigmask(OutBuf& out, const void* mask_in, std::size_t bytes) {
  std::uint32_t mask[kNsigBytes / 4] = {};
  std::size_t nbytes = bytes < kNsigBytes ? bytes : kNsigBytes;
  std::memcpy(mask, mask_in, nbytes);
  std::size_t size = (nbytes + 3) / 4;  // in 32-bit words
  unsigned pop = 0;
  for (std::size_t j = 0; j < size; ++j) pop += static_cast<unsigned>(__builtin_popcount(mask[j]));
  if (pop >= size * 32 * 2 / 3) {
    for (std::size_t j = 0; j < size; ++j) mask[j] = ~mask[j];
    out.put('~');
  }
  char sep = '[';
  for (std::size_t bit = 0; bit < size * 32; ++bit) {
    if ((mask[bit / 32] >> (bit % 32) & 1u) == 0) continue;
    int sig = static_cast<int>(bit) + 1;
    out.put(sep);
    char rt[16];
    if (sig < kNumSignalNames) {
      print_xlat_text(out, static_cast<std::uint64_t>(sig), ValFmt::Dec, kSignalNames[sig] + 3);
    } else if (sig >= kAsmSigRtMin && sig <= kAsmSigRtMax) {
      std::snprintf(rt, sizeof rt, "RT_%d", sig - kAsmSigRtMin);
      print_xlat_text(out, static_cast<std::uint64_t>(sig), ValFmt::Dec, rt);
    } else {
      out.put_dec(sig);
    }
    sep = ' ';
  }
  if (sep == '[') out.put('[');
  out.put(']');
}

void print_sigset_addr_len(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len,
                           std::uint64_t min_len) {
  if (len < min_len || len > kNsigBytes) {
    print_addr(ctx.out, addr);
    return;
  }
  unsigned char mask[kNsigBytes] = {};
  if (!umoven_or_printaddr(ctx, addr, static_cast<std::size_t>(len), mask)) return;
  print_sigmask(ctx.out, mask, static_cast<std::size_t>(len));
}

}  // namespace scry::dec

namespace scry {
void print_signal_name(OutBuf& out, int sig) {
  // A name whatever -X says, as strace's "--- SIGUSR1 {...} ---" and "(SIGUSR1)".
  const XlatStyle saved = dec::xlat_style();
  dec::set_xlat_style(XlatStyle::Abbrev);
  dec::print_signal(out, sig);
  dec::set_xlat_style(saved);
}
}  // namespace scry
