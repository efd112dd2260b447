// -P PATH and -e trace-fds=SET: show only syscalls that name PATH, use an fd that refers to
// it, or use an fd of SET (strace's pathtrace). Which arguments are looked at follows strace:
// a table of syscall shapes (fd+path, two fds, mmap's fd, the fds inside select's sets and
// poll's array, ...) and otherwise the first argument of %file, %desc and %network syscalls.
#pragma once

#include <sys/types.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "scry/decode.hpp"

namespace scry::trace {

// An fd set of -e read= / -e write= / -e trace-fds= (strace's number sets: "3,4", "all",
// "none", "!3").
struct FdSet {
  std::vector<int> fds;
  bool invert = false;  // "!3", "all"
  bool empty() const { return fds.empty() && !invert; }
  bool contains(int fd) const {
    return (std::find(fds.begin(), fds.end(), fd) != fds.end()) != invert;
  }
};

class PathFilter {
 public:
  // Adds PATH and, when it differs, its resolved form. Returns the resolved form when it
  // differs (strace reports it), else "".
  std::string add(const std::string& path);
  // -e trace-fds=SET (the last one given wins, as in strace).
  void set_fds(FdSet fds) {
    fds_ = std::move(fds);
    tracing_fds_ = true;
  }
  bool active() const { return !paths_.empty() || tracing_fds_; }
  // Whether the syscall at its entry touches one of the paths or fds.
  bool matches(MemoryReader& mem, FdResolver& fds, const SyscallCall& call) const;

  // How a syscall's paths and fds are found (public for the unit tests).
  enum class Shape : std::uint8_t {
    None,          // no fd or path argument (or not a %file/%desc/%network syscall)
    Path0,         // path
    Fd0,           // fd
    FdFd01,        // fd, fd
    FdPath01,      // dirfd, path
    PathPath01,    // path, path
    Path1,         // x, path
    FdPathFdPath,  // dirfd, path, dirfd, path
    Fd4,           // mmap: x, x, x, x, fd
    FdPath12,      // symlinkat: x, dirfd, path
    FdFd02,        // fd, x, fd
    Fd2,           // epoll_ctl: x, x, fd
    FanotifyMark,  // x, x, mask (two words on i386), dirfd, path
    Select,        // nfds, fd_set*, fd_set*, fd_set*
    OldSelect,     // i386 select: a pointer to select's five arguments
    OldMmap,       // i386 mmap: a pointer to mmap's six arguments
    Poll,          // pollfd*, nfds
    Fsconfig,      // fd, cmd, x, path (SET_PATH*), fd (SET_PATH*, SET_FD)
  };
  static Shape shape_of(Abi abi, long nr);

 private:
  bool path_matches(std::string_view p) const;
  bool upath(MemoryReader& mem, std::uint64_t addr) const;
  bool fd(FdResolver& fds, std::int64_t fd) const;
  bool select_sets(MemoryReader& mem, FdResolver& fds, const std::uint64_t* args, int word) const;
  bool poll_fds(MemoryReader& mem, FdResolver& fds, std::uint64_t addr, std::uint64_t n) const;

  std::vector<std::string> paths_;
  FdSet fds_;
  bool tracing_fds_ = false;
  mutable OutBuf scratch_;                  // fd paths; kept to avoid an allocation per syscall
  mutable std::vector<std::uint8_t> sets_;  // select's fd_set, read once per set
  std::size_t longest_ = 0;
};

}  // namespace scry::trace
