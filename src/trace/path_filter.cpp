#include "trace/path_filter.hpp"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>

#include <algorithm>

namespace scry::trace {

std::string PathFilter::add(const std::string& path) {
  auto remember = [this](const std::string& p) {
    if (std::find(paths_.begin(), paths_.end(), p) == paths_.end()) paths_.push_back(p);
    longest_ = std::max(longest_, p.size());
  };
  remember(path);
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) != nullptr && path != resolved) {
    remember(resolved);
    return resolved;
  }
  return {};
}

bool PathFilter::path_matches(std::string_view p) const {
  return std::find(paths_.begin(), paths_.end(), p) != paths_.end();
}

bool PathFilter::matches(MemoryReader& mem, FdResolver& fds, const SyscallCall& call) const {
  if (call.entry == nullptr) return false;
  char buf[PATH_MAX + 1];
  OutBuf& fd_path = scratch_;
  for (int i = 0; i < call.entry->nargs; ++i) {
    const ArgSpec spec = call.entry->args[static_cast<std::size_t>(i)];
    const std::uint64_t v = call.args[static_cast<std::size_t>(i)];
    switch (spec.kind) {
      case ArgKind::Path:
      case ArgKind::Str: {
        if (v == 0) break;
        bool terminated = false;
        // A path longer than the longest selected one cannot match: read no more than that.
        long n = mem.read_cstring(v, buf, std::min<std::size_t>(longest_ + 1, PATH_MAX), &terminated);
        if (n >= 0 && terminated && path_matches(std::string_view(buf, static_cast<std::size_t>(n))))
          return true;
        break;
      }
      case ArgKind::Fd:
      case ArgKind::Dirfd: {
        int fd = static_cast<int>(v);
        if (fd < 0 || (spec.kind == ArgKind::Dirfd && fd == AT_FDCWD)) break;
        fd_path.clear();
        if (fds.fd_path(fd, fd_path) && path_matches(fd_path.view())) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

}  // namespace scry::trace
