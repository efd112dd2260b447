// Symbols and source lines of a traced process, from ELF and DWARF through elfutils' libdwfl.
// The process's modules (executable, shared libraries, vdso) come from /proc/PID/maps and are
// re-read after the dynamic linker reports a change. Nothing here calls ptrace: the unwinder
// reads memory and registers through the callbacks it is given.
#pragma once

#include <sys/user.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scry/types.hpp"

namespace scry::debug {

struct SymbolInfo {
  std::string name;         // "" when no symbol covers the address
  std::uint64_t start = 0;  // the symbol's address
  std::uint64_t size = 0;
  std::string module;             // the module's file name ("/lib/x86_64-linux-gnu/libc.so.6")
  bool is_main = false;           // the module is the executable
  std::uint64_t module_base = 0;  // the module's lowest address
  bool ifunc = false;             // an IFUNC: its address is the resolver's, not the code's
};

struct LineInfo {
  std::string file;  // full path as the line table names it
  // The name gdb prints: relative to the compilation directory when the file lies under it
  // ("basic.c" for `cc -g basic.c`), else the full path (CMake passes absolute paths).
  std::string name;
  int line = 0;
  std::uint64_t addr = 0;  // where this row starts
  std::uint64_t end = 0;   // where the next row with another address starts
};

// A C variable or parameter as the debugger can print it: where it lives relative to the
// frame's CFA (DW_OP_fbreg under DW_OP_call_frame_cfa) or at a fixed address.
struct TypeInfo {
  enum class Kind : std::uint8_t { Signed, Unsigned, Char, Bool, Float, Pointer, Other };
  Kind kind = Kind::Other;
  int size = 0;
  std::string name;  // "int", "char *"
};
struct VarInfo {
  std::string name;
  TypeInfo type;
  bool cfa_relative = false;
  std::int64_t offset = 0;  // from the CFA when cfa_relative
  std::uint64_t addr = 0;   // otherwise
  int reg = -1;             // or in this DWARF register (valid in the innermost frame)
};

// Registers in DWARF's x86-64 numbering (0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp,
// 7 rsp, 8..15 r8..r15, 16 rip).
constexpr int kDwarfRegs = 17;
inline void dwarf_registers(const user_regs_struct& r, std::uint64_t (&out)[kDwarfRegs]) {
  const std::uint64_t v[kDwarfRegs] = {r.rax, r.rdx, r.rcx, r.rbx, r.rsi, r.rdi, r.rbp, r.rsp, r.r8,
                                       r.r9,  r.r10, r.r11, r.r12, r.r13, r.r14, r.r15, r.rip};
  for (int i = 0; i < kDwarfRegs; ++i) out[i] = v[i];
}

// One frame of a backtrace: pc, the registers the unwinder recovered.
struct Frame {
  std::uint64_t pc = 0;    // the frame's pc (a return address for outer frames)
  bool activation = true;  // frame 0 or a signal frame: pc itself is the location
  std::uint64_t sp = 0;    // rsp in this frame
  std::uint64_t cfa = 0;   // the caller's rsp after return; 0 when unknown
  std::uint64_t lookup_pc() const { return activation ? pc : pc - 1; }
};

// Where the unwinder gets its data: registers of a stopped thread and memory.
struct UnwindSource {
  std::function<bool(Tid, user_regs_struct&)> regs;
  std::function<bool(std::uint64_t, std::uint64_t&)> read_word;
};

class Symbols {
 public:
  Symbols();
  ~Symbols();
  Symbols(const Symbols&) = delete;
  Symbols& operator=(const Symbols&) = delete;

  // (Re-)reads the modules of pid from /proc/PID/maps. Returns false if none could be read.
  bool refresh(pid_t pid, const UnwindSource& src);
  // Reads the symbols of an executable file alone, at its link-time addresses (no process yet).
  bool load_file(const std::string& path);
  // Forgets every module (after an exec).
  void reset();
  // Where separate debug info is looked for, as gdb's `set debug-file-directory D1:D2` (besides
  // the file's own directory and its .debug): for modules reported from now on.
  void set_debug_directories(const std::string& dirs);

  // Addresses of a function by name: the executable's first, then the libraries'. A PLT stub
  // ("puts@plt", synthesised from the relocations) only when no module defines the function.
  std::vector<std::uint64_t> function_addresses(const std::string& name) const;
  // The address of a data or function symbol by name.
  std::optional<SymbolInfo> find_symbol(const std::string& name) const;
  // The symbol covering addr (name empty if none) and the module holding it.
  SymbolInfo symbolize(std::uint64_t addr) const;
  // The module holding addr, or "" (for "from /lib/...").
  std::string module_of(std::uint64_t addr) const;
  // The line-table row covering addr, if the module has line info there.
  std::optional<LineInfo> line_at(std::uint64_t addr) const;
  // True if a statement row starts exactly at addr.
  bool is_stmt_start(std::uint64_t addr) const;
  // Addresses where FILE:LINE begins (the lowest address of each function the line is in),
  // moving to the next line with code when LINE has none. file matches by its last components.
  std::vector<std::uint64_t> line_addresses(const std::string& file, int line,
                                            int* found_line) const;
  // Where a breakpoint on the function goes, as gdb places it (past the frame set-up).
  std::uint64_t skip_prologue(std::uint64_t func_start) const;
  // The function's name as gdb prints it in a frame: DWARF's when the module has it there
  // ("__GI___libc_write" with libc's debug info), else the symbol table's.
  std::string function_name(std::uint64_t pc) const;
  // Parameters of the function containing pc (DWARF), in order.
  std::vector<VarInfo> parameters(std::uint64_t pc) const;
  // The return type of the function containing pc.
  std::optional<TypeInfo> return_type(std::uint64_t pc) const;
  // A global variable by name, with its type.
  std::optional<VarInfo> global_variable(const std::string& name) const;

  // Unwinds the thread tid of process pid into frames (at most max).
  std::vector<Frame> backtrace(Tid tid, std::size_t max) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace scry::debug
