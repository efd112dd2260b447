#include <gtest/gtest.h>
#include <signal.h>
#include <sys/ptrace.h>

#include "scry/stop_event.hpp"

namespace scry {
namespace {

// Wait statuses built as the kernel builds them (see wait(2) and ptrace(2)).
int exited(int code) {
  return (code & 0xff) << 8;
}
int killed(int sig, bool core) {
  return sig | (core ? 0x80 : 0);
}
int stopped(int sig, int event = 0) {
  return 0x7f | (sig << 8) | (event << 16);
}

TEST(StopEvent, ExitAndKill) {
  auto e = StopEvent::from_wait_status(tid_of(5), exited(3));
  EXPECT_EQ(e.kind, StopKind::Exited);
  EXPECT_EQ(e.code, 3);
  auto k = StopEvent::from_wait_status(tid_of(5), killed(SIGSEGV, true));
  EXPECT_EQ(k.kind, StopKind::Killed);
  EXPECT_EQ(k.sig, SIGSEGV);
  EXPECT_TRUE(k.core_dumped);
  EXPECT_TRUE(k.is_terminal());
}

TEST(StopEvent, SyscallStopIsTrapWith0x80) {
  auto e = StopEvent::from_wait_status(tid_of(7), stopped(SIGTRAP | 0x80));
  EXPECT_EQ(e.kind, StopKind::SyscallStop);
  EXPECT_EQ(raw(e.tid), 7);
}

TEST(StopEvent, SignalDeliveryVsGroupStop) {
  EXPECT_EQ(StopEvent::from_wait_status(tid_of(1), stopped(SIGSTOP)).kind,
            StopKind::SignalDelivery);
  EXPECT_EQ(StopEvent::from_wait_status(tid_of(1), stopped(SIGTRAP)).kind,
            StopKind::SignalDelivery);
  auto g = StopEvent::from_wait_status(tid_of(1), stopped(SIGTSTP, PTRACE_EVENT_STOP));
  EXPECT_EQ(g.kind, StopKind::GroupStop);
  EXPECT_EQ(g.sig, SIGTSTP);
}

TEST(StopEvent, PtraceEvents) {
  auto f = StopEvent::from_wait_status(tid_of(1), stopped(SIGTRAP, PTRACE_EVENT_CLONE));
  EXPECT_EQ(f.kind, StopKind::PtraceEvent);
  EXPECT_EQ(f.event, PTRACE_EVENT_CLONE);
  // A SIGTRAP PTRACE_EVENT_STOP is a new child's first stop or an interrupt, not a group stop.
  auto s = StopEvent::from_wait_status(tid_of(1), stopped(SIGTRAP, PTRACE_EVENT_STOP));
  EXPECT_EQ(s.kind, StopKind::PtraceEvent);
  EXPECT_EQ(s.event, PTRACE_EVENT_STOP);
}

}  // namespace
}  // namespace scry
