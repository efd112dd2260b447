// Process control for the debugger. See include/scry/debug_inferior.hpp.
#include "scry/debug_inferior.hpp"

#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "scry/ptrace_debug.hpp"
#include "scry/stop_event.hpp"

extern char** environ;

namespace scry::debug {
namespace {

constexpr unsigned kOptions = ptrace::kTraceSysGood | ptrace::kTraceClone | ptrace::kTraceExec |
                              ptrace::kTraceFork | ptrace::kTraceVfork | ptrace::kTraceVforkDone;

std::string hex(std::uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%lx", static_cast<unsigned long>(v));
  return b;
}

std::string thread_name(Tid tid) {
  char b[32];
  std::snprintf(b, sizeof b, "(LWP %d)", raw(tid));
  return b;
}

std::string resolve_program(const std::string& prog) {
  if (prog.find('/') != std::string::npos) return prog;
  const char* path = std::getenv("PATH");
  std::string p = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find(':', start);
    if (end == std::string::npos) end = p.size();
    std::string cand = (end > start ? p.substr(start, end - start) : ".") + "/" + prog;
    if (::access(cand.c_str(), X_OK) == 0) return cand;
    start = end + 1;
  }
  return prog;
}

}  // namespace

ThreadState* Inferior::thread(Tid tid) {
  for (auto& t : threads_)
    if (t.tid == tid) return &t;
  return nullptr;
}

ThreadState* Inferior::thread_by_num(int num) {
  for (auto& t : threads_)
    if (t.num == num) return &t;
  return nullptr;
}

void Inferior::reset() {
  pid_ = 0;
  attached_ = false;
  threads_.clear();
  sites_.clear();
  sites_out_ = false;
  pending_.clear();
  for (auto& w : watch_) w = WatchSlot{};
  next_num_ = 1;
}

void Inferior::add_thread(Tid tid, bool running) {
  if (thread(tid) != nullptr) return;
  ThreadState t;
  t.tid = tid;
  t.num = next_num_++;
  t.running = running;
  threads_.push_back(t);
  apply_watches(tid);
  if (t.num > 1 && notify) {
    auto r = ptrace::regs(tid);
    notify("[New Thread " + hex(r ? r->fs_base : 0) + " " + thread_name(tid) + "]");
  }
}

void Inferior::remove_thread(Tid tid) {
  auto it = std::find_if(threads_.begin(), threads_.end(), [&](auto& t) { return t.tid == tid; });
  if (it == threads_.end()) return;
  if (raw(tid) != pid_ && notify) notify("[Thread " + thread_name(tid) + " exited]");
  threads_.erase(it);
  if (current_ == tid && !threads_.empty()) current_ = threads_.front().tid;
}

Result<void> Inferior::launch(const std::string& path, const std::vector<std::string>& argv) {
  reset();
  ptrace::LaunchOptions opt;
  opt.ptrace_options = kOptions | ptrace::kExitKill;
  for (char** e = environ; *e != nullptr; ++e) opt.env.emplace_back(*e);
  std::string prog = resolve_program(path);
  struct stat st {};
  if (::stat(prog.c_str(), &st) != 0) return Error{errno, prog};
  // gdb's "disable-randomization on": the personality is inherited by the child.
  int old = ::personality(0xffffffff);
  if (old != -1) ::personality(static_cast<unsigned long>(old) | ADDR_NO_RANDOMIZE);
  auto l = ptrace::launch(prog, argv, opt);
  if (old != -1) ::personality(static_cast<unsigned long>(old));
  if (!l) return l.error();
  Tid tid = l->tid;
  pid_ = raw(tid);
  last_pid_ = pid_;
  // Run to the exec: the launch's own stops (SIGCONT delivery) are not the program's.
  for (;;) {
    if (auto r = ptrace::resume_cont(tid, 0); !r) return r.error();
    auto w = ptrace::wait_task(tid, 0);
    if (!w) return w.error();
    StopEvent ev = StopEvent::from_wait_status(tid, w->status);
    if (ev.is_terminal()) {
      pid_ = 0;
      return Error{ENOEXEC,
                   "During startup program exited with code " + std::to_string(ev.code) + "."};
    }
    if (ev.kind == StopKind::PtraceEvent && ev.event == PTRACE_EVENT_EXEC) break;
  }
  add_thread(tid, false);
  current_ = tid;
  return {};
}

Result<void> Inferior::attach(pid_t pid) {
  reset();
  auto tids = ptrace::attach_process(pid, kOptions, true);
  if (!tids) return tids.error();
  pid_ = pid;
  last_pid_ = pid;
  attached_ = true;
  for (Tid t : *tids) {
    ThreadState ts;
    ts.tid = t;
    ts.num = next_num_++;
    threads_.push_back(ts);
    for (;;) {
      auto w = ptrace::wait_task(t, 0);
      if (!w) break;
      StopEvent ev = StopEvent::from_wait_status(t, w->status);
      if (ev.is_terminal()) break;
      if (ev.kind == StopKind::SignalDelivery) {
        // A signal that raced with the attach: keep it for the program.
        threads_.back().pending_sig = ev.sig;
        (void)ptrace::resume_cont(t, 0);
        continue;
      }
      break;
    }
  }
  current_ = tid_of(pid);
  return {};
}

std::size_t Inferior::read(std::uint64_t addr, void* buf, std::size_t len) {
  ptrace::ProcessMemory mem(current_);
  std::size_t n = mem.read(addr, buf, len);
  if (!sites_out_)
    for (auto it = sites_.lower_bound(addr); it != sites_.end() && it->first < addr + n; ++it)
      static_cast<std::uint8_t*>(buf)[it->first - addr] = it->second.saved;
  return n;
}

std::size_t Inferior::write(std::uint64_t addr, const void* buf, std::size_t len) {
  std::vector<std::uint8_t> bytes(static_cast<const std::uint8_t*>(buf),
                                  static_cast<const std::uint8_t*>(buf) + len);
  if (!sites_out_)
    for (auto it = sites_.lower_bound(addr); it != sites_.end() && it->first < addr + len; ++it) {
      it->second.saved = bytes[it->first - addr];
      bytes[it->first - addr] = 0xcc;
    }
  return ptrace::write_memory(current_, addr, bytes.data(), len);
}

Result<void> Inferior::add_site(std::uint64_t addr) {
  auto it = sites_.find(addr);
  if (it != sites_.end()) {
    ++it->second.refs;
    return {};
  }
  std::uint8_t orig = 0;
  ptrace::ProcessMemory mem(current_);
  if (mem.read(addr, &orig, 1) != 1)
    return Error{EIO, "Cannot access memory at address " + hex(addr)};
  std::uint8_t int3 = 0xcc;
  if (!sites_out_ && ptrace::write_memory(current_, addr, &int3, 1) != 1)
    return Error{EIO, "Cannot insert breakpoint at " + hex(addr)};
  sites_[addr] = Site{orig, 1};
  return {};
}

void Inferior::remove_site(std::uint64_t addr) {
  auto it = sites_.find(addr);
  if (it == sites_.end()) return;
  if (--it->second.refs > 0) return;
  if (!sites_out_ && alive()) (void)ptrace::write_memory(current_, addr, &it->second.saved, 1);
  sites_.erase(it);
}

bool Inferior::has_site(std::uint64_t addr) const {
  return sites_.count(addr) != 0;
}

void Inferior::insert_all_sites(bool on) {
  for (auto& [addr, s] : sites_) {
    std::uint8_t b = on ? 0xcc : s.saved;
    (void)ptrace::write_memory(current_, addr, &b, 1);
  }
  sites_out_ = !on;
}

void Inferior::apply_watches(Tid tid) {
  std::uint64_t dr7 = 0;
  for (int i = 0; i < 4; ++i) {
    const WatchSlot& w = watch_[i];
    if (!w.used) continue;
    (void)ptrace::set_debug_reg(tid, i, w.addr);
    std::uint64_t len_bits = w.len == 1 ? 0 : w.len == 2 ? 1 : w.len == 8 ? 2 : 3;
    dr7 |= (1ull << (i * 2)) | (static_cast<std::uint64_t>(w.rw) << (16 + i * 4)) |
           (len_bits << (18 + i * 4));
  }
  (void)ptrace::set_debug_reg(tid, 7, dr7);
}

Result<void> Inferior::set_watch(int slot, const WatchSlot& w) {
  watch_[slot] = w;
  for (auto& t : threads_) {
    if (auto r = ptrace::set_debug_reg(t.tid, slot, w.addr); !r) {
      watch_[slot] = WatchSlot{};
      return r;
    }
    apply_watches(t.tid);
  }
  return {};
}

void Inferior::clear_watch(int slot) {
  watch_[slot] = WatchSlot{};
  for (auto& t : threads_) apply_watches(t.tid);
}

unsigned Inferior::take_watch_hits(Tid tid) {
  auto dr6 = ptrace::debug_reg(tid, 6);
  if (!dr6) return 0;
  (void)ptrace::set_debug_reg(tid, 6, 0);
  unsigned hits = static_cast<unsigned>(*dr6 & 0xf);
  unsigned out = 0;
  for (int i = 0; i < 4; ++i)
    if ((hits & (1u << i)) != 0 && watch_[i].used) out |= 1u << i;
  return out;
}

std::optional<std::uint64_t> Inferior::breakpoint_hit(const Event& ev) {
  if (ev.kind != Event::Kind::Trap || ev.si.si_code != SI_KERNEL) return std::nullopt;
  auto r = ptrace::regs(ev.tid);
  if (!r) return std::nullopt;
  std::uint64_t at = r->rip - 1;
  if (!has_site(at)) return std::nullopt;
  r->rip = at;
  (void)ptrace::set_regs(ev.tid, *r);
  return at;
}

std::optional<Event> Inferior::classify(Tid tid, int status) {
  StopEvent se = StopEvent::from_wait_status(tid, status);
  Event ev;
  ev.tid = tid;
  ThreadState* ts = thread(tid);
  if (ts == nullptr && !se.is_terminal()) {
    // A new thread's first stop can come before its creator's clone event.
    add_thread(tid, false);
    ts = thread(tid);
  }
  if (ts != nullptr) ts->running = false;
  switch (se.kind) {
    case StopKind::Exited:
    case StopKind::Killed:
      if (raw(tid) != pid_) {
        remove_thread(tid);
        return std::nullopt;
      }
      ev.kind = se.kind == StopKind::Exited ? Event::Kind::Exited : Event::Kind::Killed;
      ev.code = se.code;
      ev.sig = se.sig;
      remove_thread(tid);
      return ev;
    case StopKind::SyscallStop: {
      auto info = ptrace::syscall_info(tid);
      if (!info) return std::nullopt;
      ev.sc = *info;
      ev.kind = info->op == ptrace::SyscallInfo::Op::Exit ? Event::Kind::SyscallExit
                                                          : Event::Kind::SyscallEntry;
      if (ts != nullptr) ts->in_syscall = ev.kind == Event::Kind::SyscallEntry;
      return ev;
    }
    case StopKind::SignalDelivery: {
      ev.sig = se.sig;
      if (auto si = ptrace::siginfo(tid)) ev.si = *si;
      ev.kind = se.sig == SIGTRAP ? Event::Kind::Trap : Event::Kind::Signal;
      return ev;
    }
    case StopKind::GroupStop:
      // A stop signal already delivered: let the thread go on (gdb reports the signal itself).
      (void)ptrace::resume_cont(tid, 0);
      if (ts != nullptr) ts->running = true;
      return std::nullopt;
    case StopKind::PtraceEvent:
      break;
  }
  auto msg = ptrace::event_msg(tid);
  ev.msg = msg ? *msg : 0;
  switch (se.event) {
    case PTRACE_EVENT_CLONE: {
      Tid child = tid_of(static_cast<pid_t>(ev.msg));
      if (thread(child) == nullptr) {
        // Its first stop is still to come; it is resumed when it arrives.
        auto w = ptrace::wait_task(child, 0);
        add_thread(child, false);
        if (w && StopEvent::from_wait_status(child, w->status).is_terminal())
          remove_thread(child);
        else
          (void)ptrace::resume_cont(child, 0), thread(child)->running = true;
      }
      (void)ptrace::resume_cont(tid, 0);
      if (ThreadState* self = thread(tid)) self->running = true;  // add_thread moved the vector
      return std::nullopt;
    }
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK: {
      Tid child = tid_of(static_cast<pid_t>(ev.msg));
      (void)ptrace::wait_task(child, 0);
      if (se.event == PTRACE_EVENT_FORK) {
        for (auto& [addr, s] : sites_) (void)ptrace::write_memory(child, addr, &s.saved, 1);
      } else {
        insert_all_sites(false);  // shared with the child until it execs or exits
      }
      for (int i = 0; i < 8; ++i)
        if (i < 4 || i == 7) (void)ptrace::set_debug_reg(child, i, 0);
      (void)ptrace::detach(child, 0);
      if (notify)
        notify("[Detaching after " + std::string(se.event == PTRACE_EVENT_FORK ? "fork" : "vfork") +
               " from child process " + std::to_string(ev.msg) + "]");
      ev.kind = se.event == PTRACE_EVENT_FORK ? Event::Kind::Fork : Event::Kind::Vfork;
      return ev;
    }
    case PTRACE_EVENT_VFORK_DONE:
      insert_all_sites(true);
      (void)ptrace::resume_cont(tid, 0);
      if (ts != nullptr) ts->running = true;
      return std::nullopt;
    case PTRACE_EVENT_EXEC: {
      Tid leader = tid_of(pid_);
      threads_.erase(std::remove_if(threads_.begin(), threads_.end(),
                                    [&](auto& t) { return t.tid != tid && t.tid != leader; }),
                     threads_.end());
      if (tid != leader) {
        ThreadState* t = thread(tid);
        if (t != nullptr) t->tid = leader;
      }
      if (thread(leader) == nullptr) add_thread(leader, false);
      thread(leader)->running = false;
      current_ = leader;
      ev.tid = leader;
      sites_.clear();
      sites_out_ = false;
      ev.kind = Event::Kind::Exec;
      for (auto& t : threads_) apply_watches(t.tid);
      return ev;
    }
    default:
      if (se.event == PTRACE_EVENT_STOP && ts != nullptr && ts->interrupting) {
        ts->interrupting = false;
        ev.kind = Event::Kind::Stopped;
        return ev;
      }
      // PTRACE_EVENT_STOP from an interrupt whose thread had stopped for another reason
      // first, or a new thread's first stop: nothing to report.
      (void)ptrace::resume_cont(tid, 0);
      if (ts != nullptr) ts->running = true;
      return std::nullopt;
  }
}

Result<Event> Inferior::wait_event() {
  if (!pending_.empty()) {
    Event ev = pending_.front();
    pending_.pop_front();
    return ev;
  }
  for (;;) {
    auto w = ptrace::wait_any(false);
    if (!w) return w.error();
    if (auto ev = classify(w->tid, w->status)) {
      if (ev->kind == Event::Kind::Stopped) {
        (void)ptrace::resume_cont(ev->tid, 0);
        if (ThreadState* t = thread(ev->tid)) t->running = true;
        continue;
      }
      if (ev->kind == Event::Kind::Exited || ev->kind == Event::Kind::Killed) {
        threads_.clear();
        pid_ = 0;
      }
      return *ev;
    }
  }
}

void Inferior::stop_all() {
  for (auto& t : threads_)
    if (t.running) t.interrupting = ptrace::interrupt(t.tid).ok();
  for (bool again = true; again;) {
    again = false;
    for (std::size_t i = 0; i < threads_.size(); ++i) {
      if (!threads_[i].running) continue;
      Tid tid = threads_[i].tid;
      auto w = ptrace::wait_task(tid, 0);
      if (!w) {
        remove_thread(tid);
        again = true;
        break;
      }
      auto ev = classify(tid, w->status);
      again = true;
      if (!ev) {
        // The thread was resumed (a stale interrupt stop, a clone): stop it again.
        if (ThreadState* t = thread(tid); t != nullptr && t->running)
          t->interrupting = ptrace::interrupt(tid).ok();
        break;
      }
      ThreadState* ts = thread(tid);
      if (ts == nullptr) break;
      if (ev->kind != Event::Kind::Stopped) ts->interrupting = false;  // its stop is stale now
      if (ev->kind == Event::Kind::Trap) {
        ts->rewound = breakpoint_hit(*ev).has_value();  // it hits the breakpoint again when resumed
      } else if (ev->kind == Event::Kind::Signal) {
        ts->pending_sig = ev->sig;
      } else if (ev->kind == Event::Kind::Exited || ev->kind == Event::Kind::Killed) {
        pending_.push_back(*ev);
      }
      break;
    }
  }
}

Result<Event> Inferior::step_over(Tid tid, int sig) {
  auto r = ptrace::regs(tid);
  if (!r) return r.error();
  std::uint64_t pc = r->rip;
  auto it = sites_.find(pc);
  bool lifted = it != sites_.end() && !sites_out_;
  if (lifted) (void)ptrace::write_memory(tid, pc, &it->second.saved, 1);
  std::optional<Event> ev;
  if (auto s = ptrace::singlestep(tid, sig); !s) {
    if (lifted) {
      std::uint8_t int3 = 0xcc;
      (void)ptrace::write_memory(tid, pc, &int3, 1);
    }
    return s.error();
  }
  if (ThreadState* ts = thread(tid)) ts->running = true;
  while (!ev) {
    auto w = ptrace::wait_task(tid, 0);
    if (!w) return w.error();
    ev = classify(tid, w->status);
  }
  if (lifted && sites_.count(pc) != 0 && ev->kind != Event::Kind::Exited &&
      ev->kind != Event::Kind::Killed) {
    std::uint8_t int3 = 0xcc;
    (void)ptrace::write_memory(ev->tid, pc, &int3, 1);
  }
  if (ev->kind == Event::Kind::Exited || ev->kind == Event::Kind::Killed) {
    threads_.clear();
    pid_ = 0;
  }
  return *ev;
}

Result<Event> Inferior::step(Tid tid, int sig) {
  return step_over(tid, sig);
}

Result<void> Inferior::resume_one(Tid tid, int sig, bool syscalls) {
  ThreadState* ts = thread(tid);
  if (ts == nullptr) return Error{ESRCH, "no such thread"};
  if (ts->running) return {};
  auto r = ptrace::regs(tid);
  if (r && has_site(r->rip) && !sites_out_) {
    // Execute the replaced instruction alone, then go on; any other stop is kept for
    // wait_event.
    auto ev = step_over(tid, sig);
    if (!ev) return ev.error();
    sig = 0;
    bool plain_step = ev->kind == Event::Kind::Trap && ev->si.si_code == TRAP_TRACE;
    if (ev->kind == Event::Kind::Trap && !plain_step) {
      auto dr6 = ptrace::debug_reg(ev->tid, 6);
      bool watch = dr6 && (*dr6 & 0xf) != 0;
      auto rr = ptrace::regs(ev->tid);
      bool bp = rr && has_site(rr->rip - 1) && ev->si.si_code == SI_KERNEL;
      plain_step = !watch && !bp;  // the single-step trap after a syscall instruction
    }
    if (!plain_step) {
      pending_.push_back(*ev);
      return {};
    }
    if (!alive() || thread(tid) == nullptr) return {};
    ts = thread(tid);
  }
  auto res = syscalls ? ptrace::resume_syscall(tid, sig) : ptrace::resume_cont(tid, sig);
  if (res) ts->running = true;
  return res;
}

Result<void> Inferior::resume_all(int sig, bool syscalls) {
  Tid cur = current_;
  if (ThreadState* c = thread(cur)) {
    int s = sig;
    c->pending_sig = 0;
    c->rewound = false;
    if (auto r = resume_one(cur, s, syscalls); !r) return r;
    if (!pending_.empty()) return {};
  }
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    ThreadState& t = threads_[i];
    if (t.running || t.tid == cur) continue;
    int s = t.pending_sig;
    t.pending_sig = 0;
    Tid tid = t.tid;
    if (!t.rewound) {
      // A thread stopped at a breakpoint it has reported steps over it.
      (void)resume_one(tid, s, syscalls);
      if (!pending_.empty()) return {};
      continue;
    }
    // A thread stop_all took back onto an int3 executes it again: it is reported then.
    t.rewound = false;
    auto res = syscalls ? ptrace::resume_syscall(tid, s) : ptrace::resume_cont(tid, s);
    if (res) t.running = true;
  }
  return {};
}

Result<void> Inferior::kill() {
  if (!alive()) return {};
  (void)ptrace::kill_task(tid_of(pid_));
  for (;;) {
    auto w = ptrace::wait_any(false);
    if (!w) break;
    if (raw(w->tid) == pid_ && (WIFEXITED(w->status) || WIFSIGNALED(w->status))) break;
    if (!WIFEXITED(w->status) && !WIFSIGNALED(w->status)) (void)ptrace::resume_cont(w->tid, 0);
  }
  reset();
  return {};
}

Result<void> Inferior::detach() {
  if (!alive()) return {};
  if (!sites_out_)
    for (auto& [addr, s] : sites_) (void)ptrace::write_memory(current_, addr, &s.saved, 1);
  sites_.clear();
  for (auto& w : watch_) w = WatchSlot{};
  for (auto& t : threads_) {
    apply_watches(t.tid);
    (void)ptrace::detach(t.tid, t.pending_sig);
  }
  reset();
  return {};
}

}  // namespace scry::debug
