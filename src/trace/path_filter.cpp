#include "trace/path_filter.hpp"

#include <limits.h>
#include <poll.h>
#include <stdlib.h>

#include <array>
#include <string_view>
#include <utility>

#include "scry/syscall_table.hpp"

namespace scry::trace {
namespace {

using Shape = PathFilter::Shape;

// Syscalls whose fds and paths are not (only) their first argument, by strace's names.
struct Named {
  std::string_view name;
  Shape shape;
};
constexpr std::array kNamed = {
    Named{"dup2", Shape::FdFd01},
    Named{"dup3", Shape::FdFd01},
    Named{"kexec_file_load", Shape::FdFd01},
    Named{"sendfile", Shape::FdFd01},
    Named{"sendfile64", Shape::FdFd01},
    Named{"tee", Shape::FdFd01},
    Named{"execveat", Shape::FdPath01},
    Named{"faccessat", Shape::FdPath01},
    Named{"faccessat2", Shape::FdPath01},
    Named{"fchmodat", Shape::FdPath01},
    Named{"fchmodat2", Shape::FdPath01},
    Named{"fchownat", Shape::FdPath01},
    Named{"fspick", Shape::FdPath01},
    Named{"fstatat64", Shape::FdPath01},
    Named{"futimesat", Shape::FdPath01},
    Named{"getxattrat", Shape::FdPath01},
    Named{"setxattrat", Shape::FdPath01},
    Named{"listxattrat", Shape::FdPath01},
    Named{"removexattrat", Shape::FdPath01},
    Named{"inotify_add_watch", Shape::FdPath01},
    Named{"mkdirat", Shape::FdPath01},
    Named{"mknodat", Shape::FdPath01},
    Named{"mount_setattr", Shape::FdPath01},
    Named{"name_to_handle_at", Shape::FdPath01},
    Named{"newfstatat", Shape::FdPath01},
    Named{"open_tree", Shape::FdPath01},
    Named{"open_tree_attr", Shape::FdPath01},
    Named{"openat", Shape::FdPath01},
    Named{"openat2", Shape::FdPath01},
    Named{"readlinkat", Shape::FdPath01},
    Named{"statx", Shape::FdPath01},
    Named{"unlinkat", Shape::FdPath01},
    Named{"utimensat", Shape::FdPath01},
    Named{"utimensat_time64", Shape::FdPath01},
    Named{"file_getattr", Shape::FdPath01},
    Named{"file_setattr", Shape::FdPath01},
    Named{"link", Shape::PathPath01},
    Named{"mount", Shape::PathPath01},
    Named{"pivot_root", Shape::PathPath01},
    Named{"quotactl", Shape::Path1},
    Named{"symlink", Shape::Path1},
    Named{"linkat", Shape::FdPathFdPath},
    Named{"move_mount", Shape::FdPathFdPath},
    Named{"renameat", Shape::FdPathFdPath},
    Named{"renameat2", Shape::FdPathFdPath},
    Named{"mmap2", Shape::Fd4},
    Named{"symlinkat", Shape::FdPath12},
    Named{"copy_file_range", Shape::FdFd02},
    Named{"splice", Shape::FdFd02},
    Named{"epoll_ctl", Shape::Fd2},
    Named{"fanotify_mark", Shape::FanotifyMark},
    Named{"_newselect", Shape::Select},
    Named{"pselect6", Shape::Select},
    Named{"pselect6_time64", Shape::Select},
    Named{"poll", Shape::Poll},
    Named{"ppoll", Shape::Poll},
    Named{"ppoll_time64", Shape::Poll},
    Named{"fsconfig", Shape::Fsconfig},
    // %file/%desc/%network syscalls that create an fd and take none (strace's list).
    Named{"bpf", Shape::None},
    Named{"epoll_create", Shape::None},
    Named{"epoll_create1", Shape::None},
    Named{"eventfd", Shape::None},
    Named{"eventfd2", Shape::None},
    Named{"fanotify_init", Shape::None},
    Named{"fsopen", Shape::None},
    Named{"inotify_init", Shape::None},
    Named{"inotify_init1", Shape::None},
    Named{"io_uring_setup", Shape::None},
    Named{"landlock_create_ruleset", Shape::None},
    Named{"memfd_create", Shape::None},
    Named{"memfd_secret", Shape::None},
    Named{"mq_open", Shape::None},
    Named{"perf_event_open", Shape::None},
    Named{"pidfd_open", Shape::None},
    Named{"pipe", Shape::None},
    Named{"pipe2", Shape::None},
    Named{"socket", Shape::None},
    Named{"socketpair", Shape::None},
    Named{"timerfd_create", Shape::None},
    Named{"userfaultfd", Shape::None},
};

Shape compute_shape(Abi abi, long nr) {
  const SyscallEntry* e = syscall_entry(abi, nr);
  if (e == nullptr || e->name == nullptr) return Shape::None;
  const SyscallClass c = e->classes;
  const bool file = has_class(c, SyscallClass::File);
  if (!file && !has_class(c, SyscallClass::Desc | SyscallClass::Network)) return Shape::None;
  const std::string_view name(e->name);
  // The same names mean older calls on i386: select(2) and mmap(2) take a pointer to their
  // arguments there (strace's oldselect and old_mmap).
  if (name == "select") return abi == Abi::I386 ? Shape::OldSelect : Shape::Select;
  if (name == "mmap") return abi == Abi::I386 ? Shape::OldMmap : Shape::Fd4;
  for (const Named& n : kNamed)
    if (n.name == name) return n.shape;
  return file ? Shape::Path0 : Shape::Fd0;
}

const std::vector<Shape>& shapes(Abi abi) {
  auto build = [](Abi a) {
    std::vector<Shape> v(syscall_count(a));
    for (std::size_t nr = 0; nr < v.size(); ++nr) v[nr] = compute_shape(a, static_cast<long>(nr));
    return v;
  };
  static const std::vector<Shape> x86_64 = build(Abi::X86_64);
  static const std::vector<Shape> i386 = build(Abi::I386);
  return abi == Abi::I386 ? i386 : x86_64;
}

}  // namespace

PathFilter::Shape PathFilter::shape_of(Abi abi, long nr) {
  const auto& v = shapes(abi);
  return nr >= 0 && static_cast<std::size_t>(nr) < v.size() ? v[static_cast<std::size_t>(nr)]
                                                            : Shape::None;
}

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

bool PathFilter::upath(MemoryReader& mem, std::uint64_t addr) const {
  if (paths_.empty() || addr == 0) return false;
  char buf[PATH_MAX + 1];
  bool terminated = false;
  // A path longer than the longest selected one cannot match: read no more than that.
  const long n =
      mem.read_cstring(addr, buf, std::min<std::size_t>(longest_ + 1, PATH_MAX), &terminated);
  return n >= 0 && terminated && path_matches(std::string_view(buf, static_cast<std::size_t>(n)));
}

bool PathFilter::fd(FdResolver& fds, std::int64_t raw) const {
  const int fd = static_cast<int>(raw);  // the kernel reads an int
  if (fd < 0) return false;              // AT_FDCWD and other negatives name no fd
  if (tracing_fds_ && fds_.contains(fd)) return true;
  if (paths_.empty()) return false;
  scratch_.clear();
  return fds.fd_path(fd, scratch_) && path_matches(scratch_.view());
}

bool PathFilter::select_sets(MemoryReader& mem, FdResolver& fds, const std::uint64_t* args,
                             int word) const {
  int nfds = static_cast<int>(args[0]);
  if (nfds <= 0) return false;
  nfds = std::min(nfds, 1024 * 1024);  // select(INT_MAX, ...) reads no more than strace does
  const std::size_t size =
      ((static_cast<std::size_t>(nfds) + 7) / 8 + static_cast<std::size_t>(word) - 1) &
      ~(static_cast<std::size_t>(word) - 1);
  if (sets_.size() < size) sets_.resize(size);
  for (int i = 1; i <= 3; ++i) {
    if (args[i] == 0 || !mem.read_exact(args[i], sets_.data(), size)) continue;
    for (int j = 0; j < nfds; ++j) {
      const std::uint8_t byte = sets_[static_cast<std::size_t>(j) / 8];
      if (byte == 0) {
        j |= 7;  // skip the rest of an empty byte
        continue;
      }
      if ((byte >> (j % 8) & 1) != 0 && fd(fds, j)) return true;
    }
  }
  return false;
}

bool PathFilter::poll_fds(MemoryReader& mem, FdResolver& fds, std::uint64_t addr,
                          std::uint64_t n) const {
  n = std::min<std::uint64_t>(static_cast<std::uint32_t>(n), 1024 * 1024);
  if (n == 0 || addr + n * sizeof(pollfd) < addr) return false;
  std::array<pollfd, 64> chunk{};
  while (n > 0) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(n, chunk.size()));
    const std::size_t got = mem.read(addr, chunk.data(), want * sizeof(pollfd)) / sizeof(pollfd);
    for (std::size_t i = 0; i < got; ++i)
      if (fd(fds, chunk[i].fd)) return true;
    if (got < want) return false;  // the rest is unreadable
    n -= want;
    addr += want * sizeof(pollfd);
  }
  return false;
}

bool PathFilter::matches(MemoryReader& mem, FdResolver& fds, const SyscallCall& call) const {
  if (call.entry == nullptr) return false;
  const auto& a = call.args;
  const auto sa = [&a](int i) { return static_cast<std::int64_t>(a[static_cast<std::size_t>(i)]); };
  const int word = call.abi == Abi::I386 ? 4 : 8;
  const Shape shape = shape_of(call.abi, call.nr);
  switch (shape) {
    case Shape::None:
      return false;
    case Shape::Path0:
      return upath(mem, a[0]);
    case Shape::Fd0:
      return fd(fds, sa(0));
    case Shape::FdFd01:
      return fd(fds, sa(0)) || fd(fds, sa(1));
    case Shape::FdPath01:
      return fd(fds, sa(0)) || upath(mem, a[1]);
    case Shape::PathPath01:
      return upath(mem, a[0]) || upath(mem, a[1]);
    case Shape::Path1:
      return upath(mem, a[1]);
    case Shape::FdPathFdPath:
      return fd(fds, sa(0)) || fd(fds, sa(2)) || upath(mem, a[1]) || upath(mem, a[3]);
    case Shape::Fd4:
      return fd(fds, sa(4));
    case Shape::FdPath12:
      return fd(fds, sa(1)) || upath(mem, a[2]);
    case Shape::FdFd02:
      return fd(fds, sa(0)) || fd(fds, sa(2));
    case Shape::Fd2:
      return fd(fds, sa(2));
    case Shape::FanotifyMark: {
      const int n = call.abi == Abi::I386 ? 4 : 3;  // the 64-bit mask takes two i386 words
      return fd(fds, sa(n)) || upath(mem, a[static_cast<std::size_t>(n) + 1]);
    }
    case Shape::Select:
      return select_sets(mem, fds, a.data(), word);
    case Shape::OldSelect:
    case Shape::OldMmap: {
      const bool sel = shape == Shape::OldSelect;
      std::array<std::uint32_t, 6> w{};
      if (!mem.read_exact(a[0], w.data(), (sel ? 5 : 6) * sizeof(std::uint32_t))) return false;
      std::array<std::uint64_t, 6> ind{};
      for (std::size_t i = 0; i < w.size(); ++i) ind[i] = w[i];
      return sel ? select_sets(mem, fds, ind.data(), 4) : fd(fds, static_cast<std::int32_t>(w[4]));
    }
    case Shape::Poll:
      return poll_fds(mem, fds, a[0], a[1]);
    case Shape::Fsconfig: {
      const auto cmd = static_cast<std::uint32_t>(a[1]);
      if (cmd == 3 || cmd == 4) return fd(fds, sa(4)) || upath(mem, a[3]);  // SET_PATH(_EMPTY)
      if (cmd == 5) return fd(fds, sa(4));                                  // SET_FD
      return false;
    }
  }
  return false;
}

}  // namespace scry::trace
