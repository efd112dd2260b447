#include "trace/proc_fd_resolver.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cstdio>
#include <string>

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

std::uint64_t ProcFdResolver::socket_inode(int fd) {
  if (tid_ <= 0 || fd < 0) return 0;
  char link[64];
  std::snprintf(link, sizeof link, "/proc/%d/fd/%d", tid_, fd);
  char target[64];  // "socket:[N]"; anything longer is no socket
  const ssize_t n = ::readlink(link, target, sizeof target);
  if (n <= 0) return 0;
  return socket_inode_of(std::string_view(target, static_cast<std::size_t>(n)));
}

int ProcFdResolver::netlink_protocol(int fd) {
  const std::uint64_t inode = socket_inode(fd);
  if (inode == 0) return kNotNetlink;
  return diag_.netlink_protocol(tid_, fd, inode);
}

}  // namespace scry::trace

namespace scry::trace {

bool ProcFdResolver::socket_info(int fd, std::uint64_t inode, OutBuf& out) {
  return tid_ > 0 && diag_.describe(tid_, fd, inode, out);
}

bool ProcFdResolver::device_info(std::string_view path, OutBuf& out) {
  // strace stats the path as the tracer sees it.
  std::string p(path);
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return false;
  if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)) return false;
  out.put(S_ISBLK(st.st_mode) ? "block " : "char ");
  out.put_udec(major(st.st_rdev));
  out.put(':');
  out.put_udec(minor(st.st_rdev));
  return true;
}

int ProcFdResolver::pidfd_pid(int fd) {
  char name[64];
  std::snprintf(name, sizeof name, "/proc/%d/fdinfo/%d", tid_, fd);
  std::FILE* f = std::fopen(name, "re");
  if (f == nullptr) return -1;
  char line[256];
  int pid = -1;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::sscanf(line, "Pid:\t%d", &pid) == 1) break;
  }
  std::fclose(f);
  return pid;
}

bool ProcFdResolver::pid_comm(int pid, OutBuf& out) {
  char name[64];
  std::snprintf(name, sizeof name, "/proc/%d/comm", pid);
  int fd = ::open(name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[64];  // TASK_COMM_LEN is 16; the kernel may report more for kernel threads
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n <= 0) return false;
  if (buf[n - 1] == '\n') --n;
  out.put(std::string_view(buf, static_cast<std::size_t>(n)));
  return true;
}

}  // namespace scry::trace
