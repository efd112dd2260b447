// See elf_code.hpp. Everything is read from the module's files through libdwfl and libelf.
#include "debug/elf_code.hpp"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>

#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace scry::debug {
namespace {

constexpr unsigned kJumpSlot = 7;  // R_X86_64_JUMP_SLOT
constexpr unsigned kGlobDat = 6;   // R_X86_64_GLOB_DAT

Elf_Scn* section_named(Elf* elf, std::size_t shstrndx, const char* want, GElf_Shdr* hdr) {
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr; scn = elf_nextscn(elf, scn)) {
    if (gelf_getshdr(scn, hdr) == nullptr) continue;
    const char* name = elf_strptr(elf, shstrndx, hdr->sh_name);
    if (name != nullptr && std::strcmp(name, want) == 0) return scn;
  }
  return nullptr;
}

// GOT slot (link-time address) -> the function whose relocation fills it.
void add_relocations(Elf* elf, Elf_Scn* scn, const GElf_Shdr& hdr,
                     std::unordered_map<std::uint64_t, std::string>& out) {
  if (hdr.sh_type != SHT_RELA || hdr.sh_entsize == 0) return;
  Elf_Scn* symscn = elf_getscn(elf, hdr.sh_link);
  GElf_Shdr symhdr;
  if (symscn == nullptr || gelf_getshdr(symscn, &symhdr) == nullptr) return;
  Elf_Data* rel = elf_getdata(scn, nullptr);
  Elf_Data* syms = elf_getdata(symscn, nullptr);
  if (rel == nullptr || syms == nullptr) return;
  std::size_t n = hdr.sh_size / hdr.sh_entsize;
  for (std::size_t i = 0; i < n; ++i) {
    GElf_Rela r;
    if (gelf_getrela(rel, static_cast<int>(i), &r) == nullptr) continue;
    auto type = GELF_R_TYPE(r.r_info);
    if (type != kJumpSlot && type != kGlobDat) continue;
    GElf_Sym sym;
    if (gelf_getsym(syms, static_cast<int>(GELF_R_SYM(r.r_info)), &sym) == nullptr) continue;
    const char* name = elf_strptr(elf, symhdr.sh_link, sym.st_name);
    if (name != nullptr && *name != '\0') out.emplace(r.r_offset, name);
  }
}

// The section holding the link-time address a, with its bytes.
const unsigned char* code_at(Elf* elf, std::uint64_t a, std::size_t* avail) {
  for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr hdr;
    if (gelf_getshdr(scn, &hdr) == nullptr || hdr.sh_type != SHT_PROGBITS ||
        (hdr.sh_flags & SHF_EXECINSTR) == 0 || a < hdr.sh_addr || a >= hdr.sh_addr + hdr.sh_size)
      continue;
    Elf_Data* d = elf_getdata(scn, nullptr);
    if (d == nullptr || d->d_buf == nullptr || a - hdr.sh_addr >= d->d_size) return nullptr;
    *avail = d->d_size - (a - hdr.sh_addr);
    return static_cast<const unsigned char*>(d->d_buf) + (a - hdr.sh_addr);
  }
  return nullptr;
}

bool has_location_list(Dwarf_Die* die, int depth) {
  if (depth > 64) return false;
  Dwarf_Attribute a;
  if (dwarf_attr(die, DW_AT_location, &a) != nullptr) {
    unsigned form = dwarf_whatform(&a);
    if (form == DW_FORM_sec_offset || form == DW_FORM_loclistx || form == DW_FORM_data4 ||
        form == DW_FORM_data8)
      return true;
  }
  Dwarf_Die child;
  if (dwarf_child(die, &child) != 0) return false;
  do {
    if (has_location_list(&child, depth + 1)) return true;
  } while (dwarf_siblingof(&child, &child) == 0);
  return false;
}

// "GNU C17 12.2.0 -mtune=generic ..." -> 12 * 100 + 2; 0 for another producer.
int gcc_version(Dwarf_Die* cu) {
  Dwarf_Attribute a;
  const char* p = dwarf_formstring(dwarf_attr(cu, DW_AT_producer, &a));
  if (p == nullptr || std::strncmp(p, "GNU ", 4) != 0 || std::strncmp(p, "GNU AS", 6) == 0)
    return 0;
  const char* v = p + 4;
  while (*v != '\0' && !(*v >= '0' && *v <= '9' && v[-1] == ' ')) ++v;
  char* end = nullptr;
  long major = std::strtol(v, &end, 10);
  long minor = end != nullptr && *end == '.' ? std::strtol(end + 1, nullptr, 10) : 0;
  return static_cast<int>(major * 100 + minor);
}

}  // namespace

std::vector<PltStub> plt_stubs(Dwfl_Module* mod) {
  std::vector<PltStub> out;
  Dwarf_Addr bias = 0;
  Elf* elf = dwfl_module_getelf(mod, &bias);
  std::size_t shstrndx = 0;
  if (elf == nullptr || elf_getshdrstrndx(elf, &shstrndx) != 0) return out;
  std::unordered_map<std::uint64_t, std::string> slots;
  GElf_Shdr hdr;
  for (const char* name : {".rela.plt", ".rela.dyn"})
    if (Elf_Scn* scn = section_named(elf, shstrndx, name, &hdr))
      add_relocations(elf, scn, hdr, slots);
  if (slots.empty()) return out;
  for (const char* name : {".plt", ".plt.sec", ".plt.got"}) {
    Elf_Scn* scn = section_named(elf, shstrndx, name, &hdr);
    Elf_Data* d = scn != nullptr ? elf_getdata(scn, nullptr) : nullptr;
    if (d == nullptr || d->d_buf == nullptr || hdr.sh_type != SHT_PROGBITS) continue;
    const auto* bytes = static_cast<const unsigned char*>(d->d_buf);
    std::size_t ent = hdr.sh_entsize >= 8 ? hdr.sh_entsize : 16;
    for (std::size_t off = 0; off + ent <= d->d_size; off += ent) {
      // The entry's `jmp *disp32(%rip)` (ff 25), possibly after endbr64 or a bnd prefix.
      for (std::size_t i = off; i + 6 <= off + ent; ++i) {
        if (bytes[i] != 0xff || bytes[i + 1] != 0x25) continue;
        std::int32_t disp = 0;
        std::memcpy(&disp, bytes + i + 2, sizeof disp);
        std::uint64_t slot = hdr.sh_addr + i + 6 + static_cast<std::uint64_t>(disp);
        if (auto it = slots.find(slot); it != slots.end())
          out.push_back(PltStub{hdr.sh_addr + off + bias, ent, it->second + "@plt"});
        break;
      }
    }
  }
  return out;
}

std::uint64_t frame_setup_end(Dwfl_Module* mod, std::uint64_t func) {
  Dwarf_Addr bias = 0;
  Elf* elf = dwfl_module_getelf(mod, &bias);
  std::size_t avail = 0;
  const unsigned char* p = elf != nullptr ? code_at(elf, func - bias, &avail) : nullptr;
  if (p == nullptr) return 0;
  std::size_t at = 0;
  static const unsigned char kEndbr64[] = {0xf3, 0x0f, 0x1e, 0xfa};
  if (avail >= 4 && std::memcmp(p, kEndbr64, 4) == 0) at = 4;
  if (avail < at + 4 || p[at] != 0x55) return 0;  // push %rbp
  const unsigned char* m = p + at + 1;
  if ((m[0] == 0x48 && m[1] == 0x89 && m[2] == 0xe5) ||  // mov %rsp,%rbp
      (m[0] == 0x48 && m[1] == 0x8b && m[2] == 0xec))
    return func + at + 4;
  return 0;
}

bool cu_locations_valid(Dwfl_Module* mod, std::uint64_t pc) {
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(mod, pc, &bias);
  if (cu == nullptr || gcc_version(cu) < 405) return false;
  return has_location_list(cu, 0);
}

std::string dwarf_function_name(Dwfl_Module* mod, std::uint64_t pc) {
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(mod, pc, &bias);
  if (cu == nullptr) return "";
  Dwarf_Die* scopes = nullptr;
  int n = dwarf_getscopes(cu, pc - bias, &scopes);
  int i = 0;
  while (i < n && dwarf_tag(&scopes[i]) != DW_TAG_subprogram) ++i;
  const char* name = nullptr;
  Dwarf_Attribute a;
  if (i < n) {
    name = dwarf_formstring(dwarf_attr_integrate(&scopes[i], DW_AT_linkage_name, &a));
    if (name == nullptr) name = dwarf_formstring(dwarf_attr_integrate(&scopes[i], DW_AT_name, &a));
  }
  // A mangled C++ name is left to the symbol table's spelling.
  std::string out = name != nullptr && std::strncmp(name, "_Z", 2) != 0 ? name : "";
  free(scopes);
  return out;
}

}  // namespace scry::debug
