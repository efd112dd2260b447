// The process under the debugger: its threads, their stops, breakpoint sites in its memory
// and the debug registers. Mechanism only: which stops to report is the debugger's policy.
#pragma once

#include <signal.h>
#include <sys/user.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scry/ptrace.hpp"
#include "scry/result.hpp"
#include "scry/types.hpp"

namespace scry::debug {

struct ThreadState {
  Tid tid{};
  int num = 0;           // gdb's thread number, 1 for the first
  bool running = false;  // resumed and not yet seen stopped
  int pending_sig = 0;   // to deliver at the next resume
  bool in_syscall = false;
  bool interrupting = false;  // stop_all sent PTRACE_INTERRUPT and waits for its stop
  bool rewound = false;       // stopped by stop_all just after an int3 it must hit again
};

// One stop of one thread, sorted for the debugger.
struct Event {
  enum class Kind : std::uint8_t {
    Trap,    // SIGTRAP: breakpoint, single-step or watchpoint (see si)
    Signal,  // any other signal about to be delivered
    SyscallEntry,
    SyscallExit,
    Fork,  // msg: the child, already detached
    Vfork,
    Exec,     // the thread is now the leader of a new program
    Exited,   // the process exited (code)
    Killed,   // the process was killed (sig)
    Stopped,  // the stop PTRACE_INTERRUPT asked for (stop_all only)
  };
  Kind kind = Kind::Trap;
  Tid tid{};
  int sig = 0;
  int code = 0;
  siginfo_t si{};
  unsigned long msg = 0;
  ptrace::SyscallInfo sc;
};

// A hardware watchpoint slot (DR0..DR3).
struct WatchSlot {
  bool used = false;
  std::uint64_t addr = 0;
  int len = 0;  // 1, 2, 4, 8
  int rw = 1;   // DR7 R/W bits: 1 write, 3 read or write
};

class Inferior {
 public:
  // Messages gdb prints as they happen ("[New Thread ...]"), handed to the debugger.
  std::function<void(const std::string&)> notify;

  Result<void> launch(const std::string& path, const std::vector<std::string>& argv);
  Result<void> attach(pid_t pid);
  bool alive() const { return pid_ != 0; }
  pid_t pid() const { return pid_; }
  pid_t last_pid() const { return last_pid_; }  // the process, also after it is gone
  bool attached() const { return attached_; }

  std::vector<ThreadState>& threads() { return threads_; }
  ThreadState* thread(Tid tid);
  ThreadState* thread_by_num(int num);
  Tid current() const { return current_; }
  void set_current(Tid t) { current_ = t; }

  // Memory with the breakpoint bytes hidden (reads) and preserved (writes).
  std::size_t read(std::uint64_t addr, void* buf, std::size_t len);
  std::size_t write(std::uint64_t addr, const void* buf, std::size_t len);
  Result<user_regs_struct> regs(Tid t) { return ptrace::regs(t); }
  Result<void> set_regs(Tid t, const user_regs_struct& r) { return ptrace::set_regs(t, r); }

  // Breakpoint sites: an int3 at addr, counted by owner.
  Result<void> add_site(std::uint64_t addr);
  void remove_site(std::uint64_t addr);
  bool has_site(std::uint64_t addr) const;
  // After an exec: the sites' bytes are gone with the old image.
  void forget_sites() { sites_.clear(); }

  // Debug registers, applied to every thread and to new threads.
  Result<void> set_watch(int slot, const WatchSlot& w);
  void clear_watch(int slot);
  // Which slots fired (DR6 bits 0..3) for tid; clears DR6.
  unsigned take_watch_hits(Tid tid);

  // A SIGTRAP at a breakpoint: rewinds rip onto the int3's address and returns it.
  std::optional<std::uint64_t> breakpoint_hit(const Event& ev);

  // Resumes every thread (the current one over a breakpoint at its pc first). sig goes to the
  // current thread; other threads get their pending signals. syscalls: PTRACE_SYSCALL.
  Result<void> resume_all(int sig, bool syscalls);
  // Single-steps one thread (over a breakpoint at its pc) and returns its next event.
  Result<Event> step(Tid tid, int sig);
  // Resumes one stopped thread alone.
  Result<void> resume_one(Tid tid, int sig, bool syscalls);
  // The next event of any thread; that thread is stopped, the others as they were.
  Result<Event> wait_event();
  // All-stop: interrupts every running thread and waits until each is stopped.
  void stop_all();

  Result<void> kill();
  Result<void> detach();

 private:
  struct Site {
    std::uint8_t saved = 0;
    int refs = 0;
  };
  void insert_all_sites(bool on);
  Result<Event> step_over(Tid tid, int sig);
  std::optional<Event> classify(Tid tid, int status);
  void add_thread(Tid tid, bool running);
  void remove_thread(Tid tid);
  void apply_watches(Tid tid);
  void reset();

  pid_t pid_ = 0;
  pid_t last_pid_ = 0;
  bool attached_ = false;
  Tid current_{};
  int next_num_ = 1;
  std::vector<ThreadState> threads_;
  std::map<std::uint64_t, Site> sites_;
  bool sites_out_ = false;  // removed while a vfork child shares the memory
  WatchSlot watch_[4];
  std::deque<Event> pending_;
};

}  // namespace scry::debug
