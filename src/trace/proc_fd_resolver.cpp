#include "trace/proc_fd_resolver.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

namespace scry::trace {

bool ProcFdResolver::fd_path(int fd, OutBuf& out) {
  if (tid_ <= 0 || (fd < 0 && fd != AT_FDCWD)) return false;
  char link[64];
  if (fd == AT_FDCWD)
    std::snprintf(link, sizeof link, "/proc/%d/cwd", tid_);
  else
    std::snprintf(link, sizeof link, "/proc/%d/fd/%d", tid_, fd);
  char target[4096];
  ssize_t n = ::readlink(link, target, sizeof target);
  if (n <= 0) return false;
  out.put(std::string_view(target, static_cast<std::size_t>(n)));
  return true;
}

}  // namespace scry::trace
