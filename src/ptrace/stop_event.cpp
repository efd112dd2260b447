#include "scry/stop_event.hpp"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

namespace scry {

StopEvent StopEvent::from_wait_status(Tid tid, int status) {
  StopEvent ev;
  ev.tid = tid;
  if (WIFEXITED(status)) {
    ev.kind = StopKind::Exited;
    ev.code = WEXITSTATUS(status);
    return ev;
  }
  if (WIFSIGNALED(status)) {
    ev.kind = StopKind::Killed;
    ev.sig = WTERMSIG(status);
    ev.core_dumped = WCOREDUMP(status);
    return ev;
  }
  // Stopped. Under PTRACE_O_TRACESYSGOOD a syscall stop is SIGTRAP|0x80.
  int sig = WSTOPSIG(status);
  int event = (status >> 16) & 0xff;
  ev.sig = sig;
  if (sig == (SIGTRAP | 0x80)) {
    ev.kind = StopKind::SyscallStop;
    return ev;
  }
  if (event == 0) {
    ev.kind = StopKind::SignalDelivery;
    return ev;
  }
  if (event == PTRACE_EVENT_STOP &&
      (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)) {
    ev.kind = StopKind::GroupStop;
    return ev;
  }
  ev.kind = StopKind::PtraceEvent;
  ev.event = event;
  return ev;
}

}  // namespace scry
