// futex: which arguments print depends on the operation (strace's futex.c).
#include <linux/futex.h>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {
bool print_futex_op_abbrev(OutBuf& out, unsigned op) {
  static const FlagSet* const ops = find_set("futex_op");
  if (const char* s = xlookup(ops, op)) {
    out.put(s);
    return true;
  }
  if (op & FUTEX_CLOCK_REALTIME) {
    if (const char* s = xlookup(ops, op & ~FUTEX_CLOCK_REALTIME)) {
      out.put(s);
      out.put("|FUTEX_CLOCK_REALTIME");
      return true;
    }
  }
  out.put_hex(op);
  out.put(" /* FUTEX_??? */");
  return false;
}

void print_futex_op(OutBuf& out, unsigned op) {
  print_styled(out, op, ValFmt::Hex, [&](OutBuf& o) { return print_futex_op_abbrev(o, op); });
}

void print_bitset(OutBuf& out, unsigned v) {
  if (v == FUTEX_BITSET_MATCH_ANY) {
    print_xlat_raw(out, v, "FUTEX_BITSET_MATCH_ANY");
  } else {
    out.put_hex(v);
  }
}

void print_wake_op(OutBuf& out, unsigned val3) {
  static const char* const ops[] = {"FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN",
                                    "FUTEX_OP_XOR"};
  static const char* const cmps[] = {"FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT",
                                     "FUTEX_OP_CMP_LE", "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE"};
  if ((val3 >> 28) & 8) {
    print_xlat_text(out, 8, ValFmt::Hex, "FUTEX_OP_OPARG_SHIFT");
    out.put("<<28|");
  }
  // Under -X raw strace finds no name, so even a known op gets the "???" comment.
  const bool raw = xlat_style() == XlatStyle::Raw;
  unsigned op = (val3 >> 28) & 7;
  if (op < 5 && !raw) {
    print_xlat_text(out, op, ValFmt::Hex, ops[op]);
    out.put("<<28");
  } else {
    out.put_hex(op);
    out.put("<<28 /* FUTEX_OP_??? */");
  }
  out.put('|');
  out.put_hex((val3 >> 12) & 0xfff);
  out.put("<<12|");
  unsigned cmp = (val3 >> 24) & 0xf;
  if (cmp < 6 && !raw) {
    print_xlat_text(out, cmp, ValFmt::Hex, cmps[cmp]);
    out.put("<<24");
  } else {
    out.put_hex(cmp);
    out.put("<<24 /* FUTEX_OP_CMP_??? */");
  }
  out.put('|');
  out.put_hex(val3 & 0xfff);
}
}  // namespace

int futex_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned op = static_cast<unsigned>(a[1]);
  const unsigned cmd = op & 127;
  const unsigned val = static_cast<unsigned>(a[2]);
  const unsigned val2 = static_cast<unsigned>(a[3]);
  const unsigned val3 = static_cast<unsigned>(a[5]);
  print_addr(out, a[0]);
  out.put(", ");
  print_futex_op(out, op);
  auto u = [&](unsigned v) {
    out.put(", ");
    out.put_udec(v);
  };
  auto addr = [&](std::uint64_t v) {
    out.put(", ");
    print_addr(out, v);
  };
  auto ts = [&]() {
    out.put(", ");
    print_timespec(ctx, a[3]);
  };
  switch (cmd) {
    case FUTEX_WAIT:
      u(val);
      ts();
      break;
    case FUTEX_LOCK_PI:
    case 13:  // FUTEX_LOCK_PI2
      ts();
      break;
    case FUTEX_WAIT_BITSET:
      u(val);
      ts();
      out.put(", ");
      print_bitset(out, val3);
      break;
    case FUTEX_WAKE_BITSET:
      u(val);
      out.put(", ");
      print_bitset(out, val3);
      break;
    case FUTEX_REQUEUE:
      u(val);
      u(val2);
      addr(a[4]);
      break;
    case FUTEX_CMP_REQUEUE:
    case FUTEX_CMP_REQUEUE_PI:
      u(val);
      u(val2);
      addr(a[4]);
      u(val3);
      break;
    case FUTEX_WAKE_OP:
      u(val);
      u(val2);
      addr(a[4]);
      out.put(", ");
      print_wake_op(out, val3);
      break;
    case FUTEX_WAIT_REQUEUE_PI:
      u(val);
      ts();
      addr(a[4]);
      break;
    case FUTEX_FD:
    case FUTEX_WAKE:
      u(val);
      break;
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
      break;
    default:
      u(val);
      addr(a[3]);
      addr(a[4]);
      out.put(", ");
      out.put_hex(val3);
      break;
  }
  return kAllPrinted;
}

}  // namespace scry::dec
