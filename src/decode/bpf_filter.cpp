// Classic BPF programs (struct sock_fprog) as strace prints them, for seccomp(2),
// prctl(PR_SET_SECCOMP) and SO_ATTACH_FILTER: {len=N, filter=[BPF_STMT(...), BPF_JUMP(...)]}, the
// instructions only with -v. And the seccomp syscall itself.
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {
namespace {

struct Named {
  std::uint32_t value;
  const char* name;
};

template <std::size_t N>
const char* lookup(const Named (&table)[N], std::uint32_t v) {
  for (const Named& n : table)
    if (n.value == v) return n.name;
  return nullptr;
}

// A named value as strace's printxval prints it under -X: the name, the hex (-X raw), or both;
// an unknown value in hex with " /* dflt */" (but no comment under -X raw).
void put_xval(OutBuf& out, std::uint32_t v, const char* name, const char* dflt) {
  if (name != nullptr) {
    print_xlat_text(out, v, ValFmt::Hex, name);
    return;
  }
  out.put_hex(v);
  if (xlat_style() == XlatStyle::Raw) return;
  out.put(" /* ");
  out.put(dflt);
  out.put(" */");
}

// One field of the opcode: "|NAME", or "|0x18 /* BPF_??? */" for an unknown value.
template <std::size_t N>
void put_field(OutBuf& out, const Named (&table)[N], std::uint32_t v) {
  out.put('|');
  put_xval(out, v, lookup(table, v), "BPF_???");
}

constexpr Named kClasses[] = {{BPF_LD, "BPF_LD"},   {BPF_LDX, "BPF_LDX"},  {BPF_ST, "BPF_ST"},
                              {BPF_STX, "BPF_STX"}, {BPF_ALU, "BPF_ALU"},  {BPF_JMP, "BPF_JMP"},
                              {BPF_RET, "BPF_RET"}, {BPF_MISC, "BPF_MISC"}};
constexpr Named kSizes[] = {{BPF_W, "BPF_W"}, {BPF_H, "BPF_H"}, {BPF_B, "BPF_B"}};
constexpr Named kModes[] = {{BPF_IMM, "BPF_IMM"}, {BPF_ABS, "BPF_ABS"}, {BPF_IND, "BPF_IND"},
                            {BPF_MEM, "BPF_MEM"}, {BPF_LEN, "BPF_LEN"}, {BPF_MSH, "BPF_MSH"}};
constexpr Named kSrcs[] = {{BPF_K, "BPF_K"}, {BPF_X, "BPF_X"}};
constexpr Named kAluOps[] = {{BPF_ADD, "BPF_ADD"}, {BPF_SUB, "BPF_SUB"}, {BPF_MUL, "BPF_MUL"},
                             {BPF_DIV, "BPF_DIV"}, {BPF_OR, "BPF_OR"},   {BPF_AND, "BPF_AND"},
                             {BPF_LSH, "BPF_LSH"}, {BPF_RSH, "BPF_RSH"}, {BPF_NEG, "BPF_NEG"},
                             {BPF_MOD, "BPF_MOD"}, {BPF_XOR, "BPF_XOR"}};
constexpr Named kJmpOps[] = {{BPF_JA, "BPF_JA"},
                             {BPF_JEQ, "BPF_JEQ"},
                             {BPF_JGT, "BPF_JGT"},
                             {BPF_JGE, "BPF_JGE"},
                             {BPF_JSET, "BPF_JSET"}};
constexpr Named kRvals[] = {{BPF_K, "BPF_K"}, {BPF_X, "BPF_X"}, {BPF_A, "BPF_A"}};
constexpr Named kMiscOps[] = {{BPF_TAX, "BPF_TAX"}, {BPF_TXA, "BPF_TXA"}};
constexpr Named kSeccompActions[] = {{SECCOMP_RET_KILL_PROCESS, "SECCOMP_RET_KILL_PROCESS"},
                                     {SECCOMP_RET_KILL_THREAD, "SECCOMP_RET_KILL_THREAD"},
                                     {SECCOMP_RET_TRAP, "SECCOMP_RET_TRAP"},
                                     {SECCOMP_RET_ERRNO, "SECCOMP_RET_ERRNO"},
                                     {0x7fc00000u, "SECCOMP_RET_USER_NOTIF"},
                                     {SECCOMP_RET_TRACE, "SECCOMP_RET_TRACE"},
                                     {0x7ffc0000u, "SECCOMP_RET_LOG"},
                                     {SECCOMP_RET_ALLOW, "SECCOMP_RET_ALLOW"}};
// The ancillary data offsets of socket filters' loads (SKF_AD_OFF + n).
constexpr Named kAncillary[] = {{0, "SKF_AD_PROTOCOL"},
                                {4, "SKF_AD_PKTTYPE"},
                                {8, "SKF_AD_IFINDEX"},
                                {12, "SKF_AD_NLATTR"},
                                {16, "SKF_AD_NLATTR_NEST"},
                                {20, "SKF_AD_MARK"},
                                {24, "SKF_AD_QUEUE"},
                                {28, "SKF_AD_HATYPE"},
                                {32, "SKF_AD_RXHASH"},
                                {36, "SKF_AD_CPU"},
                                {40, "SKF_AD_ALU_XOR_X"},
                                {44, "SKF_AD_VLAN_TAG"},
                                {48, "SKF_AD_VLAN_TAG_PRESENT"},
                                {52, "SKF_AD_PAY_OFFSET"},
                                {56, "SKF_AD_RANDOM"},
                                {60, "SKF_AD_VLAN_TPID"}};

void print_code(OutBuf& out, std::uint16_t code) {
  const std::uint32_t cls = BPF_CLASS(code);
  put_xval(out, cls, lookup(kClasses, cls), "BPF_???");
  switch (cls) {
    case BPF_LD:
    case BPF_LDX:
      put_field(out, kSizes, BPF_SIZE(code));
      put_field(out, kModes, BPF_MODE(code));
      break;
    case BPF_ALU:
      put_field(out, kSrcs, BPF_SRC(code));
      put_field(out, kAluOps, BPF_OP(code));
      break;
    case BPF_JMP:
      put_field(out, kSrcs, BPF_SRC(code));
      put_field(out, kJmpOps, BPF_OP(code));
      break;
    case BPF_RET:
      put_field(out, kRvals, BPF_RVAL(code));
      break;
    case BPF_MISC:
      put_field(out, kMiscOps, BPF_MISCOP(code));
      break;
    default:  // BPF_ST, BPF_STX: the class alone
      break;
  }
  if (const std::uint32_t high = code & ~0xffu; high != 0) {
    out.put('|');  // with its comment even under -X raw, as strace
    out.put_hex(high);
    out.put(" /* BPF_??? */");
  }
}

void print_seccomp_action(OutBuf& out, std::uint32_t k) {
  const std::uint32_t action = k & SECCOMP_RET_ACTION_FULL;
  const std::uint32_t data = k & SECCOMP_RET_DATA;
  put_xval(out, action, lookup(kSeccompActions, action), "SECCOMP_RET_???");
  if (data != 0) {
    out.put('|');
    out.put_hex(data);
  }
}

void print_k(OutBuf& out, std::uint16_t code, std::uint32_t k, bool seccomp) {
  const std::uint32_t cls = BPF_CLASS(code);
  if (cls == BPF_RET && seccomp) {
    print_seccomp_action(out, k);
    return;
  }
  const bool packet_load =
      (cls == BPF_LD || cls == BPF_LDX) && (BPF_MODE(code) == BPF_ABS || BPF_MODE(code) == BPF_IND);
  if (!seccomp && packet_load && k >= static_cast<std::uint32_t>(SKF_LL_OFF)) {
    const char* base = "SKF_LL_OFF";
    std::uint32_t off = k - static_cast<std::uint32_t>(SKF_LL_OFF);
    if (k >= static_cast<std::uint32_t>(SKF_AD_OFF)) {
      off = k - static_cast<std::uint32_t>(SKF_AD_OFF);
      base = "SKF_AD_OFF";
    } else if (k >= static_cast<std::uint32_t>(SKF_NET_OFF)) {
      off = k - static_cast<std::uint32_t>(SKF_NET_OFF);
      base = "SKF_NET_OFF";
    }
    out.put(base);
    out.put('+');
    const char* name = base[4] == 'A' ? lookup(kAncillary, off) : nullptr;
    if (name != nullptr) {
      out.put(name);
    } else {
      out.put_hex(off);
    }
    return;
  }
  out.put_hex(k);
}

void print_insn(OutBuf& out, const sock_filter& f, bool seccomp) {
  const bool jump = f.jt != 0 || f.jf != 0;
  out.put(jump ? "BPF_JUMP(" : "BPF_STMT(");
  print_code(out, f.code);
  out.put(", ");
  print_k(out, f.code, f.k, seccomp);
  if (jump) {
    out.put(", ");
    out.put_hex(f.jt);
    out.put(", ");
    out.put_hex(f.jf);
  }
  out.put(')');
}

}  // namespace

void print_sock_fprog(DecodeCtx& ctx, std::uint64_t addr, bool seccomp) {
  struct {
    std::uint16_t len;
    std::uint16_t pad[3];
    std::uint64_t filter;
  } prog{};
  static_assert(sizeof prog == 16);
  if (!umove_or_printaddr(ctx, addr, prog)) return;
  OutBuf& out = ctx.out;
  out.put("{len=");
  out.put_udec(prog.len);
  out.put(", filter=");
  if (!ctx.opt.verbose) {
    print_addr(out, prog.filter);
  } else {
    print_array(ctx, prog.filter, prog.len, sizeof(sock_filter), [&](const unsigned char* e) {
      sock_filter f{};
      std::memcpy(&f, e, sizeof f);
      print_insn(out, f, seccomp);
      return true;
    });
  }
  out.put('}');
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
      print_sock_fprog(ctx, a[2], true);
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
