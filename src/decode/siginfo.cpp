// siginfo_t as strace prints it in "--- SIGCHLD {...} ---" and in rt_sigqueueinfo/waitid.
#include <linux/audit.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "decode/decode_impl.hpp"

namespace scry::dec {

namespace {

struct Code {
  int value;
  const char* name;
};

constexpr Code kGenericCodes[] = {
    {0, "SI_USER"},      {0x80, "SI_KERNEL"}, {-1, "SI_QUEUE"}, {-2, "SI_TIMER"},
    {-3, "SI_MESGQ"},    {-4, "SI_ASYNCIO"},  {-5, "SI_SIGIO"}, {-6, "SI_TKILL"},
    {-7, "SI_DETHREAD"}, {-60, "SI_ASYNCNL"},
};
constexpr Code kIllCodes[] = {
    {1, "ILL_ILLOPC"}, {2, "ILL_ILLOPN"}, {3, "ILL_ILLADR"}, {4, "ILL_ILLTRP"},   {5, "ILL_PRVOPC"},
    {6, "ILL_PRVREG"}, {7, "ILL_COPROC"}, {8, "ILL_BADSTK"}, {9, "ILL_BADIADDR"},
};
constexpr Code kFpeCodes[] = {
    {1, "FPE_INTDIV"},  {2, "FPE_INTOVF"},    {3, "FPE_FLTDIV"}, {4, "FPE_FLTOVF"},
    {5, "FPE_FLTUND"},  {6, "FPE_FLTRES"},    {7, "FPE_FLTINV"}, {8, "FPE_FLTSUB"},
    {14, "FPE_FLTUNK"}, {15, "FPE_CONDTRAP"},
};
constexpr Code kSegvCodes[] = {
    {1, "SEGV_MAPERR"},  {2, "SEGV_ACCERR"},  {3, "SEGV_BNDERR"},
    {4, "SEGV_PKUERR"},  {5, "SEGV_ACCADI"},  {6, "SEGV_ADIDERR"},
    {7, "SEGV_ADIPERR"}, {8, "SEGV_MTEAERR"}, {9, "SEGV_MTESERR"},
};
constexpr Code kBusCodes[] = {
    {1, "BUS_ADRALN"},    {2, "BUS_ADRERR"},    {3, "BUS_OBJERR"},
    {4, "BUS_MCEERR_AR"}, {5, "BUS_MCEERR_AO"},
};
constexpr Code kTrapCodes[] = {
    {1, "TRAP_BRKPT"},  {2, "TRAP_TRACE"}, {3, "TRAP_BRANCH"},
    {4, "TRAP_HWBKPT"}, {5, "TRAP_UNK"},   {6, "TRAP_PERF"},
};
constexpr Code kChldCodes[] = {
    {1, "CLD_EXITED"},  {2, "CLD_KILLED"},  {3, "CLD_DUMPED"},
    {4, "CLD_TRAPPED"}, {5, "CLD_STOPPED"}, {6, "CLD_CONTINUED"},
};
constexpr Code kPollCodes[] = {
    {1, "POLL_IN"},  {2, "POLL_OUT"}, {3, "POLL_MSG"},
    {4, "POLL_ERR"}, {5, "POLL_PRI"}, {6, "POLL_HUP"},
};
constexpr Code kProfCodes[] = {{1, "PROF_SIG"}};
constexpr Code kSysCodes[] = {{1, "SYS_SECCOMP"}, {2, "SYS_USER_DISPATCH"}};

template <std::size_t N>
const char* lookup(const Code (&table)[N], int v) {
  for (const Code& c : table)
    if (c.value == v) return c.name;
  return nullptr;
}

const char* si_code_name(int code, int signo) {
  if (const char* s = lookup(kGenericCodes, code)) return s;
  switch (signo) {
    case SIGTRAP:
      return lookup(kTrapCodes, code);
    case SIGCHLD:
      return lookup(kChldCodes, code);
    case SIGIO:
      return lookup(kPollCodes, code);
    case SIGPROF:
      return lookup(kProfCodes, code);
    case SIGILL:
      return lookup(kIllCodes, code);
    case SIGFPE:
      return lookup(kFpeCodes, code);
    case SIGSEGV:
      return lookup(kSegvCodes, code);
    case SIGBUS:
      return lookup(kBusCodes, code);
    case SIGSYS:
      return lookup(kSysCodes, code);
    default:
      return nullptr;
  }
}

// strace's print_clock_t: the ticks, then " /* 0.42 s */" for a non-zero value.
void print_clock_t(OutBuf& out, std::uint64_t val) {
  out.put_udec(val);
  static const long clk_tck = ::sysconf(_SC_CLK_TCK);
  if (clk_tck <= 0 || val == 0) return;
  int frac_width = 0;
  for (long t = clk_tck; t >= 10 && frac_width < 9; t /= 10) ++frac_width;
  char frac[32];
  std::snprintf(frac, sizeof frac, "%.*f", frac_width,
                static_cast<double>(val % static_cast<std::uint64_t>(clk_tck)) /
                    static_cast<double>(clk_tck));
  // frac is "0.xx" (or "1.00" after rounding); strace keeps the integer part of val/clk_tck and
  // the digits after the point.
  const char* dot = std::strchr(frac, '.');
  out.put(" /* ");
  out.put_udec(val / static_cast<std::uint64_t>(clk_tck));
  if (dot != nullptr) {
    out.put(dot);
  }
  out.put(" s */");
}

void print_sigsource(OutBuf& out, const siginfo_t& si, const PidNames& pn) {
  out.put(", si_pid=");
  out.put_dec(si.si_pid);
  print_pid_comm(out, si.si_pid, pn.names, pn.xmode);
  out.put(", si_uid=");
  print_uid(out, si.si_uid);
}

void print_sigval(OutBuf& out, const siginfo_t& si) {
  out.put(", si_int=");
  out.put_dec(si.si_int);
  out.put(", si_ptr=");
  print_addr(out, reinterpret_cast<std::uint64_t>(si.si_ptr));
}

void print_ptr_field(OutBuf& out, const char* name, const void* p) {
  out.put(", ");
  out.put(name);
  out.put('=');
  print_addr(out, reinterpret_cast<std::uint64_t>(p));
}

void print_si_info(OutBuf& out, const siginfo_t& si, const PidNames& pn) {
  if (si.si_errno != 0) {
    out.put(", si_errno=");
    if (const char* n = errno_name(si.si_errno)) {
      out.put(n);
    } else {
      out.put_udec(static_cast<unsigned>(si.si_errno));
    }
  }
  if (si.si_code <= 0) {  // SI_FROMUSER
    switch (si.si_code) {
      case SI_USER:
      case SI_TKILL:
        print_sigsource(out, si, pn);
        break;
      case SI_TIMER:
        out.put(", si_timerid=");
        out.put_hex(static_cast<unsigned>(si.si_timerid));
        out.put(", si_overrun=");
        out.put_dec(si.si_overrun);
        print_sigval(out, si);
        break;
      case SI_SIGIO:
        out.put(", si_band=");
        out.put_dec(si.si_band);
        out.put(", si_fd=");
        out.put_dec(si.si_fd);
        break;
      default:
        print_sigsource(out, si, pn);
        if (si.si_ptr != nullptr) print_sigval(out, si);
        break;
    }
    return;
  }
  switch (si.si_signo) {
    case SIGCHLD:
      print_sigsource(out, si, pn);
      out.put(", si_status=");
      if (si.si_code == CLD_EXITED) {
        out.put_dec(si.si_status);
      } else {
        print_signal(out, si.si_status);
      }
      out.put(", si_utime=");
      print_clock_t(out, static_cast<std::uint64_t>(si.si_utime));
      out.put(", si_stime=");
      print_clock_t(out, static_cast<std::uint64_t>(si.si_stime));
      break;
    case SIGILL:
    case SIGFPE:
      print_ptr_field(out, "si_addr", si.si_addr);
      break;
    case SIGBUS:
      print_ptr_field(out, "si_addr", si.si_addr);
      if (si.si_code == BUS_MCEERR_AR || si.si_code == BUS_MCEERR_AO) {
        out.put(", si_addr_lsb=");
        out.put_hex(static_cast<std::uint64_t>(si.si_addr_lsb));
      }
      break;
    case SIGSEGV:
      print_ptr_field(out, "si_addr", si.si_addr);
      if (si.si_code == SEGV_BNDERR) {
        print_ptr_field(out, "si_lower", si.si_lower);
        print_ptr_field(out, "si_upper", si.si_upper);
      } else if (si.si_code == SEGV_PKUERR) {
        out.put(", si_pkey=");
        out.put_udec(si.si_pkey);
      }
      break;
    case SIGTRAP:
      print_ptr_field(out, "si_addr", si.si_addr);
      break;
    case SIGIO:
      switch (si.si_code) {
        case POLL_IN:
        case POLL_OUT:
        case POLL_MSG:
          out.put(", si_band=");
          out.put_dec(si.si_band);
          out.put(", si_fd=");
          out.put_dec(si.si_fd);
          break;
        default:
          break;
      }
      break;
    case SIGSYS: {
      print_ptr_field(out, "si_call_addr", si.si_call_addr);
      out.put(", si_syscall=");
      const SyscallEntry* e =
          si.si_arch == AUDIT_ARCH_X86_64 ? syscall_entry(Abi::X86_64, si.si_syscall) : nullptr;
      if (e != nullptr) {
        out.put("__NR_");
        out.put(e->name);
      } else {
        out.put_dec(si.si_syscall);
      }
      out.put(", si_arch=");
      switch (si.si_arch) {
        case AUDIT_ARCH_X86_64:
          print_xlat_raw(out, si.si_arch, "AUDIT_ARCH_X86_64");
          break;
        case AUDIT_ARCH_I386:
          print_xlat_raw(out, si.si_arch, "AUDIT_ARCH_I386");
          break;
        default:
          out.put_hex(si.si_arch);
          out.put(" /* AUDIT_ARCH_??? */");
      }
      break;
    }
    default:
      if (si.si_pid != 0 || si.si_uid != 0) print_sigsource(out, si, pn);
      if (si.si_ptr != nullptr) print_sigval(out, si);
  }
}

}  // namespace

void print_siginfo_value(OutBuf& out, const siginfo_t& si, const PidNames& pn) {
  out.put('{');
  if (si.si_signo != 0) {
    out.put("si_signo=");
    print_signal(out, si.si_signo);
    out.put(", si_code=");
    if (const char* name = si_code_name(si.si_code, si.si_signo)) {
      print_xlat_raw(out, static_cast<unsigned>(si.si_code), name);
    } else {
      out.put_hex(static_cast<unsigned>(si.si_code));
    }
    print_si_info(out, si, pn);
  }
  out.put('}');
}

}  // namespace scry::dec

namespace scry {
void print_siginfo(OutBuf& out, const siginfo_t& si, FdResolver* names, XMode xmode,
                   XlatStyle xlat) {
  const XlatStyle saved = dec::xlat_style();
  dec::set_xlat_style(xlat);
  dec::print_siginfo_value(out, si, dec::PidNames{names, xmode});
  dec::set_xlat_style(saved);
}
}  // namespace scry

namespace scry::dec {
void print_siginfo_at(DecodeCtx& ctx, std::uint64_t addr) {
  siginfo_t si{};
  if (ctx.exiting && ctx.call.is_error) {
    print_addr(ctx.out, addr);
    return;
  }
  if (!umove_or_printaddr(ctx, addr, si)) return;
  print_siginfo_value(ctx.out, si,
                      PidNames{ctx.opt.decode_pid_comm ? ctx.fds : nullptr, ctx.opt.xmode});
}
}  // namespace scry::dec
