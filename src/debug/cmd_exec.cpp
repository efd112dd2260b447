// Running the program: run, continue, the step family, finish, until, signal; and the loop that
// turns the inferior's events into gdb's stop reports.
#include <signal.h>

#include <unistd.h>
#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>

#include "debug/state.hpp"
#include "scry/ptrace_debug.hpp"

namespace scry::debug {
namespace {

// Memory reads for the syscall decoders, with breakpoints hidden.
class InferiorMemory final : public MemoryReader {
 public:
  explicit InferiorMemory(Inferior& inf) : inf_(inf) {}
  std::size_t read(std::uint64_t addr, void* buf, std::size_t len) override {
    return inf_.read(addr, buf, len);
  }

 private:
  Inferior& inf_;
};

bool wants_syscalls(const DebuggerState& s) {
  return std::any_of(s.bps.begin(), s.bps.end(), [](const Breakpoint& b) {
    return b.enabled && b.type == Breakpoint::Type::Catch && b.katch == Breakpoint::Catch::Syscall;
  });
}

std::string thread_comm(pid_t pid, Tid tid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(raw(tid)) + "/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

// "Thread 2 "threads2" hit " when the process has more than one thread.
std::string thread_prefix(DebuggerState& s, Tid tid, const char* verb) {
  if (s.inf.threads().size() < 2) return "";
  ThreadState* t = s.inf.thread(tid);
  if (t == nullptr) return "";
  return "Thread " + std::to_string(t->num) + " \"" + thread_comm(s.inf.pid(), tid) + "\" " + verb;
}

// All-stop: every thread stops, and tid becomes the current thread.
void stop_here(DebuggerState& s, Tid tid) {
  s.inf.stop_all();
  if (tid != s.inf.current() && s.inf.thread(tid) != nullptr) {
    s.inf.set_current(tid);
    s.out << "[Switching to " << s.thread_label(*s.inf.thread(tid)) << "]\n";
  }
  s.invalidate();
}

std::string decode_entry(DebuggerState& s, Tid tid, const ptrace::SyscallInfo& sc) {
  CallState& cs = s.calls[raw(tid)];
  cs.call = SyscallCall{};
  cs.call.nr = sc.nr;
  cs.call.entry = syscall_entry(Abi::X86_64, sc.nr);
  for (int i = 0; i < 6; ++i) cs.call.args[static_cast<std::size_t>(i)] = sc.args[i];
  cs.call.sp = sc.sp;
  InferiorMemory mem(s.inf);
  DecodeOptions opt;
  OutBuf line;
  print_syscall_name(line, cs.call.nr, cs.call.entry);
  line.put('(');
  DecodeCtx ctx{mem, opt, line, cs.call, nullptr};
  cs.resume = decode_syscall_entry(ctx);
  cs.entry_text = std::string(line.view());
  std::string shown = cs.entry_text;
  if (cs.resume < 6 && shown.size() >= 2 && shown.compare(shown.size() - 2, 2, ", ") == 0)
    shown.resize(shown.size() - 2);
  if (cs.resume < 6 || shown.back() != ')') shown += shown.back() == '(' ? ")" : ")";
  return shown;
}

std::string decode_exit(DebuggerState& s, Tid tid, const ptrace::SyscallInfo& sc) {
  auto it = s.calls.find(raw(tid));
  if (it == s.calls.end()) return "";
  CallState& cs = it->second;
  cs.call.ret = sc.rval;
  cs.call.is_error = sc.is_error;
  InferiorMemory mem(s.inf);
  DecodeOptions opt;
  OutBuf line, aux, ret;
  line.put(cs.entry_text);
  DecodeCtx ctx{mem, opt, line, cs.call, nullptr};
  ctx.exiting = true;
  ctx.aux = &aux;
  if (cs.resume < 6)
    decode_syscall_exit(ctx, cs.resume);
  else
    line.put(')');
  DecodeCtx rctx{mem, opt, ret, cs.call, nullptr};
  rctx.exiting = true;
  rctx.aux = &aux;
  rctx.ret_kind = ctx.ret_kind;
  rctx.ret_set = ctx.ret_set;
  print_return(rctx);
  return std::string(line.view()) + " = " + std::string(ret.view());
}

Breakpoint* find_catch(DebuggerState& s, Breakpoint::Catch kind, long value) {
  for (auto& b : s.bps) {
    if (!b.enabled || b.type != Breakpoint::Type::Catch || b.katch != kind) continue;
    if (kind == Breakpoint::Catch::Syscall && !b.syscalls.empty() && b.syscalls.count(value) == 0)
      continue;
    if (kind == Breakpoint::Catch::Signal &&
        (b.signals.empty() ? (value == SIGTRAP || value == SIGINT)
                           : b.signals.count(static_cast<int>(value)) == 0))
      continue;
    return &b;
  }
  return nullptr;
}

void drop_temporaries(DebuggerState& s, int num) {
  auto it = std::find_if(s.bps.begin(), s.bps.end(), [&](auto& b) { return b.num == num; });
  if (it == s.bps.end() || !it->temp) return;
  if (it->type == Breakpoint::Type::Break) s.out << "Temporary breakpoint " << num << ", ";
  remove_breakpoint(s, *it);
  s.bps.erase(it);
}

void report_exit(DebuggerState& s, const Event& ev, pid_t pid) {
  if (ev.kind == Event::Kind::Exited) {
    if (ev.code == 0) {
      s.out << "[Inferior 1 (process " << pid << ") exited normally]\n";
    } else {
      char b[16];
      std::snprintf(b, sizeof b, "%02o", ev.code);
      s.out << "[Inferior 1 (process " << pid << ") exited with code " << b << "]\n";
    }
  } else {
    s.out << "\nProgram terminated with signal " << signal_name(ev.sig) << ", "
          << signal_description(ev.sig) << ".\nThe program no longer exists.\n";
  }
  s.process_gone();
}

// One event: either handled here and the thread resumed (false), or a stop to report (true).
bool handle_event(DebuggerState& s, const Event& ev, const RunTarget* target, Outcome* o) {
  Tid t = ev.tid;
  bool sc = wants_syscalls(s);
  auto go_on = [&](int sig) {
    (void)s.inf.resume_one(t, sig, sc);
    return false;
  };
  pid_t pid = s.inf.last_pid();
  switch (ev.kind) {
    case Event::Kind::Exited:
    case Event::Kind::Killed:
      report_exit(s, ev, pid);
      *o = Outcome::Gone;
      return true;
    case Event::Kind::Exec: {
      std::string path;
      char buf[4096];
      std::string link = "/proc/" + std::to_string(pid) + "/exe";
      ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
      if (n > 0) path.assign(buf, static_cast<std::size_t>(n));
      s.out << "process " << pid << " is executing new program: " << path << "\n";
      s.syms = s.new_symbols();
      s.dl_state_addr = 0;
      s.refresh_symbols();
      s.reresolve_breakpoints();
      if (Breakpoint* b = find_catch(s, Breakpoint::Catch::Exec, 0)) {
        stop_here(s, t);
        ++b->hits;
        s.out << "\n"
              << thread_prefix(s, t, "hit ") << "Catchpoint " << b->num << " (exec'd " << path
              << "), ";
        s.print_location(true);
        *o = Outcome::Reported;
        return true;
      }
      return go_on(0);
    }
    case Event::Kind::Fork:
    case Event::Kind::Vfork: {
      auto kind = ev.kind == Event::Kind::Fork ? Breakpoint::Catch::Fork : Breakpoint::Catch::Vfork;
      if (Breakpoint* b = find_catch(s, kind, 0)) {
        stop_here(s, t);
        ++b->hits;
        s.out << "\n"
              << thread_prefix(s, t, "hit ") << "Catchpoint " << b->num << " ("
              << (kind == Breakpoint::Catch::Fork ? "forked" : "vforked") << " process " << ev.msg
              << "), ";
        s.print_location(true);
        *o = Outcome::Reported;
        return true;
      }
      return go_on(0);
    }
    case Event::Kind::SyscallEntry:
    case Event::Kind::SyscallExit: {
      bool entry = ev.kind == Event::Kind::SyscallEntry;
      long nr = entry ? ev.sc.nr : (s.calls.count(raw(t)) != 0 ? s.calls[raw(t)].call.nr : -1);
      Breakpoint* b = find_catch(s, Breakpoint::Catch::Syscall, nr);
      if (b == nullptr) return go_on(0);
      std::string text = entry ? decode_entry(s, t, ev.sc) : decode_exit(s, t, ev.sc);
      stop_here(s, t);
      ++b->hits;
      const SyscallEntry* e = syscall_entry(Abi::X86_64, nr);
      std::string name = e != nullptr && e->name != nullptr ? e->name : std::to_string(nr);
      s.out << "\n"
            << thread_prefix(s, t, "hit ") << "Catchpoint " << b->num << " ("
            << (entry ? "call to" : "returned from") << " syscall " << name << "), ";
      s.print_location(true);
      if (!text.empty()) s.out << text << "\n";
      *o = Outcome::Reported;
      return true;
    }
    case Event::Kind::Signal: {
      int sig = ev.sig;
      const SignalPolicy& p = s.sigs[sig > 0 && sig < 65 ? sig : 0];
      if (Breakpoint* b = find_catch(s, Breakpoint::Catch::Signal, sig)) {
        stop_here(s, t);
        ++b->hits;
        if (ThreadState* ts = s.inf.thread(t)) ts->pending_sig = sig;
        s.out << "\n"
              << thread_prefix(s, t, "hit ") << "Catchpoint " << b->num << " (signal "
              << signal_name(sig) << "), ";
        s.print_location(true);
        *o = Outcome::Reported;
        return true;
      }
      if (!p.stop) {
        if (p.print)
          s.out << "\n"
                << thread_prefix(s, t, "received ")
                << (s.inf.threads().size() < 2 ? "Program received " : "") << "signal "
                << signal_name(sig) << ", " << signal_description(sig) << ".\n";
        return go_on(p.pass ? sig : 0);
      }
      stop_here(s, t);
      if (ThreadState* ts = s.inf.thread(t)) ts->pending_sig = p.pass ? sig : 0;
      s.out << "\n"
            << (s.inf.threads().size() < 2 ? "Program received " : thread_prefix(s, t, "received "))
            << "signal " << signal_name(sig) << ", " << signal_description(sig) << ".\n";
      s.print_location(true);
      *o = Outcome::Reported;
      return true;
    }
    case Event::Kind::Stopped:
      return go_on(0);
    case Event::Kind::Trap:
      break;
  }
  if (auto at = s.inf.breakpoint_hit(ev)) {
    if (*at == s.dl_state_addr) {
      s.refresh_symbols();
      s.reresolve_breakpoints();
      return go_on(0);
    }
    std::vector<Breakpoint*> hit;
    for (auto& b : s.bps)
      if (b.type == Breakpoint::Type::Break && b.enabled &&
          std::find(b.addrs.begin(), b.addrs.end(), *at) != b.addrs.end())
        hit.push_back(&b);
    if (hit.empty() && target != nullptr && target->addrs.count(*at) != 0) {
      auto r = s.inf.regs(t);
      if (r && r->rsp >= target->min_sp) {
        stop_here(s, t);
        *o = Outcome::TargetReached;
        return true;
      }
      return go_on(0);
    }
    if (hit.empty()) return go_on(0);
    stop_here(s, t);
    s.out << "\n" << thread_prefix(s, t, "hit ");
    int num = hit.front()->num;
    for (Breakpoint* b : hit) ++b->hits;
    if (hit.front()->temp) {
      drop_temporaries(s, num);
    } else {
      s.out << "Breakpoint " << num << ", ";
    }
    s.print_location(true);
    *o = Outcome::Reported;
    return true;
  }
  if (unsigned hits = s.inf.take_watch_hits(t)) {
    bool report = false;
    std::string text;
    for (auto& b : s.bps) {
      if (b.type != Breakpoint::Type::Watch || b.slot < 0 || (hits & (1u << b.slot)) == 0) continue;
      std::uint64_t v = 0;
      s.inf.read(b.waddr, &v, static_cast<std::size_t>(b.wlen));
      bool changed = v != b.old_value;
      if (b.watch == Breakpoint::Watch::Write && !changed) continue;
      report = true;
      ++b.hits;
      const char* kind = b.watch == Breakpoint::Watch::Write ? "Hardware watchpoint "
                         : b.watch == Breakpoint::Watch::Read
                             ? "Hardware read watchpoint "
                             : "Hardware access (read/write) watchpoint ";
      text += "\n" + std::string(kind) + std::to_string(b.num) + ": " + b.spec + "\n\n";
      if (changed)
        text += "Old value = " + s.format_value(b.old_value, b.wtype) +
                "\nNew value = " + s.format_value(v, b.wtype) + "\n";
      else
        text += "Value = " + s.format_value(v, b.wtype) + "\n";
      b.old_value = v;
    }
    if (!report) return go_on(0);
    stop_here(s, t);
    s.out << text;
    s.print_location(true);
    *o = Outcome::Reported;
    return true;
  }
  if (ev.si.si_code == TRAP_TRACE || ev.si.si_code == TRAP_BRKPT) return go_on(0);
  // A SIGTRAP the program sent or raised itself.
  stop_here(s, t);
  s.out << "\nProgram received signal SIGTRAP, Trace/breakpoint trap.\n";
  s.print_location(true);
  *o = Outcome::Reported;
  return true;
}

}  // namespace

// Resumes everything and runs until a stop is reported or the target is reached.
Outcome run_until(DebuggerState& s, const RunTarget* target, int sig) {
  s.invalidate();
  s.out.flush();  // what was printed comes before what the program prints next
  std::set<std::uint64_t> added;
  if (target != nullptr)
    for (std::uint64_t a : target->addrs)
      if (s.inf.add_site(a)) added.insert(a);
  Outcome o = Outcome::Error;
  if (auto r = s.inf.resume_all(sig, wants_syscalls(s)); !r) {
    s.err << r.error().context << "\n";
  } else {
    for (;;) {
      auto ev = s.inf.wait_event();
      if (!ev) {
        s.err << ev.error().context << "\n";
        break;
      }
      if (handle_event(s, *ev, target, &o)) break;
    }
  }
  if (s.has_process())
    for (std::uint64_t a : added) s.inf.remove_site(a);
  return o;
}

// Single-steps the current thread once. StepDone when it stepped; otherwise whatever else
// happened was reported.
Outcome step_once(DebuggerState& s, int sig) {
  s.invalidate();
  Tid t = s.tid();
  for (;;) {
    auto ev = s.inf.step(t, sig);
    if (!ev) {
      s.err << ev.error().context << "\n";
      return Outcome::Error;
    }
    sig = 0;
    if (ev->kind == Event::Kind::Trap && ev->tid == t &&
        (ev->si.si_code == TRAP_TRACE || ev->si.si_code == TRAP_BRKPT) &&
        s.inf.take_watch_hits(t) == 0)
      return Outcome::StepDone;
    if (ev->kind == Event::Kind::Signal && ev->tid == t) {
      const SignalPolicy& p = s.sigs[ev->sig];
      if (!p.stop) {
        if (p.print)
          s.out << "\nProgram received signal " << signal_name(ev->sig) << ", "
                << signal_description(ev->sig) << ".\n";
        sig = p.pass ? ev->sig : 0;
        continue;
      }
    }
    Outcome o = Outcome::Error;
    if (handle_event(s, *ev, nullptr, &o)) return o;
    // The event was handled and the thread resumed: wait for a stop to report.
    for (;;) {
      auto e2 = s.inf.wait_event();
      if (!e2) return Outcome::Error;
      if (handle_event(s, *e2, nullptr, &o)) return o;
    }
  }
}

Result<void> cmd_run(DebuggerState& s, const Args& a) {
  if (s.has_process()) {
    (void)s.inf.kill();
    s.process_gone();
  }
  if (s.program.empty())
    return fail("No executable file specified.\nUse the \"file\" or \"exec-file\" command.");
  if (!trim(a).empty()) {
    s.args.clear();
    std::string t = trim(a);
    std::size_t i = 0;
    while (i < t.size()) {
      std::size_t e = t.find(' ', i);
      if (e == std::string::npos) e = t.size();
      if (e > i) s.args.push_back(t.substr(i, e - i));
      i = e + 1;
    }
  }
  std::vector<std::string> argv{s.program};
  argv.insert(argv.end(), s.args.begin(), s.args.end());
  if (auto r = s.inf.launch(s.program, argv); !r) {
    if (r.error().code == ENOEXEC) return fail(r.error().context);
    return fail(r.error().context + ": " + std::strerror(r.error().code) + ".");
  }
  s.inf.notify = [&s](const std::string& m) { s.out << m << "\n"; };
  s.syms = s.new_symbols();
  s.dl_state_addr = 0;
  s.refresh_symbols();
  s.reresolve_breakpoints();
  for (auto& b : s.bps)
    if (b.type == Breakpoint::Type::Watch) b.slot = -1;
  run_until(s, nullptr, 0);
  return {};
}

Result<void> cmd_continue(DebuggerState& s, const Args& a, int sig) {
  if (auto r = s.need_process(); !r) return r;
  int ignore = 0;
  if (!a.empty()) {
    std::from_chars(a.data(), a.data() + a.size(), ignore);
    if (ignore > 1) {
      for (auto& b : s.bps)
        if (!b.addrs.empty() && std::find(b.addrs.begin(), b.addrs.end(), s.pc()) != b.addrs.end())
          s.out << "Will ignore next " << ignore - 1 << " crossings of breakpoint " << b.num
                << ".  Continuing.\n";
    }
  }
  ThreadState* ts = s.inf.thread(s.tid());
  int deliver = sig >= 0 ? sig : (ts != nullptr ? ts->pending_sig : 0);
  for (int i = 0; i < std::max(ignore, 1) && s.has_process(); ++i) {
    if (run_until(s, nullptr, i == 0 ? deliver : 0) != Outcome::Reported) break;
  }
  return {};
}

Result<void> cmd_signal(DebuggerState& s, const Args& a) {
  if (auto r = s.need_process(); !r) return r;
  std::string t = trim(a);
  if (t.empty()) return fail("Argument required (signal number).");
  int sig = t == "0" ? 0 : signal_number(t);
  if (sig == 0 && t != "0")
    return fail(
        "Only signals 1-15 are valid as numeric signals.\nUse \"info signals\" for a list of "
        "symbolic signals.");
  if (sig == 0)
    s.out << "Continuing with no signal.\n";
  else
    s.out << "Continuing with signal " << signal_name(sig) << ".\n";
  return cmd_continue(s, "", sig);
}

}  // namespace scry::debug
