// -e inject= / -e fault=: tampering with a traced syscall at its entry and exit, and the
// delayed resumes of :delay_enter= / :delay_exit=.
#include <errno.h>
#include <signal.h>
#include <sys/time.h>

#include <algorithm>

#include "scry/ptrace_debug.hpp"
#include "scry/syscall_table.hpp"
#include "trace/clock.hpp"
#include "trace/tracer.hpp"

namespace scry::trace {

void Tracer::tamper_entry(Task& t) {
  // As strace: nothing is done to the launched program before its first execve completes.
  if (opt_.inject.empty() || t.startup) return;
  const InjectSpec* spec = opt_.inject.find(t.filter_nr);
  if (spec == nullptr) return;
  if (t.inject_counts.empty()) t.inject_counts.assign(opt_.inject.counts_size(), 0);
  std::uint32_t& n = t.inject_counts[opt_.inject.count_slot(t.filter_nr)];
  if (n < UINT32_MAX) ++n;
  if (!spec->due(n)) return;
  t.tamper = spec;
  if (!spec->poke_enter.empty()) poke(t, spec->poke_enter);
  if (spec->tampers_return()) {
    // The call is replaced by an invalid number (the kernel skips it) or by the given pure
    // syscall; its result is set at the exit.
    long nr = -1;
    if (spec->syscall >= 0) {
      const SyscallEntry* e = syscall_entry(Abi::X86_64, spec->syscall);
      nr = t.call.abi == Abi::X86_64 || e == nullptr
               ? spec->syscall
               : syscall_number(Abi::I386, e->name).value_or(-1);
    }
    if (auto r = ptrace::regs(t.tid)) {
      r->orig_rax = static_cast<unsigned long long>(nr);
      (void)ptrace::set_regs(t.tid, *r);
    }
  }
  t.inject_sig = spec->signal;
  if (spec->delay_enter) {
    t.delay_ns = spec->delay_enter_ns;
    t.delayed = true;
  }
}

void Tracer::tamper_exit(Task& t) {
  const InjectSpec* spec = t.tamper;
  if (spec == nullptr) return;
  SyscallCall& c = t.call;
  if (spec->tampers_return()) {
    const std::uint64_t value =
        spec->has_error ? static_cast<std::uint64_t>(-spec->error) : spec->retval;
    if (auto r = ptrace::regs(t.tid)) {
      r->rax = value;
      (void)ptrace::set_regs(t.tid, *r);
    }
    c.ret = static_cast<long>(value);
    c.is_error = spec->has_error;
  }
  if (!spec->poke_exit.empty()) poke(t, spec->poke_exit);
  if (spec->delay_exit) {
    t.delay_ns = spec->delay_exit_ns;
    t.delayed = true;
  }
}

void Tracer::poke(Task& t, const std::vector<InjectPoke>& pokes) {
  for (const InjectPoke& p : pokes) {
    if (p.arg > 6) continue;  // x86 has six syscall arguments
    const std::uint64_t addr = t.call.args[static_cast<std::size_t>(p.arg - 1)];
    (void)ptrace::write_memory(t.tid, addr, p.bytes.data(), p.bytes.size());
    t.tampered_args = true;
  }
}

void Tracer::print_tamper_marks(const Task& t, OutBuf& out) const {
  if (t.tamper == nullptr) return;
  const bool ret = t.tamper->tampers_return();
  if (t.tampered_args)
    out.put(ret ? " (INJECTED: args, retval)" : " (INJECTED: args)");
  else if (ret)
    out.put(" (INJECTED)");
  if (t.delayed) out.put(" (DELAYED)");
}

namespace {
void on_alarm(int) {}  // only interrupts the blocking wait
}  // namespace

void Tracer::resume_due() {
  const std::uint64_t now = monotonic_ns();
  auto due = std::stable_partition(delayed_.begin(), delayed_.end(),
                                   [now](const Delayed& d) { return d.due_ns > now; });
  for (auto it = due; it != delayed_.end(); ++it) {
    auto task = tasks_.find(raw(it->tid));
    if (task != tasks_.end()) resume_now(task->second, it->sig);
  }
  delayed_.erase(due, delayed_.end());
  if (delayed_.empty()) stop_delay_timer();
}

void Tracer::stop_delay_timer() {
  itimerval off{};
  ::setitimer(ITIMER_REAL, &off, nullptr);
}

void Tracer::arm_delay_timer() {
  if (!alarm_handler_) {
    struct sigaction sa {};
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: the wait returns EINTR
    ::sigaction(SIGALRM, &sa, nullptr);
    alarm_handler_ = true;
  }
  std::uint64_t first = UINT64_MAX;
  for (const Delayed& d : delayed_) first = std::min(first, d.due_ns);
  const std::uint64_t now = monotonic_ns();
  const std::uint64_t wait_ns = first > now ? first - now : 1000;
  // A repeating tick after the first expiry: an alarm that fires just before the wait starts
  // delays the resume by at most one tick instead of forever.
  itimerval it{};
  it.it_value.tv_sec = static_cast<time_t>(wait_ns / 1000000000u);
  it.it_value.tv_usec = static_cast<suseconds_t>((wait_ns % 1000000000u) / 1000u);
  if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0) it.it_value.tv_usec = 1;
  it.it_interval.tv_usec = 1000;
  ::setitimer(ITIMER_REAL, &it, nullptr);
}

void Tracer::detach_delayed() {
  // Tasks held for a delay are already stopped: an interrupt would bring no new stop.
  std::vector<Delayed> held;
  held.swap(delayed_);
  stop_delay_timer();
  for (const Delayed& d : held) {
    auto it = tasks_.find(raw(d.tid));
    if (it != tasks_.end()) detach_stopped(it->second, d.sig);
  }
}

}  // namespace scry::trace
