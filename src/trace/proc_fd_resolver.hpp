// -y/-yy: what an fd of a traced task refers to, read from /proc/TID/fd/N (AT_FDCWD: its cwd),
// with sockets described through NETLINK_SOCK_DIAG and devices through stat(2).
#pragma once

#include <sys/types.h>

#include "scry/decode.hpp"
#include "trace/socket_diag.hpp"

namespace scry::trace {

class ProcFdResolver final : public FdResolver {
 public:
  void retarget(pid_t tid) { tid_ = tid; }
  bool fd_path(int fd, OutBuf& out) override;
  bool socket_info(int fd, std::uint64_t inode, OutBuf& out) override;
  bool device_info(std::string_view path, OutBuf& out) override;
  int pidfd_pid(int fd) override;
  bool pid_comm(int pid, OutBuf& out) override;
  int netlink_protocol(int fd) override;

 private:
  pid_t tid_ = 0;
  // The inode of socket fd ("socket:[INODE]"), or 0.
  std::uint64_t socket_inode(int fd);

  SocketDiag diag_;
};

}  // namespace scry::trace
