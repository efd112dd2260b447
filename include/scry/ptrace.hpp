// The ptrace layer: the only code in scry that calls ptrace(2) or waitpid(2).
// Every request returns a Result; ESRCH (the task vanished) is an ordinary outcome.
#pragma once

#include <linux/filter.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/user.h>

#include <cstdint>
#include <string>
#include <vector>

#include "scry/memory.hpp"
#include "scry/result.hpp"
#include "scry/stop_event.hpp"
#include "scry/types.hpp"

namespace scry::ptrace {

// What PTRACE_GET_SYSCALL_INFO reports, reduced to what a tracer needs.
struct SyscallInfo {
  enum class Op : std::uint8_t { None, Entry, Exit, Seccomp } op = Op::None;
  std::uint32_t arch = 0;
  std::uint64_t ip = 0;
  std::uint64_t sp = 0;
  long nr = -1;                    // entry / seccomp
  std::uint64_t args[6] = {};      // entry / seccomp
  std::int64_t rval = 0;           // exit
  bool is_error = false;           // exit
  std::uint32_t seccomp_data = 0;  // seccomp: SECCOMP_RET_DATA
};

enum Options : unsigned {
  kTraceSysGood = 0x01,
  kTraceFork = 0x02,
  kTraceVfork = 0x04,
  kTraceClone = 0x08,
  kTraceExec = 0x10,
  kTraceVforkDone = 0x20,
  kTraceExit = 0x40,
  kTraceSeccomp = 0x80,
  kExitKill = 0x100000,
};

Result<void> seize(Tid tid, unsigned options);
Result<void> interrupt(Tid tid);
Result<void> resume_syscall(Tid tid, int sig);  // PTRACE_SYSCALL
Result<void> resume_cont(Tid tid, int sig);     // PTRACE_CONT
Result<void> listen(Tid tid);                   // PTRACE_LISTEN (group-stop, SEIZE only)
Result<void> detach(Tid tid, int sig);
Result<void> set_options(Tid tid, unsigned options);
Result<unsigned long> event_msg(Tid tid);
Result<SyscallInfo> syscall_info(Tid tid);
Result<siginfo_t> siginfo(Tid tid);
Result<user_regs_struct> regs(Tid tid);
Result<void> set_regs(Tid tid, const user_regs_struct& r);
Result<long> peek_data(Tid tid, std::uint64_t addr);
Result<void> poke_data(Tid tid, std::uint64_t addr, long word);

struct WaitResult {
  Tid tid{};
  int status = 0;
};
// Waits for any traced task (__WALL). Retries on EINTR unless `interruptible`, in which case
// an EINTR is returned as an error with code EINTR (a signal to the tracer arrived).
// ECHILD means nothing is left to wait for. With `ru`, the stopped task's resource usage is
// filled in (wait4), e.g. its system time for a syscall summary.
Result<WaitResult> wait_any(bool interruptible, struct rusage* ru = nullptr);
// Non-blocking variant: tid 0 means nothing is ready.
Result<WaitResult> wait_any_nohang(struct rusage* ru = nullptr);
// waitpid on one specific child with the given flags (launch handshake).
Result<int> wait_one(pid_t pid, int flags);
// Blocks until `pid` has a stop or an exit to report, without reaping it (WNOWAIT): the report
// stays for the next wait. Returns early, with an error, on a signal to the tracer.
Result<void> wait_ready(pid_t pid);

// Memory of a stopped tracee: process_vm_readv first, PTRACE_PEEKDATA as the fallback.
class ProcessMemory final : public MemoryReader {
 public:
  explicit ProcessMemory(Tid tid) : tid_(tid) {}
  void retarget(Tid tid) { tid_ = tid; }
  std::size_t read(std::uint64_t addr, void* buf, std::size_t len) override;

 private:
  std::size_t read_peek(std::uint64_t addr, void* buf, std::size_t len);
  Tid tid_;
};

// Starts `path` with `argv` as a seized tracee. It is left in its ptrace-stop just before its
// execve, so that the first syscall the tracer sees is that execve. Before it, the tracer gets
// a PTRACE_EVENT_STOP and a SIGCONT signal-delivery stop that belong to the launch, not to
// the program. If the execve fails, the
// child exits with status 1 without making any other syscall; the tracer sees the failure at
// the execve's syscall-exit.
struct LaunchOptions {
  unsigned ptrace_options = 0;
  std::vector<std::string> env;                // the complete environment for the child
  const struct sock_fprog* seccomp = nullptr;  // a filter the child installs before execve
  std::vector<int> ignored_signals;  // set to SIG_IGN in the child (as the tracer inherited them)
  // -u USER: the child takes this user's groups, gid and uid before its execve.
  std::string user;
  uid_t uid = 0;
  gid_t gid = 0;
  // -D: 0 no; 1 the calling process becomes the program (it never returns from launch) and
  // launch returns in a grandchild that traces it; 2 that grandchild in its own process group,
  // 3 in its own session. The program is then seized while running and left in the
  // signal-delivery stop of its SIGSTOP, which the tracer suppresses.
  int daemonize = 0;
};
struct Launched {
  Tid tid{};
  // The child installs the filter once resumed with PTRACE_CONT. If that fails, its next stop
  // is a SIGSTOP signal-delivery stop before any syscall stop: then fall back to syscall stops.
  bool seccomp_active = false;
};
Result<Launched> launch(const std::string& path, const std::vector<std::string>& argv,
                        const LaunchOptions& opt);

// Seizes pid and, with all_threads, every other thread of its process (/proc/PID/task),
// re-reading until no new thread appears; then interrupts each so that it reports a stop.
// Returns the tids seized. An error seizing pid itself is returned as an Error.
Result<std::vector<Tid>> attach_process(pid_t pid, unsigned options, bool all_threads);

}  // namespace scry::ptrace
