// Helpers for the decoder tests: run a syscall through decode_syscall_entry/exit/print_return
// over a FakeMemory and get strace's line back ("name(args) = ret", without the padding).
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <string>

#include "fake_memory.hpp"
#include "scry/decode.hpp"
#include "scry/syscall_table.hpp"

namespace scry::test {

class FakeFds final : public FdResolver {
 public:
  std::map<int, std::string> paths;
  bool fd_path(int fd, OutBuf& out) override {
    auto it = paths.find(fd);
    if (it == paths.end()) return false;
    out.put(it->second);
    return true;
  }
};

struct SyscallRun {
  std::string entry;  // "name(args, " as printed at entry
  std::string exit;   // the rest, ending with ")"
  std::string ret;    // after "= "
  std::string line() const { return entry + exit + " = " + ret; }
};

constexpr std::int64_t kEfault = -14;  // -errno returns
constexpr std::int64_t kEinval = -22;
// One mapped page of zeros at kPage; kEnd is the first unmapped byte after it (for structures
// cut short by the end of readable memory).
constexpr std::uint64_t kPage = 0x10000000;
constexpr std::uint64_t kEnd = 0x10001000;
inline FakeMemory page() {
  FakeMemory mem;
  static const unsigned char zeros[4096] = {};
  mem.map(kPage, zeros, sizeof zeros);
  return mem;
}

// Options with -X set to s.
inline DecodeOptions with_xlat(XlatStyle s) {
  DecodeOptions o;
  o.xlat = s;
  return o;
}

// A negative argument as the register holds it.
constexpr std::uint64_t kNeg(std::int64_t v) {
  return static_cast<std::uint64_t>(v);
}

inline long nr_of(const char* name) {
  auto n = syscall_number(Abi::X86_64, name);
  return n ? *n : -1;
}

// Decodes one syscall: entry, then exit with ret (negative errno when is_error). between, when
// set, runs after the entry (the kernel's writes: a moved offset, a returned length).
inline SyscallRun run_syscall(MemoryReader& mem, long nr, std::initializer_list<std::uint64_t> args,
                              std::int64_t ret, bool is_error = false, DecodeOptions opt = {},
                              FdResolver* fds = nullptr, std::uint64_t sp = 0,
                              const std::function<void()>& between = nullptr) {
  SyscallCall call;
  call.nr = nr;
  call.entry = syscall_entry(Abi::X86_64, nr);
  std::size_t i = 0;
  for (std::uint64_t a : args) call.args[i++] = a;
  call.sp = sp;
  OutBuf line;
  SyscallRun r;
  DecodeCtx ectx{mem, opt, line, call, fds};
  print_syscall_name(line, nr, call.entry);
  line.put('(');
  int from = decode_syscall_entry(ectx);
  r.entry = std::string(line.view());
  if (between) between();
  call.ret = ret;
  call.is_error = is_error;
  line.clear();
  OutBuf aux;
  DecodeCtx xctx{mem, opt, line, call, fds};
  xctx.exiting = true;
  xctx.aux = &aux;
  decode_syscall_exit(xctx, from);
  r.exit = std::string(line.view());
  OutBuf retbuf;
  DecodeCtx rctx{mem, opt, retbuf, call, fds};
  rctx.exiting = true;
  rctx.aux = &aux;
  rctx.ret_kind = xctx.ret_kind;
  rctx.ret_set = xctx.ret_set;
  print_return(rctx);
  r.ret = std::string(retbuf.view());
  return r;
}

inline std::string line_of(MemoryReader& mem, const char* name,
                           std::initializer_list<std::uint64_t> args, std::int64_t ret,
                           bool is_error = false, DecodeOptions opt = {},
                           FdResolver* fds = nullptr) {
  return run_syscall(mem, nr_of(name), args, ret, is_error, opt, fds).line();
}

}  // namespace scry::test
