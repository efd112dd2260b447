// -P PATH: show only syscalls that name PATH or use an fd that refers to it (strace's
// pathtrace). Arguments are found by their kind in the syscall table: path arguments are
// compared as strings, fd and dirfd arguments through /proc/TID/fd.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "scry/decode.hpp"

namespace scry::trace {

class PathFilter {
 public:
  // Adds PATH and, when it differs, its resolved form. Returns the resolved form when it
  // differs (strace reports it), else "".
  std::string add(const std::string& path);
  bool active() const { return !paths_.empty(); }
  // Whether the syscall at its entry touches one of the paths.
  bool matches(MemoryReader& mem, FdResolver& fds, const SyscallCall& call) const;

 private:
  bool path_matches(std::string_view p) const;
  std::vector<std::string> paths_;
  mutable OutBuf scratch_;  // fd paths; kept to avoid an allocation per syscall
  std::size_t longest_ = 0;
};

}  // namespace scry::trace
