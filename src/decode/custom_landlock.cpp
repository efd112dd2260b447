// landlock_create_ruleset, landlock_add_rule, landlock_restrict_self (strace's landlock.c as of
// 6.1): the ruleset and rule attributes, 32-bit hex flags, and the ruleset fd (or, with
// LANDLOCK_CREATE_RULESET_VERSION, the ABI version) returned.
#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {
constexpr std::uint64_t kCreateRulesetVersion = 1;  // LANDLOCK_CREATE_RULESET_VERSION
constexpr std::uint64_t kRulePathBeneath = 1;       // LANDLOCK_RULE_PATH_BENEATH

const FlagSet* access_fs() {
  static const FlagSet* const set = find_set("landlock_access_fs");
  return set;
}

// struct landlock_ruleset_attr: one u64 in strace 6.1; a larger size gets "...", a smaller one
// the address.
void print_ruleset_attr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t size) {
  std::uint64_t handled = 0;
  if (size < sizeof handled) {
    print_addr(ctx.out, addr);
    return;
  }
  if (!umove_or_printaddr(ctx, addr, handled)) return;
  Fields f(ctx.out);
  printflags(f.f("handled_access_fs"), access_fs(), handled, "LANDLOCK_ACCESS_FS_???");
  if (size > sizeof handled) f.more();
  f.end();
}

// struct landlock_path_beneath_attr: packed, 12 bytes.
void print_path_beneath(DecodeCtx& ctx, std::uint64_t addr) {
  unsigned char raw[12];
  if (!umove_or_printaddr(ctx, addr, raw)) return;
  std::uint64_t allowed = 0;
  std::int32_t parent_fd = 0;
  std::memcpy(&allowed, raw, sizeof allowed);
  std::memcpy(&parent_fd, raw + 8, sizeof parent_fd);
  Fields f(ctx.out);
  printflags(f.f("allowed_access"), access_fs(), allowed, "LANDLOCK_ACCESS_FS_???");
  f.f("parent_fd");
  printfd(ctx, parent_fd);
  f.end();
}
}  // namespace

int landlock_create_ruleset_entry(DecodeCtx& ctx) {
  static const FlagSet* const flags = find_set("landlock_create");
  const auto& a = ctx.call.args;
  print_ruleset_attr(ctx, a[0], a[1]);
  ctx.out.put(", ");
  ctx.out.put_udec(a[1]);
  ctx.out.put(", ");
  printflags(ctx.out, flags, static_cast<std::uint32_t>(a[2]), "LANDLOCK_CREATE_RULESET_???");
  return kAllPrinted;
}

void landlock_create_ruleset_exit(DecodeCtx& ctx, int /*from*/) {
  // The version query returns a number, not a ruleset fd.
  if ((static_cast<std::uint32_t>(ctx.call.args[2]) & kCreateRulesetVersion) != 0)
    set_ret(ctx, RetKind::Long);
}

int landlock_add_rule_entry(DecodeCtx& ctx) {
  static const FlagSet* const types = find_set("landlock_rule");
  const auto& a = ctx.call.args;
  printfd(ctx, static_cast<int>(a[0]));
  ctx.out.put(", ");
  const std::uint32_t type = static_cast<std::uint32_t>(a[1]);
  printxval(ctx.out, types, type, "LANDLOCK_RULE_???");
  ctx.out.put(", ");
  if (type == kRulePathBeneath) {
    print_path_beneath(ctx, a[2]);
  } else {
    print_addr(ctx.out, a[2]);
  }
  ctx.out.put(", ");
  ctx.out.put_hex(static_cast<std::uint32_t>(a[3]));
  return kAllPrinted;
}

int landlock_restrict_self_entry(DecodeCtx& ctx) {
  const auto& a = ctx.call.args;
  printfd(ctx, static_cast<int>(a[0]));
  ctx.out.put(", ");
  ctx.out.put_hex(static_cast<std::uint32_t>(a[1]));
  return kAllPrinted;
}

}  // namespace scry::dec
