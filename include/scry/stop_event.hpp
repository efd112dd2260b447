// StopEvent: a raw wait status sorted into the kinds of stop a tracer must tell apart.
#pragma once

#include <cstdint>

#include "scry/types.hpp"

namespace scry {

enum class StopKind : std::uint8_t {
  SyscallStop,     // SIGTRAP|0x80: entry or exit (PTRACE_GET_SYSCALL_INFO says which)
  SignalDelivery,  // a signal is about to be delivered; `sig` is it
  GroupStop,       // PTRACE_EVENT_STOP with a stopping signal (SEIZE semantics)
  PtraceEvent,     // fork/vfork/clone/exec/exit/seccomp/stop(interrupt); `event` is it
  Exited,          // the task exited; `code` is its exit status
  Killed,          // the task was killed by `sig`; `core_dumped`
};

struct StopEvent {
  StopKind kind = StopKind::Exited;
  Tid tid{};
  int sig = 0;    // stop signal or fatal signal
  int event = 0;  // PTRACE_EVENT_* for PtraceEvent
  int code = 0;   // exit status for Exited
  bool core_dumped = false;

  // The one place where a wait status is interpreted.
  static StopEvent from_wait_status(Tid tid, int status);
  // Factories for tests.
  static StopEvent exited(Tid t, int code) { return {StopKind::Exited, t, 0, 0, code, false}; }
  static StopEvent killed(Tid t, int sig, bool core) {
    return {StopKind::Killed, t, sig, 0, 0, core};
  }
  static StopEvent syscall_stop(Tid t) { return {StopKind::SyscallStop, t, 5 | 0x80, 0, 0, false}; }
  static StopEvent signal(Tid t, int sig) {
    return {StopKind::SignalDelivery, t, sig, 0, 0, false};
  }
  bool is_terminal() const { return kind == StopKind::Exited || kind == StopKind::Killed; }
};

}  // namespace scry
