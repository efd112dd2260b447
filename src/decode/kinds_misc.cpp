// More structure kinds: CPU and NUMA node masks, group lists, stack_t, epoll_event, tms, rusage,
// utimensat/utimes time pairs, open_how, capability headers and sets, sched_attr, POSIX timers'
// itimerspec and sigevent, loff_t pointers.
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "decode/decode_impl.hpp"

namespace scry::dec {

// --- sched_{get,set}affinity ------------------------------------------------------------------

namespace {
// The kernel's cpumask size, probed as strace's get_cpuset_size does: a smaller size than the
// kernel's fails with EINVAL before the (NULL) mask is looked at.
unsigned cpuset_size() {
  static const unsigned size = [] {
    unsigned s = 128;
    while (s != 0 && ::syscall(SYS_sched_getaffinity, 0, s, nullptr) == -1 && errno == EINVAL)
      s <<= 1;
    return s != 0 ? s : 128u;
  }();
  return size;
}
}  // namespace

void print_cpuset(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len64) {
  OutBuf& out = ctx.out;
  const unsigned len = static_cast<unsigned>(len64);
  const unsigned max_size = cpuset_size();
  const unsigned umove_size = len < max_size ? len : max_size;
  const unsigned size = (umove_size + 7) & ~7u;
  if (!ctx.opt.struct_verbose || (ctx.exiting && ctx.call.is_error) || addr == 0 || len == 0) {
    print_addr(out, addr);
    return;
  }
  std::vector<unsigned char> cpu(size, 0);
  if (!umoven_or_printaddr(ctx, addr, umove_size, cpu.data())) return;
  out.put('[');
  const char* sep = "";
  for (unsigned i = 0; i < size * 8; ++i) {
    if ((cpu[i / 8] >> (i % 8) & 1u) == 0) continue;
    out.put(sep);
    out.put_udec(i);
    sep = " ";
  }
  if (size < len) {
    out.put(sep);
    out.put("...");
  }
  out.put(']');
}

// --- getgroups / setgroups --------------------------------------------------------------------

void print_groups(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len64) {
  static const long ngroups_max = ::sysconf(_SC_NGROUPS_MAX);
  const unsigned len = static_cast<unsigned>(len64);
  if (static_cast<long>(len) > ngroups_max) {
    print_addr(ctx.out, addr);
    return;
  }
  print_array(ctx, addr, len, 4, [&](const unsigned char* e) {
    unsigned gid = 0;
    std::memcpy(&gid, e, 4);
    print_uid(ctx.out, gid);
    return true;
  });
}

// --- NUMA -------------------------------------------------------------------------------------

void print_nodemask(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t maxnodes) {
  constexpr std::uint64_t kBitsPerLong = 64;
  const std::uint64_t nmemb = (maxnodes + kBitsPerLong - 2) / kBitsPerLong;
  if (nmemb < maxnodes / kBitsPerLong || (maxnodes != 0 && nmemb == 0)) {
    print_addr(ctx.out, addr);
    return;
  }
  print_array(ctx, addr, nmemb, 8, [&](const unsigned char* e) {
    std::uint64_t v = 0;
    std::memcpy(&v, e, 8);
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "%#0*llx", 16, static_cast<unsigned long long>(v));
    ctx.out.put(std::string_view(buf, static_cast<std::size_t>(n)));
    return true;
  });
}

void print_mpol_ptr(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const modes = find_set("mpol_mode");
  int pol = 0;
  if (!umove_or_printaddr(ctx, addr, pol)) return;
  ctx.out.put('[');
  printxval(ctx.out, modes, static_cast<unsigned>(pol), "MPOL_???");
  ctx.out.put(']');
}

// --- sigaltstack ------------------------------------------------------------------------------

void print_stack_t(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const flags = find_set("sigaltstack_flags");
  struct {
    std::uint64_t sp;
    std::int32_t flags;
    std::int32_t pad;
    std::uint64_t size;
  } ss{};
  if (!umove_or_printaddr(ctx, addr, ss)) return;
  Fields f(ctx.out);
  print_addr(f.f("ss_sp"), ss.sp);
  printflags(f.f("ss_flags"), flags, static_cast<unsigned>(ss.flags), "SS_???");
  f.f("ss_size").put_udec(ss.size);
  f.end();
}

// --- epoll ------------------------------------------------------------------------------------

namespace {
constexpr std::size_t kEpollEventSize = 12;  // packed on x86_64

void print_epoll_event_data(DecodeCtx& ctx, const unsigned char* e) {
  static const FlagSet* const events = find_set("epoll_events");
  std::uint32_t ev = 0;
  std::uint64_t data = 0;
  std::memcpy(&ev, e, 4);
  std::memcpy(&data, e + 4, 8);
  Fields f(ctx.out);
  printflags(f.f("events"), events, ev, "EPOLL???");
  OutBuf& o = f.f("data");
  o.put("{u32=");
  o.put_udec(static_cast<std::uint32_t>(data));
  o.put(", u64=");
  o.put_udec(data);
  o.put('}');
  f.end();
}
}  // namespace

void print_epoll_event(DecodeCtx& ctx, std::uint64_t addr) {
  constexpr std::uint64_t kEpollCtlDel = 2;
  if (ctx.call.args[1] == kEpollCtlDel) {
    print_addr(ctx.out, addr);
    return;
  }
  unsigned char e[kEpollEventSize];
  if (!umoven_or_printaddr(ctx, addr, sizeof e, e)) return;
  print_epoll_event_data(ctx, e);
}

void print_epoll_events(DecodeCtx& ctx, std::uint64_t addr) {
  print_array(ctx, addr, static_cast<std::uint64_t>(ctx.call.ret), kEpollEventSize,
              [&](const unsigned char* e) {
                print_epoll_event_data(ctx, e);
                return true;
              });
}

// --- times, rusage ----------------------------------------------------------------------------

void print_tms(DecodeCtx& ctx, std::uint64_t addr) {
  std::uint64_t t[4] = {};
  if (!umove_or_printaddr(ctx, addr, t)) return;
  Fields f(ctx.out);
  f.f("tms_utime").put_udec(t[0]);
  f.f("tms_stime").put_udec(t[1]);
  f.f("tms_cutime").put_udec(t[2]);
  f.f("tms_cstime").put_udec(t[3]);
  f.end();
}

void print_rusage(DecodeCtx& ctx, std::uint64_t addr) {
  // wait4 writes it only when a child was reaped; nothing is written on failure.
  if (ctx.call.is_error || (ctx.call.entry != nullptr &&
                            std::strcmp(ctx.call.entry->name, "wait4") == 0 && ctx.call.ret <= 0)) {
    print_addr(ctx.out, addr);
    return;
  }
  std::uint64_t ru[18] = {};
  if (!umove_or_printaddr(ctx, addr, ru)) return;
  static const char* const kNames[] = {"ru_maxrss",  "ru_ixrss",  "ru_idrss",  "ru_isrss",
                                       "ru_minflt",  "ru_majflt", "ru_nswap",  "ru_inblock",
                                       "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals",
                                       "ru_nvcsw",   "ru_nivcsw"};
  Fields f(ctx.out);
  auto tv = [&](const char* name, std::uint64_t sec, std::uint64_t usec) {
    OutBuf& o = f.f(name);
    o.put("{tv_sec=");
    o.put_dec(static_cast<std::int64_t>(sec));
    o.put(", tv_usec=");
    o.put_udec(usec);
    o.put('}');
  };
  tv("ru_utime", ru[0], ru[1]);
  tv("ru_stime", ru[2], ru[3]);
  if (!ctx.opt.verbose) {
    f.more();
  } else {
    for (std::size_t i = 0; i < sizeof kNames / sizeof kNames[0]; ++i)
      f.f(kNames[i]).put_udec(ru[4 + i]);
  }
  f.end();
}

// --- utimensat, utimes ------------------------------------------------------------------------

void print_utimens(DecodeCtx& ctx, std::uint64_t addr) {
  std::int64_t ts[4] = {};
  if (!umove_or_printaddr(ctx, addr, ts)) return;
  OutBuf& out = ctx.out;
  constexpr std::int64_t kUtimeNow = (1l << 30) - 1;
  constexpr std::int64_t kUtimeOmit = (1l << 30) - 2;
  out.put('[');
  for (int i = 0; i < 2; ++i) {
    if (i != 0) out.put(", ");
    const std::int64_t sec = ts[2 * i];
    const std::int64_t nsec = ts[2 * i + 1];
    if (nsec == kUtimeNow || nsec == kUtimeOmit) {
      // -X raw prints the timespec; -X verbose adds the name in a comment.
      const char* name = nsec == kUtimeNow ? "UTIME_NOW" : "UTIME_OMIT";
      if (xlat_style() == XlatStyle::Abbrev) {
        out.put(name);
        continue;
      }
      print_timespec_value(out, sec, nsec);
      if (xlat_style() == XlatStyle::Verbose) {
        out.put(" /* ");
        out.put(name);
        out.put(" */");
      }
      continue;
    }
    print_timespec_value(out, sec, nsec);
    print_time_comment(out, sec, static_cast<unsigned long long>(nsec), 999999999, 9);
  }
  out.put(']');
}

void print_utimes(DecodeCtx& ctx, std::uint64_t addr) {
  std::int64_t tv[4] = {};
  if (!umove_or_printaddr(ctx, addr, tv)) return;
  OutBuf& out = ctx.out;
  out.put('[');
  for (int i = 0; i < 2; ++i) {
    if (i != 0) out.put(", ");
    out.put("{tv_sec=");
    out.put_dec(tv[2 * i]);
    out.put(", tv_usec=");
    out.put_udec(static_cast<std::uint64_t>(tv[2 * i + 1]));
    out.put('}');
    print_time_comment(out, tv[2 * i], static_cast<unsigned long long>(tv[2 * i + 1]), 999999, 6);
  }
  out.put(']');
}

// --- openat2 ----------------------------------------------------------------------------------

void print_open_how(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t size) {
  static const FlagSet* const resolve = find_set("resolve");
  constexpr std::uint64_t kVer0 = 24;
  if (size < kVer0) {
    print_addr(ctx.out, addr);
    return;
  }
  std::uint64_t how[3] = {};
  if (!umove_or_printaddr(ctx, addr, how)) return;
  Fields f(ctx.out);
  print_open_modes(f.f("flags"), how[0]);
  constexpr std::uint64_t kCreat = 0100;
  constexpr std::uint64_t kTmpfile = 020000000;
  if (how[0] & (kCreat | kTmpfile)) print_03o(f.f("mode"), how[1]);
  printflags(f.f("resolve"), resolve, how[2], "RESOLVE_???");
  f.end();
}

// --- capget / capset --------------------------------------------------------------------------

namespace {
constexpr std::uint32_t kCapV1 = 0x19980330;
constexpr std::uint32_t kCapV2 = 0x20071026;
constexpr std::uint32_t kCapV3 = 0x20080522;

// The header when -e verbose allows reading it, as strace's get_cap_header.
bool get_cap_header(DecodeCtx& ctx, std::uint64_t addr, std::uint32_t h[2]) {
  return addr != 0 && ctx.opt.struct_verbose && umoven(ctx.mem, addr, 8, h);
}

// One 32-bit half of a capability set as strace prints it: each bit as 1<<CAP_NAME (`shift` is
// the half's first capability number), unknown bits in hex; -X raw/verbose give the half's hex.
void print_cap_half(OutBuf& out, std::uint32_t half, unsigned shift) {
  static const FlagSet* const caps = find_set("capability");
  print_styled(out, half, ValFmt::Hex, [&](OutBuf& o) {
    std::uint32_t rest = half;
    bool first = true;
    for (unsigned i = 0; i < 32; ++i) {
      if ((half >> i & 1u) == 0) continue;
      const char* name = xlookup(caps, shift + i);
      if (name == nullptr) continue;
      if (!first) o.put('|');
      first = false;
      o.put("1<<");
      o.put(name);
      rest &= ~(std::uint32_t{1} << i);
    }
    if (rest != 0 || first) {
      if (!first) o.put('|');
      o.put_hex(rest);
      if (first && rest != 0) o.put(" /* CAP_??? */");
    }
    return !first;
  });
}

// strace prints the low and the high 32 bits apart: the low half unless it is 0 and the high one
// is not, then "|" and the high half when it is not 0.
void print_cap_bits(OutBuf& out, std::uint64_t bits) {
  const auto lo = static_cast<std::uint32_t>(bits);
  const auto hi = static_cast<std::uint32_t>(bits >> 32);
  if (lo != 0 || hi == 0) print_cap_half(out, lo, 0);
  if (hi == 0) return;
  if (lo != 0) out.put('|');
  print_cap_half(out, hi, 32);
}
}  // namespace

void print_cap_header(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const versions = find_set("cap_version");
  std::uint32_t h[2] = {};
  if (!get_cap_header(ctx, addr, h)) {
    print_addr(ctx.out, addr);
    return;
  }
  Fields f(ctx.out);
  printxval(f.f("version"), versions, h[0], "_LINUX_CAPABILITY_VERSION_???");
  f.f("pid").put_dec(static_cast<std::int32_t>(h[1]));
  f.end();
}

void print_cap_data(DecodeCtx& ctx, std::uint64_t addr) {
  std::uint32_t h[2] = {};
  const bool have = !(ctx.exiting && ctx.call.is_error) && get_cap_header(ctx, ctx.call.args[0], h);
  if (addr == 0 || !have) {
    print_addr(ctx.out, addr);
    return;
  }
  const unsigned len = (h[0] == kCapV2 || h[0] == kCapV3) ? 2 : 1;
  (void)kCapV1;
  std::uint32_t data[6] = {};  // {effective, permitted, inheritable} x len
  if (!umoven_or_printaddr(ctx, addr, len * 12u, data)) return;
  auto bits = [&](int field) {
    std::uint64_t v = data[field];
    if (len > 1) v |= static_cast<std::uint64_t>(data[3 + field]) << 32;
    return v;
  };
  Fields f(ctx.out);
  print_cap_bits(f.f("effective"), bits(0));
  print_cap_bits(f.f("permitted"), bits(1));
  print_cap_bits(f.f("inheritable"), bits(2));
  f.end();
}

// --- sched_setattr / sched_getattr ------------------------------------------------------------

void print_sched_attr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t usize64) {
  static const FlagSet* const policies = find_set("sched_policy");
  static const FlagSet* const flags = find_set("sched_attr_flags");
  constexpr unsigned kMinSize = 48;  // SCHED_ATTR_SIZE_VER0
  constexpr unsigned kVer1 = 56;     // SCHED_ATTR_SIZE_VER1
  struct {
    std::uint32_t size, policy;
    std::uint64_t flags;
    std::int32_t nice;
    std::uint32_t priority;
    std::uint64_t runtime, deadline, period;
    std::uint32_t util_min, util_max;
  } attr{};
  static_assert(sizeof attr == kVer1);
  unsigned usize = static_cast<unsigned>(usize64);
  unsigned size = 0;
  const bool is_set = !ctx.exiting;
  if (!is_set) {
    size = usize <= sizeof attr ? usize : static_cast<unsigned>(sizeof attr);
    if (!umoven_or_printaddr(ctx, addr, size, &attr)) return;
    size = attr.size;
  } else {
    if (!umoven_or_printaddr(ctx, addr, 4, &attr.size)) return;
    usize = attr.size != 0 ? attr.size : kMinSize;
    size = usize <= sizeof attr ? usize : static_cast<unsigned>(sizeof attr);
    if (size >= kMinSize && !umoven_or_printaddr(ctx, addr, size, &attr)) return;
  }
  Fields f(ctx.out);
  f.f("size").put_udec(attr.size);
  if (size >= kMinSize) {
    printxval(f.f("sched_policy"), policies, attr.policy, "SCHED_???");
    printflags(f.f("sched_flags"), flags, attr.flags, "SCHED_FLAG_???");
    f.f("sched_nice").put_dec(attr.nice);
    f.f("sched_priority").put_udec(attr.priority);
    f.f("sched_runtime").put_udec(attr.runtime);
    f.f("sched_deadline").put_udec(attr.deadline);
    f.f("sched_period").put_udec(attr.period);
    if (size >= kVer1) {
      f.f("sched_util_min").put_udec(attr.util_min);
      f.f("sched_util_max").put_udec(attr.util_max);
    }
  }
  if ((is_set ? usize : attr.size) > size) f.more();
  f.end();
}

// --- POSIX timers: itimerspec, sigevent ---------------------------------------------------------

void print_itimerspec(DecodeCtx& ctx, std::uint64_t addr) {
  struct {
    std::int64_t interval_sec, interval_nsec, value_sec, value_nsec;
  } t{};
  if (!umove_or_printaddr(ctx, addr, t)) return;
  OutBuf& out = ctx.out;
  out.put("{it_interval=");
  print_timespec_value(out, t.interval_sec, t.interval_nsec);
  out.put(", it_value=");
  print_timespec_value(out, t.value_sec, t.value_nsec);
  out.put('}');
}

// The kernel's struct sigevent as strace reads it: the value, signo, notify and the union's
// first 16 bytes (a thread id, or SIGEV_THREAD's function and attributes).
void print_sigevent(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const notify_set = find_set("sigev_notify");
  constexpr int kSigevSignal = 0;
  constexpr int kSigevThread = 2;
  constexpr int kSigevThreadId = 4;
  struct {
    std::uint64_t value;  // union sigval: sival_int is its low 32 bits
    std::int32_t signo;
    std::int32_t notify;
    std::uint64_t function;  // or the thread id (SIGEV_THREAD_ID) in its low 32 bits
    std::uint64_t attributes;
  } sev{};
  static_assert(sizeof sev == 32);
  if (!umove_or_printaddr(ctx, addr, sev)) return;
  Fields f(ctx.out);
  if (sev.value != 0) {
    OutBuf& v = f.f("sigev_value");
    v.put("{sival_int=");
    v.put_dec(static_cast<std::int32_t>(static_cast<std::uint32_t>(sev.value)));
    v.put(", sival_ptr=");
    print_addr(v, sev.value);
    v.put('}');
  }
  const bool signalled =
      sev.notify == kSigevSignal || sev.notify == kSigevThread || sev.notify == kSigevThreadId;
  if (signalled) {
    print_signal(f.f("sigev_signo"), sev.signo);
  } else {
    f.f("sigev_signo").put_udec(static_cast<std::uint32_t>(sev.signo));
  }
  printxval(f.f("sigev_notify"), notify_set, static_cast<std::uint32_t>(sev.notify), "SIGEV_???");
  if (sev.notify == kSigevThreadId) {
    f.f("sigev_notify_thread_id").put_dec(static_cast<std::int32_t>(sev.function));
  } else if (sev.notify == kSigevThread) {
    print_addr(f.f("sigev_notify_function"), sev.function);
    print_addr(f.f("sigev_notify_attributes"), sev.attributes);
  }
  f.end();
}

// --- adjtimex / clock_adjtime ------------------------------------------------------------------

bool print_timex(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const modes = find_set("adjtimex_modes");
  static const FlagSet* const status = find_set("adjtimex_status");
  static const FlagSet* const states = find_set("adjtimex_state");
  // The 64-bit struct timex: int fields are followed by 4 bytes of padding, 11 ints at the end.
  struct {
    std::int32_t modes, pad0;
    std::int64_t offset, freq, maxerror, esterror;
    std::int32_t status, pad1;
    std::int64_t constant, precision, tolerance, time_sec, time_usec, tick, ppsfreq, jitter;
    std::int32_t shift, pad2;
    std::int64_t stabil, jitcnt, calcnt, errcnt, stbcnt;
    std::int32_t tai;
    std::int32_t reserved[11];
  } t{};
  static_assert(sizeof t == 208);
  if (!umove_or_printaddr(ctx, addr, t)) return false;
  Fields f(ctx.out);
  printflags(f.f("modes"), modes, static_cast<std::uint32_t>(t.modes), "ADJ_???");
  f.f("offset").put_dec(t.offset);
  f.f("freq").put_dec(t.freq);
  f.f("maxerror").put_dec(t.maxerror);
  f.f("esterror").put_dec(t.esterror);
  printflags(f.f("status"), status, static_cast<std::uint32_t>(t.status), "STA_???");
  f.f("constant").put_dec(t.constant);
  f.f("precision").put_dec(t.precision);
  f.f("tolerance").put_dec(t.tolerance);
  OutBuf& tv = f.f("time");
  tv.put("{tv_sec=");
  tv.put_dec(t.time_sec);
  tv.put(", tv_usec=");
  tv.put_udec(static_cast<std::uint64_t>(t.time_usec));
  tv.put('}');
  f.f("tick").put_dec(t.tick);
  f.f("ppsfreq").put_dec(t.ppsfreq);
  f.f("jitter").put_dec(t.jitter);
  f.f("shift").put_dec(t.shift);
  f.f("stabil").put_dec(t.stabil);
  f.f("jitcnt").put_dec(t.jitcnt);
  f.f("calcnt").put_dec(t.calcnt);
  f.f("errcnt").put_dec(t.errcnt);
  f.f("stbcnt").put_dec(t.stbcnt);
  f.f("tai").put_dec(t.tai);
  f.end();
  // The return value is the clock state: "5 (TIME_ERROR)", whatever -X says.
  if (ctx.aux != nullptr && !ctx.call.is_error) {
    if (const char* name = xlookup(states, static_cast<std::uint64_t>(ctx.call.ret)))
      ctx.aux->put(name);
  }
  return true;
}

// --- loff_t through a pointer (splice, copy_file_range, sendfile) -------------------------------

void print_loff_ptr(DecodeCtx& ctx, std::uint64_t addr, bool is_unsigned) {
  std::int64_t v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  if (is_unsigned) {
    ctx.out.put_udec(static_cast<std::uint64_t>(v));
  } else {
    ctx.out.put_dec(v);
  }
  ctx.out.put(']');
}

void print_kptr_at(DecodeCtx& ctx, std::uint64_t addr) {
  std::uint64_t v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  print_addr(ctx.out, v);
  ctx.out.put(']');
}

}  // namespace scry::dec
