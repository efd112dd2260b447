// The i386 table (int $0x80 from a 64-bit process): strace 6.1's names and numbers, 32-bit
// arguments and return values.
#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeAbi, I386TableNamesAndNumbers) {
  const std::pair<long, const char*> rows[] = {{1, "exit"},
                                               {4, "write"},
                                               {20, "getpid"},
                                               {82, "select"},
                                               {90, "mmap"},
                                               {102, "socketcall"},
                                               {140, "_llseek"},
                                               {142, "_newselect"},
                                               {192, "mmap2"},
                                               {195, "stat64"},
                                               {252, "exit_group"},
                                               {300, "fstatat64"},
                                               {403, "clock_gettime64"},
                                               {435, "clone3"},
                                               {450, "set_mempolicy_home_node"},
                                               {469, "file_setattr"}};
  for (auto [nr, name] : rows) {
    const SyscallEntry* e = syscall_entry(Abi::I386, nr);
    ASSERT_NE(e, nullptr) << nr;
    EXPECT_STREQ(e->name, name);
    EXPECT_EQ(syscall_number(Abi::I386, name), nr);
  }
  for (long nr : {222L, 223L, 251L, 285L, 387L, 415L, 470L, 500L, -1L})
    EXPECT_EQ(syscall_entry(Abi::I386, nr), nullptr) << nr;
  EXPECT_EQ(syscall_count(Abi::I386), 470u);
  // The same number means different syscalls in the two tables.
  EXPECT_STREQ(syscall_entry(Abi::X86_64, 4)->name, "stat");
}

// Decodes one i386 call with 32-bit arguments.
std::string i386_line(MemoryReader& mem, long nr, std::initializer_list<std::uint64_t> args,
                      std::int64_t ret, bool is_error = false) {
  SyscallCall call;
  call.nr = nr;
  call.abi = Abi::I386;
  call.entry = syscall_entry(Abi::I386, nr);
  std::size_t i = 0;
  for (std::uint64_t a : args) call.args[i++] = a;
  DecodeOptions opt;
  OutBuf line;
  DecodeCtx ectx{mem, opt, line, call};
  print_syscall_name(line, nr, call.entry);
  line.put('(');
  const int from = decode_syscall_entry(ectx);
  call.ret = ret;
  call.is_error = is_error;
  DecodeCtx xctx{mem, opt, line, call};
  xctx.exiting = true;
  decode_syscall_exit(xctx, from);
  OutBuf r;
  DecodeCtx rctx{mem, opt, r, call};
  rctx.exiting = true;
  print_return(rctx);
  return std::string(line.view()) + " = " + std::string(r.view());
}

TEST(DecodeAbi, I386CallsPrintLikeStrace) {
  FakeMemory mem;
  mem.map(0x416bd000, "int80\n");
  EXPECT_EQ(i386_line(mem, 20, {}, 30274), "getpid() = 30274");
  EXPECT_EQ(i386_line(mem, 4, {1, 0x416bd000, 6}, 6), "write(1, \"int80\\n\", 6) = 6");
  EXPECT_EQ(i386_line(mem, 1, {0}, 0), "exit(0) = ?");
  // Hex results are 32 bits wide; a -1 argument is an int.
  EXPECT_EQ(i386_line(mem, 192, {0, 4096, 3, 0x22, 0xffffffff, 0}, 0xf7f00000),
            "mmap2(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
            "0xf7f00000");
  EXPECT_EQ(i386_line(mem, 4, {1, 0x1, 6}, -14, true),
            "write(1, 0x1, 6) = -1 EFAULT (Bad address)");
  // Unknown numbers print as strace's syscall_0x… with the six registers.
  EXPECT_EQ(i386_line(mem, 222, {}, -38, true),
            "syscall_0xde(0, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)");
}

}  // namespace
}  // namespace scry::test
