// Tracer: the event loop. It waits for stops, keeps one Task per traced thread, decodes
// syscalls through src/decode, and hands lines to the TextWriter. Policy lives here; ptrace
// calls live in src/ptrace.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "output/text_writer.hpp"
#include "scry/decode.hpp"
#include "scry/out_buf.hpp"
#include "scry/ptrace.hpp"
#include "scry/stop_event.hpp"
#include "trace/inject.hpp"
#include "trace/options.hpp"
#include "trace/placement.hpp"
#include "trace/proc_fd_resolver.hpp"
#include "trace/stack_trace.hpp"

namespace scry::trace {

struct Task {
  Tid tid{};
  bool attached = false;             // came from -p: detach, never kill
  bool startup = false;              // launched, before its first successful execve
  bool hidden = false;               // print nothing more for this task (failed startup exec)
  bool silent = false;               // not followed (no -f) but kept under the seccomp filter's
                                     // tracer: it runs unseen, stopping only at traced syscalls
  bool seen_stop = false;            // the first stop (after attaching, or of a new task) was seen
  bool seccomp = false;              // runs under scry's seccomp filter: resume with PTRACE_CONT
  bool in_syscall = false;           // entry seen, exit not yet
  bool fork_placeable = false;       // the call is a fork placement could place (placement.hpp)
  bool shown = false;                // the open syscall passed the filter and was printed
  int resume_arg = 0;                // where the exit phase continues the argument list
  long restart_nr = -1;              // the syscall a restart_syscall resumes
  std::uint64_t entry_ns = 0;        // -T, and -c -w
  std::uint64_t entry_stime_ns = 0;  // -c: the process's system time at the syscall's entry
  std::uint64_t entry_ip = 0;        // -i: the instruction pointer at the syscall
  std::optional<Abi> abi;            // strace's currpers: the ABI of the task's latest syscall
  SyscallCall call;
  long filter_nr = -1;  // the call's x86_64 number, for the filters (see on_entry)
  std::string held;     // the entry text, while -e status= holds the line until exit
  // -e inject=: invocations so far per syscall (sized once, at the first candidate), and what
  // is being done to the current call.
  std::vector<std::uint32_t> inject_counts;
  const InjectSpec* tamper = nullptr;  // the current call's tampering, if it is due
  bool tampered_args = false;          // memory was poked: "(INJECTED: args)"
  bool delayed = false;                // "(DELAYED)"
  int inject_sig = 0;                  // delivered when the task is resumed from the entry
  std::uint64_t delay_ns = 0;          // the next resume waits this long
  std::string stack;                   // -k: the stack taken at an execve/exit entry, printed later
};

class Tracer {
 public:
  Tracer(const TraceOptions& opt, output::TextWriter& writer);
  // Launches opt.command or attaches to opt.attach, then traces until no task is left or a
  // fatal signal arrives. Returns strace's exit status: the launched program's exit code, or
  // 0x100 | signal when it was killed by a signal (the caller re-raises it).
  int run();

  // Async-signal-safe: asks the loop to detach (attached) or end the launched program.
  static void request_stop(int sig);

 private:
  bool start();
  void loop();
  void handle(const StopEvent& ev);
  Task& add_task(Tid tid, bool attached);
  void drop_task(Tid tid);
  void resume(Task& t, int sig);
  void resume_now(Task& t, int sig);  // resume without the injected signal or delay
  // Detaches a task that is in a ptrace stop (cleanup): its open line ends "<detached ...>".
  void detach_stopped(Task& t, int sig);
  // -e inject=: the tampering at a syscall's entry and exit (tracer_inject.cpp).
  void tamper_entry(Task& t);
  void tamper_exit(Task& t);
  void poke(Task& t, const std::vector<InjectPoke>& pokes);
  void print_tamper_marks(const Task& t, OutBuf& out) const;
  // Delayed resumes (:delay_enter=, :delay_exit=): due ones are resumed; the timer wakes a
  // blocking wait for the next one.
  void resume_due();
  void arm_delay_timer();
  void stop_delay_timer();
  void detach_delayed();

  void on_syscall_stop(Task& t);
  void on_entry(Task& t, const ptrace::SyscallInfo& info);
  void on_exit(Task& t, const ptrace::SyscallInfo& info);
  // strace's personality switch: "[ Process PID=N runs in 32 bit mode. ]" when it changes.
  void note_abi(Task& t, Abi abi);
  void on_signal(Task& t, int sig);
  void on_event(Task& t, const StopEvent& ev);
  void on_exec(Task& t);
  bool detached_on_execve(Task& t);                    // -b execve; true when the task was let go
  void set_line_context(const Task& t, bool at_stop);  // what -n and -i print
  void on_terminated(Task& t, const StopEvent& ev);
  // The task's syscall ended without a return: "= ?" (or " <detached ...>" when detached).
  void syscall_vanished(Task& t, bool detached);
  void cleanup_on_signal(int sig);
  // Fork placement (placement.hpp): begun at a fork-like call's entry, finished at its event,
  // its exit or its parent's end; new tasks that stopped meanwhile wait in held_new_.
  void place_fork(Task& t, long fnr);
  void fork_event(Task& parent, pid_t child);  // resumes the parent, then the child
  void finish_fork();
  void release_held();
  void message(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  // -k: the stack after a syscall's or signal's line (the one taken at the entry, if any);
  // stack_at_entry takes it at the entry of execve/exit (strace's SE syscalls).
  void print_stack(Task& t, bool walk = true);
  void stack_at_entry(Task& t);

  const TraceOptions& opt_;
  output::TextWriter& writer_;
  std::unordered_map<pid_t, Task> tasks_;
  pid_t child_ = 0;  // the launched program's pid, 0 when attaching
  int exit_status_ = 0;
  unsigned ptrace_options_ = 0;
  bool seccomp_new_tasks_ = false;  // new tasks inherit the launched program's filter
  // Without -f, the launched program's filter still reaches its children and threads, and a
  // filtered syscall with no tracer fails with ENOSYS: scry keeps them, silently.
  bool follow_silently_ = false;
  std::size_t silent_tasks_ = 0;
  void update_task_count();
  Placement placement_;
  std::vector<Tid> held_new_;  // new tasks held at their first stop (see place_fork)
  pid_t last_tid_ = 0;         // the task of the latest event (the placement follows it)
  bool started_ = false;       // the initial tasks are in: later tasks come from -f
  Summary summary_;
  std::uint64_t stop_stime_ns_ = 0;  // -c: system time of the process of the latest stop
  Abi current_abi_ = Abi::X86_64;    // strace's current_personality: the latest syscall's ABI
  ptrace::ProcessMemory mem_{Tid{}};
  ProcFdResolver fds_;
  // No -o: the trace shares stderr (a terminal, a pipe) with the program's own output.
  bool trace_on_stderr() const { return opt_.writer.outfile.empty(); }
  std::unique_ptr<StackTracer> stacks_;  // -k only
  OutBuf line_;
  OutBuf ret_;
  OutBuf aux_;
  OutBuf dump_;  // -e read=/write= hex dumps
  struct Delayed {
    std::uint64_t due_ns;
    Tid tid;
    int sig;
  };
  std::vector<Delayed> delayed_;
  bool alarm_handler_ = false;  // SIGALRM's handler is in (it only interrupts the wait)
};

}  // namespace scry::trace
