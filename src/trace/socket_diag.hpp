// -yy: what a traced task's socket is connected to, from the kernel's NETLINK_SOCK_DIAG, in
// strace's words: "TCP:[127.0.0.1:40000->127.0.0.1:8080]", "TCPv6:[[::1]:80]",
// "UNIX-STREAM:[1234->1235]", "UNIX-STREAM:[1234,\"/run/sock\"]", else "UDP:[1234]" (the protocol
// and the inode) when the kernel does not list the socket (not bound yet).
#pragma once

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <string>

#include "scry/out_buf.hpp"

namespace scry::trace {

class SocketDiag {
 public:
  SocketDiag() = default;
  ~SocketDiag();
  SocketDiag(const SocketDiag&) = delete;
  SocketDiag& operator=(const SocketDiag&) = delete;

  // Appends the description of socket `inode`, which is fd `fd` of task `tid`. False when
  // nothing is known (the caller prints "socket:[inode]").
  bool describe(pid_t tid, int fd, std::uint64_t inode, OutBuf& out);
  // Netlink socket `inode` (fd `fd` of task `tid`): its protocol (NETLINK_ROUTE, ...) once the
  // kernel lists it (after bind), else -1; -2 when the socket is not a netlink socket.
  int netlink_protocol(pid_t tid, int fd, std::uint64_t inode);

 private:
  // A found description, kept as strace keeps it: per inode, never refreshed.
  struct CacheEntry {
    std::uint64_t inode = 0;
    std::string details;
    int nl_protocol = -1;  // a netlink socket's protocol, with its details
  };
  // What each socket inode is ("NETLINK" or not), which never changes: one readlink and one
  // getxattr the first time an fd's socket is seen, none after.
  struct KindEntry {
    std::uint64_t inode = 0;
    bool netlink = false;
  };
  static constexpr std::size_t kCacheSize = 1024;

  bool query_inet(const std::string& proto, int family, int protocol, std::uint64_t inode,
                  std::string& out);
  bool query_netlink(std::uint64_t inode, std::string& out, int& protocol);
  bool query_unix(const std::string& proto, std::uint64_t inode, std::string& out);
  bool send_request(const void* req, std::size_t len);
  int socket_fd();

  std::array<CacheEntry, kCacheSize> cache_{};
  std::array<KindEntry, kCacheSize> kinds_{};
  int nl_fd_ = -1;
};

}  // namespace scry::trace
