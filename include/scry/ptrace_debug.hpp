// The ptrace requests only the debugger needs: single-stepping, the user area (debug
// registers), the FPU/vector state, and writing memory. Like ptrace.hpp, every request
// returns a Result and ESRCH is an ordinary outcome.
#pragma once

#include <sys/user.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "scry/result.hpp"
#include "scry/types.hpp"

namespace scry::ptrace {

Result<void> singlestep(Tid tid, int sig);  // PTRACE_SINGLESTEP
Result<void> kill_task(Tid tid);            // PTRACE_KILL's modern form: SIGKILL by tgkill

// PTRACE_PEEKUSER / PTRACE_POKEUSER at a byte offset into struct user.
Result<std::uint64_t> peek_user(Tid tid, std::size_t offset);
Result<void> poke_user(Tid tid, std::size_t offset, std::uint64_t value);
// Debug register n (0..7) through the user area's u_debugreg.
Result<std::uint64_t> debug_reg(Tid tid, int n);
Result<void> set_debug_reg(Tid tid, int n, std::uint64_t value);

// PTRACE_GETFPREGS: the legacy x87/SSE area.
Result<user_fpregs_struct> fpregs(Tid tid);
Result<void> set_fpregs(Tid tid, const user_fpregs_struct& r);
// PTRACE_GETREGSET NT_X86_XSTATE: the whole XSAVE area (x87, SSE, AVX upper halves, ...).
Result<std::vector<std::uint8_t>> xstate(Tid tid);

// Writes len bytes at addr with PTRACE_PEEKDATA/POKEDATA (read-modify-write of whole
// words), so that read-only text can be patched. Returns how many bytes were written.
std::size_t write_memory(Tid tid, std::uint64_t addr, const void* buf, std::size_t len);

// waitpid(tid, __WALL | flags): a stop of one task. Status 0 with tid 0 under WNOHANG.
struct TaskWait {
  Tid tid{};
  int status = 0;
};
Result<TaskWait> wait_task(Tid tid, int flags);

}  // namespace scry::ptrace
