#include "trace/seccomp_filter.hpp"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>

namespace scry::trace {
namespace {

constexpr std::uint32_t kX32Bit = 0x40000000;

sock_filter stmt(std::uint16_t code, std::uint32_t k) {
  return {code, 0, 0, k};
}
sock_filter jump(std::uint16_t code, std::uint32_t k, std::uint8_t jt, std::uint8_t jf) {
  return {code, jt, jf, k};
}

}  // namespace

std::vector<sock_filter> build_seccomp_filter(const std::bitset<1024>& traced) {
  // Whichever list is shorter is tested: the traced ranges (then the default is ALLOW) or the
  // untraced ranges (then the default is TRACE).
  struct Range {
    std::uint32_t lo, hi;
  };
  std::vector<Range> on, off;
  for (std::uint32_t nr = 0; nr < traced.size();) {
    bool v = traced[nr];
    std::uint32_t lo = nr;
    while (nr < traced.size() && traced[nr] == v) ++nr;
    (v ? on : off).push_back({lo, nr - 1});
  }
  const bool list_traced = on.size() <= off.size();
  const auto& ranges = list_traced ? on : off;
  const std::uint32_t match = list_traced ? SECCOMP_RET_TRACE : SECCOMP_RET_ALLOW;
  const std::uint32_t miss = list_traced ? SECCOMP_RET_ALLOW : SECCOMP_RET_TRACE;

  std::vector<sock_filter> p;
  p.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
  p.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0));
  p.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_TRACE));
  p.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
  p.push_back(jump(BPF_JMP | BPF_JGE | BPF_K, kX32Bit, 0, 1));
  p.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_TRACE));
  for (const Range& r : ranges) {
    // nr < lo: next range; nr > hi: next range; else match.
    p.push_back(jump(BPF_JMP | BPF_JGE | BPF_K, r.lo, 0, 2));
    p.push_back(jump(BPF_JMP | BPF_JGT | BPF_K, r.hi, 1, 0));
    p.push_back(stmt(BPF_RET | BPF_K, match));
  }
  // Numbers past the bitset are not known syscalls: let the tracer see them.
  p.push_back(jump(BPF_JMP | BPF_JGE | BPF_K, static_cast<std::uint32_t>(traced.size()), 0, 1));
  p.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_TRACE));
  p.push_back(stmt(BPF_RET | BPF_K, miss));
  return p;
}

std::uint32_t run_seccomp_filter(const std::vector<sock_filter>& prog, std::uint32_t arch,
                                 std::uint32_t nr) {
  std::uint32_t acc = 0;
  for (std::size_t pc = 0; pc < prog.size(); ++pc) {
    const sock_filter& i = prog[pc];
    switch (i.code) {
      case BPF_LD | BPF_W | BPF_ABS:
        acc = i.k == offsetof(seccomp_data, arch) ? arch : nr;
        break;
      case BPF_RET | BPF_K:
        return i.k;
      case BPF_JMP | BPF_JEQ | BPF_K:
        pc += acc == i.k ? i.jt : i.jf;
        break;
      case BPF_JMP | BPF_JGE | BPF_K:
        pc += acc >= i.k ? i.jt : i.jf;
        break;
      case BPF_JMP | BPF_JGT | BPF_K:
        pc += acc > i.k ? i.jt : i.jf;
        break;
      default:
        return 0;
    }
  }
  return 0;
}

}  // namespace scry::trace
