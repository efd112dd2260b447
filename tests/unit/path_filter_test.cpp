// -P / -e trace-fds=: which arguments of which syscalls are matched (strace's pathtrace).
#include "trace/path_filter.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::trace {
namespace {

using test::FakeFds;
using test::FakeMemory;

SyscallCall call(const char* name, std::initializer_list<std::uint64_t> args,
                 Abi abi = Abi::X86_64) {
  SyscallCall c;
  c.abi = abi;
  c.nr = syscall_number(abi, name).value_or(-1);
  c.entry = syscall_entry(abi, c.nr);
  std::size_t i = 0;
  for (auto a : args) c.args[i++] = a;
  return c;
}

FdSet fds(std::initializer_list<int> l, bool invert = false) {
  FdSet s;
  s.fds = l;
  s.invert = invert;
  return s;
}

TEST(PathFilter, Shapes) {
  using S = PathFilter::Shape;
  auto shape = [](const char* n, Abi abi = Abi::X86_64) {
    return PathFilter::shape_of(abi, syscall_number(abi, n).value_or(-1));
  };
  EXPECT_EQ(shape("read"), S::Fd0);
  EXPECT_EQ(shape("stat"), S::Path0);
  EXPECT_EQ(shape("openat"), S::FdPath01);
  EXPECT_EQ(shape("epoll_ctl"), S::Fd2);
  EXPECT_EQ(shape("mmap"), S::Fd4);
  EXPECT_EQ(shape("mmap", Abi::I386), S::OldMmap);
  EXPECT_EQ(shape("select", Abi::I386), S::OldSelect);
  EXPECT_EQ(shape("socket"), S::None);
  EXPECT_EQ(shape("getpid"), S::None);  // not %file, %desc or %network
  EXPECT_EQ(shape("renameat2"), S::FdPathFdPath);
}

TEST(PathFilter, FdSetMatchesFdArguments) {
  PathFilter f;
  f.set_fds(fds({7}));
  FakeMemory mem;
  FakeFds fdmap;
  EXPECT_TRUE(f.matches(mem, fdmap, call("read", {7, 0, 1})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("read", {3, 0, 1})));
  EXPECT_TRUE(f.matches(mem, fdmap, call("dup2", {3, 7})));
  EXPECT_TRUE(f.matches(mem, fdmap, call("mmap", {0, 4096, 1, 2, 7, 0})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("epoll_ctl", {7, 1, 3, 0})));  // only the target fd
  EXPECT_TRUE(f.matches(mem, fdmap, call("epoll_ctl", {3, 1, 7, 0})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("kill", {7, 9})));
}

TEST(PathFilter, InvertedSetIgnoresNegativeFds) {
  PathFilter f;
  f.set_fds(fds({3}, true));  // !3
  FakeMemory mem;
  FakeFds fdmap;
  EXPECT_FALSE(f.matches(mem, fdmap, call("openat", {static_cast<std::uint64_t>(AT_FDCWD), 0, 0})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("read", {3, 0, 1})));
  EXPECT_TRUE(f.matches(mem, fdmap, call("read", {4, 0, 1})));
}

TEST(PathFilter, PollAndSelectLookInside) {
  PathFilter f;
  f.set_fds(fds({9}));
  FakeMemory mem;
  FakeFds fdmap;
  pollfd p[2] = {{1, POLLIN, 0}, {9, POLLIN, 0}};
  mem.map(0x1000, p, sizeof p);
  EXPECT_TRUE(f.matches(mem, fdmap, call("poll", {0x1000, 2, 0})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("poll", {0x1000, 1, 0})));
  // An array that runs into unmapped memory, and a huge count: no match, no unbounded reading.
  EXPECT_FALSE(f.matches(mem, fdmap, call("poll", {0x1000 + sizeof(pollfd) * 2, 0xffffffff, 0})));
  fd_set s;
  FD_ZERO(&s);
  FD_SET(9, &s);
  mem.map(0x2000, &s, sizeof s);
  EXPECT_TRUE(f.matches(mem, fdmap, call("select", {10, 0, 0x2000, 0, 0})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("select", {9, 0x2000, 0, 0, 0})));  // nfds excludes 9
  EXPECT_FALSE(f.matches(mem, fdmap, call("select", {0x7fffffff, 0x2000, 0, 0, 0})));
}

TEST(PathFilter, PathsMatchNamesAndFds) {
  PathFilter f;
  f.add("/etc/hostname");
  FakeMemory mem;
  FakeFds fdmap;
  fdmap.paths[5] = "/etc/hostname";
  mem.map_cstr(0x3000, "/etc/hostname");
  mem.map_cstr(0x4000, "/etc/hosts");
  EXPECT_TRUE(
      f.matches(mem, fdmap, call("openat", {static_cast<std::uint64_t>(AT_FDCWD), 0x3000, 0})));
  EXPECT_FALSE(
      f.matches(mem, fdmap, call("openat", {static_cast<std::uint64_t>(AT_FDCWD), 0x4000, 0})));
  EXPECT_TRUE(f.matches(mem, fdmap, call("fstat", {5, 0})));
  EXPECT_TRUE(f.matches(mem, fdmap,
                        call("renameat2", {static_cast<std::uint64_t>(AT_FDCWD), 0x4000,
                                           static_cast<std::uint64_t>(AT_FDCWD), 0x3000, 0})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("read", {6, 0, 1})));
  EXPECT_FALSE(f.matches(mem, fdmap, call("stat", {0x9000, 0})));  // unreadable path
}

TEST(PathFilter, I386IndirectArguments) {
  PathFilter f;
  f.set_fds(fds({4}));
  FakeMemory mem;
  FakeFds fdmap;
  std::uint32_t mm[6] = {0, 4096, 1, 2, 4, 0};
  mem.map(0x5000, mm, sizeof mm);
  EXPECT_TRUE(f.matches(mem, fdmap, call("mmap", {0x5000}, Abi::I386)));
  EXPECT_FALSE(f.matches(mem, fdmap, call("mmap", {0x5008}, Abi::I386)));  // runs off the map
}

}  // namespace
}  // namespace scry::trace
