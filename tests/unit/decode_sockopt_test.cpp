// Socket option values that are structures: SO_LINGER and SO_PEERCRED, as strace prints them.
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeSockopt, LingerAndPeercred) {
  FakeMemory mem;
  const int linger[2] = {1, 5};
  const std::uint64_t l = mem.map_obj(0x1000, linger);
  const int len8 = 8, len4 = 4, len16 = 16;
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_LINGER, l, 8}, 0),
            "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0");
  // setsockopt with a short struct: the address (the kernel refuses it with EINVAL).
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_LINGER, l, 4}, -EINVAL, true),
            "setsockopt(3, SOL_SOCKET, SO_LINGER, 0x1000, 4) = -1 EINVAL (Invalid argument)");
  mem.map_obj(0x2000, len8);
  EXPECT_EQ(line_of(mem, "getsockopt", {3, SOL_SOCKET, SO_LINGER, l, 0x2000}, 0),
            "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0");
  mem.map_obj(0x2000, len4);
  EXPECT_EQ(line_of(mem, "getsockopt", {3, SOL_SOCKET, SO_LINGER, l, 0x2000}, 0),
            "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1}, [4]) = 0");
  const std::int32_t cred[3] = {77, 1000, 100};
  const std::uint64_t c = mem.map_obj(0x3000, cred);
  mem.map_obj(0x2000, len16);
  auto run = run_syscall(mem, nr_of("getsockopt"), {4, SOL_SOCKET, SO_PEERCRED, c, 0x2000}, 0,
                         false, {}, nullptr, 0, [&] { mem.map_obj(0x2000, 12); });
  EXPECT_EQ(run.line(),
            "getsockopt(4, SOL_SOCKET, SO_PEERCRED, {pid=77, uid=1000, gid=100}, [16 => 12]) = 0");
  // Unreadable: the address.
  mem.map_obj(0x2000, len8);
  EXPECT_EQ(line_of(mem, "getsockopt", {3, SOL_SOCKET, SO_LINGER, 0x9000, 0x2000}, 0),
            "getsockopt(3, SOL_SOCKET, SO_LINGER, 0x9000, [8]) = 0");
}

}  // namespace
}  // namespace scry::test
