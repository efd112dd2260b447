// The debugger: command dispatch and the helpers every command family shares.
#include "scry/debugger.hpp"

#include <signal.h>
#include <string.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>

#include "debug/state.hpp"
#include "scry/ptrace_debug.hpp"

namespace scry::debug {

Error fail(std::string msg) {
  return Error{0, std::move(msg)};
}

std::string hex16(std::uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%016lx", static_cast<unsigned long>(v));
  return b;
}
std::string hexs(std::uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%lx", static_cast<unsigned long>(v));
  return b;
}
std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

namespace {
const char* const kSigNames[] = {
    "0",         "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",  "SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",  "SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGXCPU",   "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS"};
}  // namespace

std::string signal_name(int sig) {
  if (sig > 0 && sig < 32) return kSigNames[sig];
  if (sig >= SIGRTMIN && sig <= SIGRTMAX) return "SIG" + std::to_string(sig);
  return "SIG" + std::to_string(sig);
}

std::string signal_description(int sig) {
  switch (sig) {
    case SIGUSR1:
      return "User defined signal 1";
    case SIGUSR2:
      return "User defined signal 2";
    case SIGSEGV:
      return "Segmentation fault";
    case SIGABRT:
      return "Aborted";
    case SIGINT:
      return "Interrupt";
    case SIGTRAP:
      return "Trace/breakpoint trap";
    case SIGKILL:
      return "Killed";
    case SIGTERM:
      return "Terminated";
    case SIGALRM:
      return "Alarm clock";
    case SIGCHLD:
      return "Child status changed";
    case SIGPIPE:
      return "Broken pipe";
    case SIGHUP:
      return "Hangup";
    case SIGQUIT:
      return "Quit";
    case SIGILL:
      return "Illegal instruction";
    case SIGBUS:
      return "Bus error";
    case SIGFPE:
      return "Arithmetic exception";
    case SIGSTOP:
      return "Stopped (signal)";
    case SIGCONT:
      return "Continued";
    default: {
      const char* d = ::strsignal(sig);
      return d != nullptr ? d : "Unknown signal";
    }
  }
}

int signal_number(const std::string& name) {
  if (name.empty()) return 0;
  if (name[0] >= '0' && name[0] <= '9') {
    int n = 0;
    auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
    return ec == std::errc() && p == name.data() + name.size() && n > 0 && n < 65 ? n : 0;
  }
  std::string up;
  for (char c : name) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (up.rfind("SIG", 0) != 0) up = "SIG" + up;
  for (int i = 1; i < 32; ++i)
    if (up == kSigNames[i]) return i;
  if (up.rfind("SIG", 0) == 0 && up.size() > 3 && std::isdigit(static_cast<unsigned char>(up[3])))
    return signal_number(up.substr(3));
  return 0;
}

Result<void> DebuggerState::need_process() const {
  if (!inf.alive()) return fail("The program is not being run.");
  return {};
}

std::uint64_t DebuggerState::pc() {
  auto r = inf.regs(tid());
  return r ? r->rip : 0;
}

std::uint64_t DebuggerState::read_u64(std::uint64_t addr, bool* ok) {
  std::uint64_t v = 0;
  bool good = inf.read(addr, &v, 8) == 8;
  if (ok != nullptr) *ok = good;
  return v;
}

void DebuggerState::refresh_symbols() {
  UnwindSource src;
  src.regs = [this](Tid t, user_regs_struct& r) {
    auto res = inf.regs(t);
    if (!res) return false;
    r = *res;
    return true;
  };
  src.read_word = [this](std::uint64_t a, std::uint64_t& w) { return inf.read(a, &w, 8) == 8; };
  syms->refresh(inf.pid(), src);
  // The names the dynamic linker used ("/lib/x86_64-linux-gnu/libc.so.6"), as gdb shows them,
  // from r_debug's link map: r_map at +8; link_map l_addr +0, l_name +8, l_next +24.
  lib_names.clear();
  if (auto rd = syms->find_symbol("_r_debug")) {
    bool ok = false;
    std::uint64_t lm = read_u64(rd->start + 8, &ok);
    for (int n = 0; ok && lm != 0 && n < 1024; ++n) {
      std::uint64_t base = read_u64(lm, &ok);
      std::uint64_t name_ptr = read_u64(lm + 8, &ok);
      char name[512] = {};
      if (ok && name_ptr != 0 && inf.read(name_ptr, name, sizeof name - 1) > 0 && name[0] == '/')
        lib_names[base] = name;
      lm = read_u64(lm + 24, &ok);
    }
  }
  if (dl_state_addr == 0) {
    auto a = syms->function_addresses("_dl_debug_state");
    if (!a.empty() && inf.add_site(a.front())) dl_state_addr = a.front();
  }
  invalidate();
}

void DebuggerState::reresolve_breakpoints() {
  for (auto& b : bps) {
    if (b.type != Breakpoint::Type::Break) continue;
    auto r = resolve_location(*this, b.spec, nullptr);
    std::vector<std::uint64_t> fresh = r ? *r : std::vector<std::uint64_t>{};
    if (fresh == b.addrs && has_process()) continue;
    remove_breakpoint(*this, b);
    if (!fresh.empty() || has_process()) b.addrs = fresh;
    if (!b.addrs.empty()) b.where = breakpoint_where(*this, b.addrs.front());
    insert_breakpoint(*this, b);
  }
}

void DebuggerState::process_gone() {
  invalidate();
  dl_state_addr = 0;
  calls.clear();
  for (auto& b : bps) b.slot = -1;
  bps.erase(std::remove_if(bps.begin(), bps.end(),
                           [](const Breakpoint& b) { return b.type == Breakpoint::Type::Watch; }),
            bps.end());
  syms = new_symbols();
  if (!program.empty()) syms->load_file(program);
}

const std::vector<Frame>& DebuggerState::stack() {
  if (!frames_valid) {
    frames = has_process() ? syms->backtrace(tid(), 256) : std::vector<Frame>{};
    if (frames.empty() && has_process()) {
      auto r = inf.regs(tid());
      if (r) frames.push_back(Frame{r->rip, true, r->rsp, 0});
    }
    frames_valid = true;
  }
  return frames;
}

std::string DebuggerState::symbol_suffix(std::uint64_t addr) {
  SymbolInfo s = syms->symbolize(addr);
  if (s.name.empty()) return "";
  std::uint64_t off = addr - s.start;
  return " <" + s.name + (off != 0 ? "+" + std::to_string(off) : "") + ">";
}

std::string DebuggerState::format_value(std::uint64_t raw, const TypeInfo& t) {
  int bits = t.size > 0 && t.size < 8 ? t.size * 8 : 64;
  std::uint64_t mask = bits == 64 ? ~0ull : ((1ull << bits) - 1);
  raw &= mask;
  auto sext = [&](std::uint64_t v) {
    if (bits < 64 && (v & (1ull << (bits - 1))) != 0) v |= ~mask;
    return static_cast<std::int64_t>(v);
  };
  switch (t.kind) {
    case TypeInfo::Kind::Signed:
      return std::to_string(sext(raw));
    case TypeInfo::Kind::Unsigned:
      return std::to_string(raw);
    case TypeInfo::Kind::Bool:
      return raw != 0 ? "true" : "false";
    case TypeInfo::Kind::Pointer:
      // gdb names what a pointer points at when a symbol covers it: "0x5555... <text>".
      if (t.name.find("char") == std::string::npos) return hexs(raw) + symbol_suffix(raw);
      return hexs(raw);
    case TypeInfo::Kind::Char: {
      std::int64_t v =
          t.name.find("unsigned") != std::string::npos ? static_cast<std::int64_t>(raw) : sext(raw);
      return std::to_string(v) + format_char_suffix(static_cast<unsigned char>(raw));
    }
    case TypeInfo::Kind::Float: {
      char b[64];
      if (t.size == 4) {
        float f;
        auto u = static_cast<std::uint32_t>(raw);
        std::memcpy(&f, &u, 4);
        auto res = std::to_chars(b, b + sizeof b, f);
        return std::string(b, res.ptr);
      }
      double d;
      std::memcpy(&d, &raw, 8);
      auto res = std::to_chars(b, b + sizeof b, d);
      return std::string(b, res.ptr);
    }
    case TypeInfo::Kind::Other:
      break;
  }
  return std::to_string(sext(raw));
}

bool DebuggerState::dwarf_register(int regno, std::uint64_t* value) {
  auto r = inf.regs(tid());
  if (!r || regno < 0 || regno >= kDwarfRegs) return false;
  std::uint64_t v[kDwarfRegs];
  dwarf_registers(*r, v);
  *value = v[regno];
  return true;
}

std::string DebuggerState::frame_text(std::size_t level, bool force_addr) {
  const auto& st = stack();
  if (level >= st.size()) return "";
  const Frame& f = st[level];
  std::uint64_t lpc = f.lookup_pc();
  SymbolInfo sym = syms->symbolize(lpc);
  auto line = syms->line_at(lpc);
  bool show_addr = force_addr || level > 0 || !line || !syms->is_stmt_start(f.pc);
  std::string s = show_addr ? hex16(f.pc) + " in " : "";
  std::string name = line ? syms->function_name(lpc) : sym.name;
  s += name.empty() ? "??" : name;
  if (!line) {
    s += " ()";
    if (!sym.module.empty() && !sym.is_main) {
      auto ln = lib_names.find(sym.module_base);
      s += " from " + (ln != lib_names.end() ? ln->second : sym.module);
    }
    return s;
  }
  s += " (";
  bool first = true;
  for (const VarInfo& v : syms->parameters(lpc)) {
    if (!first) s += ", ";
    first = false;
    s += v.name + "=";
    std::uint64_t raw = 0;
    int n = v.type.size > 0 && v.type.size <= 8 ? v.type.size : 8;
    if (v.cfa_relative && f.cfa != 0 &&
        inf.read(f.cfa + static_cast<std::uint64_t>(v.offset), &raw, static_cast<std::size_t>(n)) ==
            static_cast<std::size_t>(n))
      s += format_value(raw, v.type);
    else if (v.reg >= 0 && level == 0 && dwarf_register(v.reg, &raw))
      s += format_value(raw, v.type);
    else
      s += "<optimized out>";
  }
  s += ") at " + line->name + ":" + std::to_string(line->line);
  return s;
}

void DebuggerState::print_source(const LineInfo& where) {
  const std::string& file = where.file;
  const int line = where.line;
  auto it = sources.find(file);
  const bool first = it == sources.end();
  if (first) {
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    it = sources.emplace(file, std::move(lines)).first;
  }
  if (it->second.empty()) {
    // gdb reports a missing file once, on stderr; later lines of it read "26\tin write.c".
    if (first)
      err << line << "\t" << where.name << ": No such file or directory.\n";
    else
      out << line << "\tin " << where.name << "\n";
    return;
  }
  if (line < 1 || static_cast<std::size_t>(line) > it->second.size()) {
    out << "Line number " << line << " out of range; \"" << where.name << "\" has "
        << it->second.size() << " lines.\n";
    return;
  }
  out << line << "\t" << it->second[static_cast<std::size_t>(line - 1)] << "\n";
}

void DebuggerState::print_location(bool with_frame) {
  const auto& st = stack();
  if (st.empty()) return;
  std::size_t level = static_cast<std::size_t>(frame);
  const Frame& f = st[level];
  auto line = syms->line_at(f.lookup_pc());
  if (with_frame || !line) out << frame_text(level, false) << "\n";
  if (!line) return;
  if (!with_frame && !syms->is_stmt_start(f.pc)) out << hex16(f.pc) << "\t";
  print_source(*line);
}

std::string DebuggerState::thread_label(const ThreadState& t) {
  auto r = inf.regs(t.tid);
  return "Thread " + hexs(r ? r->fs_base : 0) + " (LWP " + std::to_string(raw(t.tid)) + ")";
}

// --- dispatch -------------------------------------------------------------------------------

namespace {

using Handler = std::function<Result<void>(DebuggerState&, const std::string&)>;
struct Command {
  const char* name;
  Handler run;
};

Result<void> cmd_info(DebuggerState& s, const std::string& a);

Result<void> cmd_kill(DebuggerState& s, const std::string&) {
  if (auto r = s.need_process(); !r) return r;
  pid_t pid = s.inf.pid();
  (void)s.inf.kill();
  s.out << "[Inferior 1 (process " << pid << ") killed]\n";
  s.process_gone();
  return {};
}

Result<void> cmd_detach(DebuggerState& s, const std::string&) {
  if (auto r = s.need_process(); !r) return r;
  pid_t pid = s.inf.pid();
  s.out << "[Inferior 1 (process " << pid << ") detached]\n";
  (void)s.inf.detach();
  s.process_gone();
  return {};
}

Result<void> cmd_attach(DebuggerState& s, const std::string& a) {
  if (s.has_process()) return fail("A program is being debugged already.");
  int pid = 0;
  std::string t = trim(a);
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), pid);
  if (ec != std::errc() || p != t.data() + t.size() || pid <= 0)
    return fail("Argument required (process-id to attach).");
  s.out << "Attaching to process " << pid << "\n";
  if (auto r = s.inf.attach(pid); !r)
    return fail("ptrace: " + std::string(std::strerror(r.error().code)) + ".");
  s.syms = s.new_symbols();
  s.dl_state_addr = 0;
  s.refresh_symbols();
  s.reresolve_breakpoints();
  s.print_location(true);
  return {};
}

Result<void> cmd_echo(DebuggerState& s, const std::string& a) {
  std::string out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == '\\' && i + 1 < a.size()) {
      char c = a[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    } else {
      out += a[i];
    }
  }
  s.out << out;
  return {};
}

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"run", cmd_run},
      {"start",
       [](DebuggerState& s, const std::string& a) -> Result<void> {
         if (auto r = cmd_break(s, "main", true); !r) return r;
         return cmd_run(s, a);
       }},
      {"continue", [](DebuggerState& s, const std::string& a) { return cmd_continue(s, a, -1); }},
      {"next", [](DebuggerState& s, const std::string& a) { return cmd_step(s, a, true); }},
      {"step", [](DebuggerState& s, const std::string& a) { return cmd_step(s, a, false); }},
      {"stepi", [](DebuggerState& s, const std::string& a) { return cmd_stepi(s, a, false); }},
      {"nexti", [](DebuggerState& s, const std::string& a) { return cmd_stepi(s, a, true); }},
      {"finish", cmd_finish},
      {"until", cmd_until},
      {"advance", cmd_until},
      {"signal", cmd_signal},
      {"kill", cmd_kill},
      {"detach", cmd_detach},
      {"attach", cmd_attach},
      {"quit",
       [](DebuggerState& s, const std::string&) -> Result<void> {
         s.quit = true;
         return {};
       }},
      {"break", [](DebuggerState& s, const std::string& a) { return cmd_break(s, a, false); }},
      {"tbreak", [](DebuggerState& s, const std::string& a) { return cmd_break(s, a, true); }},
      {"delete", cmd_delete},
      {"clear", cmd_delete},
      {"disable", [](DebuggerState& s, const std::string& a) { return cmd_enable(s, a, false); }},
      {"enable", [](DebuggerState& s, const std::string& a) { return cmd_enable(s, a, true); }},
      {"watch", [](DebuggerState& s,
                   const std::string& a) { return cmd_watch(s, a, Breakpoint::Watch::Write); }},
      {"rwatch", [](DebuggerState& s,
                    const std::string& a) { return cmd_watch(s, a, Breakpoint::Watch::Read); }},
      {"awatch", [](DebuggerState& s,
                    const std::string& a) { return cmd_watch(s, a, Breakpoint::Watch::Access); }},
      {"catch", [](DebuggerState& s, const std::string& a) { return cmd_catch(s, a, false); }},
      {"tcatch", [](DebuggerState& s, const std::string& a) { return cmd_catch(s, a, true); }},
      {"handle", cmd_handle},
      {"info", cmd_info},
      {"print", cmd_print},
      {"output", cmd_print},
      {"set", cmd_set},
      {"x", [](DebuggerState& s, const std::string& a) { return cmd_x(s, "", a); }},
      {"poke", cmd_poke},
      {"disassemble", cmd_disassemble},
      {"backtrace", cmd_backtrace},
      {"where", cmd_backtrace},
      {"frame", [](DebuggerState& s, const std::string& a) { return cmd_frame(s, a, 0); }},
      {"up", [](DebuggerState& s, const std::string& a) { return cmd_frame(s, a, 1); }},
      {"down", [](DebuggerState& s, const std::string& a) { return cmd_frame(s, a, -1); }},
      {"thread", cmd_thread},
      {"echo", cmd_echo},
      {"help",
       [](DebuggerState& s, const std::string&) -> Result<void> {
         s.out << "scrydb commands (gdb's names and abbreviations):\n";
         for (const auto& n : Debugger::command_names()) s.out << "  " << n << "\n";
         s.out << "info: registers, all-registers, breakpoints, watchpoints, frame, threads, "
                  "signals, sharedlibrary\n";
         return {};
       }},
  };
  return kCommands;
}

const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> kAliases = {
      {"r", "run"},         {"c", "continue"},
      {"cont", "continue"}, {"fg", "continue"},
      {"n", "next"},        {"s", "step"},
      {"si", "stepi"},      {"ni", "nexti"},
      {"fin", "finish"},    {"u", "until"},
      {"b", "break"},       {"br", "break"},
      {"tb", "tbreak"},     {"d", "delete"},
      {"i", "info"},        {"p", "print"},
      {"inspect", "print"}, {"bt", "backtrace"},
      {"f", "frame"},       {"q", "quit"},
      {"k", "kill"},        {"disas", "disassemble"},
      {"exit", "quit"},     {"t", "thread"},
  };
  return kAliases;
}

const Command* find_command(const std::string& word, std::string* error) {
  const auto& cmds = commands();
  std::string name = word;
  if (auto it = aliases().find(word); it != aliases().end()) name = it->second;
  const Command* found = nullptr;
  int matches = 0;
  for (const auto& c : cmds) {
    if (name == c.name) return &c;
    if (std::string_view(c.name).substr(0, name.size()) == name) {
      found = &c;
      ++matches;
    }
  }
  if (matches == 1) return found;
  *error = matches == 0 ? "Undefined command: \"" + word + "\".  Try \"help\"."
                        : "Ambiguous command \"" + word + "\".";
  return nullptr;
}

Result<void> cmd_info(DebuggerState& s, const std::string& a) {
  std::string t = trim(a);
  std::string sub = t.substr(0, t.find(' '));
  std::string rest = sub.size() < t.size() ? trim(t.substr(sub.size())) : "";
  auto is = [&](const char* full, std::size_t min) {
    return sub.size() >= min && std::string_view(full).substr(0, sub.size()) == sub;
  };
  if (sub.empty())
    return fail(
        "List of info subcommands: registers, all-registers, breakpoints, watchpoints, frame, "
        "threads, signals, sharedlibrary.");
  if (is("registers", 1)) return cmd_info_registers(s, rest, false);
  if (is("all-registers", 2)) return cmd_info_registers(s, rest, true);
  if (is("breakpoints", 1)) return cmd_info_breakpoints(s, rest, false);
  if (is("watchpoints", 3)) return cmd_info_breakpoints(s, rest, true);
  if (is("frame", 1)) return cmd_info_frame(s, rest);
  if (is("threads", 2)) return cmd_info_threads(s, rest);
  if (is("signals", 3) || is("handle", 1)) return cmd_info_signals(s, rest);
  if (is("sharedlibrary", 2)) {
    if (auto r = s.need_process(); !r) return fail("No shared libraries loaded at this time.");
    std::string prev;
    std::ifstream maps("/proc/" + std::to_string(s.inf.pid()) + "/maps");
    for (std::string l; std::getline(maps, l);) {
      auto slash = l.find('/');
      if (slash == std::string::npos || l.find(".so") == std::string::npos) continue;
      std::string path = l.substr(slash);
      if (path == prev) continue;
      prev = path;
      s.out << hex16(std::stoull(l.substr(0, l.find('-')), nullptr, 16)) << "  " << path << "\n";
    }
    return {};
  }
  return fail("Undefined info command: \"" + t + "\".  Try \"help info\".");
}

}  // namespace

Debugger::Debugger(std::ostream& out, std::ostream& err)
    : st_(std::make_unique<DebuggerState>(out, err)) {
  for (int i = 1; i < 65; ++i) st_->sigs[i] = SignalPolicy{};
  for (int sig : {SIGALRM, SIGURG, SIGCHLD, SIGWINCH, SIGIO, SIGVTALRM, SIGPROF})
    st_->sigs[sig] = SignalPolicy{false, false, true};
  st_->sigs[SIGTRAP] = SignalPolicy{true, true, false};
  st_->sigs[SIGINT] = SignalPolicy{true, true, false};
}

Debugger::~Debugger() {
  shutdown();
}

void Debugger::set_program(const std::string& path, const std::vector<std::string>& args) {
  st_->program = path;
  st_->args = args;
  st_->syms->load_file(path);
}

void Debugger::set_interactive(bool on) {
  st_->interactive = on;
}
bool Debugger::quit_requested() const {
  return st_->quit;
}

void Debugger::shutdown() {
  if (!st_ || !st_->inf.alive()) return;
  if (st_->inf.attached()) {
    (void)st_->inf.detach();
  } else {
    (void)st_->inf.kill();
  }
  st_->process_gone();
}

bool Debugger::execute(const std::string& line) {
  std::string t = trim(line);
  if (t.empty() || t[0] == '#') return true;
  // "x/4xw", "p/x", "disas/r": the word ends at '/' too.
  std::size_t end = 0;
  while (end < t.size() && t[end] != ' ' && t[end] != '\t' && t[end] != '/') ++end;
  std::string word = t.substr(0, end);
  std::string rest = t.substr(end);
  std::string fmt;
  if (!rest.empty() && rest[0] == '/') {
    std::size_t e = rest.find_first_of(" \t");
    fmt = rest.substr(1, e == std::string::npos ? std::string::npos : e - 1);
    rest = e == std::string::npos ? "" : rest.substr(e);
  }
  rest = trim(rest);
  std::string error;
  const Command* c = find_command(word, &error);
  if (c == nullptr) {
    st_->err << error << "\n";
    return false;
  }
  Result<void> r;
  if (std::string_view(c->name) == "x")
    r = cmd_x(*st_, fmt, rest);
  else if (!fmt.empty())
    r = c->run(*st_, "/" + fmt + " " + rest);
  else
    r = c->run(*st_, rest);
  st_->out.flush();
  if (!r) {
    st_->err << r.error().context << "\n";
    st_->err.flush();
    return false;
  }
  return true;
}

const std::vector<std::string>& Debugger::command_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& c : commands()) v.emplace_back(c.name);
    std::sort(v.begin(), v.end());
    return v;
  }();
  return names;
}

}  // namespace scry::debug
