// POSIX timers (timer_create's sigevent, timer_settime/timer_gettime and timerfd_settime/
// timerfd_gettime itimerspecs), sched_getscheduler's policy name, and the loff_t offsets of
// sendfile, splice and copy_file_range: good, partly mapped and bad-pointer input. Expected
// strings are real strace 6.1 output of a program making these calls (addresses are the fake
// memory's).
#include <signal.h>
#include <time.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::int64_t kEbadf = -9;
constexpr std::uint64_t kSev = 0x1000;   // a sigevent
constexpr std::uint64_t kId = 0x2000;    // a timer id
constexpr std::uint64_t kNew = 0x3000;   // an itimerspec passed in
constexpr std::uint64_t kOld = 0x4000;   // an itimerspec written by the kernel
constexpr std::uint64_t kOff = 0x5000;   // a loff_t
constexpr std::uint64_t kOff2 = 0x6000;  // another loff_t

// The kernel's struct sigevent as strace reads it (32 bytes).
struct Sigevent {
  std::uint64_t value;
  std::int32_t signo;
  std::int32_t notify;
  std::uint64_t function;  // the thread id for SIGEV_THREAD_ID
  std::uint64_t attributes;
};
static_assert(sizeof(Sigevent) == 32);

struct Itimerspec {
  std::int64_t interval_sec, interval_nsec, value_sec, value_nsec;
};

TEST(DecodeTimer, TimerCreateSigevent) {
  FakeMemory mem;
  const int id = 0;
  mem.map_obj(kId, id);
  Sigevent sev{0, SIGALRM, SIGEV_SIGNAL, 0, 0};
  mem.map_obj(kSev, sev);
  EXPECT_EQ(
      line_of(mem, "timer_create", {CLOCK_REALTIME, kSev, kId}, 0),
      "timer_create(CLOCK_REALTIME, {sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, [0]) = 0");
  // A non-zero sigev_value prints first, as both union members.
  sev.value = 42;
  mem.map_obj(kSev, sev);
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, kSev, kId}, 0),
            "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=42, sival_ptr=0x2a}, "
            "sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, [0]) = 0");
  sev.value = 0x1234567800000000;
  mem.map_obj(kSev, sev);
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, kSev, kId}, 0),
            "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=0, "
            "sival_ptr=0x1234567800000000}, sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, "
            "[0]) = 0");
  // SIGEV_NONE: the signal number is a plain unsigned number.
  sev = {0, 5, SIGEV_NONE, 0, 0};
  mem.map_obj(kSev, sev);
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, kSev, kId}, 0),
            "timer_create(CLOCK_MONOTONIC, {sigev_signo=5, sigev_notify=SIGEV_NONE}, [0]) = 0");
  sev = {0, SIGUSR1, SIGEV_THREAD, 0x1000, 0x2000};
  mem.map_obj(kSev, sev);
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, kSev, kId}, 0),
            "timer_create(CLOCK_MONOTONIC, {sigev_signo=SIGUSR1, sigev_notify=SIGEV_THREAD, "
            "sigev_notify_function=0x1000, sigev_notify_attributes=0x2000}, [0]) = 0");
  sev = {0, SIGUSR2, SIGEV_THREAD_ID, 22968, 0};
  mem.map_obj(kSev, sev);
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, kSev, kId}, 0),
            "timer_create(CLOCK_MONOTONIC, {sigev_signo=SIGUSR2, sigev_notify=SIGEV_THREAD_ID, "
            "sigev_notify_thread_id=22968}, [0]) = 0");
  // An unknown notify; the failed call's id is its address.
  sev = {0, 99, 77, 0, 0};
  mem.map_obj(kSev, sev);
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, kSev, kId}, kEinval, true),
            "timer_create(CLOCK_MONOTONIC, {sigev_signo=99, sigev_notify=0x4d /* SIGEV_??? */}, "
            "0x2000) = -1 EINVAL (Invalid argument)");
  sev = {0xffffffff, -5, -1, 0, 0};
  mem.map_obj(kSev, sev);
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, kSev, kId}, kEinval, true),
            "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=-1, sival_ptr=0xffffffff}, "
            "sigev_signo=4294967291, sigev_notify=0xffffffff /* SIGEV_??? */}, 0x2000) = -1 "
            "EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, 0, kId}, 0),
            "timer_create(CLOCK_MONOTONIC, NULL, [0]) = 0");
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_MONOTONIC, 1, kId}, kEfault, true),
            "timer_create(CLOCK_MONOTONIC, 0x1, 0x2000) = -1 EFAULT (Bad address)");
  // Only 16 of the 32 bytes readable: the address.
  FakeMemory part;
  part.map(0x7000, &sev, 16);
  EXPECT_EQ(line_of(part, "timer_create", {CLOCK_MONOTONIC, 0x7000, kId}, kEfault, true),
            "timer_create(CLOCK_MONOTONIC, 0x7000, 0x2000) = -1 EFAULT (Bad address)");
}

TEST(DecodeTimer, SigeventXlatStyles) {
  FakeMemory mem;
  const int id = 0;
  mem.map_obj(kId, id);
  const Sigevent sev{0, SIGALRM, SIGEV_SIGNAL, 0, 0};
  mem.map_obj(kSev, sev);
  DecodeOptions raw;
  raw.xlat = XlatStyle::Raw;
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_REALTIME, kSev, kId}, 0, false, raw),
            "timer_create(0, {sigev_signo=14, sigev_notify=0}, [0]) = 0");
  DecodeOptions verbose;
  verbose.xlat = XlatStyle::Verbose;
  EXPECT_EQ(line_of(mem, "timer_create", {CLOCK_REALTIME, kSev, kId}, 0, false, verbose),
            "timer_create(0 /* CLOCK_REALTIME */, {sigev_signo=14 /* SIGALRM */, sigev_notify=0 "
            "/* SIGEV_SIGNAL */}, [0]) = 0");
}

TEST(DecodeTimer, TimerSettimeGettime) {
  FakeMemory mem;
  Itimerspec its{0, 0, 5, 0};
  mem.map_obj(kNew, its);
  const Itimerspec old{1, 500, 4, 999979529};
  mem.map_obj(kOld, old);
  EXPECT_EQ(line_of(mem, "timer_settime", {0, 0, kNew, 0}, 0),
            "timer_settime(0, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=5, "
            "tv_nsec=0}}, NULL) = 0");
  // The old value prints at exit.
  const SyscallRun r = run_syscall(mem, nr_of("timer_settime"), {0, TIMER_ABSTIME, kNew, kOld}, 0);
  EXPECT_EQ(r.entry,
            "timer_settime(0, TIMER_ABSTIME, {it_interval={tv_sec=0, tv_nsec=0}, "
            "it_value={tv_sec=5, tv_nsec=0}}, ");
  EXPECT_EQ(r.exit,
            "{it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=4, tv_nsec=999979529}})");
  EXPECT_EQ(line_of(mem, "timer_settime", {0, 3, kNew, kOld}, 0),
            "timer_settime(0, TIMER_ABSTIME|0x2, {it_interval={tv_sec=0, tv_nsec=0}, "
            "it_value={tv_sec=5, tv_nsec=0}}, {it_interval={tv_sec=1, tv_nsec=500}, "
            "it_value={tv_sec=4, tv_nsec=999979529}}) = 0");
  // A failed call: the old value's address.
  EXPECT_EQ(line_of(mem, "timer_settime", {12345, 0, kNew, kOld}, kEinval, true),
            "timer_settime(12345, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=5, "
            "tv_nsec=0}}, 0x4000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "timer_settime", {0, 0, 0, kOld}, kEinval, true),
            "timer_settime(0, 0, NULL, 0x4000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "timer_settime", {0, 0, 1, 2}, kEfault, true),
            "timer_settime(0, 0, 0x1, 0x2) = -1 EFAULT (Bad address)");
  // tv_nsec prints unsigned.
  its.value_nsec = -1;
  mem.map_obj(kNew, its);
  EXPECT_EQ(line_of(mem, "timer_settime", {0, 0, kNew, kOld}, kEinval, true),
            "timer_settime(0, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=5, "
            "tv_nsec=18446744073709551615}}, 0x4000) = -1 EINVAL (Invalid argument)");
  // Only 16 bytes readable.
  mem.map(0x7000, &its, 16);
  EXPECT_EQ(line_of(mem, "timer_settime", {0, 0, 0x7000, kOld}, kEfault, true),
            "timer_settime(0, 0, 0x7000, 0x4000) = -1 EFAULT (Bad address)");

  EXPECT_EQ(line_of(mem, "timer_gettime", {0, kOld}, 0),
            "timer_gettime(0, {it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=4, "
            "tv_nsec=999979529}}) = 0");
  EXPECT_EQ(line_of(mem, "timer_gettime", {0, 0}, kEfault, true),
            "timer_gettime(0, NULL) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "timer_gettime", {static_cast<std::uint64_t>(-1), kOld}, kEinval, true),
            "timer_gettime(-1, 0x4000) = -1 EINVAL (Invalid argument)");
  // -e verbose=none: the addresses.
  DecodeOptions quiet;
  quiet.struct_verbose = false;
  EXPECT_EQ(line_of(mem, "timer_gettime", {0, kOld}, 0, false, quiet),
            "timer_gettime(0, 0x4000) = 0");
}

TEST(DecodeTimer, TimerfdSettimeGettime) {
  FakeMemory mem;
  const Itimerspec its{1, 500, 100, 0};
  mem.map_obj(kNew, its);
  const Itimerspec old{1, 500, 99, 999980752};
  mem.map_obj(kOld, old);
  EXPECT_EQ(line_of(mem, "timerfd_settime", {3, 0, kNew, 0}, 0),
            "timerfd_settime(3, 0, {it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=100, "
            "tv_nsec=0}}, NULL) = 0");
  EXPECT_EQ(line_of(mem, "timerfd_settime", {3, 3, kNew, kOld}, 0),
            "timerfd_settime(3, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, "
            "{it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=100, tv_nsec=0}}, "
            "{it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=99, tv_nsec=999980752}}) = 0");
  EXPECT_EQ(line_of(mem, "timerfd_settime", {99, 0, kNew, kOld}, kEbadf, true),
            "timerfd_settime(99, 0, {it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=100, "
            "tv_nsec=0}}, 0x4000) = -1 EBADF (Bad file descriptor)");
  EXPECT_EQ(line_of(mem, "timerfd_settime", {3, 0, 0, kOld}, kEfault, true),
            "timerfd_settime(3, 0, NULL, 0x4000) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "timerfd_gettime", {3, kOld}, 0),
            "timerfd_gettime(3, {it_interval={tv_sec=1, tv_nsec=500}, it_value={tv_sec=99, "
            "tv_nsec=999980752}}) = 0");
  EXPECT_EQ(line_of(mem, "timerfd_gettime", {3, 0}, kEfault, true),
            "timerfd_gettime(3, NULL) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "timerfd_gettime", {99, kOld}, kEbadf, true),
            "timerfd_gettime(99, 0x4000) = -1 EBADF (Bad file descriptor)");
}

TEST(DecodeTimer, SchedGetschedulerNamesThePolicy) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 0), "sched_getscheduler(0) = 0 (SCHED_OTHER)");
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 1), "sched_getscheduler(0) = 1 (SCHED_FIFO)");
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 2), "sched_getscheduler(0) = 2 (SCHED_RR)");
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 3), "sched_getscheduler(0) = 3 (SCHED_BATCH)");
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 5), "sched_getscheduler(0) = 5 (SCHED_IDLE)");
  // SCHED_RESET_ON_FORK set: no name.
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 0x40000001),
            "sched_getscheduler(0) = 1073741825");
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {static_cast<std::uint64_t>(-1)}, kEinval, true),
            "sched_getscheduler(-1) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {999999}, -3, true),
            "sched_getscheduler(999999) = -1 ESRCH (No such process)");
  // The name is a plain string: -X does not change it.
  DecodeOptions verbose;
  verbose.xlat = XlatStyle::Verbose;
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 0, false, verbose),
            "sched_getscheduler(0) = 0 (SCHED_OTHER)");
  // SCHED_EXT (7, Linux 6.12) is newer than strace 6.1, which prints no name for it: scry names
  // it as newer strace does.
  EXPECT_EQ(line_of(mem, "sched_getscheduler", {0}, 7), "sched_getscheduler(0) = 7 (SCHED_EXT)");
}

TEST(DecodeTimer, SendfileOffset) {
  FakeMemory mem;
  std::int64_t off = 0;
  mem.map_obj(kOff, off);
  // The kernel moves the offset between entry and exit.
  const auto moved = [&] {
    const std::int64_t now = 10;
    mem.map_obj(kOff, now);
  };
  const SyscallRun r =
      run_syscall(mem, nr_of("sendfile"), {4, 3, kOff, 10}, 10, false, {}, nullptr, 0, moved);
  EXPECT_EQ(r.entry, "sendfile(4, 3, [0]");
  EXPECT_EQ(r.line(), "sendfile(4, 3, [0] => [10], 10) = 10");
  // Nothing sent, or an error: no " => ".
  EXPECT_EQ(line_of(mem, "sendfile", {4, 3, kOff, 10}, 0), "sendfile(4, 3, [10], 10) = 0");
  EXPECT_EQ(line_of(mem, "sendfile", {99, 3, kOff, 3}, kEbadf, true),
            "sendfile(99, 3, [10], 3) = -1 EBADF (Bad file descriptor)");
  EXPECT_EQ(line_of(mem, "sendfile", {4, 3, 0, 3}, 3), "sendfile(4, 3, NULL, 3) = 3");
  EXPECT_EQ(line_of(mem, "sendfile", {4, 3, 8, 3}, kEfault, true),
            "sendfile(4, 3, 0x8, 3) = -1 EFAULT (Bad address)");
  // Unsigned, as strace's PRIu64.
  off = -5;
  mem.map_obj(kOff, off);
  EXPECT_EQ(line_of(mem, "sendfile", {4, 3, kOff, 3}, kEinval, true),
            "sendfile(4, 3, [18446744073709551611], 3) = -1 EINVAL (Invalid argument)");
  DecodeOptions quiet;
  quiet.struct_verbose = false;
  EXPECT_EQ(line_of(mem, "sendfile", {4, 3, kOff, 3}, 3, false, quiet),
            "sendfile(4, 3, 0x5000, 3) = 3");
}

TEST(DecodeTimer, SpliceAndCopyFileRangeOffsets) {
  FakeMemory mem;
  const std::int64_t in = 2;
  const std::int64_t out = 0;
  mem.map_obj(kOff, in);
  mem.map_obj(kOff2, out);
  EXPECT_EQ(line_of(mem, "copy_file_range", {3, kOff, 4, kOff2, 5, 0}, 5),
            "copy_file_range(3, [2], 4, [0], 5, 0) = 5");
  EXPECT_EQ(line_of(mem, "copy_file_range", {3, 0, 4, 0, 5, 0}, 5),
            "copy_file_range(3, NULL, 4, NULL, 5, 0) = 5");
  const std::int64_t minus = -1;
  mem.map_obj(kOff, minus);
  EXPECT_EQ(line_of(mem, "copy_file_range", {3, kOff, 4, 8, 5, 0}, kEfault, true),
            "copy_file_range(3, [-1], 4, 0x8, 5, 0) = -1 EFAULT (Bad address)");
  const std::int64_t seven = -7;
  mem.map_obj(kOff, seven);
  EXPECT_EQ(line_of(mem, "splice", {3, kOff, 6, 0x10, 4, 0}, -29, true),
            "splice(3, [-7], 6, 0x10, 4, 0) = -1 ESPIPE (Illegal seek)");
  const std::int64_t three = 3;
  mem.map_obj(kOff2, three);
  EXPECT_EQ(line_of(mem, "splice", {5, 0, 4, kOff2, 4, 1}, 4),
            "splice(5, NULL, 4, [3], 4, SPLICE_F_MOVE) = 4");
}

}  // namespace
}  // namespace scry::test
