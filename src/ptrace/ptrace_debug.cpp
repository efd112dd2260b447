// The debugger's ptrace requests. See include/scry/ptrace_debug.hpp.
#include "scry/ptrace_debug.hpp"

#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

namespace scry::ptrace {
namespace {

Error err(const char* what, Tid tid) {
  int e = errno;
  return Error{e, std::string("ptrace(") + what + ", " + std::to_string(raw(tid)) + ")"};
}

long call(int req, Tid tid, std::uint64_t addr, std::uint64_t data) {
  return ::ptrace(static_cast<enum __ptrace_request>(req), raw(tid), reinterpret_cast<void*>(addr),
                  reinterpret_cast<void*>(data));
}

}  // namespace

Result<void> singlestep(Tid tid, int sig) {
  if (call(PTRACE_SINGLESTEP, tid, 0, static_cast<std::uint64_t>(sig)) == -1)
    return err("PTRACE_SINGLESTEP", tid);
  return {};
}

Result<void> kill_task(Tid tid) {
  if (::syscall(SYS_tgkill, raw(tid), raw(tid), SIGKILL) == -1 &&
      ::syscall(SYS_kill, raw(tid), SIGKILL) == -1)
    return errno_error("kill(" + std::to_string(raw(tid)) + ", SIGKILL)");
  return {};
}

Result<std::uint64_t> peek_user(Tid tid, std::size_t offset) {
  errno = 0;
  long v = call(PTRACE_PEEKUSER, tid, offset, 0);
  if (v == -1 && errno != 0) return err("PTRACE_PEEKUSER", tid);
  return static_cast<std::uint64_t>(v);
}

Result<void> poke_user(Tid tid, std::size_t offset, std::uint64_t value) {
  if (call(PTRACE_POKEUSER, tid, offset, value) == -1) return err("PTRACE_POKEUSER", tid);
  return {};
}

Result<std::uint64_t> debug_reg(Tid tid, int n) {
  return peek_user(tid,
                   offsetof(struct user, u_debugreg) + sizeof(long) * static_cast<unsigned>(n));
}

Result<void> set_debug_reg(Tid tid, int n, std::uint64_t value) {
  return poke_user(tid, offsetof(struct user, u_debugreg) + sizeof(long) * static_cast<unsigned>(n),
                   value);
}

Result<user_fpregs_struct> fpregs(Tid tid) {
  user_fpregs_struct r{};
  if (call(PTRACE_GETFPREGS, tid, 0, reinterpret_cast<std::uint64_t>(&r)) == -1)
    return err("PTRACE_GETFPREGS", tid);
  return r;
}

Result<void> set_fpregs(Tid tid, const user_fpregs_struct& r) {
  if (call(PTRACE_SETFPREGS, tid, 0, reinterpret_cast<std::uint64_t>(&r)) == -1)
    return err("PTRACE_SETFPREGS", tid);
  return {};
}

Result<std::vector<std::uint8_t>> xstate(Tid tid) {
  std::vector<std::uint8_t> buf(16384);
  iovec iov{buf.data(), buf.size()};
  if (call(PTRACE_GETREGSET, tid, NT_X86_XSTATE, reinterpret_cast<std::uint64_t>(&iov)) == -1)
    return err("PTRACE_GETREGSET", tid);
  buf.resize(iov.iov_len);
  return buf;
}

std::size_t write_memory(Tid tid, std::uint64_t addr, const void* buf, std::size_t len) {
  const auto* src = static_cast<const std::uint8_t*>(buf);
  std::size_t done = 0;
  while (done < len) {
    std::uint64_t at = addr + done;
    std::uint64_t word_addr = at & ~std::uint64_t{7};
    std::size_t skip = at - word_addr;
    std::size_t n = std::min<std::size_t>(8 - skip, len - done);
    long word = 0;
    if (n != 8) {
      errno = 0;
      word = call(PTRACE_PEEKDATA, tid, word_addr, 0);
      if (word == -1 && errno != 0) break;
    }
    std::memcpy(reinterpret_cast<std::uint8_t*>(&word) + skip, src + done, n);
    if (call(PTRACE_POKEDATA, tid, word_addr, static_cast<std::uint64_t>(word)) == -1) break;
    done += n;
  }
  return done;
}

Result<TaskWait> wait_task(Tid tid, int flags) {
  for (;;) {
    int status = 0;
    pid_t p = ::waitpid(raw(tid), &status, __WALL | flags);
    if (p >= 0) return TaskWait{tid_of(p), status};
    if (errno == EINTR) continue;
    return errno_error("wait4(" + std::to_string(raw(tid)) + ")");
  }
}

}  // namespace scry::ptrace
