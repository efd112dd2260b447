#include "trace/tracer.hpp"

#include "trace/clock.hpp"
#include "trace/seccomp_filter.hpp"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ptrace.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace scry::trace {
namespace {

volatile sig_atomic_t g_stop_signal = 0;  // set by the signal handler only

}  // namespace

void Tracer::request_stop(int sig) {
  g_stop_signal = sig;
}

Tracer::Tracer(const TraceOptions& opt, output::TextWriter& writer) : opt_(opt), writer_(writer) {
  if (opt_.stack_trace && opt_.summary != TraceOptions::SummaryMode::Only)
    stacks_ = std::make_unique<StackTracer>();
  if (opt_.decode.decode_pid_comm) writer_.set_pid_names(&fds_, opt_.decode.xmode);
  summary_.set_overhead(opt_.summary_overhead_ns);
}

void Tracer::message(const char* fmt, ...) {
  writer_.flush();
  char buf[256];
  int n = std::snprintf(buf, sizeof buf, "%s: ", program_invocation_name);
  va_list ap;
  va_start(ap, fmt);
  n += std::vsnprintf(buf + n, sizeof buf - static_cast<std::size_t>(n) - 1, fmt, ap);
  va_end(ap);
  if (n > static_cast<int>(sizeof buf) - 2) n = static_cast<int>(sizeof buf) - 2;
  buf[n++] = '\n';
  (void)!::write(STDERR_FILENO, buf, static_cast<std::size_t>(n));
}

Task& Tracer::add_task(Tid tid, bool attached) {
  auto [it, inserted] = tasks_.try_emplace(raw(tid));
  if (inserted) {
    it->second.tid = tid;
    it->second.attached = attached;
    it->second.seccomp = !attached && seccomp_new_tasks_;
    if (!attached && started_ && !opt_.follow) {
      it->second.silent = it->second.hidden = true;
      ++silent_tasks_;
    }
    update_task_count();
    writer_.load_comm(raw(tid));
    // As strace: a task that -f picked up is announced unless quiet (-o FILE PROG implies -q).
    // On stderr the message lands where the trace is (often inside the parent's clone( line).
    if (!attached && started_ && opt_.follow && (opt_.quiet & TraceOptions::kQuietAttach) == 0)
      message("Process %d attached", raw(tid));
  }
  return it->second;
}

void Tracer::update_task_count() {
  writer_.set_task_count(tasks_.size() - silent_tasks_);  // the pid prefix counts shown tasks
  placement_.set_task_count(tasks_.size());
}

void Tracer::drop_task(Tid tid) {
  if (placement_.fork_parent() == raw(tid)) finish_fork();
  std::erase(held_new_, tid);
  if (stacks_) stacks_->task_gone(raw(tid));
  writer_.forget_task(raw(tid));
  if (!delayed_.empty()) {
    std::erase_if(delayed_, [tid](const Delayed& d) { return d.tid == tid; });
    if (delayed_.empty()) stop_delay_timer();
  }
  auto it = tasks_.find(raw(tid));
  if (it != tasks_.end()) {
    if (it->second.silent) --silent_tasks_;
    tasks_.erase(it);
  }
  update_task_count();
}

void Tracer::resume(Task& t, int sig) {
  if (t.inject_sig != 0) {  // -e inject=...:signal=: queued as the task leaves the entry stop
    sig = t.inject_sig;
    t.inject_sig = 0;
  }
  if (t.delay_ns != 0) {  // -e inject=...:delay_enter=/delay_exit=: resumed by resume_due()
    delayed_.push_back({monotonic_ns() + t.delay_ns, t.tid, sig});
    t.delay_ns = 0;
    return;
  }
  resume_now(t, sig);
}

void Tracer::resume_now(Task& t, int sig) {
  // On stderr, what this stop printed goes out before the tracee runs on and writes its own.
  if (trace_on_stderr()) writer_.flush();
  // Under the seccomp filter a task runs free between traced syscalls; the exit of a traced
  // syscall still needs a syscall stop.
  if (t.seccomp && !t.in_syscall)
    (void)ptrace::resume_cont(t.tid, sig);
  else
    (void)ptrace::resume_syscall(t.tid, sig);
}

bool Tracer::start() {
  ptrace_options_ = ptrace::kTraceSysGood | ptrace::kTraceExec;
  if (opt_.follow)
    ptrace_options_ |= ptrace::kTraceFork | ptrace::kTraceVfork | ptrace::kTraceClone;

  for (pid_t pid : opt_.attach) {
    // As strace: all threads of the process with -f, only the given one without.
    unsigned attach_options = ptrace_options_ | (opt_.kill_on_exit ? ptrace::kExitKill : 0u);
    auto seized = ptrace::attach_process(pid, attach_options, opt_.follow);
    if (!seized) {
      const Error& e = seized.error();
      std::fprintf(stderr, "%s: attach: ptrace(PTRACE_SEIZE, %d): %s\n", program_invocation_name,
                   pid, strerror(e.code));
      continue;
    }
    for (Tid t : *seized) add_task(t, true);
    started_ = true;
    if ((opt_.quiet & TraceOptions::kQuietAttach) == 0) {
      if (seized->size() > 1)
        message("Process %d attached with %zu threads", pid, seized->size());
      else
        message("Process %d attached", pid);
    }
  }
  if (!opt_.command.empty()) {
    ptrace::LaunchOptions lo;
    lo.ptrace_options = ptrace_options_ | ptrace::kExitKill;
    follow_silently_ = opt_.seccomp_bpf && opt_.attach.empty() && !opt_.follow;
    if (follow_silently_)
      lo.ptrace_options |= ptrace::kTraceFork | ptrace::kTraceVfork | ptrace::kTraceClone;
    lo.env = opt_.env;
    lo.ignored_signals = opt_.ignored_signals;
    lo.user = opt_.run_as_user;
    lo.uid = opt_.run_as_uid;
    lo.gid = opt_.run_as_gid;
    lo.daemonize = opt_.daemonize;
    // seccomp-bpf only where every task descends from the launched program: attached
    // processes have no filter.
    std::vector<sock_filter> filter;
    sock_fprog prog{};
    if (opt_.seccomp_bpf && opt_.attach.empty()) {
      filter = build_seccomp_filter(opt_.filter.syscalls());
      prog.len = static_cast<unsigned short>(filter.size());
      prog.filter = filter.data();
      lo.seccomp = &prog;
    }
    auto launched = ptrace::launch(opt_.resolved_path, opt_.command, lo);
    if (!launched) {
      std::fprintf(stderr, "%s: %s: %s\n", program_invocation_name,
                   launched.error().context.c_str(), strerror(launched.error().code));
      return !tasks_.empty();
    }
    child_ = raw(launched->tid);
    seccomp_new_tasks_ = launched->seccomp_active;
    Task& t = add_task(launched->tid, false);
    t.startup = true;
    // -D attaches to the program: strace says so (-o FILE implies -q: not there).
    if (opt_.daemonize != 0 && (opt_.quiet & TraceOptions::kQuietAttach) == 0)
      message("Process %d attached", child_);
    started_ = true;
    resume(t, 0);
  }
  return !tasks_.empty();
}

int Tracer::run() {
  if (!start()) return 1;
  placement_.start(opt_.placement == Placement::Mode::CoLocate, opt_.spin_us * 1000u);
  if (opt_.low_latency) {
    if (const char* err = placement_.hold_cpu_latency(); *err != '\0')
      std::fprintf(stderr, "%s: --low-latency: cannot hold /dev/cpu_dma_latency: %s\n",
                   program_invocation_name, err);
  }
  loop();
  placement_.stop();
  if (opt_.summary != TraceOptions::SummaryMode::None) {
    OutBuf table;
    summary_.print(table, opt_.summary_sort, opt_.summary_columns);
    writer_.write_raw(table.view());
  }
  writer_.flush();
  return exit_status_;
}

void Tracer::loop() {
  while (!tasks_.empty()) {
    if (g_stop_signal != 0) {
      cleanup_on_signal(g_stop_signal);
      return;
    }
    // Poll for a bounded time before blocking: a traced program usually stops again within
    // microseconds, and a tracer that stays on its CPU avoids the cost of waking a halted
    // vCPU at every stop. Output is flushed only when the tracer is about to block.
    if (!delayed_.empty()) resume_due();
    placement_.on_event(last_tid_);
    // -c measures the tracee's system time per syscall, as strace does, from wait4's rusage.
    rusage ru{};
    rusage* rup = opt_.summary != TraceOptions::SummaryMode::None ? &ru : nullptr;
    auto w = ptrace::wait_any_nohang(rup);
    if (w && raw(w->tid) == 0 && placement_.spin_ns() > 0) {
      std::uint64_t deadline = monotonic_ns() + placement_.spin_ns();
      do {
        // A tracee that shares this CPU (pinned, or placed here) needs it to reach its
        // next stop: yield between polls rather than burn the CPU it is waiting for.
        ::sched_yield();
        w = ptrace::wait_any_nohang(rup);
      } while (w && raw(w->tid) == 0 && monotonic_ns() < deadline);
    }
    if (w && raw(w->tid) == 0) {
      writer_.flush();
      if (g_stop_signal != 0) continue;
      if (!delayed_.empty()) arm_delay_timer();
      w = ptrace::wait_any(true, rup);
      if (w) placement_.on_blocked(raw(w->tid));
    }
    if (rup != nullptr)
      stop_stime_ns_ = static_cast<std::uint64_t>(ru.ru_stime.tv_sec) * 1000000000u +
                       static_cast<std::uint64_t>(ru.ru_stime.tv_usec) * 1000u;
    if (!w) {
      if (w.error().code == EINTR) continue;
      break;  // ECHILD: nothing left to wait for
    }
    last_tid_ = raw(w->tid);
    handle(StopEvent::from_wait_status(w->tid, w->status));
    // On stderr, also what an event printed without resuming anyone (an exit, a group stop).
    if (trace_on_stderr()) writer_.flush();
  }
}

void Tracer::handle(const StopEvent& ev) {
  auto it = tasks_.find(raw(ev.tid));
  if (it == tasks_.end()) {
    if (ev.is_terminal()) return;
    // A new task's first stop can come before its parent's fork/clone event.
    it = tasks_.find(raw(add_task(ev.tid, false).tid));
  }
  Task& t = it->second;
  switch (ev.kind) {
    case StopKind::SyscallStop:
      on_syscall_stop(t);
      if (!detached_on_execve(t)) resume(t, 0);
      break;
    case StopKind::SignalDelivery:
      on_signal(t, ev.sig);
      break;
    case StopKind::GroupStop:
      if (!t.hidden) {
        line_.clear();
        line_.put("--- stopped by ");
        print_signal_name(line_, ev.sig);
        line_.put(" ---");
        set_line_context(t, true);
        writer_.line(raw(t.tid), line_.view());
        print_stack(t);
      }
      (void)ptrace::listen(t.tid);
      break;
    case StopKind::PtraceEvent:
      on_event(t, ev);
      break;
    case StopKind::Exited:
    case StopKind::Killed:
      on_terminated(t, ev);
      break;
  }
}

bool Tracer::detached_on_execve(Task& t) {
  // -b execve: a task (other than the launched program's first exec) that enters execve is
  // let go; its line stays "<unfinished ...>", as strace leaves it.
  if (!opt_.detach_on_execve || !t.in_syscall || t.startup || t.call.entry == nullptr) return false;
  if (std::strcmp(t.call.entry->name, "execve") != 0 &&
      std::strcmp(t.call.entry->name, "execveat") != 0)
    return false;
  if (t.shown) writer_.unfinished(raw(t.tid));
  print_stack(t, false);
  (void)ptrace::detach(t.tid, 0);
  drop_task(t.tid);
  return true;
}

void Tracer::set_line_context(const Task& t, bool at_stop) {
  if (!writer_.wants_line_context()) return;
  // -i: where the task stopped (signals) or made its syscall; unknown once it has exited.
  std::uint64_t ip = t.entry_ip;
  bool known = t.call.nr >= 0;
  if (at_stop) {
    auto info = ptrace::syscall_info(t.tid);
    known = info.ok();
    if (known) ip = info->ip;
  }
  writer_.set_line_context(t.call.nr < 0 ? 0 : t.call.nr, ip, known && t.call.nr >= -1);
}

void Tracer::on_signal(Task& t, int sig) {
  if (t.startup && sig == SIGCONT) {  // scry's own SIGCONT from ptrace::launch
    resume(t, 0);
    return;
  }
  if (t.startup && t.seccomp && sig == SIGSTOP) {
    // The launched child could not install the seccomp filter (see ptrace::launch).
    std::fprintf(stderr, "%s: seccomp filter is requested but unavailable\n",
                 program_invocation_name);
    t.seccomp = false;
    seccomp_new_tasks_ = false;
    if (follow_silently_) {  // no filter to keep children from: let them go untraced
      follow_silently_ = false;
      (void)ptrace::set_options(t.tid, ptrace_options_ | ptrace::kExitKill);
    }
    (void)ptrace::resume_syscall(t.tid, 0);
    return;
  }
  if (!t.hidden && opt_.filter.signal_selected(sig)) {
    auto si = ptrace::siginfo(t.tid);
    line_.clear();
    line_.put("--- ");
    print_signal_name(line_, sig);
    line_.put(' ');
    if (si)
      print_siginfo(line_, *si, opt_.decode.decode_pid_comm ? &fds_ : nullptr, opt_.decode.xmode,
                    opt_.decode.xlat);
    else
      line_.put("{si_signo=?}");  // the task vanished between the stop and the request
    line_.put(" ---");
    set_line_context(t, true);
    writer_.line(raw(t.tid), line_.view());
    print_stack(t);
  }
  resume(t, sig);
}

void Tracer::on_event(Task& t, const StopEvent& ev) {
  switch (ev.event) {
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK:
    case PTRACE_EVENT_CLONE: {
      auto msg = ptrace::event_msg(t.tid);
      if (msg) {
        add_task(tid_of(static_cast<pid_t>(*msg)), false);
        placement_.on_new_task(t.fork_placeable);
        if (placement_.fork_parent() == raw(t.tid)) {
          fork_event(t, static_cast<pid_t>(*msg));
          return;
        }
      }
      break;
    }
    case PTRACE_EVENT_EXEC:
      on_exec(t);
      return;  // on_exec resumes the (possibly renamed) task
    case PTRACE_EVENT_SECCOMP:
      if (t.silent) break;  // nothing to show: run on to the next traced syscall
      on_syscall_stop(t);   // a traced syscall's entry; resume() now asks for its exit stop
      if (detached_on_execve(t)) return;
      break;
    case PTRACE_EVENT_EXIT:
      syscall_vanished(t, false);
      break;
    default:  // PTRACE_EVENT_STOP: a new task's first stop, or an interrupt
      if (!t.attached && !t.seen_stop) {
        t.seen_stop = true;
        // Maybe the child of a placed fork whose event has not come yet: it must not run with
        // the narrowed mask, so it waits for the event (or the end of the call).
        if (placement_.must_hold(raw(t.tid))) {
          held_new_.push_back(t.tid);
          return;
        }
      }
      if (t.attached && !t.seen_stop) {
        // Attaching interrupted a sleeping syscall: remember which one, so that the
        // restart_syscall that follows reads "<... resuming interrupted clock_nanosleep ...>".
        t.seen_stop = true;
        if (auto r = ptrace::regs(t.tid);
            r && static_cast<long>(r->rax) >= -516 && static_cast<long>(r->rax) <= -512)
          t.restart_nr = static_cast<long>(r->orig_rax);
      }
      break;
  }
  resume(t, 0);
}

void Tracer::on_exec(Task& t) {
  Tid tid = t.tid;
  auto former = ptrace::event_msg(tid);
  if (stacks_) {
    stacks_->exec(raw(tid));
    if (former) stacks_->exec(static_cast<pid_t>(*former));
  }
  Task* task = &t;
  if (former && static_cast<pid_t>(*former) != raw(tid)) {
    // A non-leader thread exec'd: it takes over the leader's tid and the leader is gone.
    auto it = tasks_.find(static_cast<pid_t>(*former));
    if (it != tasks_.end()) {
      // The leader is gone without an exit of its own: its syscall ends here ("= ?").
      syscall_vanished(t, false);
      Task moved = it->second;
      tasks_.erase(it);
      writer_.pid_changed(static_cast<pid_t>(*former), raw(tid));
      writer_.forget_task(static_cast<pid_t>(*former));
      moved.tid = tid;
      // The process stays as shown as it was: a thread that -f did not follow takes the
      // leader's place (and its visibility) when it execs.
      if (moved.silent) --silent_tasks_;
      moved.silent = t.silent;
      moved.hidden = t.hidden;
      tasks_[raw(tid)] = moved;
      task = &tasks_[raw(tid)];
      update_task_count();
      if (!task->hidden && (opt_.quiet & TraceOptions::kQuietSuperseded) == 0) {
        line_.clear();
        line_.put("+++ superseded by execve in pid ");
        line_.put_dec(static_cast<long>(*former));
        line_.put(" +++");
        writer_.line(raw(tid), line_.view());
      }
    }
  }
  task->startup = false;
  resume(*task, 0);
}

void Tracer::syscall_vanished(Task& t, bool detached) {
  if (t.in_syscall && t.shown && !t.hidden) {
    const bool hold = opt_.filter.holds_lines();
    const auto status = detached ? SyscallFilter::kDetached : SyscallFilter::kUnfinished;
    if (!hold || opt_.filter.status_selected(status)) {
      if (hold) writer_.syscall_entry(raw(t.tid), t.held);
      if (detached) {
        writer_.detached(raw(t.tid));
      } else {
        // Did the call still have something to print at its exit? Ask its exit decoder, as
        // if the call had failed (out-arguments then print as addresses, no memory is read
        // for them): only ")" means everything was printed at entry.
        SyscallCall probe = t.call;
        probe.ret = -1;
        probe.is_error = true;
        line_.clear();
        DecodeCtx ctx{mem_, opt_.decode, line_, probe, &fds_};
        ctx.exiting = true;
        ctx.aux = &aux_;
        mem_.retarget(t.tid);
        fds_.retarget(raw(t.tid));
        if (t.resume_arg < 6) decode_syscall_exit(ctx, t.resume_arg);
        const bool unfinished = line_.size() > 1;
        line_.clear();
        print_syscall_name(line_, t.call.nr, t.call.entry);
        if (writer_.wants_line_context()) writer_.set_line_context(t.call.nr, t.entry_ip, true);
        writer_.syscall_vanished(raw(t.tid), line_.view(), unfinished);
      }
    }
  }
  t.in_syscall = false;
}

void Tracer::on_terminated(Task& t, const StopEvent& ev) {
  syscall_vanished(t, false);
  // -e signal= hides "+++ killed by SIG... +++" for the signals it leaves out, and only it:
  // strace prints the killed line under -qq and -e quiet=exit too.
  const bool shown_exit = ev.kind == StopKind::Exited ? (opt_.quiet & TraceOptions::kQuietExit) == 0
                                                      : opt_.filter.signal_selected(ev.sig);
  if (shown_exit && !t.silent) {
    line_.clear();
    if (ev.kind == StopKind::Exited) {
      line_.put("+++ exited with ");
      line_.put_dec(ev.code);
      line_.put(" +++");
    } else {
      line_.put("+++ killed by ");
      print_signal_name(line_, ev.sig);
      if (ev.core_dumped) line_.put(" (core dumped)");
      line_.put(" +++");
    }
    if (writer_.wants_line_context())
      writer_.set_line_context(t.call.nr < 0 ? 0 : t.call.nr, 0, false);
    writer_.line(raw(t.tid), line_.view());
  }
  print_stack(t, false);  // as strace when it drops the task: an exit's stack comes last
  if (raw(t.tid) == child_) exit_status_ = ev.kind == StopKind::Exited ? ev.code : 0x100 | ev.sig;
  drop_task(t.tid);
}

void Tracer::print_stack(Task& t, bool walk) {
  if (!stacks_ || t.hidden) return;
  if (t.stack.empty()) {
    // strace 6.1 (libunwind) prints no stack for a task in a 32-bit syscall.
    if (!walk || t.call.abi == Abi::I386) return;
    stacks_->walk(raw(t.tid), false, t.stack);
  }
  writer_.trailer(raw(t.tid), t.stack);
  t.stack.clear();
}

void Tracer::stack_at_entry(Task& t) {
  t.stack.clear();
  // The launched program's first execve: strace shows the new program's stack at its exit.
  if (t.startup || t.call.abi == Abi::I386 || !stacks_->captured_at_entry(t.call.nr)) return;
  stacks_->walk(raw(t.tid), true, t.stack);
}

void Tracer::detach_stopped(Task& t, int sig) {
  syscall_vanished(t, true);
  if (!ptrace::detach(t.tid, sig) && errno != ESRCH) return;
  const bool attached = t.attached;
  const pid_t id = raw(t.tid);
  drop_task(t.tid);
  if (attached && (opt_.quiet & TraceOptions::kQuietAttach) == 0)
    message("Process %d detached", id);
}

void Tracer::cleanup_on_signal(int sig) {
  if (opt_.kill_on_exit) {
    // Every tracee has PTRACE_O_EXITKILL: they die when scry exits; nothing is detached.
    exit_status_ = 0x100 | sig;
    return;
  }
  // strace's cleanup: the launched program gets the same fatal signal; attached processes are
  // detached and run on.
  if (child_ != 0 && tasks_.count(child_) != 0) {
    ::kill(child_, SIGCONT);
    ::kill(child_, sig);
  }
  detach_delayed();
  finish_fork();  // every mask as it was before the held tasks are detached
  for (auto& [tid, t] : tasks_) (void)ptrace::interrupt(t.tid);
  while (!tasks_.empty()) {
    auto w = ptrace::wait_any(false);
    if (!w) break;
    StopEvent ev = StopEvent::from_wait_status(w->tid, w->status);
    auto it = tasks_.find(raw(ev.tid));
    if (it == tasks_.end()) continue;
    Task& t = it->second;
    if (ev.is_terminal()) {
      on_terminated(t, ev);
      continue;
    }
    int pass = ev.kind == StopKind::SignalDelivery ? ev.sig : 0;
    if (ev.kind == StopKind::SyscallStop || ev.kind == StopKind::PtraceEvent ||
        ev.kind == StopKind::SignalDelivery || ev.kind == StopKind::GroupStop)
      detach_stopped(t, pass);
  }
  // As strace: scry then dies by the same signal, attached or not.
  exit_status_ = 0x100 | sig;
}

void Tracer::place_fork(Task& t, long fnr) {
  static const long kClone = syscall_number(Abi::X86_64, "clone").value_or(-2);
  static const long kClone3 = syscall_number(Abi::X86_64, "clone3").value_or(-2);
  static const long kFork = syscall_number(Abi::X86_64, "fork").value_or(-2);
  static const long kVfork = syscall_number(Abi::X86_64, "vfork").value_or(-2);
  t.fork_placeable = false;
  if (fnr != kClone && fnr != kClone3 && fnr != kFork && fnr != kVfork) return;
  // Only a child that will be auto-attached stops before its first instruction.
  if (!(opt_.follow || follow_silently_) || placement_.fork_pending()) return;
  std::uint64_t flags = 0;
  if (fnr == kClone) {
    flags = t.call.args[0];
  } else if (fnr == kClone3) {
    mem_.retarget(t.tid);
    if (!mem_.read_object(t.call.args[0], flags)) return;  // clone_args.flags
  }
  if ((flags & CLONE_UNTRACED) != 0) return;
  t.fork_placeable = true;
  (void)placement_.begin_fork(raw(t.tid));
}

// The placed call's event named its child. Co-located, the tracer is SCHED_IDLE: a task woken
// while another tracee is runnable on the pair's CPU goes to the idle one, and stays there (a
// wakee returns to its previous CPU while that is idle), so every later stop of it crosses
// CPUs. So the parent, which lives on, is resumed while nothing else is runnable here: a child
// that has not reached its first stop yet is waited for (not reaped: its stop is handled as
// usual), and a held child is resumed after the parent, i.e. at the parent's next stop, since
// the parent preempts the tracer at once. The parent waits at its event for the child's
// start-up in the kernel only: the child runs no instruction of its own before that stop.
// Fork loop, 21 runs: 226 -> 212 ms median, the slowest 254 -> 231 ms.
void Tracer::fork_event(Task& parent, pid_t child) {
  const bool seen = std::ranges::find(held_new_, tid_of(child)) != held_new_.end();
  placement_.fork_child(child);
  if (!seen) (void)ptrace::wait_ready(child);
  resume(parent, 0);
  release_held();
}

void Tracer::finish_fork() {
  if (!placement_.fork_pending()) return;
  for (Tid tid : held_new_) placement_.restore_if_narrowed(raw(tid));
  placement_.end_fork();
  release_held();
}

void Tracer::release_held() {
  while (!held_new_.empty()) {
    Tid tid = held_new_.back();
    held_new_.pop_back();
    if (auto it = tasks_.find(raw(tid)); it != tasks_.end()) resume(it->second, 0);
  }
}

}  // namespace scry::trace
