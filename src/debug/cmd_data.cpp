// Looking at and changing state: print, set, x, poke, disassemble.
#include <cctype>
#include <cstdio>
#include <cstring>

#include "debug/state.hpp"

namespace scry::debug {
namespace {

int unit_bytes(char size) {
  return size == 'b' ? 1 : size == 'h' ? 2 : size == 'g' ? 8 : 4;
}

std::string to_base(std::uint64_t v, int base) {
  if (v == 0) return "0";
  std::string s;
  while (v != 0) {
    s.insert(s.begin(), "0123456789abcdef"[v % static_cast<unsigned>(base)]);
    v /= static_cast<unsigned>(base);
  }
  return s;
}

std::string format_unit(std::uint64_t v, int bytes, char fmt) {
  int bits = bytes * 8;
  std::uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
  v &= mask;
  char b[96];
  switch (fmt) {
    case 'x':
      std::snprintf(b, sizeof b, "0x%0*lx", bytes * 2, static_cast<unsigned long>(v));
      return b;
    case 'u':
      return std::to_string(v);
    case 'o':
      return v == 0 ? "0" : "0" + to_base(v, 8);
    case 't': {
      std::string s;
      for (int i = bits - 1; i >= 0; --i) s += ((v >> i) & 1) != 0 ? '1' : '0';
      return s;
    }
    case 'c': {
      return std::to_string(static_cast<int>(static_cast<signed char>(v))) +
             format_char_suffix(static_cast<unsigned char>(v));
    }
    case 'a':
      return hexs(v);
    default: {
      std::int64_t sv = static_cast<std::int64_t>(v);
      if (bits < 64 && (v >> (bits - 1)) != 0) sv = static_cast<std::int64_t>(v | ~mask);
      return std::to_string(sv);
    }
  }
}

}  // namespace

std::string format_char_suffix(unsigned char c) {
  std::string shown;
  switch (c) {
    case '\0':
      shown = "\\000";
      break;
    case '\n':
      shown = "\\n";
      break;
    case '\t':
      shown = "\\t";
      break;
    case '\r':
      shown = "\\r";
      break;
    case '\'':
      shown = "\\'";
      break;
    case '\\':
      shown = "\\\\";
      break;
    default:
      if (std::isprint(c)) {
        shown = std::string(1, static_cast<char>(c));
      } else {
        char b[8];
        std::snprintf(b, sizeof b, "\\%03o", c);
        shown = b;
      }
  }
  return " '" + shown + "'";
}

Result<void> cmd_x(DebuggerState& s, const Args& fmt, const Args& a) {
  int count = 1;
  std::size_t i = 0;
  if (!fmt.empty() && std::isdigit(static_cast<unsigned char>(fmt[0]))) {
    count = 0;
    while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i])))
      count = count * 10 + (fmt[i++] - '0');
  }
  for (; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (std::strchr("bhwg", c) != nullptr)
      s.x_size = c;
    else if (std::strchr("xduotcsiaf", c) != nullptr)
      s.x_fmt = c;
    else
      return fail(std::string("Invalid number \"") + fmt + "\".");
  }
  if (s.x_fmt == 'a') s.x_size = 'g';
  if (s.x_fmt == 'c' && fmt.find_first_of("bhwg") == std::string::npos) s.x_size = 'b';
  std::uint64_t addr = s.x_next;
  if (!trim(a).empty()) {
    auto v = eval(s, a);
    if (!v) return v.error();
    addr = *v;
  }
  if (!s.has_process()) return fail("Cannot access memory at address " + hexs(addr));
  auto label = [&](std::uint64_t at) { return hexs(at) + s.symbol_suffix(at) + ":"; };
  if (s.x_fmt == 's') {
    for (int n = 0; n < count; ++n) {
      std::string str;
      std::uint64_t at = addr;
      bool ok = true;
      for (;;) {
        char c = 0;
        if (s.inf.read(at, &c, 1) != 1) {
          ok = false;
          break;
        }
        ++at;
        if (c == '\0') break;
        str += c;
        if (str.size() >= 200) break;
      }
      if (!ok && str.empty())
        return fail(label(addr) + "\t<error: Cannot access memory at address " + hexs(addr) + ">");
      std::string q = "\"";
      for (unsigned char c : str) {
        if (c == '"' || c == '\\')
          q += '\\', q += static_cast<char>(c);
        else if (c == '\n')
          q += "\\n";
        else if (c == '\t')
          q += "\\t";
        else if (std::isprint(c))
          q += static_cast<char>(c);
        else {
          char b[8];
          std::snprintf(b, sizeof b, "\\%03o", c);
          q += b;
        }
      }
      s.out << label(addr) << "\t" << q << "\"" << (str.size() >= 200 ? "..." : "") << "\n";
      addr = at;
    }
    s.x_next = addr;
    return {};
  }
  if (s.x_fmt == 'i') {
    std::uint64_t pc = s.pc();
    auto insns =
        disassemble(s, addr, static_cast<std::size_t>(count) * 16, static_cast<std::size_t>(count));
    if (insns.empty()) return fail("Cannot access memory at address " + hexs(addr));
    for (const auto& in : insns) {
      s.out << (in.addr == pc ? "=> " : "   ") << label(in.addr) << "\t" << in.text << "\n";
      addr = in.addr + static_cast<std::uint64_t>(in.size);
    }
    s.x_next = addr;
    return {};
  }
  int bytes = unit_bytes(s.x_size);
  int per_line = s.x_fmt == 'c' ? 8 : bytes == 8 ? 2 : bytes == 4 ? 4 : 8;
  if (s.x_fmt == 't') per_line = bytes == 8 ? 1 : bytes == 4 ? 2 : bytes == 2 ? 4 : 8;
  for (int n = 0; n < count; ++n) {
    if (n % per_line == 0) {
      if (n != 0) s.out << "\n";
      s.out << label(addr);
    }
    std::uint64_t v = 0;
    if (s.inf.read(addr, &v, static_cast<std::size_t>(bytes)) != static_cast<std::size_t>(bytes)) {
      s.out << (n % per_line == 0 ? "\t" : "\n");
      s.out.flush();
      s.x_next = addr;
      return fail("Cannot access memory at address " + hexs(addr));
    }
    s.out << "\t" << format_unit(v, bytes, s.x_fmt);
    addr += static_cast<std::uint64_t>(bytes);
  }
  s.out << "\n";
  s.x_next = addr;
  return {};
}

Result<void> cmd_print(DebuggerState& s, const Args& a) {
  std::string t = trim(a);
  char fmt = 0;
  if (!t.empty() && t[0] == '/') {
    auto sp = t.find(' ');
    std::string f = t.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
    fmt = f.empty() ? 0 : f.back();
    t = sp == std::string::npos ? "" : trim(t.substr(sp));
  }
  if (t.empty()) return fail("Argument required (expression to compute).");
  std::string text;
  if (t[0] == '$' && t.find_first_of("+-*/ ()") == std::string::npos) {
    std::string name = t.substr(1);
    auto v = eval(s, t);
    if (!v) return v.error();
    text = fmt == 'x' ? hexs(*v)
           : fmt != 0 ? format_unit(*v, 8, fmt)
                      : reg_print_text(s, name, *v, false);
    if (name.rfind("e", 0) == 0 && name != "eflags" && fmt == 0)
      text = std::to_string(static_cast<std::int32_t>(*v));
  } else if (auto var = s.syms->global_variable(t);
             var && var->type.kind != TypeInfo::Kind::Other) {
    std::uint64_t raw = 0;
    int n = var->type.size > 0 && var->type.size <= 8 ? var->type.size : 8;
    if (s.inf.read(var->addr, &raw, static_cast<std::size_t>(n)) != static_cast<std::size_t>(n))
      return fail("Cannot access memory at address " + hexs(var->addr));
    text = fmt == 'x' ? hexs(raw)
           : fmt != 0 ? format_unit(raw, n, fmt)
                      : s.format_value(raw, var->type);
  } else {
    auto v = eval(s, t);
    if (!v) return v.error();
    text = fmt == 'x' ? hexs(*v)
           : fmt != 0 ? format_unit(*v, 8, fmt)
                      : std::to_string(static_cast<std::int64_t>(*v));
  }
  s.out << "$" << ++s.history << " = " << text << "\n";
  return {};
}

Result<void> cmd_set(DebuggerState& s, const Args& a) {
  std::string t = trim(a);
  if (t.rfind("var ", 0) == 0 || t.rfind("variable ", 0) == 0) t = trim(t.substr(t.find(' ')));
  if (t.rfind("disassembly-flavor", 0) == 0) {
    std::string v = trim(t.substr(18));
    if (v == "intel")
      s.intel = true;
    else if (v == "att")
      s.intel = false;
    else
      return fail("Undefined item: \"" + v + "\".");
    return {};
  }
  if (t.rfind("debug-file-directory", 0) == 0) {
    s.debug_dirs = trim(t.substr(20));
    s.syms->set_debug_directories(s.debug_dirs);
    return {};
  }
  for (const char* ignored :
       {"confirm", "pagination", "width", "height", "print", "breakpoint", "logging", "verbose",
        "startup-with-shell", "disable-randomization", "style"})
    if (t.rfind(ignored, 0) == 0) return {};
  auto eq = t.find('=');
  if (eq == std::string::npos) return fail("A syntax error in expression, near `'.");
  std::string lhs = trim(t.substr(0, eq));
  auto rhs = eval(s, t.substr(eq + 1));
  if (!rhs) return rhs.error();
  if (auto r = s.need_process(); !r) return r;
  if (!lhs.empty() && lhs[0] == '$') {
    auto regs = s.inf.regs(s.tid());
    if (!regs) return fail("No registers.");
    if (!set_reg_value(*regs, lhs.substr(1), *rhs))
      return fail("Invalid register `" + lhs.substr(1) + "'");
    if (auto r = s.inf.set_regs(s.tid(), *regs); !r) return fail("Couldn't write registers.");
    s.invalidate();
    return {};
  }
  std::uint64_t addr = 0;
  int size = 4;
  if (!lhs.empty() && lhs[0] == '{') {
    auto close = lhs.find('}');
    if (close == std::string::npos)
      return fail("A syntax error in expression, near `" + lhs + "'.");
    std::string type = lhs.substr(1, close - 1);
    size = type.find('*') != std::string::npos       ? 8
           : type.find("char") != std::string::npos  ? 1
           : type.find("short") != std::string::npos ? 2
           : type.find("long") != std::string::npos  ? 8
                                                     : 4;
    auto v = eval(s, lhs.substr(close + 1));
    if (!v) return v.error();
    addr = *v;
  } else if (auto var = s.syms->global_variable(lhs)) {
    addr = var->addr;
    size = var->type.size > 0 && var->type.size <= 8 ? var->type.size : 8;
  } else if (!lhs.empty() && lhs[0] == '*') {
    auto v = eval(s, lhs.substr(1));
    if (!v) return v.error();
    addr = *v;
  } else {
    return fail("No symbol \"" + lhs + "\" in current context.");
  }
  std::uint64_t val = *rhs;
  if (s.inf.write(addr, &val, static_cast<std::size_t>(size)) != static_cast<std::size_t>(size))
    return fail("Cannot access memory at address " + hexs(addr));
  return {};
}

// poke ADDR BYTE... : writes bytes (code patching included; breakpoints stay in place).
Result<void> cmd_poke(DebuggerState& s, const Args& a) {
  if (auto r = s.need_process(); !r) return r;
  std::vector<std::string> parts;
  std::string t = trim(a);
  for (std::size_t i = 0; i < t.size();) {
    std::size_t e = t.find(' ', i);
    if (e == std::string::npos) e = t.size();
    if (e > i) parts.push_back(t.substr(i, e - i));
    i = e + 1;
  }
  if (parts.size() < 2) return fail("Usage: poke ADDRESS BYTE...");
  auto addr = eval(s, parts[0]);
  if (!addr) return addr.error();
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto v = eval(s, parts[i]);
    if (!v) return v.error();
    if (*v > 0xff) return fail("poke: " + parts[i] + " is not a byte.");
    bytes.push_back(static_cast<std::uint8_t>(*v));
  }
  if (s.inf.write(*addr, bytes.data(), bytes.size()) != bytes.size())
    return fail("Cannot access memory at address " + hexs(*addr));
  s.invalidate();
  return {};
}

Result<void> cmd_disassemble(DebuggerState& s, const Args& a) {
  if (auto r = s.need_process(); !r) return fail("No frame selected.");
  std::string t = trim(a);
  if (!t.empty() && t[0] == '/')
    t = trim(t.substr(t.find(' ') == std::string::npos ? t.size() : t.find(' ')));
  std::uint64_t lo = 0, hi = 0;
  std::string fname;
  if (auto comma = t.find(','); comma != std::string::npos) {
    auto b = eval(s, t.substr(0, comma));
    if (!b) return b.error();
    std::string rest = trim(t.substr(comma + 1));
    bool rel = !rest.empty() && rest[0] == '+';
    auto e = eval(s, rel ? rest.substr(1) : rest);
    if (!e) return e.error();
    lo = *b;
    hi = rel ? lo + *e : *e;
    s.out << "Dump of assembler code from " << hexs(lo) << " to " << hexs(hi) << ":\n";
  } else {
    std::uint64_t at = s.pc();
    if (!t.empty()) {
      auto v = eval(s, t);
      if (!v) return v.error();
      at = *v;
    } else if (s.frame > 0) {
      at = s.stack()[static_cast<std::size_t>(s.frame)].lookup_pc();
    }
    SymbolInfo sym = s.syms->symbolize(at);
    if (sym.name.empty() || sym.size == 0) return fail("No function contains specified address.");
    lo = sym.start;
    hi = sym.start + sym.size;
    fname = sym.name;
    s.out << "Dump of assembler code for function " << fname << ":\n";
  }
  std::uint64_t pc = s.pc();
  auto insns = disassemble(s, lo, static_cast<std::size_t>(hi - lo), 0);
  for (const auto& in : insns) {
    if (in.addr >= hi) break;
    std::string where =
        fname.empty() ? s.symbol_suffix(in.addr) : " <+" + std::to_string(in.addr - lo) + ">";
    s.out << (in.addr == pc ? "=> " : "   ") << hex16(in.addr) << where << ":\t" << in.text << "\n";
  }
  s.out << "End of assembler dump.\n";
  return {};
}

}  // namespace scry::debug
