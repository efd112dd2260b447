#include "trace/proc_fd_resolver.hpp"

#include <unistd.h>

#include <cstdio>

namespace scry::trace {

bool ProcFdResolver::fd_path(int fd, OutBuf& out) {
  if (fd < 0 || tid_ <= 0) return false;
  char link[64];
  std::snprintf(link, sizeof link, "/proc/%d/fd/%d", tid_, fd);
  char target[4096];
  ssize_t n = ::readlink(link, target, sizeof target);
  if (n <= 0) return false;
  out.put(std::string_view(target, static_cast<std::size_t>(n)));
  return true;
}

}  // namespace scry::trace
