// TraceOptions: everything the command line decides, in one value the tracer reads.
#pragma once

#include <sys/types.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "output/text_writer.hpp"
#include "scry/decode.hpp"
#include "trace/filter.hpp"
#include "trace/inject.hpp"
#include "trace/path_filter.hpp"
#include "trace/placement.hpp"
#include "trace/summary.hpp"

namespace scry::trace {

struct TraceOptions {
  std::vector<std::string> command;  // PROG ARGS (empty when only attaching)
  std::string resolved_path;         // PROG found in PATH
  std::vector<std::string> env;      // the child's environment
  std::vector<int> ignored_signals;  // ignored when scry started: ignored in the child too
  std::vector<pid_t> attach;         // -p
  bool follow = false;               // -f
  bool detach_on_execve = false;     // -b execve
  bool kill_on_exit = false;         // --kill-on-exit: tracees die with scry, never detached
  int daemonize = 0;                 // -D, -DD, -DDD (see ptrace::LaunchOptions::daemonize)
  std::string run_as_user;           // -u USER
  uid_t run_as_uid = 0;
  gid_t run_as_gid = 0;
  // -q, -qq, -qqq, -e quiet=SET: the messages left out (strace's quiet set).
  enum Quiet : unsigned {
    kQuietAttach = 1u << 0,       // "Process N attached/detached"
    kQuietExit = 1u << 1,         // "+++ exited with N +++" (not "+++ killed by"), as strace
    kQuietPathResolve = 1u << 2,  // -P: "Requested path ... resolved into ..."
    kQuietPersonality = 1u << 3,  // "[ Process PID=N runs in 32 bit mode. ]"
    kQuietSuperseded = 1u << 4,   // "+++ superseded by execve in pid N +++"
    kQuietAll = (1u << 5) - 1,
  };
  unsigned quiet = 0;
  bool quiet_given = false;      // -e quiet= was given (so -o FILE PROG does not imply -q)
  bool syscall_times = false;    // -T
  int syscall_times_digits = 6;  // --syscall-times=PRECISION: 0 (s), 3 (ms), 6 (us), 9 (ns)
  bool stack_trace = false;      // -k: the user-space stack after each syscall and signal
  bool seccomp_bpf = false;      // install a seccomp filter (--seccomp-bpf, or by default
                                 // when -e trace= leaves syscalls out)
  // How the tracer waits (src/trace/placement.hpp): CoLocate adapts to the machine's load,
  // Fixed keeps the tracer's scheduling policy and only polls for spin_us before blocking.
  Placement::Mode placement = Placement::Mode::CoLocate;
  unsigned spin_us = 50;
  bool low_latency = false;  // --low-latency: hold /dev/cpu_dma_latency at 0 while tracing
  output::WriterOptions writer;
  DecodeOptions decode;
  SyscallFilter filter;
  PathFilter paths;  // -P
  // -c (summary only) / -C (trace and summary), sorted by -S; -w: wall-clock time instead of
  // the tracee's system time.
  enum class SummaryMode : std::uint8_t { None, Only, Both } summary = SummaryMode::None;
  Summary::SortBy summary_sort = Summary::SortBy::Time;
  Summary::Columns summary_columns = Summary::default_columns();  // -U
  std::uint64_t summary_overhead_ns = 0;                          // -O: taken off each call
  bool summary_wall = false;
  // Per-syscall qualifiers (unset: strace's defaults). abbrev: the syscalls printed abbreviated
  // (-v is abbrev=none); verbose: those whose structures are decoded; raw: those printed
  // undecoded, in hex.
  std::optional<SyscallFilter> abbrev;
  std::optional<SyscallFilter> verbose;
  std::optional<SyscallFilter> raw;
  FdSet read_fds;      // -e read=SET: hex dumps of what is read from these fds
  FdSet write_fds;     // -e write=SET: hex dumps of what is written to them
  InjectTable inject;  // -e inject=, -e fault=
};

}  // namespace scry::trace
