// TraceOptions: everything the command line decides, in one value the tracer reads.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "output/text_writer.hpp"
#include "scry/decode.hpp"
#include "trace/filter.hpp"
#include "trace/placement.hpp"

namespace scry::trace {

struct TraceOptions {
  std::vector<std::string> command;  // PROG ARGS (empty when only attaching)
  std::string resolved_path;         // PROG found in PATH
  std::vector<std::string> env;      // the child's environment
  std::vector<pid_t> attach;         // -p
  bool follow = false;               // -f
  int quiet = 0;                     // -q: no attach/detach messages; -qq: no exit lines
  bool syscall_times = false;        // -T
  bool seccomp_bpf = false;          // install a seccomp filter (--seccomp-bpf, or by default
                                     // when -e trace= leaves syscalls out)
  // How the tracer waits (src/trace/placement.hpp): CoLocate adapts to the machine's load,
  // Fixed keeps the tracer's scheduling policy and only polls for spin_us before blocking.
  Placement::Mode placement = Placement::Mode::CoLocate;
  unsigned spin_us = 50;
  output::WriterOptions writer;
  DecodeOptions decode;
  SyscallFilter filter;
};

}  // namespace scry::trace
