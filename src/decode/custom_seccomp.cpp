// seccomp(2), and the filter programs of seccomp and prctl(PR_SET_SECCOMP): the classic BPF
// printer of kinds_bpf.cpp with each BPF_RET's value as a seccomp action.
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "decode/bpf_filter.hpp"
#include "decode/custom.hpp"

namespace scry::dec {
namespace {

// An action and its data: SECCOMP_RET_ERRNO|0x1, "0x12340000 /* SECCOMP_RET_??? */|0x5678".
void print_seccomp_action(OutBuf& out, std::uint32_t k) {
  static const FlagSet* const actions = find_set("seccomp_ret_action");
  printxval(out, actions, k & SECCOMP_RET_ACTION_FULL, "SECCOMP_RET_???");
  if (const std::uint32_t data = k & SECCOMP_RET_DATA; data != 0) {
    out.put('|');
    out.put_hex(data);
  }
}

// A seccomp filter's k: every BPF_RET's value is an action (strace's bpf_seccomp_filter.c).
bool print_seccomp_k(OutBuf& out, std::uint16_t code, std::uint32_t k) {
  if (BPF_CLASS(code) != BPF_RET) return false;
  print_seccomp_action(out, k);
  return true;
}

}  // namespace

void print_seccomp_fprog(DecodeCtx& ctx, std::uint64_t addr) {
  decode_bpf_fprog(ctx, addr, print_seccomp_k);
}

// seccomp(op, flags, args): what flags and args are depends on op.
int seccomp_entry(DecodeCtx& ctx) {
  static const FlagSet* const ops = find_set("seccomp_op");
  static const FlagSet* const flags = find_set("seccomp_filter_flags");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const auto op = static_cast<std::uint32_t>(a[0]);
  const auto fl = static_cast<std::uint32_t>(a[1]);
  printxval(out, ops, op, "SECCOMP_SET_MODE_???");
  out.put(", ");
  switch (op) {
    case SECCOMP_SET_MODE_FILTER:
      printflags(out, flags, fl, "SECCOMP_FILTER_FLAG_???");
      out.put(", ");
      print_seccomp_fprog(ctx, a[2]);
      return kAllPrinted;
    case SECCOMP_GET_ACTION_AVAIL: {
      out.put_hex(fl);
      out.put(", ");
      std::uint32_t action = 0;
      if (umove_or_printaddr(ctx, a[2], action)) {
        out.put('[');
        print_seccomp_action(out, action);
        out.put(']');
      }
      return kAllPrinted;
    }
    case SECCOMP_GET_NOTIF_SIZES:
      out.put_hex(fl);
      out.put(", ");
      return 2;  // the sizes are the kernel's: printed at exit
    case SECCOMP_SET_MODE_STRICT:
      out.put_hex(fl);
      out.put(", ");
      print_addr(out, a[2]);
      return kAllPrinted;
    default:
      out.put_hex(fl);
      out.put(", ");
      out.put_hex(a[2]);
      return kAllPrinted;
  }
}

void seccomp_exit(DecodeCtx& ctx, int from) {
  const auto& a = ctx.call.args;
  if (static_cast<std::uint32_t>(a[0]) == SECCOMP_SET_MODE_FILTER &&
      (a[1] & SECCOMP_FILTER_FLAG_NEW_LISTENER) != 0) {
    ctx.ret_kind = RetKind::Fd;  // the notification fd
    ctx.ret_set = true;
  }
  if (from != 2) return;
  std::uint16_t sizes[3] = {};
  if (!umove_or_printaddr(ctx, ctx.call.args[2], sizes)) return;
  Fields f(ctx.out);
  f.f("seccomp_notif").put_udec(sizes[0]);
  f.f("seccomp_notif_resp").put_udec(sizes[1]);
  f.f("seccomp_data").put_udec(sizes[2]);
  f.end();
}

}  // namespace scry::dec
