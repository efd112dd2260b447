// The hand-written decoders: ioctl, fcntl, futex, prctl, arch_prctl, clone, clone3, select,
// mknod, mremap, rt_sigreturn. Expected strings are real strace 6.1 output.
#include <linux/futex.h>
#include <linux/sched.h>
#include <sys/prctl.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

struct KTermios {
  std::uint32_t i, o, c, l;
  std::uint8_t line;
  std::uint8_t cc[19];
};

KTermios tty_termios() {
  KTermios t{};
  t.i = 0400 | 02000;                                       // ICRNL|IXON
  t.o = 1 | 4;                                              // OPOST|ONLCR
  t.c = 017 | 060 | 0200;                                   // B38400|CS8|CREAD
  t.l = 1 | 2 | 010 | 020 | 040 | 0100000 | 01000 | 04000;  // ISIG..ECHOKE
  const std::uint8_t cc[19] = {3,    0x1c, 0x7f, 0x15, 4,    0,    1, 0, 0x11, 0x13,
                               0x1a, 0,    0x12, 0xf,  0x17, 0x16, 0, 0, 0};
  std::memcpy(t.cc, cc, sizeof cc);
  return t;
}

constexpr const char* kTermiosAbbrev =
    "{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, "
    "c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}";

TEST(DecodeIoctl, Terminal) {
  FakeMemory mem;
  KTermios t = tty_termios();
  mem.map_obj(0x1000, t);
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5401, 0x1000}, 0),
            std::string("ioctl(0, TCGETS, ") + kTermiosAbbrev + ") = 0");
  SyscallRun r = run_syscall(mem, nr_of("ioctl"), {0, 0x5401, 0x1000}, 0);
  EXPECT_EQ(r.entry, "ioctl(0, TCGETS");  // strace: "ioctl(0, TCGETS <unfinished ...>"
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5402, 0x1000}, 0),
            std::string("ioctl(0, SNDCTL_TMR_START or TCSETS, ") + kTermiosAbbrev + ") = 0");
  DecodeOptions v;
  v.verbose = true;
  EXPECT_EQ(
      line_of(mem, "ioctl", {0, 0x5401, 0x1000}, 0, false, v),
      "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
      "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, "
      "c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, [VEOF]=0x4, "
      "[VTIME]=0, [VMIN]=0x1, [VSWTC]=0, [VSTART]=0x11, [VSTOP]=0x13, [VSUSP]=0x1a, [VEOL]=0, "
      "[VREPRINT]=0x12, [VDISCARD]=0xf, [VWERASE]=0x17, [VLNEXT]=0x16, [VEOL2]=0, [17]=0, "
      "[18]=0]}) = 0");
  // Not a terminal: the address.
  EXPECT_EQ(line_of(mem, "ioctl", {3, 0x5401, 0x7ffcc9ca8b50}, -25, true),
            "ioctl(3, TCGETS, 0x7ffcc9ca8b50) = -1 ENOTTY (Inappropriate ioctl for device)");
  KTermios zero{};
  mem.map_obj(0x2000, zero);
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5402, 0x2000}, -25, true),
            "ioctl(0, SNDCTL_TMR_START or TCSETS, {c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, "
            "c_cflag=B0|CS5|, c_lflag=, ...}) = -1 ENOTTY (Inappropriate ioctl for device)");
  std::uint16_t ws[4] = {24, 80, 0, 0};
  mem.map_obj(0x3000, ws);
  EXPECT_EQ(line_of(mem, "ioctl", {1, 0x5413, 0x3000}, 0),
            "ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {3, 0x5413, 0x7ffcc9ca8b48}, -25, true),
            "ioctl(3, TIOCGWINSZ, 0x7ffcc9ca8b48) = -1 ENOTTY (Inappropriate ioctl for device)");
  int pg = 7153;
  mem.map_obj(0x4000, pg);
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x540f, 0x4000}, 0), "ioctl(0, TIOCGPGRP, [7153]) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5410, 0x4000}, 0), "ioctl(0, TIOCSPGRP, [7153]) = 0");
  int one = 1;
  mem.map_obj(0x5000, one);
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5421, 0x5000}, 0), "ioctl(0, FIONBIO, [1]) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x541b, 0x5000}, 0), "ioctl(0, FIONREAD, [1]) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5451, 0}, 0), "ioctl(0, FIOCLEX) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5450, 0}, 0), "ioctl(0, FIONCLEX) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x540b, 2}, 0), "ioctl(0, TCFLSH, TCIOFLUSH) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x540a, 1}, 0), "ioctl(0, TCXONC, TCOON) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x540e, 0}, -1, true),
            "ioctl(0, TIOCSCTTY, 0) = -1 EPERM (Operation not permitted)");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x5409, 1}, 0), "ioctl(0, TCSBRK, 1) = 0");
}

TEST(DecodeIoctl, UnknownRequests) {
  FakeMemory mem;
  EXPECT_EQ(
      line_of(mem, "ioctl", {0, 0x1234, 5}, -25, true),
      "ioctl(0, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0x5) = -1 ENOTTY (Inappropriate ioctl for device)");
  EXPECT_EQ(line_of(mem, "ioctl", {0, 0x80047803, 0x7ffcc9ca8b44}, -25, true),
            "ioctl(0, _IOC(_IOC_READ, 0x78, 0x3, 0x4), 0x7ffcc9ca8b44) = -1 ENOTTY (Inappropriate "
            "ioctl for device)");
}

TEST(DecodeFcntl, Commands) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "fcntl", {12, 1}, 0), "fcntl(12, F_GETFD) = 0");
  EXPECT_EQ(line_of(mem, "fcntl", {12, 1}, 1), "fcntl(12, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
  EXPECT_EQ(line_of(mem, "fcntl", {12, 2, 1}, 0), "fcntl(12, F_SETFD, FD_CLOEXEC) = 0");
  EXPECT_EQ(line_of(mem, "fcntl", {12, 3}, 0x8000),
            "fcntl(12, F_GETFL) = 0x8000 (flags O_RDONLY|O_LARGEFILE)");
  EXPECT_EQ(line_of(mem, "fcntl", {1, 3}, 0x8002),
            "fcntl(1, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)");
  EXPECT_EQ(line_of(mem, "fcntl", {3, 4, 0x800 | 2}, 0),
            "fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0");
  EXPECT_EQ(line_of(mem, "fcntl", {12, 1030, 10}, 13), "fcntl(12, F_DUPFD_CLOEXEC, 10) = 13");
  EXPECT_EQ(line_of(mem, "fcntl", {99, 1}, -9, true),
            "fcntl(99, F_GETFD) = -1 EBADF (Bad file descriptor)");
  struct {
    std::int16_t type, whence;
    std::int64_t start, len;
    std::int32_t pid, pad;
  } fl{2, 0, 0, 0, 0, 0};  // F_UNLCK
  mem.map_obj(0x1000, fl);
  EXPECT_EQ(
      line_of(mem, "fcntl", {12, 5, 0x1000}, 0),
      "fcntl(12, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=0, l_pid=0}) = 0");
  fl.type = 1;  // F_WRLCK
  mem.map_obj(0x1000, fl);
  EXPECT_EQ(line_of(mem, "fcntl", {12, 6, 0x1000}, 0),
            "fcntl(12, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0}) = 0");
  EXPECT_EQ(line_of(mem, "fcntl", {12, 0x7777, 5}, -22, true),
            "fcntl(12, 0x7777 /* F_??? */, 0x5) = -1 EINVAL (Invalid argument)");
  FakeFds fds;
  fds.paths[13] = "/etc/passwd";
  DecodeOptions y;
  y.decode_fds = true;
  EXPECT_EQ(line_of(mem, "fcntl", {13, 0, 10}, 13, false, y, &fds),
            "fcntl(13</etc/passwd>, F_DUPFD, 10) = 13</etc/passwd>");
}

TEST(DecodeFutex, Ops) {
  FakeMemory mem;
  std::int64_t ts[2] = {0, 1000};
  mem.map_obj(0x1000, ts);
  const std::uint64_t f = 0x7ffdb5ad4cb4;
  EXPECT_EQ(line_of(mem, "futex", {f, FUTEX_WAKE_PRIVATE, 2147483647, 0, 0, 0}, 0),
            "futex(0x7ffdb5ad4cb4, FUTEX_WAKE_PRIVATE, 2147483647) = 0");
  EXPECT_EQ(line_of(mem, "futex",
                    {f, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, 0x1000, 0, 0xffffffff},
                    -11, true),
            "futex(0x7ffdb5ad4cb4, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 1, "
            "{tv_sec=0, tv_nsec=1000}, FUTEX_BITSET_MATCH_ANY) = -1 EAGAIN (Resource temporarily "
            "unavailable)");
  EXPECT_EQ(line_of(mem, "futex", {f, FUTEX_WAIT_PRIVATE, 0, 0x1000, 0, 0}, -110, true),
            "futex(0x7ffdb5ad4cb4, FUTEX_WAIT_PRIVATE, 0, {tv_sec=0, tv_nsec=1000}) = -1 ETIMEDOUT "
            "(Connection timed out)");
  EXPECT_EQ(line_of(mem, "futex", {f, FUTEX_WAIT_PRIVATE, 2, 0, 0, 0}, 0),
            "futex(0x7ffdb5ad4cb4, FUTEX_WAIT_PRIVATE, 2, NULL) = 0");
  EXPECT_EQ(
      line_of(mem, "futex",
              {f, FUTEX_WAKE_OP_PRIVATE, 1, 1, f, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 0)},
              0),
      "futex(0x7ffdb5ad4cb4, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x7ffdb5ad4cb4, "
      "FUTEX_OP_ADD<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0) = 0");
  EXPECT_EQ(line_of(mem, "futex", {f, 0x555, 1, 0, 0, 0}, -38, true),
            "futex(0x7ffdb5ad4cb4, 0x555 /* FUTEX_??? */, 1, NULL, NULL, 0) = -1 ENOSYS (Function "
            "not implemented)");
}

TEST(DecodePrctl, Options) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "hello-world-name-long");
  EXPECT_EQ(line_of(mem, "prctl", {PR_SET_NAME, 0x1000}, 0),
            "prctl(PR_SET_NAME, \"hello-world-nam\"...) = 0");
  mem.map_cstr(0x2000, "hello-world-nam");
  EXPECT_EQ(line_of(mem, "prctl", {PR_GET_NAME, 0x2000}, 0),
            "prctl(PR_GET_NAME, \"hello-world-nam\") = 0");
  EXPECT_EQ(line_of(mem, "prctl", {PR_SET_PDEATHSIG, 15}, 0),
            "prctl(PR_SET_PDEATHSIG, SIGTERM) = 0");
  EXPECT_EQ(line_of(mem, "prctl", {PR_GET_DUMPABLE}, 1),
            "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
  DecodeOptions xv;
  xv.xlat = XlatStyle::Verbose;
  EXPECT_EQ(line_of(mem, "prctl", {PR_SET_DUMPABLE, 0}, 0, false, xv),
            "prctl(0x4 /* PR_SET_DUMPABLE */, 0 /* SUID_DUMP_DISABLE */) = 0");
  EXPECT_EQ(line_of(mem, "prctl", {PR_SET_DUMPABLE, 1}, 0),
            "prctl(PR_SET_DUMPABLE, SUID_DUMP_USER) = 0");
  EXPECT_EQ(line_of(mem, "prctl", {PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0}, 0),
            "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
  EXPECT_EQ(line_of(mem, "prctl", {PR_CAPBSET_READ, 21}, 1),
            "prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) = 1");
  EXPECT_EQ(line_of(mem, "prctl", {PR_CAPBSET_READ, 0x30}, -22, true),
            "prctl(PR_CAPBSET_READ, 0x30 /* CAP_??? */) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "prctl", {0x12345, 1, 2, 3, 4}, -22, true),
            "prctl(0x12345 /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)");
  int sig = 15;
  mem.map_obj(0x3000, sig);
  EXPECT_EQ(line_of(mem, "prctl", {PR_GET_PDEATHSIG, 0x3000}, 0),
            "prctl(PR_GET_PDEATHSIG, [SIGTERM]) = 0");
  std::uint64_t fs = 0x7fa080030740;
  mem.map_obj(0x4000, fs);
  EXPECT_EQ(line_of(mem, "arch_prctl", {0x1003, 0x4000}, 0),
            "arch_prctl(ARCH_GET_FS, [0x7fa080030740]) = 0");
  EXPECT_EQ(line_of(mem, "arch_prctl", {0x1002, 0x7ffff7d08800}, 0),
            "arch_prctl(ARCH_SET_FS, 0x7ffff7d08800) = 0");
  EXPECT_EQ(line_of(mem, "arch_prctl", {0x3001, 0}, -22, true),
            "arch_prctl(0x3001 /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeClone, Clone) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "clone", {0x01200000 | 17, 0, 0, 0x7f8887010a10, 0}, 22398),
            "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
            "child_tidptr=0x7f8887010a10) = 22398");
  EXPECT_EQ(line_of(mem, "clone", {17, 0, 0, 0, 0}, 5),
            "clone(child_stack=NULL, flags=SIGCHLD) = 5");
  SyscallRun r = run_syscall(mem, nr_of("clone"), {0x01200000 | 17, 0, 0, 0x7f8887010a10, 0}, 5);
  EXPECT_EQ(r.entry,
            "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
  // A thread: CLONE_VM|...|CLONE_SETTLS|CLONE_PARENT_SETTID.
  int tid = 777;
  mem.map_obj(0x1000, tid);
  EXPECT_EQ(
      line_of(mem, "clone", {0x3d0f00, 0x7f0000, 0x1000, 0x1000, 0x7f1000}, 777),
      "clone(child_stack=0x7f0000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
      "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[777], "
      "tls=0x7f1000, child_tidptr=0x1000) = 777");
}

TEST(DecodeClone, Clone3) {
  FakeMemory mem;
  struct clone_args cb {};
  cb.flags = CLONE_PARENT_SETTID;
  cb.parent_tid = 0x2000;
  cb.exit_signal = 17;
  mem.map_obj(0x1000, cb);
  int ptid = 6496;
  mem.map_obj(0x2000, ptid);
  EXPECT_EQ(
      line_of(mem, "clone3", {0x1000, 88}, 6496),
      "clone3({flags=CLONE_PARENT_SETTID, parent_tid=0x2000, exit_signal=SIGCHLD, stack=NULL, "
      "stack_size=0} => {parent_tid=[6496]}, 88) = 6496");
  EXPECT_EQ(line_of(mem, "clone3", {0x1000, 40}, -22, true),
            "clone3(0x1000, 40) = -1 EINVAL (Invalid argument)");
  cb.flags = CLONE_VM | CLONE_VFORK;
  cb.stack = 0x7f0000;
  cb.stack_size = 0x9000;
  mem.map_obj(0x1000, cb);
  EXPECT_EQ(line_of(mem, "clone3", {0x1000, 88}, 42),
            "clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7f0000, "
            "stack_size=0x9000}, 88) = 42");
  EXPECT_EQ(line_of(mem, "clone3", {0x9000, 88}, -14, true),
            "clone3(0x9000, 88) = -1 EFAULT (Bad address)");
}

TEST(DecodeMisc, SelectMknodMremap) {
  FakeMemory mem;
  std::uint64_t rset = 1 | 8;
  mem.map_obj(0x1000, rset);
  std::int64_t ts[2] = {0, 100000};
  mem.map_obj(0x2000, ts);
  EXPECT_EQ(line_of(mem, "pselect6", {4, 0x1000, 0, 0, 0x2000, 0}, -9, true),
            "pselect6(4, [0 3], NULL, NULL, {tv_sec=0, tv_nsec=100000}, NULL) = -1 EBADF (Bad file "
            "descriptor)");
  std::uint64_t wset = 2;
  mem.map_obj(0x3000, wset);
  std::int64_t left[2] = {0, 98197};
  SyscallCall call;
  (void)call;
  // The kernel updates the timeout before the exit.
  SyscallRun r = run_syscall(mem, nr_of("pselect6"), {2, 0, 0x3000, 0, 0x2000, 0}, 1);
  EXPECT_EQ(r.line(),
            "pselect6(2, NULL, [1], NULL, {tv_sec=0, tv_nsec=100000}, NULL) = 1 (out [1], left "
            "{tv_sec=0, tv_nsec=100000})");
  mem.map_obj(0x2000, left);
  EXPECT_EQ(line_of(mem, "pselect6", {2, 0, 0x3000, 0, 0x2000, 0}, 0),
            "pselect6(2, NULL, [1], NULL, {tv_sec=0, tv_nsec=98197}, NULL) = 0 (Timeout)");
  mem.map_cstr(0x4000, "/tmp/st/nod");
  EXPECT_EQ(line_of(mem, "mknodat", {static_cast<std::uint64_t>(-100), 0x4000, 010644, 0}, 0),
            "mknodat(AT_FDCWD, \"/tmp/st/nod\", S_IFIFO|0644) = 0");
  EXPECT_EQ(line_of(mem, "mknodat", {static_cast<std::uint64_t>(-100), 0x4000, 020600, 0x103}, 0),
            "mknodat(AT_FDCWD, \"/tmp/st/nod\", S_IFCHR|0600, makedev(0x1, 0x3)) = 0");
  EXPECT_EQ(line_of(mem, "mremap", {0x7fa08021e000, 8192, 16384, 1}, 0x7fa08021a000),
            "mremap(0x7fa08021e000, 8192, 16384, MREMAP_MAYMOVE) = 0x7fa08021a000");
  EXPECT_EQ(line_of(mem, "mremap", {0x7fa08021e000, 4096, 4096, 3, 0x7fa08031e000}, -14, true),
            "mremap(0x7fa08021e000, 4096, 4096, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7fa08031e000) = -1 "
            "EFAULT (Bad address)");
}

TEST(DecodeMisc, RtSigreturnReadsTheFrameMask) {
  FakeMemory mem;
  std::uint64_t mask = 1ull << 1;  // [INT]
  const std::uint64_t sp = 0x7ffd0000;
  mem.map_obj(sp + 296, mask);
  SyscallRun r = run_syscall(mem, nr_of("rt_sigreturn"), {}, 21, false, {}, nullptr, sp);
  EXPECT_EQ(r.line(), "rt_sigreturn({mask=[INT]}) = 21");
  r = run_syscall(mem, nr_of("rt_sigreturn"), {}, 0, false, {}, nullptr, 0x1000);
  EXPECT_EQ(r.line(), "rt_sigreturn({mask=0x1128}) = 0");
}

}  // namespace
}  // namespace scry::test
