// Classic BPF programs: struct sock_fprog and its instructions (strace's bpf_filter.c and
// bpf_sock_filter.c).
#include <linux/filter.h>

#include <cstring>

#include "decode/bpf_filter.hpp"

namespace scry::dec {

namespace {

constexpr std::uint64_t kMaxInsns = BPF_MAXINSNS;  // strace prints "..." past these

// "|0x18 /* BPF_??? */": code bits the instruction class does not define.
void print_unknown_bits(OutBuf& out, unsigned bits) {
  out.put('|');
  out.put_hex(bits);
  out.put(" /* BPF_??? */");
}

void print_code(OutBuf& out, std::uint16_t code) {
  static const FlagSet* const classes = find_set("bpf_class");
  static const FlagSet* const sizes = find_set("bpf_size");
  static const FlagSet* const modes = find_set("bpf_mode");
  static const FlagSet* const srcs = find_set("bpf_src");
  static const FlagSet* const alu = find_set("bpf_op_alu");
  static const FlagSet* const jmp = find_set("bpf_op_jmp");
  static const FlagSet* const rvals = find_set("bpf_rval");
  static const FlagSet* const misc = find_set("bpf_miscop");
  const unsigned cls = BPF_CLASS(code);
  unsigned rest = code & ~cls;
  printxval(out, classes, cls, "BPF_???");
  switch (cls) {
    case BPF_ST:
    case BPF_STX:
      if (rest != 0) print_unknown_bits(out, rest);
      return;
    case BPF_LD:
    case BPF_LDX:
      out.put('|');
      printxval(out, sizes, BPF_SIZE(code), "BPF_???");
      out.put('|');
      printxval(out, modes, BPF_MODE(code), "BPF_???");
      return;
    case BPF_MISC:
      out.put('|');
      printxval(out, misc, BPF_MISCOP(code), "BPF_???");
      rest &= ~static_cast<unsigned>(BPF_MISCOP(code));
      if (rest != 0) print_unknown_bits(out, rest);
      return;
    case BPF_ALU:
    case BPF_JMP:
      out.put('|');
      printxval(out, srcs, BPF_SRC(code), "BPF_???");
      out.put('|');
      printxval(out, cls == BPF_ALU ? alu : jmp, BPF_OP(code), "BPF_???");
      return;
    default:  // BPF_RET
      out.put('|');
      printxval(out, rvals, BPF_RVAL(code), "BPF_???");
      rest &= ~static_cast<unsigned>(BPF_RVAL(code));
      if (rest != 0) print_unknown_bits(out, rest);
      return;
  }
}

}  // namespace

bool print_sock_filter_k(OutBuf& out, std::uint16_t code, std::uint32_t k) {
  static const FlagSet* const ad = find_set("skf_ad");
  if (BPF_CLASS(code) != BPF_LD || BPF_MODE(code) != BPF_ABS) return false;
  const auto ad_off = static_cast<std::uint32_t>(SKF_AD_OFF);
  const auto net_off = static_cast<std::uint32_t>(SKF_NET_OFF);
  const auto ll_off = static_cast<std::uint32_t>(SKF_LL_OFF);
  if (k >= ad_off) {
    print_xlat_raw(out, ad_off, "SKF_AD_OFF");
    out.put('+');
    printxval(out, ad, k - ad_off, "SKF_AD_???");
  } else if (k >= net_off) {
    print_xlat_raw(out, net_off, "SKF_NET_OFF");
    out.put('+');
    out.put_udec(k - net_off);
  } else if (k >= ll_off) {
    print_xlat_raw(out, ll_off, "SKF_LL_OFF");
    out.put('+');
    out.put_udec(k - ll_off);
  } else {
    return false;
  }
  return true;
}

void print_bpf_fprog(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, BpfPrintK print_k) {
  if (!ctx.opt.verbose) {
    print_addr(ctx.out, addr);
    return;
  }
  std::uint64_t printed = 0;
  print_array(ctx, addr, count, sizeof(sock_filter), [&](const unsigned char* e) {
    OutBuf& out = ctx.out;
    if (printed++ >= kMaxInsns) {
      out.put("...");
      return false;
    }
    sock_filter f{};
    std::memcpy(&f, e, sizeof f);
    const bool jump = f.jt != 0 || f.jf != 0;
    out.put(jump ? "BPF_JUMP(" : "BPF_STMT(");
    print_code(out, f.code);
    out.put(", ");
    if (jump || print_k == nullptr || !print_k(out, f.code, f.k)) out.put_hex(f.k);
    if (jump) {
      out.put(", ");
      out.put_hex(f.jt);
      out.put(", ");
      out.put_hex(f.jf);
    }
    out.put(')');
    return true;
  });
}

void decode_bpf_fprog(DecodeCtx& ctx, std::uint64_t addr, BpfPrintK print_k) {
  struct {
    std::uint16_t len;
    std::uint16_t pad[3];
    std::uint64_t filter;
  } fprog{};
  static_assert(sizeof fprog == 16, "struct sock_fprog");
  if (!umove_or_printaddr(ctx, addr, fprog)) return;
  ctx.out.put("{len=");
  ctx.out.put_udec(fprog.len);
  ctx.out.put(", filter=");
  print_bpf_fprog(ctx, fprog.filter, fprog.len, print_k);
  ctx.out.put('}');
}

}  // namespace scry::dec
