// Breakpoints, watchpoints, catchpoints and signal handling policy.
#include <signal.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>

#include "debug/state.hpp"

namespace scry::debug {
namespace {

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool parse_int(const std::string& t, long& v) {
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return ec == std::errc() && p == t.data() + t.size();
}

// The file of the current location, or of main, for "break LINE".
std::string default_file(DebuggerState& s) {
  if (s.has_process())
    if (auto l = s.syms->line_at(s.pc())) return l->file;
  auto m = s.syms->function_addresses("main");
  if (!m.empty())
    if (auto l = s.syms->line_at(m.front())) return l->file;
  return "";
}

std::string location_text(DebuggerState& s, std::uint64_t addr) {
  if (auto l = s.syms->line_at(addr))
    return "file " + l->name + ", line " + std::to_string(l->line) + ".";
  return "";
}

int type_size(const std::string& t) {
  if (t.find("char") != std::string::npos) return 1;
  if (t.find("short") != std::string::npos) return 2;
  if (t.find("long") != std::string::npos || t.find("*") != std::string::npos) return 8;
  return 4;
}

}  // namespace

std::string breakpoint_where(DebuggerState& s, std::uint64_t a) {
  if (auto l = s.syms->line_at(a))
    return "in " + s.syms->function_name(a) + " at " + l->name + ":" + std::to_string(l->line);
  std::string what = s.symbol_suffix(a);
  if (!what.empty()) what.erase(0, 1);  // " <write>" -> "<write>"
  return what;
}

Result<std::vector<std::uint64_t>> resolve_location(DebuggerState& s, const std::string& spec,
                                                    std::string* what) {
  std::string t = trim(spec);
  if (t.empty()) {
    if (!s.has_process()) return fail("No default breakpoint location now selected.");
    return std::vector<std::uint64_t>{s.pc()};
  }
  if (t[0] == '*') {
    auto v = eval(s, t.substr(1));
    if (!v) return v.error();
    return std::vector<std::uint64_t>{*v};
  }
  auto colon = t.rfind(':');
  long line = 0;
  if (colon != std::string::npos && parse_int(t.substr(colon + 1), line)) {
    std::string file = t.substr(0, colon);
    int found = 0;
    auto v = s.syms->line_addresses(file, static_cast<int>(line), &found);
    if (v.empty()) return fail("No line " + std::to_string(line) + " in file \"" + file + "\".");
    return v;
  }
  if (parse_int(t, line)) {
    std::string file = default_file(s);
    int found = 0;
    auto v = file.empty() ? std::vector<std::uint64_t>{}
                          : s.syms->line_addresses(file, static_cast<int>(line), &found);
    if (v.empty()) return fail("No line " + std::to_string(line) + " in the current file.");
    return v;
  }
  auto addrs = s.syms->function_addresses(t);
  if (addrs.empty()) return fail("Function \"" + t + "\" not defined.");
  for (auto& a : addrs)
    if (s.syms->line_at(a)) a = s.syms->skip_prologue(a);
  if (what != nullptr) *what = t;
  return addrs;
}

void insert_breakpoint(DebuggerState& s, Breakpoint& b) {
  if (!b.enabled || !s.has_process()) return;
  if (b.type == Breakpoint::Type::Break) {
    for (auto a : b.addrs)
      if (std::find(b.inserted.begin(), b.inserted.end(), a) == b.inserted.end() &&
          s.inf.add_site(a))
        b.inserted.push_back(a);
  } else if (b.type == Breakpoint::Type::Watch && b.slot >= 0) {
    WatchSlot w;
    w.used = true;
    w.addr = b.waddr;
    w.len = b.wlen;
    w.rw = b.watch == Breakpoint::Watch::Write ? 1 : 3;
    (void)s.inf.set_watch(b.slot, w);
  }
}

void remove_breakpoint(DebuggerState& s, Breakpoint& b) {
  if (s.has_process()) {
    for (auto a : b.inserted) s.inf.remove_site(a);
    if (b.type == Breakpoint::Type::Watch && b.slot >= 0) s.inf.clear_watch(b.slot);
  }
  b.inserted.clear();
}

Result<void> cmd_break(DebuggerState& s, const Args& a, bool temp) {
  Breakpoint b;
  b.type = Breakpoint::Type::Break;
  b.temp = temp;
  b.spec = trim(a);
  std::string cond;
  if (auto i = b.spec.find(" if "); i != std::string::npos) b.spec = trim(b.spec.substr(0, i));
  const char* kind = temp ? "Temporary breakpoint " : "Breakpoint ";
  auto r = resolve_location(s, b.spec, nullptr);
  if (!r) {
    bool is_func = !b.spec.empty() && b.spec[0] != '*' && b.spec.find(':') == std::string::npos;
    if (!is_func) return r.error();
    // Pending: resolved when a library defining it is loaded.
    s.out << r.error().context << "\n";
    b.num = s.next_bp++;
    s.out << kind << b.num << " (" << b.spec << ") pending.\n";
    s.bps.push_back(b);
    return {};
  }
  if (b.spec.empty()) b.spec = "*" + hexs(r->front());
  b.addrs = *r;
  b.where = breakpoint_where(s, b.addrs.front());
  b.num = s.next_bp++;
  std::string loc = location_text(s, b.addrs.front());
  s.out << kind << b.num << " at " << hexs(b.addrs.front());
  if (!loc.empty()) s.out << ": " << loc;
  if (b.addrs.size() > 1) s.out << " (" << b.addrs.size() << " locations)";
  s.out << "\n";
  s.bps.push_back(b);
  insert_breakpoint(s, s.bps.back());
  return {};
}

Result<void> cmd_delete(DebuggerState& s, const Args& a) {
  auto w = words(a);
  if (!w.empty() && (w[0] == "breakpoints" || w[0] == "br")) w.erase(w.begin());
  if (w.empty()) {
    for (auto& b : s.bps) remove_breakpoint(s, b);
    s.bps.clear();
    return {};
  }
  for (const auto& item : w) {
    long lo = 0, hi = 0;
    auto dash = item.find('-');
    if (dash != std::string::npos
            ? !(parse_int(item.substr(0, dash), lo) && parse_int(item.substr(dash + 1), hi))
            : !parse_int(item, lo))
      return fail(
          "Convenience variable must have integer value.\nArgs must be numbers or '$' variables.");
    if (dash == std::string::npos) hi = lo;
    for (long n = lo; n <= hi; ++n) {
      auto it = std::find_if(s.bps.begin(), s.bps.end(), [&](auto& b) { return b.num == n; });
      if (it == s.bps.end()) {
        s.err << "No breakpoint number " << n << ".\n";
        continue;
      }
      remove_breakpoint(s, *it);
      s.bps.erase(it);
    }
  }
  return {};
}

Result<void> cmd_enable(DebuggerState& s, const Args& a, bool on) {
  auto w = words(a);
  if (!w.empty() && (w[0] == "once" || w[0] == "delete")) {
    bool once = w[0] == "once";
    w.erase(w.begin());
    for (auto& b : s.bps)
      for (auto& x : w)
        if (std::to_string(b.num) == x) {
          b.temp = !once;
          b.enabled = true;
          insert_breakpoint(s, b);
        }
    return {};
  }
  for (auto& b : s.bps) {
    bool match = w.empty() || std::find(w.begin(), w.end(), std::to_string(b.num)) != w.end();
    if (!match) continue;
    if (on && !b.enabled) {
      b.enabled = true;
      insert_breakpoint(s, b);
    } else if (!on && b.enabled) {
      remove_breakpoint(s, b);
      b.enabled = false;
    }
  }
  for (auto& x : w) {
    long n = 0;
    if (!parse_int(x, n)) return fail("Bad breakpoint number '" + x + "'");
    if (std::none_of(s.bps.begin(), s.bps.end(), [&](auto& b) { return b.num == n; }))
      return fail("No breakpoint number " + x + ".");
  }
  return {};
}

Result<void> cmd_info_breakpoints(DebuggerState& s, const Args&, bool watch_only) {
  std::vector<const Breakpoint*> shown;
  for (auto& b : s.bps)
    if (!watch_only || b.type == Breakpoint::Type::Watch) shown.push_back(&b);
  if (shown.empty()) {
    s.out << (watch_only ? "No watchpoints.\n" : "No breakpoints or watchpoints.\n");
    return {};
  }
  auto type_name = [](const Breakpoint& b) -> std::string {
    if (b.type == Breakpoint::Type::Catch) return "catchpoint";
    if (b.type == Breakpoint::Type::Break) return "breakpoint";
    return b.watch == Breakpoint::Watch::Write  ? "hw watchpoint"
           : b.watch == Breakpoint::Watch::Read ? "read watchpoint"
                                                : "acc watchpoint";
  };
  std::size_t tw = 14;
  bool any_addr = false;
  for (auto* b : shown) {
    tw = std::max(tw, type_name(*b).size());
    any_addr |= b->type != Breakpoint::Type::Catch;
  }
  char line[512];
  std::snprintf(line, sizeof line, "%-7s %-*s %s %s %s%s\n", "Num", static_cast<int>(tw), "Type",
                "Disp", "Enb", any_addr ? "Address            " : "Address    ", "What");
  s.out << line;
  for (auto* b : shown) {
    std::string what, addr;
    if (b->type == Breakpoint::Type::Break) {
      if (b->addrs.empty()) {
        addr = "<PENDING>";
        what = b->spec;
      } else {
        addr = hex16(b->addrs.front());
        what = breakpoint_where(s, b->addrs.front());
        // A library's symbols go with its process: what was known then is shown after.
        if (what.empty()) what = b->where;
      }
    } else if (b->type == Breakpoint::Type::Watch) {
      what = b->spec;
    } else {
      switch (b->katch) {
        case Breakpoint::Catch::Syscall: {
          if (b->syscalls.empty()) {
            what = "syscall \"<any syscall>\" ";
            break;
          }
          std::string names;
          for (long nr : b->syscalls) {
            const SyscallEntry* e = syscall_entry(Abi::X86_64, nr);
            if (!names.empty()) names += ", ";
            names += e != nullptr && e->name != nullptr ? e->name : std::to_string(nr);
          }
          what =
              std::string(b->syscalls.size() > 1 ? "syscalls" : "syscall") + " \"" + names + "\" ";
          break;
        }
        case Breakpoint::Catch::Fork:
          what = "fork";
          break;
        case Breakpoint::Catch::Vfork:
          what = "vfork";
          break;
        case Breakpoint::Catch::Exec:
          what = "exec";
          break;
        case Breakpoint::Catch::Signal: {
          if (b->signals.empty()) what = "<standard signals>";
          for (int sig : b->signals) what += (what.empty() ? "" : " ") + signal_name(sig);
          break;
        }
      }
    }
    std::snprintf(line, sizeof line, "%-7d %-*s %-4s %-3s %-*s %s\n", b->num, static_cast<int>(tw),
                  type_name(*b).c_str(), b->temp ? "del" : "keep", b->enabled ? "y" : "n",
                  any_addr ? 18 : 10, addr.c_str(), what.c_str());
    s.out << line;
    if (b->hits > 0)
      s.out << "\t" << (b->type == Breakpoint::Type::Catch ? "catchpoint" : "breakpoint")
            << " already hit " << b->hits << (b->hits == 1 ? " time\n" : " times\n");
  }
  return {};
}

Result<void> cmd_watch(DebuggerState& s, const Args& a, Breakpoint::Watch kind) {
  if (auto r = s.need_process(); !r) return r;
  std::string expr = trim(a);
  if (expr.empty()) return fail("Argument required (expression to compute).");
  Breakpoint b;
  b.type = Breakpoint::Type::Watch;
  b.watch = kind;
  b.spec = expr;
  if (expr[0] == '*') {
    std::string rest = trim(expr.substr(1));
    int size = 4;
    if (!rest.empty() && rest[0] == '(') {
      auto close = rest.find(')');
      if (close == std::string::npos)
        return fail("A syntax error in expression, near `" + rest + "'.");
      std::string type = rest.substr(1, close - 1);
      auto star = type.rfind('*');
      size = type_size(star == std::string::npos ? type : type.substr(0, star));
      rest = rest.substr(close + 1);
    }
    auto v = eval(s, rest);
    if (!v) return v.error();
    b.waddr = *v;
    b.wlen = size;
    b.wtype = TypeInfo{TypeInfo::Kind::Signed, size, "int"};
  } else if (auto var = s.syms->global_variable(expr)) {
    b.waddr = var->addr;
    b.wlen = var->type.size;
    b.wtype = var->type;
  } else if (auto sym = s.syms->find_symbol(expr)) {
    b.waddr = sym->start;
    b.wlen = static_cast<int>(sym->size);
    b.wtype = TypeInfo{TypeInfo::Kind::Signed, b.wlen, "long"};
  } else {
    return fail("No symbol \"" + expr + "\" in current context.");
  }
  if (b.wlen != 1 && b.wlen != 2 && b.wlen != 4 && b.wlen != 8)
    return fail("Expression cannot be implemented with a hardware watchpoint (length " +
                std::to_string(b.wlen) + "; use 1, 2, 4 or 8 bytes).");
  if (b.waddr % static_cast<std::uint64_t>(b.wlen) != 0)
    return fail("Watchpoint address " + hexs(b.waddr) + " is not aligned to its length.");
  bool used[4] = {};
  for (auto& o : s.bps)
    if (o.type == Breakpoint::Type::Watch && o.slot >= 0) used[o.slot] = true;
  for (int i = 0; i < 4 && b.slot < 0; ++i)
    if (!used[i]) b.slot = i;
  if (b.slot < 0)
    return fail("Could not insert hardware watchpoint: all 4 debug registers are in use.");
  s.inf.read(b.waddr, &b.old_value, static_cast<std::size_t>(b.wlen));
  b.num = s.next_bp++;
  s.bps.push_back(b);
  insert_breakpoint(s, s.bps.back());
  const char* k = kind == Breakpoint::Watch::Write  ? "Hardware watchpoint "
                  : kind == Breakpoint::Watch::Read ? "Hardware read watchpoint "
                                                    : "Hardware access (read/write) watchpoint ";
  s.out << k << b.num << ": " << expr << "\n";
  return {};
}

Result<void> cmd_catch(DebuggerState& s, const Args& a, bool temp) {
  auto w = words(a);
  if (w.empty()) return fail("List of catch subcommands: syscall, fork, vfork, exec, signal.");
  Breakpoint b;
  b.type = Breakpoint::Type::Catch;
  b.temp = temp;
  std::string what;
  if (w[0] == "syscall") {
    b.katch = Breakpoint::Catch::Syscall;
    for (std::size_t i = 1; i < w.size(); ++i) {
      long nr = 0;
      if (!parse_int(w[i], nr)) {
        auto n = syscall_number(Abi::X86_64, w[i]);
        if (!n) return fail("Unknown syscall name '" + w[i] + "'.");
        nr = *n;
      }
      const SyscallEntry* e = syscall_entry(Abi::X86_64, nr);
      std::string name = e != nullptr && e->name != nullptr ? e->name : std::to_string(nr);
      b.syscalls.insert(nr);
      what += " '" + name + "' [" + std::to_string(nr) + "]";
    }
    what = b.syscalls.empty() ? "syscall" : (b.syscalls.size() > 1 ? "syscalls" : "syscall") + what;
  } else if (w[0] == "fork" || w[0] == "vfork" || w[0] == "exec") {
    b.katch = w[0] == "fork"    ? Breakpoint::Catch::Fork
              : w[0] == "vfork" ? Breakpoint::Catch::Vfork
                                : Breakpoint::Catch::Exec;
    what = w[0];
  } else if (w[0] == "signal") {
    b.katch = Breakpoint::Catch::Signal;
    for (std::size_t i = 1; i < w.size(); ++i) {
      int sig = signal_number(w[i]);
      if (sig == 0) return fail("Only signals 1-15 are valid as numeric signals.");
      b.signals.insert(sig);
      what += (what.empty() ? "" : " ") + signal_name(sig);
    }
    if (what.empty()) what = "standard signals";
  } else {
    return fail("Undefined catch command: \"" + w[0] + "\".  Try \"help catch\".");
  }
  b.num = s.next_bp++;
  s.bps.push_back(b);
  s.out << (temp ? "Temporary catchpoint " : "Catchpoint ") << b.num << " (" << what << ")\n";
  return {};
}

namespace {
void signal_row(DebuggerState& s, int sig) {
  const SignalPolicy& p = s.sigs[sig];
  char line[256];
  std::snprintf(line, sizeof line, "%-13s %s\t%s\t%s\t\t%s\n", signal_name(sig).c_str(),
                p.stop ? "Yes" : "No", p.print ? "Yes" : "No", p.pass ? "Yes" : "No",
                signal_description(sig).c_str());
  s.out << line;
}
const char* kSignalHeader = "Signal        Stop\tPrint\tPass to program\tDescription\n";
}  // namespace

Result<void> cmd_handle(DebuggerState& s, const Args& a) {
  auto w = words(a);
  if (w.empty()) return fail("Argument required (signal for which to modify handling).");
  std::vector<int> sigs;
  std::size_t i = 0;
  for (; i < w.size(); ++i) {
    if (w[i] == "all") {
      for (int n = 1; n < 32; ++n)
        if (n != SIGTRAP && n != SIGINT) sigs.push_back(n);
      continue;
    }
    int n = signal_number(w[i]);
    if (n == 0) break;
    sigs.push_back(n);
  }
  if (sigs.empty()) return fail("Unrecognized or ambiguous flag word: \"" + w[0] + "\".");
  for (; i < w.size(); ++i) {
    const std::string& k = w[i];
    for (int n : sigs) {
      SignalPolicy& p = s.sigs[n];
      if (k == "stop")
        p.stop = p.print = true;
      else if (k == "nostop")
        p.stop = false;
      else if (k == "print")
        p.print = true;
      else if (k == "noprint")
        p.print = p.stop = false;
      else if (k == "pass" || k == "noignore")
        p.pass = true;
      else if (k == "nopass" || k == "ignore")
        p.pass = false;
      else
        return fail("Unrecognized or ambiguous flag word: \"" + k + "\".");
    }
  }
  s.out << kSignalHeader;
  for (int n : sigs) signal_row(s, n);
  return {};
}

Result<void> cmd_info_signals(DebuggerState& s, const Args& a) {
  std::string t = trim(a);
  s.out << kSignalHeader;
  if (!t.empty()) {
    int n = signal_number(t);
    if (n == 0) return fail("Only signals 1-15 are valid as numeric signals.");
    signal_row(s, n);
    return {};
  }
  s.out << "\n";
  for (int n = 1; n < 32; ++n) signal_row(s, n);
  return {};
}

}  // namespace scry::debug
