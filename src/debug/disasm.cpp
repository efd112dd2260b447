// Disassembly with capstone, AT&T by default ("set disassembly-flavor intel" switches).
#include <capstone/capstone.h>

#include <cctype>
#include <cstdio>
#include <string>

#include "debug/state.hpp"

namespace scry::debug {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// capstone's text made to read like gdb's (objdump's): operands separated by "," only, numbers
// in hex ("$0x1", "-0x14(%rbp)"), no size suffix where a register operand gives the size, and
// in Intel syntax "DWORD PTR [rbp-0x14]".
std::string gdb_operands(const std::string& op, bool intel) {
  std::string out;
  for (std::size_t i = 0; i < op.size(); ++i) {
    char c = op[i];
    if (c == ',' && i + 1 < op.size() && op[i + 1] == ' ') {
      out += ',';
      ++i;
      continue;
    }
    if (intel && c == ' ' && i + 2 < op.size() && (op[i + 1] == '-' || op[i + 1] == '+') &&
        op[i + 2] == ' ') {
      out += op[i + 1];
      i += 2;
      continue;
    }
    // A decimal number that starts an operand or follows '$', '-', '+', '[' or '*'.
    bool starts = is_digit(c) &&
                  (out.empty() || std::string("$-+[*,( ").find(out.back()) != std::string::npos);
    if (starts && !(c == '0' && i + 1 < op.size() && op[i + 1] == 'x')) {
      std::size_t j = i;
      unsigned long long v = 0;
      while (j < op.size() && is_digit(op[j])) v = v * 10 + static_cast<unsigned>(op[j++] - '0');
      char b[32];
      std::snprintf(b, sizeof b, "0x%llx", v);
      out += b;
      i = j - 1;
      continue;
    }
    out += c;
  }
  if (intel) {
    for (const char* w : {"byte ptr", "word ptr", "dword ptr", "qword ptr", "xmmword ptr",
                          "ymmword ptr", "tbyte ptr"}) {
      std::string lw = w, up;
      for (char ch : lw)
        up += static_cast<char>(ch == ' ' ? ' ' : std::toupper(static_cast<unsigned char>(ch)));
      for (std::size_t p = out.find(lw); p != std::string::npos; p = out.find(lw, p + up.size()))
        if (p == 0 || !std::isalpha(static_cast<unsigned char>(out[p - 1])))
          out.replace(p, lw.size(), up);
    }
  }
  return out;
}

std::string gdb_mnemonic(std::string mn, const std::string& ops, bool intel) {
  if (intel || mn.size() < 2) return mn;
  static const char* const kAlways[] = {"pushq", "popq", "retq", "callq", "leaveq", "jmpq"};
  for (const char* a : kAlways)
    if (mn == a && (mn != "jmpq" || ops.find('*') == std::string::npos))
      return mn.substr(0, mn.size() - 1);
  static const char* const kBases[] = {"mov", "add",  "sub", "and",  "or",   "xor", "cmp", "test",
                                       "lea", "imul", "shl", "shr",  "sar",  "inc", "dec", "neg",
                                       "not", "adc",  "sbb", "xchg", "cmov", "bt"};
  char suffix = mn.back();
  if (std::string("bwlq").find(suffix) == std::string::npos || ops.find('%') == std::string::npos)
    return mn;
  std::string stem = mn.substr(0, mn.size() - 1);
  for (const char* b : kBases)
    if (stem == b) return stem;
  return mn;
}

}  // namespace

std::vector<Insn> disassemble(DebuggerState& s, std::uint64_t addr, std::size_t max_bytes,
                              std::size_t max_insns) {
  std::vector<Insn> out;
  std::vector<std::uint8_t> code(max_bytes);
  std::size_t n = s.inf.alive() ? s.inf.read(addr, code.data(), code.size()) : 0;
  if (n == 0) return out;
  csh h = 0;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) return out;
  cs_option(h, CS_OPT_SYNTAX, s.intel ? CS_OPT_SYNTAX_INTEL : CS_OPT_SYNTAX_ATT);
  cs_insn* insn = nullptr;
  std::size_t count = cs_disasm(h, code.data(), n, addr, max_insns, &insn);
  for (std::size_t i = 0; i < count; ++i) {
    Insn in;
    in.addr = insn[i].address;
    in.size = insn[i].size;
    std::string ops = gdb_operands(insn[i].op_str, s.intel);
    std::string mn = gdb_mnemonic(insn[i].mnemonic, ops, s.intel);
    in.is_call = mn.rfind("call", 0) == 0;
    if (mn.size() < 6 && !ops.empty()) mn.resize(6, ' ');
    in.text = ops.empty() ? mn : mn + " " + ops;
    out.push_back(in);
  }
  if (insn != nullptr) cs_free(insn, count);
  cs_close(&h);
  return out;
}

}  // namespace scry::debug
