// Process ids: siginfo arguments (rt_sigqueueinfo, waitid, rt_sigtimedwait) and -Y's "<comm>".
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

class FakeNames final : public FdResolver {
 public:
  std::map<int, std::string> comms;
  bool fd_path(int, OutBuf&) override { return false; }
  bool pid_comm(int pid, OutBuf& out) override {
    auto it = comms.find(pid);
    if (it == comms.end()) return false;
    out.put(it->second);
    return true;
  }
};

siginfo_t queued(int pid) {
  siginfo_t si;
  std::memset(&si, 0, sizeof si);
  si.si_signo = SIGUSR1;
  si.si_code = SI_QUEUE;
  si.si_pid = pid;
  si.si_value.sival_int = 42;
  return si;
}

constexpr const char* kQueued =
    "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=77, si_uid=0, si_int=42, si_ptr=0x2a}";

TEST(DecodePids, SiginfoArguments) {
  FakeMemory mem;
  const std::uint64_t si = mem.map_obj(0x1000, queued(77));
  EXPECT_EQ(line_of(mem, "rt_sigqueueinfo", {77, SIGUSR1, si}, 0),
            std::string("rt_sigqueueinfo(77, SIGUSR1, ") + kQueued + ") = 0");
  EXPECT_EQ(line_of(mem, "rt_tgsigqueueinfo", {77, 78, SIGUSR1, si}, 0),
            std::string("rt_tgsigqueueinfo(77, 78, SIGUSR1, ") + kQueued + ") = 0");
  EXPECT_EQ(line_of(mem, "pidfd_send_signal", {3, SIGUSR1, 0, 0}, 0),
            "pidfd_send_signal(3, SIGUSR1, NULL, 0) = 0");
  EXPECT_EQ(line_of(mem, "rt_sigqueueinfo", {77, SIGUSR1, 8}, -EFAULT, true),
            "rt_sigqueueinfo(77, SIGUSR1, 0x8) = -1 EFAULT (Bad address)");
}

TEST(DecodePids, SigtimedwaitReturnsTheSignal) {
  FakeMemory mem;
  const std::uint64_t set = 1u << (SIGUSR1 - 1);
  mem.map_obj(0x2000, set);
  const std::uint64_t si = mem.map_obj(0x1000, queued(77));
  struct {
    std::int64_t sec, nsec;
  } ts{1, 0};
  const std::uint64_t t = mem.map_obj(0x3000, ts);
  EXPECT_EQ(line_of(mem, "rt_sigtimedwait", {0x2000, si, t, 8}, SIGUSR1),
            std::string("rt_sigtimedwait([USR1], ") + kQueued +
                ", {tv_sec=1, tv_nsec=0}, 8) = 10 (SIGUSR1)");
  // A failed wait leaves the siginfo unwritten, but the timeout is still shown.
  EXPECT_EQ(line_of(mem, "rt_sigtimedwait", {0x2000, si, t, 8}, -EAGAIN, true),
            "rt_sigtimedwait([USR1], 0x1000, {tv_sec=1, tv_nsec=0}, 8) = -1 EAGAIN (Resource "
            "temporarily unavailable)");
  EXPECT_EQ(line_of(mem, "rt_sigtimedwait", {0x2000, 0, 0, 8}, SIGUSR1),
            "rt_sigtimedwait([USR1], NULL, NULL, 8) = 10 (SIGUSR1)");
}

TEST(DecodePids, Waitid) {
  FakeMemory mem;
  siginfo_t si;
  std::memset(&si, 0, sizeof si);
  si.si_signo = SIGCHLD;
  si.si_code = CLD_EXITED;
  si.si_pid = 90;
  si.si_status = 3;
  const std::uint64_t info = mem.map_obj(0x1000, si);
  EXPECT_EQ(line_of(mem, "waitid", {P_ALL, 0, info, WEXITED, 0}, 0),
            "waitid(P_ALL, 0, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=90, si_uid=0, "
            "si_status=3, si_utime=0, si_stime=0}, WEXITED, NULL) = 0");
  EXPECT_EQ(line_of(mem, "waitid", {P_ALL, 0, info, WEXITED | WNOHANG, 0x5000}, -ECHILD, true),
            "waitid(P_ALL, 0, 0x1000, WNOHANG|WEXITED, 0x5000) = -1 ECHILD (No child processes)");
}

TEST(DecodePids, CommWithY) {
  FakeMemory mem;
  FakeNames names;
  names.comms[77] = "sh";
  names.comms[78] = "a<b> \\\"";
  DecodeOptions y;
  y.decode_pid_comm = true;
  EXPECT_EQ(line_of(mem, "kill", {77, 0}, 0, false, y, &names), "kill(77<sh>, 0) = 0");
  EXPECT_EQ(line_of(mem, "kill", {static_cast<std::uint64_t>(-77), 0}, 0, false, y, &names),
            "kill(-77, 0) = 0");
  EXPECT_EQ(line_of(mem, "kill", {99, 0}, -ESRCH, true, y, &names),
            "kill(99, 0) = -1 ESRCH (No such process)");
  EXPECT_EQ(line_of(mem, "getpid", {}, 78, false, y, &names), "getpid() = 78<a\\74b\\76 \\\\\\\">");
  EXPECT_EQ(line_of(mem, "getpid", {}, 77, false, {}, &names), "getpid() = 77");
  EXPECT_EQ(line_of(mem, "getpriority", {PRIO_PROCESS, 77}, 20, false, y, &names),
            "getpriority(PRIO_PROCESS, 77<sh>) = 20");
  EXPECT_EQ(line_of(mem, "getpriority", {PRIO_PGRP, 77}, 20, false, y, &names),
            "getpriority(PRIO_PGRP, 77) = 20");
  // set_tid_address returns a tid, which strace leaves bare.
  EXPECT_EQ(line_of(mem, "set_tid_address", {0x1000}, 77, false, y, &names),
            "set_tid_address(0x1000) = 77");
  const std::uint64_t si = mem.map_obj(0x1000, queued(77));
  EXPECT_EQ(line_of(mem, "rt_sigqueueinfo", {77, SIGUSR1, si}, 0, false, y, &names),
            "rt_sigqueueinfo(77<sh>, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=77<sh>, "
            "si_uid=0, si_int=42, si_ptr=0x2a}) = 0");
  OutBuf out;
  print_siginfo(out, queued(77), &names);
  EXPECT_EQ(
      std::string(out.view()),
      "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=77<sh>, si_uid=0, si_int=42, si_ptr=0x2a}");
}

}  // namespace
}  // namespace scry::test

namespace scry::test {
namespace {

TEST(DecodeSiginfoStyle, FollowsXButNotTheHeader) {
  siginfo_t si;
  std::memset(&si, 0, sizeof si);
  si.si_signo = SIGCHLD;
  si.si_code = CLD_EXITED;
  si.si_pid = 5;
  OutBuf raw;
  print_siginfo(raw, si, nullptr, XMode::Default, XlatStyle::Raw);
  EXPECT_EQ(std::string(raw.view()),
            "{si_signo=17, si_code=0x1, si_pid=5, si_uid=0, si_status=0, si_utime=0, si_stime=0}");
  si.si_signo = SIGUSR1;
  si.si_code = SI_USER;
  OutBuf verbose;
  print_siginfo(verbose, si, nullptr, XMode::Default, XlatStyle::Verbose);
  EXPECT_EQ(std::string(verbose.view()),
            "{si_signo=10 /* SIGUSR1 */, si_code=0 /* SI_USER */, si_pid=5, si_uid=0}");
  OutBuf name;
  print_signal_name(name, SIGUSR1);  // the "--- SIGUSR1 {...} ---" header: always the name
  EXPECT_EQ(std::string(name.view()), "SIGUSR1");
}

}  // namespace
}  // namespace scry::test
