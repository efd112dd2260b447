// Syscall tampering, as strace's -e inject= and -e fault=: which calls to fail, to answer with
// a value, to follow with a signal, to delay, or whose argument memory to overwrite.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scry/result.hpp"

namespace scry::trace {

// :poke_enter= / :poke_exit=: bytes written where argument `arg` (1..7) points.
struct InjectPoke {
  int arg = 1;
  std::string bytes;
};

struct InjectSpec {
  bool has_error = false;   // :error= (the call fails with -error)
  bool has_retval = false;  // :retval= (the call "succeeds" with retval)
  long error = 0;           // 1..4095
  std::uint64_t retval = 0;
  int signal = 0;     // :signal= delivered at the call's entry
  long syscall = -1;  // :syscall=NAME (x86_64 number) runs instead; -1: no call at all
  std::uint64_t delay_enter_ns = 0;
  std::uint64_t delay_exit_ns = 0;
  bool delay_enter = false;
  bool delay_exit = false;
  std::vector<InjectPoke> poke_enter;
  std::vector<InjectPoke> poke_exit;
  // :when=first[..last][+[step]]: the invocations (counted per syscall and per task, from 1)
  // that are tampered with.
  std::uint32_t first = 1;
  std::uint32_t last = UINT32_MAX;
  std::uint32_t step = 1;

  bool tampers_return() const { return has_error || has_retval; }
  bool due(std::uint32_t n) const { return n >= first && n <= last && (n - first) % step == 0; }
};

class InjectTable {
 public:
  // One -e inject=EXPR (fault: -e fault=EXPR, where only error= and when= are allowed and the
  // error defaults to ENOSYS). A later expression replaces an earlier one for the syscalls
  // both name. The error's context is strace's message; `warning` gets strace's warning for a
  // retval that the program will read as an error.
  Result<void> add(std::string_view expr, bool fault, std::string* warning);
  // The tampering for an x86_64 syscall number (or an unknown one), or nullptr.
  const InjectSpec* find(long nr) const {
    const int i = nr >= 0 && static_cast<std::size_t>(nr) < by_nr_.size()
                      ? by_nr_[static_cast<std::size_t>(nr)]
                      : unknown_;
    return i < 0 ? nullptr : &specs_[static_cast<std::size_t>(i)];
  }
  bool empty() const { return specs_.empty(); }
  bool any_signal() const;
  bool any_delay() const;
  // The slot of a syscall number in a task's invocation counts (see counts_size()).
  std::size_t count_slot(long nr) const {
    return nr >= 0 && static_cast<std::size_t>(nr) < by_nr_.size() ? static_cast<std::size_t>(nr)
                                                                   : by_nr_.size();
  }
  std::size_t counts_size() const { return by_nr_.size() + 1; }

 private:
  template <typename Pred>
  bool any_used(Pred pred) const;

  std::vector<InjectSpec> specs_;
  std::vector<int> by_nr_;  // index into specs_, -1: none
  int unknown_ = -1;
};

}  // namespace scry::trace
