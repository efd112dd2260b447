// Sockets: addresses, socket()/socketpair(), socket options (SOL_NETLINK's too), iovecs, poll.
// Expected strings are real strace 6.1 output.
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeNet, Socket) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "socket", {AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0}, 7),
            "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 7");
  EXPECT_EQ(line_of(mem, "socket", {AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0}, 7),
            "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 7");
  EXPECT_EQ(line_of(mem, "socket", {AF_INET, SOCK_DGRAM, IPPROTO_UDP}, 8),
            "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP) = 8");
  EXPECT_EQ(line_of(mem, "socket", {AF_INET6, SOCK_STREAM, 0}, 9),
            "socket(AF_INET6, SOCK_STREAM, IPPROTO_IP) = 9");
  EXPECT_EQ(line_of(mem, "socket", {AF_NETLINK, SOCK_RAW, NETLINK_ROUTE}, 11),
            "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 11");
  EXPECT_EQ(line_of(mem, "socket", {AF_INET, SOCK_STREAM, 999}, -93, true),
            "socket(AF_INET, SOCK_STREAM, 0x3e7 /* IPPROTO_??? */) = -1 EPROTONOSUPPORT (Protocol "
            "not supported)");
  int sv[2] = {3, 4};
  mem.map_obj(0x1000, sv);
  EXPECT_EQ(line_of(mem, "socketpair", {AF_UNIX, SOCK_STREAM, 0, 0x1000}, 0),
            "socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0");
  SyscallRun r = run_syscall(mem, nr_of("socketpair"), {AF_UNIX, SOCK_STREAM, 0, 0x1000}, 0);
  EXPECT_EQ(r.entry, "socketpair(AF_UNIX, SOCK_STREAM, 0, ");
}

TEST(DecodeNet, Sockaddrs) {
  FakeMemory mem;
  sockaddr_un un{};
  un.sun_family = AF_UNIX;
  std::strcpy(un.sun_path, "/nonexistent/sock");
  mem.map_obj(0x1000, un);
  EXPECT_EQ(line_of(mem, "connect", {7, 0x1000, 110}, -2, true),
            "connect(7, {sa_family=AF_UNIX, sun_path=\"/nonexistent/sock\"}, 110) = -1 ENOENT (No "
            "such file or directory)");
  // Abstract socket: sun_path=@"..." with the length's bytes.
  sockaddr_un ab{};
  ab.sun_family = AF_UNIX;
  std::memcpy(ab.sun_path, "\0abc", 4);
  mem.map_obj(0x1800, ab);
  EXPECT_EQ(line_of(mem, "connect", {7, 0x1800, 6}, 0),
            "connect(7, {sa_family=AF_UNIX, sun_path=@\"abc\"}, 6) = 0");
  sockaddr_in in{};
  in.sin_family = AF_INET;
  in.sin_port = htons(80);
  inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
  mem.map_obj(0x2000, in);
  EXPECT_EQ(line_of(mem, "connect", {8, 0x2000, 16}, 0),
            "connect(8, {sa_family=AF_INET, sin_port=htons(80), "
            "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_port = htons(443);
  inet_pton(AF_INET6, "::1", &in6.sin6_addr);
  mem.map_obj(0x3000, in6);
  EXPECT_EQ(line_of(mem, "connect", {9, 0x3000, 28}, -111, true),
            "connect(9, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
            "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED "
            "(Connection refused)");
  sockaddr_nl nl{};
  nl.nl_family = AF_NETLINK;
  mem.map_obj(0x4000, nl);
  EXPECT_EQ(line_of(mem, "bind", {11, 0x4000, 12}, 0),
            "bind(11, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0");
  // Too short for its family: sa_data; shorter than sa_family: the address.
  EXPECT_EQ(line_of(mem, "connect", {8, 0x2000, 4}, -22, true),
            "connect(8, {sa_family=AF_INET, sa_data=\"\\0P\"}, 4) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "connect", {8, 0x2000, 1}, -22, true),
            "connect(8, 0x2000, 1) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "connect", {8, 0x9000, 16}, -14, true),
            "connect(8, 0x9000, 16) = -1 EFAULT (Bad address)");
}

TEST(DecodeNet, SocknameLengths) {
  FakeMemory mem;
  sockaddr_in in{};
  in.sin_family = AF_INET;
  in.sin_port = htons(50723);
  inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
  mem.map_obj(0x1000, in);
  int len = 128;
  mem.map_obj(0x2000, len);
  // The entry sees 128; the kernel writes 16 before the exit.
  SyscallCall call;
  call.nr = nr_of("getsockname");
  call.entry = syscall_entry(Abi::X86_64, call.nr);
  call.args = {8, 0x1000, 0x2000, 0, 0, 0};
  OutBuf line;
  DecodeOptions opt;
  DecodeCtx e{mem, opt, line, call};
  int from = decode_syscall_entry(e);
  len = 16;
  mem.map_obj(0x2000, len);
  call.ret = 0;
  DecodeCtx x{mem, opt, line, call};
  x.exiting = true;
  decode_syscall_exit(x, from);
  EXPECT_EQ(line.view(),
            "8, {sa_family=AF_INET, sin_port=htons(50723), sin_addr=inet_addr(\"127.0.0.1\")}, "
            "[128 => 16])");
  EXPECT_EQ(line_of(mem, "getsockname", {8, 0x1000, 0x2000}, 0),
            "getsockname(8, {sa_family=AF_INET, sin_port=htons(50723), "
            "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");
  EXPECT_EQ(line_of(mem, "getsockname", {8, 0x1000, 0x2000}, -9, true),
            "getsockname(8, 0x1000, [16]) = -1 EBADF (Bad file descriptor)");
  EXPECT_EQ(line_of(mem, "accept", {3, 0, 0}, 4), "accept(3, NULL, NULL) = 4");
}

TEST(DecodeNet, Sockopt) {
  FakeMemory mem;
  int v = 0;
  mem.map_obj(0x1000, v);
  EXPECT_EQ(line_of(mem, "setsockopt", {8, SOL_SOCKET, SO_REUSEADDR, 0x1000, 4}, 0),
            "setsockopt(8, SOL_SOCKET, SO_REUSEADDR, [0], 4) = 0");
  int len = 4;
  mem.map_obj(0x2000, len);
  int err = 111;
  mem.map_obj(0x1000, err);
  EXPECT_EQ(line_of(mem, "getsockopt", {8, SOL_SOCKET, SO_ERROR, 0x1000, 0x2000}, 0),
            "getsockopt(8, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {8, 6, 1, 0x1000, 4}, 0),
            "setsockopt(8, SOL_TCP, TCP_NODELAY, [111], 4) = 0");
}

TEST(DecodeNet, SockoptUnknownNamesInHex) {
  FakeMemory mem;
  const int one = 1;
  mem.map_obj(0x1000, one);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, 999, 0x1000, 4}, -92, true),
            "setsockopt(3, SOL_SOCKET, 0x3e7 /* SO_??? */, [1], 4) = -1 ENOPROTOOPT (Protocol not "
            "available)");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, 999, 7, 0x1000, 4}, -92, true),
            "setsockopt(3, 0x3e7 /* SOL_?? */, 7, [1], 4) = -1 ENOPROTOOPT (Protocol not "
            "available)");
  DecodeOptions verbose;
  verbose.xlat = XlatStyle::Verbose;
  EXPECT_EQ(line_of(mem, "setsockopt", {3, 6, 1, 0x1000, 4}, 0, false, verbose),
            "setsockopt(3, 0x6 /* SOL_TCP */, 0x1 /* TCP_NODELAY */, [1], 4) = 0");
}

// SOL_NETLINK: named options; an int value whatever the length (an address when shorter than an
// int); NETLINK_LIST_MEMBERSHIPS as an array of group masks.
TEST(DecodeNet, SockoptNetlink) {
  FakeMemory mem;
  const int one = 1;
  mem.map_obj(0x1000, one);
  EXPECT_EQ(line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_EXT_ACK, 0x1000, 4}, 0),
            "setsockopt(7, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_GET_STRICT_CHK, 0x1000, 4}, 0),
            "setsockopt(7, SOL_NETLINK, NETLINK_GET_STRICT_CHK, [1], 4) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, 0x1000, 4}, 0),
            "setsockopt(7, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, [1], 4) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_PKTINFO, 0x1000, 8}, 0),
            "setsockopt(7, SOL_NETLINK, NETLINK_PKTINFO, [1], 8) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_PKTINFO, 0x1000, 2}, 0),
            "setsockopt(7, SOL_NETLINK, NETLINK_PKTINFO, 0x1000, 2) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_PKTINFO, 0, 4}, -14, true),
            "setsockopt(7, SOL_NETLINK, NETLINK_PKTINFO, NULL, 4) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "setsockopt", {7, SOL_NETLINK, 100, 0x1000, 4}, -92, true),
            "setsockopt(7, SOL_NETLINK, 0x64 /* NETLINK_??? */, [1], 4) = -1 ENOPROTOOPT "
            "(Protocol not available)");
  DecodeOptions verbose;
  verbose.xlat = XlatStyle::Verbose;
  EXPECT_EQ(
      line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_EXT_ACK, 0x1000, 4}, 0, false, verbose),
      "setsockopt(7, 0x10e /* SOL_NETLINK */, 0xb /* NETLINK_EXT_ACK */, [1], 4) = 0");

  // getsockopt: the kernel shortens the length between entry and exit.
  int len = 8;
  mem.map_obj(0x2000, len);
  const auto shorten_to = [&](int n) { return [&mem, n] { mem.map_obj(0x2000, n); }; };
  EXPECT_EQ(run_syscall(mem, nr_of("getsockopt"),
                        {7, SOL_NETLINK, NETLINK_GET_STRICT_CHK, 0x1000, 0x2000}, 0, false, {},
                        nullptr, 0, shorten_to(4))
                .line(),
            "getsockopt(7, SOL_NETLINK, NETLINK_GET_STRICT_CHK, [1], [8 => 4]) = 0");
  const std::uint32_t groups[4] = {1, 0, 0, 0};
  mem.map_obj(0x3000, groups);
  len = 16;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(run_syscall(mem, nr_of("getsockopt"),
                        {7, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, 0x3000, 0x2000}, 0, false, {},
                        nullptr, 0, shorten_to(8))
                .line(),
            "getsockopt(7, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, [1, 0], [16 => 8]) = 0");
  len = 4;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(run_syscall(mem, nr_of("getsockopt"),
                        {7, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, 0x3000, 0x2000}, 0, false, {},
                        nullptr, 0, shorten_to(8))
                .line(),
            "getsockopt(7, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, [1], [4 => 8]) = 0");
  // A zero length in: the address.
  len = 0;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(run_syscall(mem, nr_of("getsockopt"),
                        {7, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, 0x3000, 0x2000}, 0, false, {},
                        nullptr, 0, shorten_to(8))
                .line(),
            "getsockopt(7, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, 0x3000, [0 => 8]) = 0");
  len = 2;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(line_of(mem, "getsockopt", {7, SOL_NETLINK, NETLINK_GET_STRICT_CHK, 0x1000, 0x2000},
                    -22, true),
            "getsockopt(7, SOL_NETLINK, NETLINK_GET_STRICT_CHK, 0x1000, [2]) = -1 EINVAL "
            "(Invalid argument)");
  // -e verbose=none: both pointers as addresses.
  DecodeOptions quiet;
  quiet.struct_verbose = false;
  EXPECT_EQ(line_of(mem, "getsockopt", {7, SOL_NETLINK, NETLINK_EXT_ACK, 0x1000, 0x2000}, 0, false,
                    quiet),
            "getsockopt(7, SOL_NETLINK, NETLINK_EXT_ACK, 0x1000, 0x2000) = 0");
  EXPECT_EQ(
      line_of(mem, "setsockopt", {7, SOL_NETLINK, NETLINK_PKTINFO, 0x1000, 8}, 0, false, quiet),
      "setsockopt(7, SOL_NETLINK, NETLINK_PKTINFO, 0x1000, 8) = 0");
}

TEST(DecodeNet, Iovec) {
  FakeMemory mem;
  mem.map(0x1000, "hello");
  mem.map(0x2000, "world\n");
  std::uint64_t iov[4] = {0x1000, 5, 0x2000, 6};
  mem.map_obj(0x3000, iov);
  EXPECT_EQ(
      line_of(mem, "writev", {1, 0x3000, 2}, 11),
      "writev(1, [{iov_base=\"hello\", iov_len=5}, {iov_base=\"world\\n\", iov_len=6}], 2) = 11");
  // readv: only the bytes read are printed.
  mem.map(0x4000, "vm\n");
  std::uint64_t riov[4] = {0x4000, 3, 0x5000, 100};
  mem.map_obj(0x6000, riov);
  EXPECT_EQ(line_of(mem, "readv", {12, 0x6000, 2}, 3),
            "readv(12, [{iov_base=\"vm\\n\", iov_len=3}, {iov_base=\"\", iov_len=100}], 2) = 3");
  EXPECT_EQ(line_of(mem, "readv", {12, 0x6000, 2}, -9, true),
            "readv(12, 0x6000, 2) = -1 EBADF (Bad file descriptor)");
  EXPECT_EQ(line_of(mem, "writev", {1, 0x3000, 0}, 0), "writev(1, [], 0) = 0");
  // The second element is unreadable.
  EXPECT_EQ(line_of(mem, "writev", {1, 0x3010, 2}, -14, true),
            "writev(1, [{iov_base=\"world\\n\", iov_len=6}, ... /* 0x3020 */], 2) = -1 EFAULT (Bad "
            "address)");
}

TEST(DecodeNet, Poll) {
  FakeMemory mem;
  pollfd pf[2] = {{5, POLLIN, 0}, {1, POLLOUT, POLLOUT}};
  mem.map_obj(0x1000, pf);
  EXPECT_EQ(line_of(mem, "poll", {0x1000, 2, 0}, 1),
            "poll([{fd=5, events=POLLIN}, {fd=1, events=POLLOUT}], 2, 0) = 1 ([{fd=1, "
            "revents=POLLOUT}])");
  EXPECT_EQ(line_of(mem, "poll", {0x1000, 2, 100}, 0),
            "poll([{fd=5, events=POLLIN}, {fd=1, events=POLLOUT}], 2, 100) = 0 (Timeout)");
  pollfd neg[1] = {{-1, POLLIN, 0}};
  mem.map_obj(0x2000, neg);
  EXPECT_EQ(line_of(mem, "poll", {0x2000, 1, 0}, 0), "poll([{fd=-1}], 1, 0) = 0 (Timeout)");
}

}  // namespace
}  // namespace scry::test
