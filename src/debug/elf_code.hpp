// Facts about a module's code that neither its symbol table nor its line table states: the
// PLT stubs' names, where gdb puts a function's breakpoint, the name DWARF gives a function.
#pragma once

#include <elfutils/libdwfl.h>

#include <cstdint>
#include <string>
#include <vector>

namespace scry::debug {

// A PLT stub as objdump and gdb name it ("write@plt"), at its run-time address.
struct PltStub {
  std::uint64_t addr = 0;
  std::uint64_t size = 0;
  std::string name;
};

// The stubs of .plt, .plt.sec and .plt.got: each entry's `jmp *GOT(%rip)` names the GOT slot,
// and the slot's JUMP_SLOT or GLOB_DAT relocation names the function.
std::vector<PltStub> plt_stubs(Dwfl_Module* mod);

// Where gdb's amd64 prologue analysis ends for a function starting at func (a run-time
// address): after `push %rbp; mov %rsp,%rbp` (an endbr64 before them is skipped), or 0 when
// the function sets up no frame pointer (gdb then leaves the breakpoint at the entry).
std::uint64_t frame_setup_end(Dwfl_Module* mod, std::uint64_t func);

// gdb trusts the variable locations of a compilation unit built by GCC >= 4.5 that uses a
// location list: a breakpoint on one of its functions then goes at the function's entry.
bool cu_locations_valid(Dwfl_Module* mod, std::uint64_t pc);

// The name gdb prints for the function holding pc, from DWARF: the subprogram's linkage name
// (for C, an asm label such as "__GI___libc_write"), else its name. "" without DWARF there.
std::string dwarf_function_name(Dwfl_Module* mod, std::uint64_t pc);

}  // namespace scry::debug
