// Starting a tracee and attaching to running processes.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "scry/ptrace.hpp"

namespace scry::ptrace {

namespace {

// What the launched program's process does before its execve: raw syscalls only (glibc's
// raise() would make rt_sigprocmask calls after the stop, which the tracer would then print
// before the execve).
[[noreturn]] void run_child(const std::string& path, char* const* argv, char* const* envp,
                            const LaunchOptions& opt) {
  // Dispositions the tracer inherited as ignored (a background job's SIGINT) are the
  // program's too, although the tracer itself now handles those signals.
  for (int sig : opt.ignored_signals) ::signal(sig, SIG_IGN);
  if (!opt.user.empty() && (::initgroups(opt.user.c_str(), opt.gid) != 0 ||
                            ::setgid(opt.gid) != 0 || ::setuid(opt.uid) != 0)) {
    std::perror("scry: setuid");
    ::_exit(1);
  }
  long self = ::syscall(SYS_getpid);
  ::syscall(SYS_kill, self, SIGSTOP);
  if (opt.seccomp != nullptr) {
    // The tracer resumes us with PTRACE_CONT, so these calls make no stops. Once the filter
    // is in, every traced syscall makes a seccomp stop, execve first. Without
    // CAP_SYS_ADMIN the kernel demands no_new_privs first. If the filter cannot be installed,
    // stop again: the tracer then falls back to syscall stops.
    if (::geteuid() != 0) ::syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    // SPEC_ALLOW: a filter would otherwise also switch on the speculative-store-bypass
    // mitigation for the program, which changes how it runs. Older kernels reject the flag.
    if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_SPEC_ALLOW,
                  opt.seccomp) != 0 &&
        ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, opt.seccomp) != 0)
      ::syscall(SYS_kill, self, SIGSTOP);
  }
  ::syscall(SYS_execve, path.c_str(), argv, envp);
  ::syscall(SYS_exit_group, 1);
  __builtin_unreachable();
}

// -D: this process becomes the program and a grandchild the tracer, which returns from here.
// The intermediate child exits at once, so the tracer is nobody's child the shell waits for,
// and the program keeps the pid and the parent scry had.
Result<Launched> launch_daemonized(const std::string& path, char* const* argv, char* const* envp,
                                   const LaunchOptions& opt) {
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) return errno_error("pipe2");
  const pid_t program = ::getpid();
  pid_t mid = ::fork();
  if (mid < 0) return errno_error("fork");
  if (mid > 0) {
    ::close(ready[1]);
    while (::waitpid(mid, nullptr, 0) < 0 && errno == EINTR) {
    }
    char byte = 0;
    ssize_t n;
    do {
      n = ::read(ready[0], &byte, 1);
    } while (n < 0 && errno == EINTR);
    if (n != 1) ::_exit(1);  // the tracer could not attach; it has said why
    ::close(ready[0]);
    run_child(path, argv, envp, opt);
  }
  ::close(ready[0]);
  if (opt.daemonize == 2) ::setpgid(0, 0);
  if (opt.daemonize >= 3) ::setsid();
  pid_t tracer = ::fork();
  if (tracer != 0) ::_exit(tracer < 0 ? 1 : 0);
  Launched out;
  out.tid = tid_of(program);
  out.seccomp_active = opt.seccomp != nullptr;
  unsigned options = opt.ptrace_options | (out.seccomp_active ? kTraceSeccomp : 0u);
  // Closing ready[1] without the byte tells the program that the tracer gave up: it exits.
  auto seized = seize(out.tid, options);
  const char go = 1;
  const bool told = seized && ::write(ready[1], &go, 1) == 1;
  const int write_errno = errno;
  ::close(ready[1]);
  if (!seized) return seized.error();
  if (!told) return Error{write_errno, "write"};
  // The program stops itself with SIGSTOP before its execve; a signal before that (the
  // SIGCHLD of the intermediate child) is delivered.
  for (;;) {
    auto st = wait_one(program, __WALL);
    if (!st) return st.error();
    if (!WIFSTOPPED(*st)) return Error{ECHILD, "launch: program did not stop"};
    const int sig = WSTOPSIG(*st);
    if (sig == SIGSTOP) break;
    (void)resume_cont(out.tid, (*st >> 16) == 0 ? sig : 0);
  }
  return out;
}

}  // namespace

Result<Launched> launch(const std::string& path, const std::vector<std::string>& argv,
                        const LaunchOptions& opt) {
  // Everything the child needs is built before fork: the child only stops itself and execs.
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  std::vector<char*> cenv;
  for (const auto& e : opt.env) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);
  if (opt.daemonize != 0) return launch_daemonized(path, cargv.data(), cenv.data(), opt);

  pid_t pid = ::fork();
  if (pid < 0) return errno_error("fork");
  if (pid == 0) run_child(path, cargv.data(), cenv.data(), opt);
  Launched out;
  out.tid = tid_of(pid);
  out.seccomp_active = opt.seccomp != nullptr;
  auto st = wait_one(pid, WSTOPPED);
  if (!st) return st.error();
  if (!WIFSTOPPED(*st)) return Error{ECHILD, "launch: child did not stop"};
  unsigned options = opt.ptrace_options | (out.seccomp_active ? kTraceSeccomp : 0u);
  if (auto r = seize(tid_of(pid), options); !r) {
    ::kill(pid, SIGKILL);
    return r.error();
  }
  // Seizing a stopped task makes it re-trap into a PTRACE_EVENT_STOP; consume that stop.
  auto trap = wait_one(pid, __WALL);
  if (!trap) return trap.error();
  // End the job-control stop. Left "stopped", the process would make every thread it creates
  // report a group-stop instead of its first stop. The SIGCONT this queues reaches the tracer
  // as a signal-delivery stop before the execve; the tracer does not show it.
  ::kill(pid, SIGCONT);
  return out;
}

namespace {

std::vector<pid_t> list_tasks(pid_t pid) {
  std::vector<pid_t> out;
  std::string dir = "/proc/" + std::to_string(pid) + "/task";
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return out;
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    out.push_back(static_cast<pid_t>(std::strtol(e->d_name, nullptr, 10)));
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Result<std::vector<Tid>> attach_process(pid_t pid, unsigned options, bool all_threads) {
  std::vector<Tid> seized;
  std::set<pid_t> done;
  if (auto r = seize(tid_of(pid), options); !r) return r.error();
  done.insert(pid);
  seized.push_back(tid_of(pid));
  // Threads may be created while we attach; repeat until a pass finds nothing new.
  for (bool again = all_threads; again;) {
    again = false;
    for (pid_t t : list_tasks(pid)) {
      if (done.count(t) != 0) continue;
      done.insert(t);
      if (seize(tid_of(t), options)) {
        seized.push_back(tid_of(t));
        again = true;
      }
    }
  }
  // Stop every thread so that the tracer sees each one and starts it with PTRACE_SYSCALL.
  for (Tid t : seized) (void)interrupt(t);
  return seized;
}

}  // namespace scry::ptrace
