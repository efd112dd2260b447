// The seccomp-bpf program that makes untraced syscalls run without stopping: traced syscalls
// return SECCOMP_RET_TRACE (a PTRACE_EVENT_SECCOMP stop), the rest SECCOMP_RET_ALLOW.
// Pure data: built here, installed by the launched child (src/ptrace/launch.cpp).
#pragma once

#include <linux/filter.h>

#include <bitset>
#include <cstdint>
#include <vector>

namespace scry::trace {

// Syscalls of another ABI (i386 via int $0x80, x32) always stop: the tracer decides.
std::vector<sock_filter> build_seccomp_filter(const std::bitset<1024>& traced);

// Runs the program over (arch, nr) as the kernel would; for tests.
std::uint32_t run_seccomp_filter(const std::vector<sock_filter>& prog, std::uint32_t arch,
                                 std::uint32_t nr);

}  // namespace scry::trace
