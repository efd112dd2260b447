// StackTracer: -k, the user-space stack of a stopped task printed as strace -k prints it.
//
// Frames come from elfutils' libdwfl (CFI unwinding) over a Dwfl per traced process, whose
// modules are reported from /proc/PID/maps; scry's own callbacks give libdwfl the registers
// (PTRACE_GETREGS) and memory (process_vm_readv) of the task, so libdwfl never attaches or
// detaches. Each frame is then named the way strace 6.1's libunwind backend names it: the
// mapping's file and file offset, and the nearest function symbol at or below the address
// (libunwind ignores symbol sizes). This is the only place in src/trace that uses libdwfl;
// nothing here runs without -k.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace scry::trace {

class StackTracer {
 public:
  // Why libdw cannot be used (it is opened at the first call), or nullptr: ask before
  // constructing one.
  static const char* load_error();
  StackTracer();
  ~StackTracer();
  StackTracer(const StackTracer&) = delete;
  StackTracer& operator=(const StackTracer&) = delete;

  // strace's per-syscall flags, by x86_64 number. SE: the stack is taken at the entry and
  // printed at the exit (execve, execveat, exit, exit_group). SI: the call changes the
  // mappings (mmap, munmap, mprotect, brk, mremap, shmat, shmdt, execve, ...).
  bool captured_at_entry(long nr) const;
  bool changes_mappings(long nr) const;

  // Every process's cached mappings become stale, as strace's one global generation.
  void mappings_changed() { ++generation_; }
  // The process of tid exec'd: its modules are gone.
  void exec(pid_t tid);
  // The task is gone (its process too when it was the leader).
  void task_gone(pid_t tid);

  // Appends the stack of the stopped task tid to out, one " > ...\n" line per frame.
  // `queued`: the format of a stack taken at a syscall's entry (strace prints an unnamed
  // frame as "FILE(+0x0) [0xOFF]" then, "FILE() [0xOFF]" otherwise). Appends nothing when
  // the task's mappings cannot be read (it vanished).
  void walk(pid_t tid, bool queued, std::string& out);

  // Called back from libdwfl (see stack_trace.cpp).
  struct Callbacks;

 private:
  struct Mapping;
  struct Process;
  struct ElfSymbols;
  struct Frame {
    std::uint64_t pc;
    bool activation;  // the pc is where the task is, not a return address
  };

  Process* process_of(pid_t tid);
  bool refresh(Process& p);
  const ElfSymbols* symbols(const Mapping& m);
  void format(const Process& p, const Frame& f, bool queued, std::string& out);

  unsigned generation_ = 0;
  std::unordered_map<pid_t, pid_t> tgid_;  // tid -> tgid
  std::unordered_map<pid_t, std::unique_ptr<Process>> procs_;
  std::unordered_map<std::string, std::unique_ptr<ElfSymbols>> elves_;  // path + inode
  std::vector<std::uint8_t> flags_;  // by x86_64 number: kEntry | kMaps
  std::vector<Frame> frames_;

  // The task being unwound, and one page of its memory (libdwfl reads the stack a word at
  // a time).
  pid_t tid_ = 0;
  std::uint64_t page_addr_ = 0;
  std::size_t page_len_ = 0;
  std::vector<std::uint8_t> page_;
};

}  // namespace scry::trace
