#include "trace/filter.hpp"

#include <regex.h>
#include <signal.h>
#include <string.h>

#include <string>

#include "scry/decode.hpp"
#include "scry/syscall_table.hpp"

namespace scry::trace {
namespace {

struct ClassName {
  const char* name;
  SyscallClass cls;
};

constexpr ClassName kClasses[] = {
    {"%file", SyscallClass::File},       {"file", SyscallClass::File},
    {"%process", SyscallClass::Process}, {"process", SyscallClass::Process},
    {"%network", SyscallClass::Network}, {"network", SyscallClass::Network},
    {"%net", SyscallClass::Network},     {"%signal", SyscallClass::Signal},
    {"signal", SyscallClass::Signal},    {"%ipc", SyscallClass::Ipc},
    {"ipc", SyscallClass::Ipc},          {"%desc", SyscallClass::Desc},
    {"desc", SyscallClass::Desc},        {"%memory", SyscallClass::Memory},
    {"memory", SyscallClass::Memory},    {"%creds", SyscallClass::Creds},
    {"%clock", SyscallClass::Clock},     {"%stat", SyscallClass::Stat},
    {"%lstat", SyscallClass::Lstat},     {"%fstat", SyscallClass::Fstat},
    {"%%stat", SyscallClass::StatLike},  {"%statfs", SyscallClass::Statfs},
    {"%fstatfs", SyscallClass::Fstatfs}, {"%%statfs", SyscallClass::StatfsLike},
    {"%pure", SyscallClass::Pure},
};

Error bad_syscall(std::string_view tok) {
  return Error{0, "invalid system call '" + std::string(tok) + "'"};
}

// Adds the syscalls one token names; false if it names none.
// bad_regex: set to strace's message for a pattern regcomp rejects.
bool add_token(std::bitset<SyscallFilter::kMaxNr>& set, std::string_view tok,
               std::string& bad_regex) {
  const std::size_t n = syscall_count(Abi::X86_64);
  if (tok == "all") {  // strace takes "all" as a token too: "all,openat" is every syscall
    set.set();
    return true;
  }
  if (!tok.empty() && tok[0] == '%') {
    for (const auto& c : kClasses) {
      if (tok != c.name) continue;
      for (std::size_t nr = 0; nr < n && nr < set.size(); ++nr) {
        const SyscallEntry* e = syscall_entry(Abi::X86_64, static_cast<long>(nr));
        if (e != nullptr && has_class(e->classes, c.cls)) set.set(nr);
      }
      return true;
    }
    return false;
  }
  for (const auto& c : kClasses) {
    if (c.name[0] != '%' && tok == c.name)
      return add_token(set, std::string("%") + c.name, bad_regex);
  }
  if (!tok.empty() && tok[0] == '/') {
    std::string pattern(tok.substr(1));
    regex_t re;
    if (int rc = ::regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB); rc != 0) {
      char msg[256];
      ::regerror(rc, &re, msg, sizeof msg);
      bad_regex = "regcomp: " + pattern + ": " + msg;
      return false;
    }
    for (std::size_t nr = 0; nr < n && nr < set.size(); ++nr) {
      const SyscallEntry* e = syscall_entry(Abi::X86_64, static_cast<long>(nr));
      if (e != nullptr && ::regexec(&re, e->name, 0, nullptr, 0) == 0) set.set(nr);
    }
    ::regfree(&re);
    return true;  // a regex that matches nothing is not an error in strace
  }
  if (tok[0] >= '0' && tok[0] <= '9') {  // a syscall number, as strace takes it
    std::size_t v = 0;
    for (char ch : tok) {
      if (ch < '0' || ch > '9' || v > n) return false;
      v = v * 10 + static_cast<std::size_t>(ch - '0');
    }
    if (v >= n || v >= set.size()) return false;
    set.set(v);
    return true;
  }
  auto nr = syscall_number(Abi::X86_64, tok);
  if (!nr) return false;
  set.set(static_cast<std::size_t>(*nr));
  return true;
}

}  // namespace

Result<void> SyscallFilter::add_trace_expr(std::string_view expr) {
  // Each -e trace= replaces the previous one, as in strace.
  std::bitset<kMaxNr> set;
  std::string bad_regex;
  TokenList list;
  auto bad = parse_tokens(expr, list, [&](std::string_view tok) {
    std::string_view name = tok;
    while (!name.empty() && name[0] == '?') name.remove_prefix(1);  // "??name" as strace
    const bool optional = name.size() != tok.size();
    return (!name.empty() && add_token(set, name, bad_regex)) || (optional && bad_regex.empty());
  });
  if (!bad_regex.empty()) return Error{0, bad_regex};
  if (bad) return bad_syscall(*bad);
  if (list.all) set.set();
  if (list.invert) set.flip();
  syscalls_ = set;
  unknown_selected_ = list.invert != list.all;
  trace_seen_ = true;
  return {};
}

Result<void> SyscallFilter::add_status_expr(std::string_view expr) {
  static constexpr struct {
    std::string_view name;
    Status status;
  } kNames[] = {{"successful", kSuccessful},
                {"failed", kFailed},
                {"unfinished", kUnfinished},
                {"unavailable", kUnavailable},
                {"detached", kDetached}};
  unsigned set = 0;
  TokenList list;
  auto bad = parse_tokens(expr, list, [&](std::string_view tok) {
    for (const auto& n : kNames) {
      if (iequals(tok, n.name)) {
        set |= n.status;
        return true;
      }
    }
    return false;
  });
  if (bad) return Error{0, "invalid status '" + std::string(*bad) + "'"};
  if (list.all) set = kAllStatuses;
  statuses_ = list.invert ? (kAllStatuses & ~set) : set;
  return {};
}

long parse_signal(std::string_view tok, long max_number) {
  long sig = parse_small_uint(tok, max_number);
  if (sig >= 0 || tok.empty() || (tok[0] >= '0' && tok[0] <= '9')) return sig;
  std::string_view name = tok;
  if (name.size() > 3 && strncasecmp(name.data(), "SIG", 3) == 0) name.remove_prefix(3);
  OutBuf b;
  for (int s = 1; s < 65; ++s) {
    b.clear();
    print_signal_name(b, s);
    const std::string_view full = b.view();  // "SIGHUP"; unnamed numbers print as digits
    if (full.size() == name.size() + 3 && full.rfind("SIG", 0) == 0 &&
        strncasecmp(full.data() + 3, name.data(), name.size()) == 0)
      return s;
  }
  return -1;
}

Result<void> SyscallFilter::add_signal_expr(std::string_view expr) {
  std::bitset<65> set;
  TokenList list;
  auto bad = parse_tokens(expr, list, [&](std::string_view tok) {
    const long sig = parse_signal(tok, 255);  // strace takes numbers up to 255
    if (sig < 0) return false;
    if (static_cast<std::size_t>(sig) < set.size()) set.set(static_cast<std::size_t>(sig));
    return true;
  });
  if (bad) return Error{0, "invalid signal '" + std::string(*bad) + "'"};
  if (list.all) set.set();
  if (list.invert) set.flip();
  signals_ = set;
  signal_seen_ = true;
  return {};
}

}  // namespace scry::trace
