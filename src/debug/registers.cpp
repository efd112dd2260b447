// Register names, values and gdb's register printing (info registers, info all-registers).
#include <cfloat>
#include <cstdio>
#include <cstring>

#include "debug/state.hpp"
#include "scry/ptrace_debug.hpp"

namespace scry::debug {
namespace {

enum class RegKind : std::uint8_t { Int, DataPtr, CodePtr, Flags };
struct RegDesc {
  const char* name;
  std::size_t offset;
  RegKind kind;
};

#define REG(n, k) \
  { #n, offsetof(user_regs_struct, n), RegKind::k }
// gdb's order for x86-64 "info registers".
constexpr RegDesc kRegs[] = {
    REG(rax, Int),     REG(rbx, Int),
    REG(rcx, Int),     REG(rdx, Int),
    REG(rsi, Int),     REG(rdi, Int),
    REG(rbp, DataPtr), REG(rsp, DataPtr),
    REG(r8, Int),      REG(r9, Int),
    REG(r10, Int),     REG(r11, Int),
    REG(r12, Int),     REG(r13, Int),
    REG(r14, Int),     REG(r15, Int),
    REG(rip, CodePtr), {"eflags", offsetof(user_regs_struct, eflags), RegKind::Flags},
    REG(cs, Int),      REG(ss, Int),
    REG(ds, Int),      REG(es, Int),
    REG(fs, Int),      REG(gs, Int),
    REG(fs_base, Int), REG(gs_base, Int),
};
#undef REG

const RegDesc* find_reg(const std::string& name) {
  std::string n = name == "pc"   ? "rip"
                  : name == "sp" ? "rsp"
                  : name == "fp" ? "rbp"
                  : name == "ps" ? "eflags"
                                 : name;
  for (const auto& r : kRegs)
    if (n == r.name) return &r;
  return nullptr;
}

std::uint64_t get(const user_regs_struct& r, const RegDesc& d) {
  std::uint64_t v;
  std::memcpy(&v, reinterpret_cast<const char*>(&r) + d.offset, 8);
  return v;
}

// 32/16/8-bit views of the general registers: eax, ax, al.
struct SubReg {
  const char* name;
  const char* full;
  int bits;
  int shift;
};
constexpr SubReg kSubRegs[] = {
    {"eax", "rax", 32, 0}, {"ebx", "rbx", 32, 0}, {"ecx", "rcx", 32, 0}, {"edx", "rdx", 32, 0},
    {"esi", "rsi", 32, 0}, {"edi", "rdi", 32, 0}, {"ebp", "rbp", 32, 0}, {"esp", "rsp", 32, 0},
    {"ax", "rax", 16, 0},  {"bx", "rbx", 16, 0},  {"cx", "rcx", 16, 0},  {"dx", "rdx", 16, 0},
    {"al", "rax", 8, 0},   {"bl", "rbx", 8, 0},   {"cl", "rcx", 8, 0},   {"dl", "rdx", 8, 0},
    {"ah", "rax", 8, 8},   {"eip", "rip", 32, 0},
};

std::string natural(DebuggerState& s, const RegDesc& d, std::uint64_t v) {
  switch (d.kind) {
    case RegKind::Int:
      return std::to_string(static_cast<std::int64_t>(v));
    case RegKind::DataPtr:
      return hexs(v);
    case RegKind::CodePtr:
      return hexs(v) + s.symbol_suffix(v);
    case RegKind::Flags:
      return eflags_text(v);
  }
  return "";
}

void print_row(DebuggerState& s, const std::string& name, const std::string& raw,
               const std::string& nat) {
  char line[512];
  std::snprintf(line, sizeof line, "%-15s%-19s %s\n", name.c_str(), raw.c_str(), nat.c_str());
  s.out << line;
}

std::string vec_text(const std::uint8_t* p, int bytes) {
  std::string out = "{v" + std::to_string(bytes / 8) + "_int64 = {";
  for (int i = 0; i < bytes / 8; ++i) {
    std::uint64_t v;
    std::memcpy(&v, p + i * 8, 8);
    out += (i != 0 ? ", " : "") + hexs(v);
  }
  return out + "}}";
}

}  // namespace

std::string eflags_text(std::uint64_t v) {
  static const std::pair<int, const char*> kFlags[] = {
      {0, "CF"},  {2, "PF"},   {4, "AF"},   {6, "ZF"},  {7, "SF"},  {8, "TF"},
      {9, "IF"},  {10, "DF"},  {11, "OF"},  {14, "NT"}, {16, "RF"}, {17, "VM"},
      {18, "AC"}, {19, "VIF"}, {20, "VIP"}, {21, "ID"}};
  std::string out = "[ ";
  for (auto& [bit, name] : kFlags)
    if ((v & (1ull << bit)) != 0) out += std::string(name) + " ";
  return out + "]";
}

std::optional<std::uint64_t> reg_value(const user_regs_struct& r, const std::string& name) {
  if (const RegDesc* d = find_reg(name)) return get(r, *d);
  for (const auto& sr : kSubRegs)
    if (name == sr.name) {
      std::uint64_t v = get(r, *find_reg(sr.full)) >> sr.shift;
      return sr.bits == 64 ? v : v & ((1ull << sr.bits) - 1);
    }
  return std::nullopt;
}

bool set_reg_value(user_regs_struct& r, const std::string& name, std::uint64_t v) {
  if (const RegDesc* d = find_reg(name)) {
    std::memcpy(reinterpret_cast<char*>(&r) + d->offset, &v, 8);
    return true;
  }
  for (const auto& sr : kSubRegs)
    if (name == sr.name) {
      const RegDesc* d = find_reg(sr.full);
      std::uint64_t full = get(r, *d);
      std::uint64_t mask = ((1ull << sr.bits) - 1) << sr.shift;
      full = (full & ~mask) | ((v << sr.shift) & mask);
      std::memcpy(reinterpret_cast<char*>(&r) + d->offset, &full, 8);
      return true;
    }
  return false;
}

// The gdb-style "natural" text of a register for print: "(void *) 0x7ffe...".
std::string reg_print_text(DebuggerState& s, const std::string& name, std::uint64_t v, bool hex) {
  const RegDesc* d = find_reg(name);
  if (hex) return hexs(v);
  if (d == nullptr) return std::to_string(static_cast<std::int64_t>(v));
  switch (d->kind) {
    case RegKind::Int:
      return std::to_string(static_cast<std::int64_t>(v));
    case RegKind::DataPtr:
      return "(void *) " + hexs(v);
    case RegKind::CodePtr:
      return "(void (*)()) " + hexs(v) + s.symbol_suffix(v);
    case RegKind::Flags:
      return eflags_text(v);
  }
  return "";
}

Result<void> cmd_info_registers(DebuggerState& s, const Args& a, bool all) {
  if (auto r = s.need_process(); !r) return fail("The program has no registers now.");
  auto regs = s.inf.regs(s.tid());
  if (!regs)
    return fail("Couldn't get registers: " + std::string(std::strerror(regs.error().code)) + ".");
  // A selected outer frame shows the unwound pc/sp.
  const auto& st = s.stack();
  if (s.frame > 0 && static_cast<std::size_t>(s.frame) < st.size()) {
    regs->rip = st[static_cast<std::size_t>(s.frame)].pc;
    regs->rsp = st[static_cast<std::size_t>(s.frame)].sp;
  }
  std::string t = trim(a);
  if (!t.empty()) {
    std::size_t i = 0;
    while (i < t.size()) {
      std::size_t e = t.find(' ', i);
      if (e == std::string::npos) e = t.size();
      std::string name = t.substr(i, e - i);
      i = e + 1;
      if (name.empty()) continue;
      if (name[0] == '$') name = name.substr(1);
      const RegDesc* d = find_reg(name);
      if (d == nullptr) return fail("Invalid register `" + name + "'");
      std::uint64_t v = get(*regs, *d);
      print_row(s, d->name, hexs(v), natural(s, *d, v));
    }
    return {};
  }
  for (const auto& d : kRegs) {
    std::uint64_t v = get(*regs, d);
    print_row(s, d.name, hexs(v), natural(s, d, v));
  }
  if (!all) return {};
  auto fp = ptrace::fpregs(s.tid());
  if (!fp) return fail("Couldn't get floating point status.");
  for (int i = 0; i < 8; ++i) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(fp->st_space) + i * 16;
    long double ld = 0;
    std::memcpy(&ld, p, 10);
    std::uint64_t lo;
    std::uint16_t hi;
    std::memcpy(&lo, p, 8);
    std::memcpy(&hi, p + 8, 2);
    char raw[64], nat[64];
    std::snprintf(raw, sizeof raw, "0x%04x%016lx", hi, static_cast<unsigned long>(lo));
    std::snprintf(nat, sizeof nat, "%.*Lg", LDBL_DIG + 2, ld);
    print_row(s, "st" + std::to_string(i), nat, "(raw " + std::string(raw) + ")");
  }
  auto ctl = [&](const char* n, std::uint64_t v) { print_row(s, n, hexs(v), std::to_string(v)); };
  ctl("fctrl", fp->cwd);
  ctl("fstat", fp->swd);
  ctl("ftag", fp->ftw);
  ctl("fiseg", 0);
  ctl("fioff", fp->rip & 0xffffffff);
  ctl("foseg", 0);
  ctl("fooff", fp->rdp & 0xffffffff);
  ctl("fop", fp->fop);
  print_row(s, "mxcsr", hexs(fp->mxcsr),
            "[ " + std::string((fp->mxcsr & 0x1f80) == 0x1f80 ? "IM DM ZM OM UM PM " : "") + "]");
  auto xs = ptrace::xstate(s.tid());
  const auto* xmm = reinterpret_cast<const std::uint8_t*>(fp->xmm_space);
  for (int i = 0; i < 16; ++i) {
    std::uint8_t ymm[32] = {};
    std::memcpy(ymm, xmm + i * 16, 16);
    bool have_avx = xs && xs->size() >= 576 + 256;
    if (have_avx) std::memcpy(ymm + 16, xs->data() + 576 + i * 16, 16);
    s.out << "xmm" << i << (i < 10 ? "           " : "          ") << vec_text(ymm, 16) << "\n";
    if (have_avx)
      s.out << "ymm" << i << (i < 10 ? "           " : "          ") << vec_text(ymm, 32) << "\n";
  }
  return {};
}

}  // namespace scry::debug
