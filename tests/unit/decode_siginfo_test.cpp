// siginfo_t as strace prints it in "--- SIG {...} ---".
#include <linux/audit.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

std::string si_text(const siginfo_t& si) {
  OutBuf out;
  print_siginfo(out, si);
  return std::string(out.view());
}

siginfo_t make(int signo, int code) {
  siginfo_t si;
  std::memset(&si, 0, sizeof si);
  si.si_signo = signo;
  si.si_code = code;
  return si;
}

TEST(DecodeSiginfo, Chld) {
  siginfo_t si = make(SIGCHLD, CLD_EXITED);
  si.si_pid = 1925;
  si.si_uid = 0;
  si.si_status = 0;
  EXPECT_EQ(si_text(si),
            "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1925, si_uid=0, si_status=0, "
            "si_utime=0, si_stime=0}");
  si = make(SIGCHLD, CLD_KILLED);
  si.si_pid = 22399;
  si.si_status = SIGTERM;
  EXPECT_EQ(si_text(si),
            "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=22399, si_uid=0, si_status=SIGTERM, "
            "si_utime=0, si_stime=0}");
  if (sysconf(_SC_CLK_TCK) == 100) {
    si = make(SIGCHLD, CLD_EXITED);
    si.si_pid = 30012;
    si.si_utime = 42;
    EXPECT_EQ(si_text(si),
              "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=30012, si_uid=0, si_status=0, "
              "si_utime=42 /* 0.42 s */, si_stime=0}");
    si.si_utime = 250;
    si.si_stime = 7;
    EXPECT_EQ(si_text(si),
              "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=30012, si_uid=0, si_status=0, "
              "si_utime=250 /* 2.50 s */, si_stime=7 /* 0.07 s */}");
  }
}

TEST(DecodeSiginfo, UserAndKernel) {
  siginfo_t si = make(SIGTERM, SI_USER);
  si.si_pid = 4602;
  EXPECT_EQ(si_text(si), "{si_signo=SIGTERM, si_code=SI_USER, si_pid=4602, si_uid=0}");
  si = make(35, SI_USER);
  si.si_pid = 4602;
  EXPECT_EQ(si_text(si), "{si_signo=SIGRT_3, si_code=SI_USER, si_pid=4602, si_uid=0}");
  si = make(SIGTSTP, SI_KERNEL);
  EXPECT_EQ(si_text(si), "{si_signo=SIGTSTP, si_code=SI_KERNEL}");
  si = make(SIGWINCH, SI_KERNEL);
  EXPECT_EQ(si_text(si), "{si_signo=SIGWINCH, si_code=SI_KERNEL}");
  si = make(SIGUSR1, SI_TKILL);
  si.si_pid = 10;
  si.si_uid = 1000;
  EXPECT_EQ(si_text(si), "{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=10, si_uid=1000}");
  si = make(SIGUSR1, SI_QUEUE);
  si.si_pid = 10;
  si.si_value.sival_int = 42;
  EXPECT_EQ(si_text(si),
            "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=10, si_uid=0, si_int=42, si_ptr=0x2a}");
  si = make(SIGUSR1, SI_QUEUE);
  si.si_pid = 10;
  EXPECT_EQ(si_text(si), "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=10, si_uid=0}");
  si = make(SIGALRM, SI_TIMER);
  si.si_timerid = 3;
  si.si_overrun = 0;
  EXPECT_EQ(
      si_text(si),
      "{si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0x3, si_overrun=0, si_int=0, si_ptr=NULL}");
  siginfo_t zero;
  std::memset(&zero, 0, sizeof zero);
  EXPECT_EQ(si_text(zero), "{}");
}

TEST(DecodeSiginfo, Faults) {
  siginfo_t si = make(SIGSEGV, SEGV_MAPERR);
  si.si_addr = reinterpret_cast<void*>(0x10);
  EXPECT_EQ(si_text(si), "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10}");
  si = make(SIGSEGV, SEGV_ACCERR);
  si.si_addr = nullptr;
  EXPECT_EQ(si_text(si), "{si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=NULL}");
  si = make(SIGBUS, BUS_ADRERR);
  si.si_addr = reinterpret_cast<void*>(0x7f0000001000);
  EXPECT_EQ(si_text(si), "{si_signo=SIGBUS, si_code=BUS_ADRERR, si_addr=0x7f0000001000}");
  si = make(SIGFPE, FPE_INTDIV);
  si.si_addr = reinterpret_cast<void*>(0x401136);
  EXPECT_EQ(si_text(si), "{si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=0x401136}");
  si = make(SIGILL, ILL_ILLOPN);
  si.si_addr = reinterpret_cast<void*>(0x401136);
  EXPECT_EQ(si_text(si), "{si_signo=SIGILL, si_code=ILL_ILLOPN, si_addr=0x401136}");
  si = make(SIGTRAP, TRAP_BRKPT);
  EXPECT_EQ(si_text(si), "{si_signo=SIGTRAP, si_code=TRAP_BRKPT, si_addr=NULL}");
  si = make(SIGSYS, 1);  // SYS_SECCOMP
  si.si_call_addr = reinterpret_cast<void*>(0x7f00aa);
  si.si_syscall = 39;
  si.si_arch = AUDIT_ARCH_X86_64;
  EXPECT_EQ(si_text(si),
            "{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x7f00aa, si_syscall=__NR_getpid, "
            "si_arch=AUDIT_ARCH_X86_64}");
  si = make(SIGSEGV, 99);
  EXPECT_EQ(si_text(si), "{si_signo=SIGSEGV, si_code=0x63, si_addr=NULL}");
  si = make(SIGIO, POLL_IN);
  si.si_band = 1;
  si.si_fd = 5;
  EXPECT_EQ(si_text(si), "{si_signo=SIGIO, si_code=POLL_IN, si_band=1, si_fd=5}");
}

}  // namespace
}  // namespace scry::test
