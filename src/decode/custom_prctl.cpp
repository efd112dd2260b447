// prctl and arch_prctl (strace's prctl.c): the arguments' meaning depends on the option.
#include <asm/prctl.h>
#include <sys/prctl.h>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {
constexpr unsigned kTaskCommLen = 16;

void print_rest_hex(DecodeCtx& ctx, unsigned first) {
  for (unsigned i = first; i < 5; ++i) {
    ctx.out.put(", ");
    ctx.out.put_hex(ctx.call.args[i]);
  }
}

// printnum_int / printnum_kptr: "[N]" read at exit, the address on failure.
void print_int_at(DecodeCtx& ctx, std::uint64_t addr, bool is_unsigned) {
  int v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  if (is_unsigned) {
    ctx.out.put_udec(static_cast<unsigned>(v));
  } else {
    ctx.out.put_dec(v);
  }
  ctx.out.put(']');
}

// prctl states: what the exit has to print.
enum PrctlState : int {
  kPrctlNone = 0,
  kPrctlIntU = 1,
  kPrctlName = 2,
  kPrctlSig = 3,
  kPrctlTid = 4
};
}  // namespace

int prctl_entry(DecodeCtx& ctx) {
  static const FlagSet* const options = find_set("prctl_option");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned option = static_cast<unsigned>(a[0]);
  printxval(out, options, option, "PR_???");
  switch (option) {
    case PR_GET_KEEPCAPS:
    case PR_GET_SECCOMP:
    case PR_GET_TIMERSLACK:
    case PR_GET_TIMING:
    case PR_TASK_PERF_EVENTS_DISABLE:
    case PR_TASK_PERF_EVENTS_ENABLE:
    case PR_GET_DUMPABLE:
    case PR_GET_SECUREBITS:
    case PR_GET_FP_MODE:
      return kPrctlNone;
    case PR_GET_CHILD_SUBREAPER:
    case PR_GET_ENDIAN:
    case PR_GET_FPEMU:
    case PR_GET_FPEXC:
      out.put(", ");
      return kPrctlIntU;
    case PR_GET_NAME:
      out.put(", ");
      return kPrctlName;
    case PR_GET_PDEATHSIG:
      out.put(", ");
      return kPrctlSig;
    case PR_GET_TID_ADDRESS:
      out.put(", ");
      return kPrctlTid;
    case PR_SET_CHILD_SUBREAPER:
    case PR_SET_ENDIAN:
    case PR_SET_FPEMU:
    case PR_SET_FPEXC:
    case PR_SET_KEEPCAPS:
    case PR_SET_TIMING:
      out.put(", ");
      out.put_udec(a[1]);
      return kPrctlNone;
    case PR_SET_DUMPABLE: {
      static const FlagSet* const dump = find_set("suid_dump");
      out.put(", ");
      printxval(out, dump, a[1], "SUID_DUMP_???");
      return kPrctlNone;
    }
    case PR_SET_NAME:
      out.put(", ");
      printstr_ex(ctx, a[1], kTaskCommLen - 1, kQuote0Terminated);
      return kPrctlNone;
    case PR_SET_PDEATHSIG:
      out.put(", ");
      if (a[1] > 128) {
        out.put_udec(a[1]);
      } else {
        print_signal(out, static_cast<int>(a[1]));
      }
      return kPrctlNone;
    case PR_SET_PTRACER:
      out.put(", ");
      if (static_cast<int>(a[1]) == -1) {
        out.put("PR_SET_PTRACER_ANY");
      } else {
        out.put_dec(static_cast<int>(a[1]));
      }
      return kPrctlNone;
    case PR_SET_TIMERSLACK:
      out.put(", ");
      out.put_dec(static_cast<std::int64_t>(a[1]));
      return kPrctlNone;
    case PR_CAPBSET_DROP:
    case PR_CAPBSET_READ: {
      static const FlagSet* const caps = find_set("capability");
      out.put(", ");
      printxval(out, caps, a[1], "CAP_???");
      return kPrctlNone;
    }
    case PR_CAP_AMBIENT: {
      static const FlagSet* const caps = find_set("capability");
      static const char* const ops[] = {nullptr, "PR_CAP_AMBIENT_IS_SET", "PR_CAP_AMBIENT_RAISE",
                                        "PR_CAP_AMBIENT_LOWER", "PR_CAP_AMBIENT_CLEAR_ALL"};
      out.put(", ");
      if (a[1] >= 1 && a[1] <= 4) {
        out.put(ops[a[1]]);
      } else {
        out.put_hex(a[1]);
        out.put(" /* PR_CAP_AMBIENT_??? */");
      }
      if (a[1] >= 1 && a[1] <= 3) {
        out.put(", ");
        printxval(out, caps, a[2], "CAP_???");
        print_rest_hex(ctx, 3);
      } else {
        print_rest_hex(ctx, 2);
      }
      return kPrctlNone;
    }
    case PR_SET_SECCOMP: {
      static const FlagSet* const modes = find_set("seccomp_mode");
      out.put(", ");
      printxval(out, modes, a[1], "SECCOMP_MODE_???");
      if (a[1] == 1) return kPrctlNone;  // SECCOMP_MODE_STRICT
      if (a[1] == 2) {                   // SECCOMP_MODE_FILTER
        out.put(", ");
        print_seccomp_fprog(ctx, a[2]);
        return kPrctlNone;
      }
      print_rest_hex(ctx, 2);
      return kPrctlNone;
    }
    case PR_SET_NO_NEW_PRIVS:
    case PR_SET_THP_DISABLE:
    case 57:  // PR_SET_IO_FLUSHER
      out.put(", ");
      out.put_udec(a[1]);
      print_rest_hex(ctx, 2);
      return kPrctlNone;
    default:
      print_rest_hex(ctx, 1);
      return kPrctlNone;
  }
}

void prctl_exit(DecodeCtx& ctx, int from) {
  const auto& a = ctx.call.args;
  switch (from) {
    case kPrctlIntU:
      print_int_at(ctx, a[1], true);
      break;
    case kPrctlName:
      if (ctx.call.is_error) {
        print_addr(ctx.out, a[1]);
      } else {
        printstr_ex(ctx, a[1], kTaskCommLen, kQuote0Terminated);
      }
      break;
    case kPrctlSig: {
      int sig = 0;
      if (!umove_or_printaddr(ctx, a[1], sig)) break;
      ctx.out.put('[');
      print_signal(ctx.out, sig);
      ctx.out.put(']');
      break;
    }
    case kPrctlTid:
      print_kptr_at(ctx, a[1]);
      break;
    default:
      break;
  }
  if (static_cast<unsigned>(a[0]) == PR_GET_DUMPABLE && !ctx.call.is_error && ctx.aux != nullptr) {
    static const FlagSet* const dump = find_set("suid_dump");
    if (const char* name = xlookup(dump, static_cast<std::uint64_t>(ctx.call.ret)))
      ctx.aux->put(name);
  }
}

// arch_prctl: ARCH_SET_FS, 0x7f...; ARCH_GET_FS, [0x7f...] at exit.
int arch_prctl_entry(DecodeCtx& ctx) {
  static const FlagSet* const vals = find_set("arch_prctl");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned option = static_cast<unsigned>(a[0]);
  printxval(out, vals, option, "ARCH_???");
  switch (option) {
    case ARCH_GET_GS:
    case ARCH_GET_FS:
      out.put(", ");
      return 1;
    case ARCH_GET_CPUID:
      return kAllPrinted;
    case ARCH_GET_XCOMP_SUPP:
    case ARCH_GET_XCOMP_PERM:
    case 0x1024:  // ARCH_GET_XCOMP_GUEST_PERM
      out.put(", ");
      return 2;
    default:
      out.put(", ");
      out.put_hex(a[1]);
      return kAllPrinted;
  }
}

void arch_prctl_exit(DecodeCtx& ctx, int from) {
  const auto& a = ctx.call.args;
  if (from == 1) {
    print_kptr_at(ctx, a[1]);
  } else if (from == 2) {
    std::uint64_t v = 0;
    if (!umove_or_printaddr(ctx, a[1], v)) return;
    ctx.out.put('[');
    ctx.out.put_hex(v);
    ctx.out.put(']');
  }
}

}  // namespace scry::dec
