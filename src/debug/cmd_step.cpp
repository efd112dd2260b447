// Stepping by instruction and by source line, finish and until.
#include <charconv>
#include <string_view>

#include "debug/state.hpp"

namespace scry::debug {
namespace {

int count_arg(const std::string& a) {
  int n = 1;
  std::string t = trim(a);
  if (!t.empty()) std::from_chars(t.data(), t.data() + t.size(), n);
  return n < 1 ? 1 : n;
}

std::optional<Insn> insn_at(DebuggerState& s, std::uint64_t pc) {
  auto v = disassemble(s, pc, 16, 1);
  if (v.empty()) return std::nullopt;
  return v.front();
}

// Runs to the return address of a call just taken (rsp points at it).
Outcome step_out_of_call(DebuggerState& s) {
  auto r = s.inf.regs(s.tid());
  if (!r) return Outcome::Error;
  bool ok = false;
  std::uint64_t ret = s.read_u64(r->rsp, &ok);
  if (!ok) return Outcome::Error;
  RunTarget t;
  t.addrs.insert(ret);
  t.min_sp = r->rsp + 8;
  return run_until(s, &t, 0);
}

// A call that landed in a PLT stub ("write@plt"): when the function the stub names has line
// info, gdb steps into it, so the run goes on through the stub (and the dynamic linker's lazy
// binding) to that function's entry or, should the call return first, to its return address.
// Returns false, running nothing, when there is no such function (or only an IFUNC resolver).
bool through_plt(DebuggerState& s, std::uint64_t ret, Outcome* o) {
  std::uint64_t pc = s.pc();
  SymbolInfo stub = s.syms->symbolize(pc);
  constexpr std::string_view kSuffix = "@plt";
  if (!stub.name.ends_with(kSuffix)) return false;
  RunTarget t;
  for (auto a : s.syms->function_addresses(stub.name.substr(0, stub.name.size() - kSuffix.size())))
    if (a != stub.start && !s.syms->symbolize(a).ifunc && s.syms->line_at(a)) t.addrs.insert(a);
  if (t.addrs.empty()) return false;
  t.addrs.insert(ret);
  *o = run_until(s, &t, 0);
  return true;
}

// nexti over one instruction: a call runs to its return.
Outcome next_insn(DebuggerState& s, bool over) {
  std::uint64_t pc = s.pc();
  auto in = insn_at(s, pc);
  if (over && in && in->is_call) {
    auto r = s.inf.regs(s.tid());
    if (!r) return Outcome::Error;
    RunTarget t;
    t.addrs.insert(pc + static_cast<std::uint64_t>(in->size));
    t.min_sp = r->rsp;
    return run_until(s, &t, 0);
  }
  return step_once(s, 0);
}

}  // namespace

Result<void> cmd_stepi(DebuggerState& s, const Args& a, bool over) {
  if (auto r = s.need_process(); !r) return r;
  int n = count_arg(a);
  std::uint64_t start_fn = s.syms->symbolize(s.pc()).start;
  Outcome o = Outcome::StepDone;
  for (int i = 0; i < n && o != Outcome::Reported && o != Outcome::Gone; ++i)
    o = next_insn(s, over);
  if (o == Outcome::StepDone || o == Outcome::TargetReached) {
    s.invalidate();
    std::uint64_t fn = s.syms->symbolize(s.pc()).start;
    s.print_location(fn != start_fn);
  }
  return {};
}

Result<void> step_lines(DebuggerState& s, const Args& a, bool over, bool until);

Result<void> cmd_step(DebuggerState& s, const Args& a, bool over) {
  return step_lines(s, a, over, false);
}

// step/next by source line; until is next that does not stop on a jump backward in the
// function it started in (a loop's head).
Result<void> step_lines(DebuggerState& s, const Args& a, bool over, bool until) {
  if (auto r = s.need_process(); !r) return r;
  int n = count_arg(a);
  for (int i = 0; i < n && s.has_process(); ++i) {
    std::uint64_t pc = s.pc();
    auto line = s.syms->line_at(pc);
    std::uint64_t start_fn = s.syms->symbolize(pc).start;
    if (!line) {
      // gdb: step until exit from a function without line info.
      auto sym = s.syms->symbolize(pc);
      if (sym.name.empty()) return fail("Cannot find bounds of current function");
      s.out << "Single stepping until exit from function " << (sym.name.empty() ? "??" : sym.name)
            << ",\nwhich has no line number information.\n";
      s.invalidate();
      const auto& st = s.stack();
      if (st.size() < 2) return fail("\"finish\" not meaningful in the outermost frame.");
      RunTarget t;
      t.addrs.insert(st[1].pc);
      t.min_sp = st[0].cfa;
      if (run_until(s, &t, 0) != Outcome::TargetReached) return {};
      s.print_location(true);
      continue;
    }
    std::string start_file = line->file;
    int start_line = line->line;
    auto start_regs = s.inf.regs(s.tid());
    std::uint64_t start_sp = start_regs ? start_regs->rsp : 0;
    bool new_frame = false;
    const std::uint64_t first_pc = pc, first_fn = start_fn;
    Outcome o = Outcome::StepDone;
    for (;;) {
      pc = s.pc();
      auto in = insn_at(s, pc);
      if (in && in->is_call) {
        if (over) {
          o = next_insn(s, true);
        } else {
          const std::uint64_t ret = pc + static_cast<std::uint64_t>(in->size);
          o = step_once(s, 0);
          if (o == Outcome::StepDone) {
            std::uint64_t npc = s.pc();
            if (!s.syms->line_at(npc) && through_plt(s, ret, &o)) {
              if (o != Outcome::TargetReached) break;
              npc = s.pc();
              if (npc == ret) {  // returned without reaching the function: on with the line
                o = Outcome::StepDone;
                if (s.syms->is_stmt_start(npc)) break;
                continue;
              }
            }
            if (auto nl = s.syms->line_at(npc)) {
              (void)nl;
              std::uint64_t fn = s.syms->symbolize(npc).start;
              std::uint64_t body = s.syms->skip_prologue(fn != 0 ? fn : npc);
              if (body != npc) {
                RunTarget t;
                t.addrs.insert(body);
                o = run_until(s, &t, 0);
              }
              new_frame = true;
              break;
            }
            o = step_out_of_call(s);
          }
        }
      } else {
        o = step_once(s, 0);
      }
      if (o != Outcome::StepDone && o != Outcome::TargetReached) break;
      std::uint64_t npc = s.pc();
      auto nl = s.syms->line_at(npc);
      std::uint64_t fn = s.syms->symbolize(npc).start;
      auto r = s.inf.regs(s.tid());
      if (!nl) {
        // Returned into code without line info (main's caller): stop there.
        if (r && r->rsp > start_sp && fn != start_fn) {
          new_frame = true;
          break;
        }
        continue;
      }
      bool returned = fn != start_fn && r && r->rsp > start_sp;
      if (returned) {
        // Back in the caller: at the start of a line, that is the stop; in the middle of
        // one, step on to the start of another line (gdb's "step into the middle of a line").
        start_fn = fn;
        start_sp = r->rsp;
        new_frame = true;
        if (s.syms->is_stmt_start(npc)) break;
        start_file = nl->file;
        start_line = nl->line;
        continue;
      }
      if (until && fn == first_fn && npc < first_pc) continue;
      if (s.syms->is_stmt_start(npc) && (nl->line != start_line || nl->file != start_file)) break;
    }
    if (o == Outcome::StepDone || o == Outcome::TargetReached) {
      s.invalidate();
      s.print_location(new_frame || s.syms->symbolize(s.pc()).start != start_fn);
    } else {
      break;
    }
  }
  return {};
}

Result<void> cmd_finish(DebuggerState& s, const Args&) {
  if (auto r = s.need_process(); !r) return r;
  int level = s.frame;
  const auto st = s.stack();
  if (static_cast<std::size_t>(level) + 1 >= st.size())
    return fail("\"finish\" not meaningful in the outermost frame.");
  std::uint64_t fn_pc = st[static_cast<std::size_t>(level)].lookup_pc();
  if (s.interactive)
    s.out << "Run till exit from #" << level << "  "
          << s.frame_text(static_cast<std::size_t>(level), false) << "\n";
  RunTarget t;
  t.addrs.insert(st[static_cast<std::size_t>(level) + 1].pc);
  t.min_sp = st[static_cast<std::size_t>(level)].cfa;
  if (run_until(s, &t, 0) != Outcome::TargetReached) return {};
  s.print_location(true);
  auto rt = s.syms->return_type(fn_pc);
  auto r = s.inf.regs(s.tid());
  if (rt && rt->name != "void" && r) {
    std::uint64_t v = r->rax;
    s.out << "Value returned is $" << ++s.history << " = " << s.format_value(v, *rt) << "\n";
  }
  return {};
}

Result<void> cmd_until(DebuggerState& s, const Args& a) {
  if (auto r = s.need_process(); !r) return r;
  if (trim(a).empty()) return step_lines(s, "", true, true);
  auto addrs = resolve_location(s, trim(a), nullptr);
  if (!addrs) return addrs.error();
  RunTarget t;
  for (auto x : *addrs) t.addrs.insert(x);
  const auto st = s.stack();
  if (st.size() > 1) t.addrs.insert(st[1].pc);
  Outcome o = run_until(s, &t, 0);
  if (o == Outcome::TargetReached) s.print_location(true);
  return {};
}

}  // namespace scry::debug
