// The debugger's state, shared by the command implementations (src/debug/cmd_*.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "scry/debug_inferior.hpp"
#include "scry/debug_symbols.hpp"
#include "scry/decode.hpp"
#include "scry/result.hpp"

namespace scry::debug {

struct Breakpoint {
  enum class Type : std::uint8_t { Break, Watch, Catch };
  enum class Watch : std::uint8_t { Write, Read, Access };
  enum class Catch : std::uint8_t { Syscall, Fork, Vfork, Exec, Signal };
  int num = 0;
  Type type = Type::Break;
  bool temp = false;
  bool enabled = true;
  int hits = 0;
  std::string spec;                     // what the user typed ("leaf", "basic.c:12", "*0x401000")
  std::vector<std::uint64_t> addrs;     // resolved locations; empty while pending
  std::vector<std::uint64_t> inserted;  // the sites this breakpoint holds in the inferior
  std::string where;                    // "in f at file.c:3" when resolved, for after exit
  // Watchpoints.
  Watch watch = Watch::Write;
  std::uint64_t waddr = 0;
  int wlen = 0;
  TypeInfo wtype;
  std::uint64_t old_value = 0;
  int slot = -1;
  // Catchpoints.
  Catch katch = Catch::Syscall;
  std::set<long> syscalls;  // empty: every syscall
  std::set<int> signals;    // empty: every signal but SIGTRAP/SIGINT
};

// catch syscall: a call decoded at entry, finished at exit.
struct CallState {
  SyscallCall call;
  int resume = 0;          // decode_syscall_entry's result, for decode_syscall_exit
  std::string entry_text;  // "write(1, \"hi\\n\", 3"
};

struct SignalPolicy {
  bool stop = true, print = true, pass = true;
};

// Where a resumed run must stop on its own (finish, next over a call, until).
struct RunTarget {
  std::set<std::uint64_t> addrs;
  std::uint64_t min_sp = 0;  // stop only when rsp >= min_sp (the frame has returned)
};

enum class Outcome : std::uint8_t { Reported, TargetReached, StepDone, Gone, Error };

struct DebuggerState {
  DebuggerState(std::ostream& o, std::ostream& e) : out(o), err(e) {}
  std::ostream& out;
  std::ostream& err;
  bool interactive = false;
  bool quit = false;

  std::string program;
  std::vector<std::string> args;
  Inferior inf;
  std::unique_ptr<Symbols> syms = std::make_unique<Symbols>();
  std::string debug_dirs;  // set debug-file-directory; "" for libdwfl's default
  std::unique_ptr<Symbols> new_symbols() {
    auto p = std::make_unique<Symbols>();
    if (!debug_dirs.empty()) p->set_debug_directories(debug_dirs);
    return p;
  }
  std::uint64_t dl_state_addr = 0;  // the dynamic linker's _dl_debug_state: libraries changed

  std::vector<Breakpoint> bps;
  int next_bp = 1;
  SignalPolicy sigs[65];

  int frame = 0;  // the selected frame
  std::vector<Frame> frames;
  bool frames_valid = false;

  char x_fmt = 'x';
  char x_size = 'w';
  std::uint64_t x_next = 0;
  int history = 0;
  bool intel = false;
  std::map<pid_t, CallState> calls;  // catch syscall, by thread: entry to exit
  std::map<std::string, std::vector<std::string>> sources;
  std::map<std::uint64_t, std::string> lib_names;  // load address -> the dynamic linker's name

  // --- shared helpers (debugger.cpp) ---
  bool has_process() const { return inf.alive(); }
  Result<void> need_process() const;
  void refresh_symbols();
  void reresolve_breakpoints();
  void process_gone();
  const std::vector<Frame>& stack();
  void invalidate() {
    frames_valid = false;
    frame = 0;
  }
  Tid tid() const { return inf.current(); }
  std::uint64_t pc();
  std::uint64_t read_u64(std::uint64_t addr, bool* ok = nullptr);

  // "leaf (x=6) at basic.c:10", "0x00007ffff7ecb340 in write () from /lib/.../libc.so.6".
  std::string frame_text(std::size_t level, bool force_addr);
  bool dwarf_register(int regno, std::uint64_t* value);  // the selected thread's, DWARF numbering
  // Prints "10\t    int y = x * 2;", or gdb's message when the source is not there: on stderr
  // the first time for a file, then "10\tin file.c".
  void print_source(const LineInfo& where);
  // SRC_AND_LOC: the frame line then the source line; SRC_LINE: the source line only.
  void print_location(bool with_frame);
  std::string symbol_suffix(std::uint64_t addr);  // " <main+4>" or ""
  std::string thread_label(const ThreadState& t);
  std::string format_value(std::uint64_t raw, const TypeInfo& t);
};

// Command families. Each returns an Error whose context is the one line to print.
using Args = std::string;
Result<void> cmd_break(DebuggerState& s, const Args& a, bool temp);
Result<void> cmd_delete(DebuggerState& s, const Args& a);
Result<void> cmd_enable(DebuggerState& s, const Args& a, bool on);
Result<void> cmd_info_breakpoints(DebuggerState& s, const Args& a, bool watch_only);
Result<void> cmd_watch(DebuggerState& s, const Args& a, Breakpoint::Watch kind);
Result<void> cmd_catch(DebuggerState& s, const Args& a, bool temp);
Result<void> cmd_handle(DebuggerState& s, const Args& a);
Result<void> cmd_info_signals(DebuggerState& s, const Args& a);
Result<std::vector<std::uint64_t>> resolve_location(DebuggerState& s, const std::string& spec,
                                                    std::string* what);
// "in f at file.c:3" or "<write+4>", as info breakpoints shows a location; "" if unknown.
std::string breakpoint_where(DebuggerState& s, std::uint64_t a);
void insert_breakpoint(DebuggerState& s, Breakpoint& b);
void remove_breakpoint(DebuggerState& s, Breakpoint& b);

Result<void> cmd_info_registers(DebuggerState& s, const Args& a, bool all);
Result<void> cmd_print(DebuggerState& s, const Args& a);
Result<void> cmd_set(DebuggerState& s, const Args& a);
Result<void> cmd_x(DebuggerState& s, const Args& fmt, const Args& a);
Result<void> cmd_poke(DebuggerState& s, const Args& a);
Result<void> cmd_disassemble(DebuggerState& s, const Args& a);

// The run loop (cmd_exec.cpp): resume everything until a reported stop or the target;
// single-step the current thread once (StepDone, or another stop was reported).
Outcome run_until(DebuggerState& s, const RunTarget* target, int sig);
Outcome step_once(DebuggerState& s, int sig);

Result<void> cmd_run(DebuggerState& s, const Args& a);
Result<void> cmd_continue(DebuggerState& s, const Args& a, int sig);
Result<void> cmd_stepi(DebuggerState& s, const Args& a, bool over);
Result<void> cmd_step(DebuggerState& s, const Args& a, bool over);
Result<void> cmd_finish(DebuggerState& s, const Args& a);
Result<void> cmd_until(DebuggerState& s, const Args& a);
Result<void> cmd_signal(DebuggerState& s, const Args& a);

Result<void> cmd_backtrace(DebuggerState& s, const Args& a);
Result<void> cmd_frame(DebuggerState& s, const Args& a, int rel);
Result<void> cmd_info_frame(DebuggerState& s, const Args& a);
Result<void> cmd_info_threads(DebuggerState& s, const Args& a);
Result<void> cmd_thread(DebuggerState& s, const Args& a);

// Expressions (expr.cpp): numbers, $registers, symbols, &sym, *addr, + and -.
Result<std::uint64_t> eval(DebuggerState& s, const std::string& text);
// Registers (registers.cpp).
struct RegisterDesc;
std::optional<std::uint64_t> reg_value(const user_regs_struct& r, const std::string& name);
bool set_reg_value(user_regs_struct& r, const std::string& name, std::uint64_t v);
std::string eflags_text(std::uint64_t v);
std::string reg_print_text(DebuggerState& s, const std::string& name, std::uint64_t v, bool hex);
// Disassembly (disasm.cpp): instructions at addr; the text is "mnemonic operands".
struct Insn {
  std::uint64_t addr = 0;
  int size = 0;
  std::string text;
  bool is_call = false;
};
std::vector<Insn> disassemble(DebuggerState& s, std::uint64_t addr, std::size_t max_bytes,
                              std::size_t max_insns);

Error fail(std::string msg);
int signal_number(const std::string& name);  // "SIGUSR1", "USR1", "10"; 0 if unknown
std::string signal_name(int sig);
std::string signal_description(int sig);
std::string hex16(std::uint64_t v);  // 0x0000555555555189
std::string hexs(std::uint64_t v);   // 0x555555555189
std::string trim(const std::string& s);
std::string format_char_suffix(unsigned char c);  // " 'h'" as gdb prints after a char's code

}  // namespace scry::debug
