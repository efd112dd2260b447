// Which syscalls, signals and results to show: strace's -e trace=, -e signal=, -e status=.
#pragma once

#include <strings.h>

#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scry/result.hpp"

namespace scry::trace {

// strace's token lists (its qualify_tokens): "all", "none" or TOKEN[,TOKEN...], each after any
// number of '!' (each one negates). Empty tokens are skipped ("a,,b," is "a,b"), as strtok
// skips them. add(token) takes one token and returns false for one it does not know. Returns
// the first token refused, the whole expression when it holds no token ("!", ","), or nullopt
// when every token was taken.
struct TokenList {
  bool invert = false;  // an odd number of leading '!'
  bool all = false;     // "all": no token was passed to add
};
template <typename Add>
std::optional<std::string_view> parse_tokens(std::string_view expr, TokenList& list, Add&& add) {
  list = {};
  const std::string_view whole = expr;
  while (!expr.empty() && expr[0] == '!') {
    list.invert = !list.invert;
    expr.remove_prefix(1);
  }
  if (expr == "all") {
    list.all = true;
    return std::nullopt;
  }
  if (expr == "none") return std::nullopt;
  bool any = false;
  for (std::size_t pos = 0; pos <= expr.size();) {
    std::size_t comma = expr.find(',', pos);
    if (comma == std::string_view::npos) comma = expr.size();
    const std::string_view tok = expr.substr(pos, comma - pos);
    if (!tok.empty()) {
      if (!add(tok)) return tok;
      any = true;
    }
    pos = comma + 1;
  }
  if (!any) return whole;
  return std::nullopt;
}

// Case-insensitive equality: strace looks up status, quiet and decode-* names so.
inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// A decimal number of at most max, or -1 (no sign, no overflow: "99999999999999" is -1).
inline long parse_small_uint(std::string_view s, long max) {
  if (s.empty()) return -1;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    if (v > max) return -1;
  }
  return v;
}

// A signal by name (SIGUSR1, USR1, usr1) or number (at most max_number), or -1.
long parse_signal(std::string_view tok, long max_number);

class SyscallFilter {
 public:
  static constexpr std::size_t kMaxNr = 1024;
  SyscallFilter() {
    syscalls_.set();
    signals_.set();
  }

  // Applies one -e trace=EXPR (several accumulate as strace accumulates them).
  // The error's context is strace's message ("invalid system call 'foo'").
  Result<void> add_trace_expr(std::string_view expr);
  // -e signal=EXPR
  Result<void> add_signal_expr(std::string_view expr);
  // -e status=EXPR (-z is status=successful, -Z status=failed).
  enum Status : unsigned {
    kSuccessful = 1u << 0,
    kFailed = 1u << 1,
    kUnfinished = 1u << 2,
    kUnavailable = 1u << 3,
    kDetached = 1u << 4,
    kAllStatuses = (1u << 5) - 1,
  };
  Result<void> add_status_expr(std::string_view expr);
  bool status_selected(Status s) const { return (statuses_ & s) != 0; }
  // Lines are held until the syscall's exit, when its status decides.
  bool holds_lines() const { return statuses_ != kAllStatuses; }

  bool syscall_selected(long nr) const {
    return nr >= 0 && static_cast<std::size_t>(nr) < kMaxNr
               ? syscalls_[static_cast<std::size_t>(nr)]
               : unknown_selected_;
  }
  bool signal_selected(int sig) const {
    return sig > 0 && sig < 65 ? signals_[static_cast<std::size_t>(sig)] : true;
  }
  // True when some syscalls are not traced (seccomp-bpf can skip them).
  bool is_partial() const { return !syscalls_.all() || !unknown_selected_; }
  const std::bitset<kMaxNr>& syscalls() const { return syscalls_; }
  // Leaves out the syscalls PRED rejects, and unknown numbers (-P and -e trace-fds= can never
  // show a syscall without fd or path arguments, so it need not stop).
  template <typename Pred>
  void keep_only(Pred pred) {
    for (std::size_t nr = 0; nr < kMaxNr; ++nr)
      if (syscalls_[nr] && !pred(static_cast<long>(nr))) syscalls_[nr] = false;
    unknown_selected_ = false;
  }

 private:
  std::bitset<kMaxNr> syscalls_;
  bool unknown_selected_ = true;
  bool trace_seen_ = false;
  unsigned statuses_ = kAllStatuses;
  std::bitset<65> signals_;
  bool signal_seen_ = false;
};

}  // namespace scry::trace
