// DWARF queries: see dwarf_types.hpp. Only what -O0 C code needs: base types, pointers,
// typedefs and qualifiers; parameters at DW_OP_fbreg offsets; globals at DW_OP_addr.
#include "debug/dwarf_types.hpp"

#include <dwarf.h>
#include <elfutils/libdw.h>

namespace scry::debug {
namespace {

bool type_die(Dwarf_Die* die, Dwarf_Die* out) {
  Dwarf_Attribute a;
  if (dwarf_attr_integrate(die, DW_AT_type, &a) == nullptr) return false;
  return dwarf_formref_die(&a, out) != nullptr;
}

TypeInfo describe(Dwarf_Die* die, int depth = 0) {
  TypeInfo t;
  if (depth > 16) return t;
  int tag = dwarf_tag(die);
  const char* name = dwarf_diename(die);
  Dwarf_Word size = 0;
  Dwarf_Attribute a;
  if (dwarf_attr(die, DW_AT_byte_size, &a) != nullptr) dwarf_formudata(&a, &size);
  t.size = static_cast<int>(size);
  switch (tag) {
    case DW_TAG_base_type: {
      Dwarf_Word enc = 0;
      if (dwarf_attr(die, DW_AT_encoding, &a) != nullptr) dwarf_formudata(&a, &enc);
      switch (enc) {
        case DW_ATE_signed:
          t.kind = TypeInfo::Kind::Signed;
          break;
        case DW_ATE_unsigned:
          t.kind = TypeInfo::Kind::Unsigned;
          break;
        case DW_ATE_signed_char:
        case DW_ATE_unsigned_char:
          t.kind = TypeInfo::Kind::Char;
          break;
        case DW_ATE_boolean:
          t.kind = TypeInfo::Kind::Bool;
          break;
        case DW_ATE_float:
          t.kind = TypeInfo::Kind::Float;
          break;
        default:
          break;
      }
      t.name = name != nullptr ? name : "?";
      return t;
    }
    case DW_TAG_pointer_type: {
      Dwarf_Die inner;
      std::string pointee = "void";
      if (type_die(die, &inner)) pointee = describe(&inner, depth + 1).name;
      t.kind = TypeInfo::Kind::Pointer;
      t.size = 8;
      t.name = pointee + (pointee.back() == '*' ? "*" : " *");
      return t;
    }
    case DW_TAG_typedef:
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    case DW_TAG_restrict_type: {
      Dwarf_Die inner;
      if (!type_die(die, &inner)) return t;
      TypeInfo u = describe(&inner, depth + 1);
      if (tag == DW_TAG_typedef && name != nullptr) u.name = name;
      if (tag == DW_TAG_const_type) u.name = "const " + u.name;
      if (tag == DW_TAG_volatile_type) u.name = "volatile " + u.name;
      return u;
    }
    default:
      t.name = name != nullptr ? name : "?";
      return t;
  }
}

// The innermost subprogram DIE containing pc (module-relative address rel).
bool subprogram_at(Dwfl_Module* mod, std::uint64_t pc, Dwarf_Die* out,
                   Dwarf_Addr* biasp = nullptr) {
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(mod, pc, &bias);
  if (cu == nullptr) return false;
  Dwarf_Die* scopes = nullptr;
  int n = dwarf_getscopes(cu, pc - bias, &scopes);
  bool found = false;
  for (int i = 0; i < n; ++i)
    if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram) {
      *out = scopes[i];
      found = true;
      break;
    }
  free(scopes);
  if (biasp != nullptr) *biasp = bias;
  return found;
}

}  // namespace

std::vector<VarInfo> dwarf_parameters(Dwfl_Module* mod, std::uint64_t pc) {
  std::vector<VarInfo> out;
  Dwarf_Die fn, child;
  Dwarf_Addr bias = 0;
  if (!subprogram_at(mod, pc, &fn, &bias) || dwarf_child(&fn, &child) != 0) return out;
  do {
    if (dwarf_tag(&child) != DW_TAG_formal_parameter) continue;
    VarInfo v;
    const char* name = dwarf_diename(&child);
    v.name = name != nullptr ? name : "?";
    Dwarf_Die t;
    if (type_die(&child, &t)) v.type = describe(&t);
    Dwarf_Attribute a;
    Dwarf_Op* expr = nullptr;
    std::size_t len = 0;
    // A location list (optimised code) gives the expression valid at pc.
    if (dwarf_attr(&child, DW_AT_location, &a) != nullptr &&
        dwarf_getlocation_addr(&a, pc - bias, &expr, &len, 1) == 1 && len == 1) {
      if (expr[0].atom == DW_OP_fbreg) {
        v.cfa_relative = true;
        v.offset = static_cast<std::int64_t>(expr[0].number);
      } else if (expr[0].atom >= DW_OP_reg0 && expr[0].atom <= DW_OP_reg31) {
        v.reg = expr[0].atom - DW_OP_reg0;
      } else if (expr[0].atom == DW_OP_regx) {
        v.reg = static_cast<int>(expr[0].number);
      }
    }
    out.push_back(v);
  } while (dwarf_siblingof(&child, &child) == 0);
  return out;
}

std::optional<TypeInfo> dwarf_return_type(Dwfl_Module* mod, std::uint64_t pc) {
  Dwarf_Die fn, t;
  if (!subprogram_at(mod, pc, &fn)) return std::nullopt;
  if (!type_die(&fn, &t)) return TypeInfo{TypeInfo::Kind::Other, 0, "void"};
  return describe(&t);
}

std::optional<VarInfo> dwarf_global(Dwfl_Module* mod, const std::string& name) {
  Dwarf_Die* cu = nullptr;
  Dwarf_Addr bias = 0;
  while ((cu = dwfl_module_nextcu(mod, cu, &bias)) != nullptr) {
    Dwarf_Die child;
    if (dwarf_child(cu, &child) != 0) continue;
    do {
      if (dwarf_tag(&child) != DW_TAG_variable) continue;
      const char* n = dwarf_diename(&child);
      if (n == nullptr || name != n) continue;
      Dwarf_Attribute a;
      Dwarf_Op* expr = nullptr;
      std::size_t len = 0;
      if (dwarf_attr(&child, DW_AT_location, &a) == nullptr ||
          dwarf_getlocation(&a, &expr, &len) != 0 || len != 1 || expr[0].atom != DW_OP_addr)
        continue;
      VarInfo v;
      v.name = n;
      v.addr = expr[0].number + bias;
      Dwarf_Die t;
      if (type_die(&child, &t)) v.type = describe(&t);
      return v;
    } while (dwarf_siblingof(&child, &child) == 0);
  }
  return std::nullopt;
}

}  // namespace scry::debug
