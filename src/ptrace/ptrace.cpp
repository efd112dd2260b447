// Every ptrace(2) request scry makes goes through here.
#include "scry/ptrace.hpp"

#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <string>

namespace scry::ptrace {
namespace {

const char* request_name(long req) {
  switch (req) {
    case PTRACE_SEIZE:
      return "PTRACE_SEIZE";
    case PTRACE_INTERRUPT:
      return "PTRACE_INTERRUPT";
    case PTRACE_SYSCALL:
      return "PTRACE_SYSCALL";
    case PTRACE_CONT:
      return "PTRACE_CONT";
    case PTRACE_LISTEN:
      return "PTRACE_LISTEN";
    case PTRACE_DETACH:
      return "PTRACE_DETACH";
    case PTRACE_SETOPTIONS:
      return "PTRACE_SETOPTIONS";
    case PTRACE_GETEVENTMSG:
      return "PTRACE_GETEVENTMSG";
    case PTRACE_GET_SYSCALL_INFO:
      return "PTRACE_GET_SYSCALL_INFO";
    case PTRACE_GETSIGINFO:
      return "PTRACE_GETSIGINFO";
    case PTRACE_GETREGS:
      return "PTRACE_GETREGS";
    case PTRACE_SETREGS:
      return "PTRACE_SETREGS";
    case PTRACE_PEEKDATA:
      return "PTRACE_PEEKDATA";
    case PTRACE_POKEDATA:
      return "PTRACE_POKEDATA";
    default:
      return "ptrace";
  }
}

Error request_error(long req, Tid tid) {
  int e = errno;
  return Error{e,
               std::string("ptrace(") + request_name(req) + ", " + std::to_string(raw(tid)) + ")"};
}

Result<void> request(long req, Tid tid, void* addr, void* data) {
  if (::ptrace(static_cast<enum __ptrace_request>(req), raw(tid), addr, data) == -1)
    return request_error(req, tid);
  return {};
}

void* sig_arg(int sig) {
  return reinterpret_cast<void*>(static_cast<long>(sig));
}

}  // namespace

Result<void> seize(Tid tid, unsigned options) {
  return request(PTRACE_SEIZE, tid, nullptr, reinterpret_cast<void*>(static_cast<long>(options)));
}
Result<void> interrupt(Tid tid) {
  return request(PTRACE_INTERRUPT, tid, nullptr, nullptr);
}
Result<void> resume_syscall(Tid tid, int sig) {
  return request(PTRACE_SYSCALL, tid, nullptr, sig_arg(sig));
}
Result<void> resume_cont(Tid tid, int sig) {
  return request(PTRACE_CONT, tid, nullptr, sig_arg(sig));
}
Result<void> listen(Tid tid) {
  return request(PTRACE_LISTEN, tid, nullptr, nullptr);
}
Result<void> detach(Tid tid, int sig) {
  return request(PTRACE_DETACH, tid, nullptr, sig_arg(sig));
}
Result<void> set_options(Tid tid, unsigned options) {
  return request(PTRACE_SETOPTIONS, tid, nullptr,
                 reinterpret_cast<void*>(static_cast<long>(options)));
}

Result<unsigned long> event_msg(Tid tid) {
  unsigned long msg = 0;
  if (auto r = request(PTRACE_GETEVENTMSG, tid, nullptr, &msg); !r) return r.error();
  return msg;
}

Result<SyscallInfo> syscall_info(Tid tid) {
  struct __ptrace_syscall_info raw_info {};
  long n = ::ptrace(static_cast<enum __ptrace_request>(PTRACE_GET_SYSCALL_INFO), raw(tid),
                    reinterpret_cast<void*>(sizeof raw_info), &raw_info);
  if (n == -1) return request_error(PTRACE_GET_SYSCALL_INFO, tid);
  SyscallInfo info;
  info.arch = raw_info.arch;
  info.ip = raw_info.instruction_pointer;
  info.sp = raw_info.stack_pointer;
  switch (raw_info.op) {
    case PTRACE_SYSCALL_INFO_ENTRY:
      info.op = SyscallInfo::Op::Entry;
      info.nr = static_cast<long>(raw_info.entry.nr);
      for (int i = 0; i < 6; ++i) info.args[i] = raw_info.entry.args[i];
      break;
    case PTRACE_SYSCALL_INFO_EXIT:
      info.op = SyscallInfo::Op::Exit;
      info.rval = raw_info.exit.rval;
      info.is_error = raw_info.exit.is_error != 0;
      break;
    case PTRACE_SYSCALL_INFO_SECCOMP:
      info.op = SyscallInfo::Op::Seccomp;
      info.nr = static_cast<long>(raw_info.seccomp.nr);
      for (int i = 0; i < 6; ++i) info.args[i] = raw_info.seccomp.args[i];
      info.seccomp_data = raw_info.seccomp.ret_data;
      break;
    default:
      info.op = SyscallInfo::Op::None;
  }
  return info;
}

Result<siginfo_t> siginfo(Tid tid) {
  siginfo_t si{};
  if (auto r = request(PTRACE_GETSIGINFO, tid, nullptr, &si); !r) return r.error();
  return si;
}

Result<user_regs_struct> regs(Tid tid) {
  user_regs_struct r{};
  if (auto res = request(PTRACE_GETREGS, tid, nullptr, &r); !res) return res.error();
  return r;
}

Result<void> set_regs(Tid tid, const user_regs_struct& r) {
  return request(PTRACE_SETREGS, tid, nullptr, const_cast<user_regs_struct*>(&r));
}

Result<long> peek_data(Tid tid, std::uint64_t addr) {
  errno = 0;
  long v = ::ptrace(static_cast<enum __ptrace_request>(PTRACE_PEEKDATA), raw(tid),
                    reinterpret_cast<void*>(addr), nullptr);
  if (v == -1 && errno != 0) return request_error(PTRACE_PEEKDATA, tid);
  return v;
}

Result<void> poke_data(Tid tid, std::uint64_t addr, long word) {
  return request(PTRACE_POKEDATA, tid, reinterpret_cast<void*>(addr),
                 reinterpret_cast<void*>(word));
}

Result<WaitResult> wait_any(bool interruptible, struct rusage* ru) {
  for (;;) {
    int status = 0;
    pid_t p = ::wait4(-1, &status, __WALL, ru);
    if (p > 0) return WaitResult{tid_of(p), status};
    if (errno == EINTR && !interruptible) continue;
    return errno_error("wait4");
  }
}

Result<WaitResult> wait_any_nohang(struct rusage* ru) {
  int status = 0;
  pid_t p = ::wait4(-1, &status, __WALL | WNOHANG, ru);
  if (p < 0) return errno_error("wait4");
  return WaitResult{tid_of(p), status};
}

Result<void> wait_ready(pid_t pid) {
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WSTOPPED | WNOWAIT | __WALL) != 0)
    return errno_error("waitid");
  return {};
}

Result<int> wait_one(pid_t pid, int flags) {
  for (;;) {
    int status = 0;
    pid_t p = ::waitpid(pid, &status, flags);
    if (p == pid) return status;
    if (p < 0 && errno == EINTR) continue;
    return errno_error("wait4");
  }
}

}  // namespace scry::ptrace
