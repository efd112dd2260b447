// Return values, errno names and messages, signal names, flags and the syscall name.
#include <gtest/gtest.h>

#include "decode/decode_impl.hpp"
#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeReturn, Formats) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "close", {3}, 0), "close(3) = 0");
  EXPECT_EQ(line_of(mem, "close", {99}, -9, true), "close(99) = -1 EBADF (Bad file descriptor)");
  EXPECT_EQ(line_of(mem, "brk", {0}, 0x55c53ffac000), "brk(NULL) = 0x55c53ffac000");
  EXPECT_EQ(line_of(mem, "umask", {022}, 022), "umask(022) = 022");
  EXPECT_EQ(line_of(mem, "umask", {0}, 0), "umask(000) = 000");
  EXPECT_EQ(line_of(mem, "exit_group", {0}, 0), "exit_group(0) = ?");
  EXPECT_EQ(line_of(mem, "getpid", {}, 4242), "getpid() = 4242");
  EXPECT_EQ(line_of(mem, "dup", {1}, 5), "dup(1) = 5");
}

TEST(DecodeReturn, Restarts) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "pause", {}, -512, true),
            "pause() = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
  EXPECT_EQ(line_of(mem, "pause", {}, -513, true), "pause() = ? ERESTARTNOINTR (To be restarted)");
  EXPECT_EQ(line_of(mem, "pause", {}, -514, true),
            "pause() = ? ERESTARTNOHAND (To be restarted if no handler)");
  EXPECT_EQ(line_of(mem, "pause", {}, -516, true),
            "pause() = ? ERESTART_RESTARTBLOCK (Interrupted by signal)");
  EXPECT_EQ(line_of(mem, "pause", {}, -515, true), "pause() = -1 ENOIOCTLCMD (Unknown error 515)");
  EXPECT_EQ(line_of(mem, "pause", {}, -41, true), "pause() = -1 (errno 41)");
  EXPECT_EQ(line_of(mem, "pause", {}, -600, true), "pause() = -1 (errno 600)");
}

TEST(DecodeReturn, ErrnoNames) {
  EXPECT_STREQ(errno_name(2), "ENOENT");
  EXPECT_STREQ(errno_name(11), "EAGAIN");
  EXPECT_STREQ(errno_name(35), "EDEADLK");
  EXPECT_STREQ(errno_name(95), "EOPNOTSUPP");
  EXPECT_STREQ(errno_name(133), "EHWPOISON");
  EXPECT_STREQ(errno_name(512), "ERESTARTSYS");
  EXPECT_STREQ(errno_name(530), "ERECALLCONFLICT");
  EXPECT_EQ(errno_name(0), nullptr);
  EXPECT_EQ(errno_name(41), nullptr);
  EXPECT_EQ(errno_name(531), nullptr);
  EXPECT_EQ(errno_name(-1), nullptr);
  EXPECT_STREQ(errno_message(2), "No such file or directory");
  EXPECT_STREQ(errno_message(25), "Inappropriate ioctl for device");
  EXPECT_STREQ(errno_message(111), "Connection refused");
}

TEST(DecodeReturn, UnknownSyscall) {
  FakeMemory mem;
  // Real strace 6.1: syscall_0x3e8(0x1, 0x7fff0000, 0xffffffffffffff80, 0x5, 0x6, 0x1)
  SyscallRun r = run_syscall(mem, 1000, {1, 0x7fff0000, 0xffffffffffffff80, 5, 6, 1}, -38, true);
  EXPECT_EQ(r.line(),
            "syscall_0x3e8(0x1, 0x7fff0000, 0xffffffffffffff80, 0x5, 0x6, 0x1) = -1 ENOSYS "
            "(Function not implemented)");
  r = run_syscall(mem, -5, {0, 0, 0, 0, 0, 0}, -38, true);
  EXPECT_EQ(r.entry, "syscall_0xfffffffffffffffb(0, 0, 0, 0, 0, 0");
  OutBuf out;
  print_syscall_name(out, 0, nullptr);
  EXPECT_EQ(out.view(), "syscall_0x0");
}

TEST(DecodeSignals, Names) {
  auto name = [](int sig) {
    OutBuf out;
    print_signal_name(out, sig);
    return std::string(out.view());
  };
  EXPECT_EQ(name(1), "SIGHUP");
  EXPECT_EQ(name(17), "SIGCHLD");
  EXPECT_EQ(name(31), "SIGSYS");
  EXPECT_EQ(name(32), "SIGRTMIN");
  EXPECT_EQ(name(33), "SIGRT_1");
  EXPECT_EQ(name(35), "SIGRT_3");  // kill -35: strace prints SIGRT_3
  EXPECT_EQ(name(64), "SIGRT_32");
  EXPECT_EQ(name(0), "0");
  EXPECT_EQ(name(65), "65");
  EXPECT_EQ(name(-3), "-3");
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "kill", {4602, 0}, 0), "kill(4602, 0) = 0");
  EXPECT_EQ(line_of(mem, "kill", {4602, 35}, 0), "kill(4602, SIGRT_3) = 0");
}

TEST(DecodeSignals, Masks) {
  auto mask = [](std::uint64_t m, std::size_t bytes = 8) {
    OutBuf out;
    dec::print_sigmask(out, &m, bytes);
    return std::string(out.view());
  };
  EXPECT_EQ(mask(0), "[]");
  EXPECT_EQ(mask((1ull << 1) | (1ull << 14)), "[INT TERM]");
  // rt_sigprocmask(SIG_BLOCK, [INT RT_2 RT_8], NULL, 8) for INT, 34, 40
  EXPECT_EQ(mask((1ull << 1) | (1ull << 33) | (1ull << 39)), "[INT RT_2 RT_8]");
  // sa_mask=~[INT RTMIN RT_1]: everything except INT, 32, 33
  EXPECT_EQ(mask(~((1ull << 1) | (1ull << 31) | (1ull << 32))), "~[INT RTMIN RT_1]");
  EXPECT_EQ(mask(~0ull), "~[]");
  EXPECT_EQ(mask(1ull << 63), "[RT_32]");
  // 4-byte masks: 2/3 of 32 bits decide the inversion.
  EXPECT_EQ(mask(0xfffffffe, 4), "~[HUP]");
}

TEST(DecodeFlags, PrintFlagsAndEnums) {
  const FlagSet* prot = dec::find_set("prot");
  ASSERT_NE(prot, nullptr);
  auto flags = [](const FlagSet& s, std::uint64_t v) {
    OutBuf out;
    print_flags(out, s, v);
    return std::string(out.view());
  };
  EXPECT_EQ(flags(*prot, 0), "PROT_NONE");
  EXPECT_EQ(flags(*prot, 3), "PROT_READ|PROT_WRITE");
  EXPECT_EQ(flags(*prot, 0x80000001), "PROT_READ|0x80000000");
  EXPECT_EQ(flags(*prot, 0x80000000), "0x80000000 /* PROT_??? */");
  const FlagSet* whence = dec::find_set("whence");
  ASSERT_NE(whence, nullptr);
  OutBuf out;
  print_enum(out, *whence, 1);
  EXPECT_EQ(out.view(), "SEEK_CUR");
  out.clear();
  print_enum(out, *whence, 9);
  EXPECT_EQ(out.view(), "0x9 /* SEEK_??? */");
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "lseek", {3, 0, 9}, -22, true),
            "lseek(3, 0, 0x9 /* SEEK_??? */) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "mprotect", {0x7f0000, 4096, 0}, 0),
            "mprotect(0x7f0000, 4096, PROT_NONE) = 0");
  // access(2): the zero name F_OK.
  mem.map_cstr(0x1000, "/etc/ld.so.preload");
  EXPECT_EQ(line_of(mem, "access", {0x1000, 4}, -2, true),
            "access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)");
  EXPECT_EQ(line_of(mem, "access", {0x1000, 0}, 0), "access(\"/etc/ld.so.preload\", F_OK) = 0");
}

TEST(DecodeFlags, OpenFlagsAndMode) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/etc/passwd");
  const std::uint64_t cwd = static_cast<std::uint64_t>(-100);
  EXPECT_EQ(line_of(mem, "openat", {cwd, 0x1000, 0x80000}, 3),
            "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3");
  // ls: O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY
  EXPECT_EQ(line_of(mem, "openat", {cwd, 0x1000, 0x80000 | 04000 | 0200000, 0777}, 3),
            "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY) = 3");
  // The mode prints only with O_CREAT or O_TMPFILE.
  EXPECT_EQ(line_of(mem, "openat", {cwd, 0x1000, 01 | 0100 | 01000, 0644}, 3),
            "openat(AT_FDCWD, \"/etc/passwd\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3");
  EXPECT_EQ(line_of(mem, "openat", {cwd, 0x1000, 02 | 020200000, 0600}, 3),
            "openat(AT_FDCWD, \"/etc/passwd\", O_RDWR|O_TMPFILE, 0600) = 3");
  EXPECT_EQ(line_of(mem, "open", {0x1000, 0100, 0}, -13, true),
            "open(\"/etc/passwd\", O_RDONLY|O_CREAT, 000) = -1 EACCES (Permission denied)");
  EXPECT_EQ(
      line_of(mem, "openat", {cwd, 0x1000, 3 | 0x40000000}, -22, true),
      "openat(AT_FDCWD, \"/etc/passwd\", O_ACCMODE|0x40000000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "mkdir", {0x1000, 0755}, 0), "mkdir(\"/etc/passwd\", 0755) = 0");
  EXPECT_EQ(line_of(mem, "chmod", {0x1000, 04755}, 0), "chmod(\"/etc/passwd\", 04755) = 0");
}

TEST(DecodeFlags, MmapAndClone) {
  FakeMemory mem;
  EXPECT_EQ(
      line_of(mem, "mmap", {0, 8192, 3, 0x22, static_cast<std::uint64_t>(-1), 0}, 0x7f7986a9a000),
      "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f7986a9a000");
  EXPECT_EQ(line_of(mem, "mmap", {0x7f0000, 4096, 5, 0x812, 3, 0x1000}, 0x7f0000),
            "mmap(0x7f0000, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, "
            "0x1000) = 0x7f0000");
  EXPECT_EQ(line_of(mem, "mmap",
                    {0, 4096, 1, 0x22 | (21u << 26), static_cast<std::uint64_t>(-1), 0}, -12, true),
            "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|21<<MAP_HUGE_SHIFT, -1, 0) = -1 "
            "ENOMEM (Cannot allocate memory)");
  EXPECT_EQ(line_of(mem, "mmap", {0, 4096, 1, 0xf, 3, 0}, -22, true),
            "mmap(NULL, 4096, PROT_READ, 0xf /* MAP_??? */, 3, 0) = -1 EINVAL (Invalid argument)");
}

}  // namespace
}  // namespace scry::test

namespace scry::test {
namespace {
TEST(DecodeFlags, EverySetTheDecodersUseExists) {
  for (const char* const* n = dec::kUsedSetNames; *n != nullptr; ++n)
    EXPECT_NE(dec::find_set(*n), nullptr) << "data/flags/" << *n << ".txt is missing";
}
}  // namespace
}  // namespace scry::test

namespace scry::test {
namespace {
TEST(DecodeFlags, UnknownBitsDefaultTexts) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/x");
  // Real strace 6.1 output.
  EXPECT_EQ(line_of(mem, "access", {0x1000, 8}, -22, true),
            "access(\"/x\", 0x8 /* ?_OK */) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "access", {0x1000, 9}, -22, true),
            "access(\"/x\", X_OK|0x8) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "wait4", {static_cast<std::uint64_t>(-1), 0, 0x100, 0}, -22, true),
            "wait4(-1, NULL, 0x100 /* W??? */, NULL) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "lseek", {0, 0, 7}, -22, true),
            "lseek(0, 0, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "faccessat", {static_cast<std::uint64_t>(-100), 0x1000, 0x10}, -22, true),
            "faccessat(AT_FDCWD, \"/x\", 0x10 /* ?_OK */) = -1 EINVAL (Invalid argument)");
}
}  // namespace
}  // namespace scry::test
