// sigaltstack, epoll_event arrays, times, rusage (short and -v), utimensat times, open_how,
// msghdr/mmsghdr with SCM_RIGHTS and SCM_CREDENTIALS: good, partly mapped and bad-pointer input.
// Expected strings are real strace 6.1 output of a program making these calls.
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/uio.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::uint64_t kCwd = static_cast<std::uint64_t>(-100);

DecodeOptions verbose() {
  DecodeOptions o;
  o.verbose = true;
  return o;
}

TEST(DecodeIo, Sigaltstack) {
  FakeMemory mem = page();
  stack_t ss{};
  ss.ss_sp = reinterpret_cast<void*>(kPage);
  ss.ss_size = 8192;
  mem.map_obj(kPage + 64, ss);
  stack_t old{};
  old.ss_flags = SS_DISABLE;
  mem.map_obj(kPage + 128, old);
  EXPECT_EQ(line_of(mem, "sigaltstack", {kPage + 64, kPage + 128}, 0),
            "sigaltstack({ss_sp=0x10000000, ss_flags=0, ss_size=8192}, {ss_sp=NULL, "
            "ss_flags=SS_DISABLE, ss_size=0}) = 0");
  EXPECT_EQ(line_of(mem, "sigaltstack", {1, 2}, kEfault, true),
            "sigaltstack(0x1, 0x2) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 8, &ss, 8);
  EXPECT_EQ(line_of(mem, "sigaltstack", {kEnd - 8, 0}, kEfault, true),
            "sigaltstack(0x10000ff8, NULL) = -1 EFAULT (Bad address)");
}

TEST(DecodeIo, EpollEvents) {
  FakeMemory mem = page();
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u64 = 0x1234;
  mem.map_obj(kPage, ev);
  EXPECT_EQ(
      line_of(mem, "epoll_ctl", {3, EPOLL_CTL_ADD, 4, kPage}, 0),
      "epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN|EPOLLET, data={u32=4660, u64=4660}}) = 0");
  EXPECT_EQ(line_of(mem, "epoll_ctl", {3, EPOLL_CTL_MOD, 5, 1}, kEfault, true),
            "epoll_ctl(3, EPOLL_CTL_MOD, 5, 0x1) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 4, &ev, 4);
  EXPECT_EQ(line_of(mem, "epoll_ctl", {3, EPOLL_CTL_MOD, 5, kEnd - 4}, kEfault, true),
            "epoll_ctl(3, EPOLL_CTL_MOD, 5, 0x10000ffc) = -1 EFAULT (Bad address)");
  epoll_event evs[2]{};
  evs[0].events = EPOLLIN;
  evs[0].data.u64 = 0x1234;
  evs[1].events = EPOLLOUT;
  evs[1].data.u64 = 5;
  mem.map_obj(kPage + 64, evs);
  EXPECT_EQ(line_of(mem, "epoll_wait", {3, kPage + 64, 4, 0}, 2),
            "epoll_wait(3, [{events=EPOLLIN, data={u32=4660, u64=4660}}, {events=EPOLLOUT, "
            "data={u32=5, u64=5}}], 4, 0) = 2");
  // The last event of the page (12 bytes, packed on x86_64).
  mem.map(kEnd - 12, &evs[1], 12);
  EXPECT_EQ(line_of(mem, "epoll_wait", {3, kEnd - 12, 4, 0}, 1),
            "epoll_wait(3, [{events=EPOLLOUT, data={u32=5, u64=5}}], 4, 0) = 1");
}

TEST(DecodeIo, Times) {
  FakeMemory mem = page();
  EXPECT_EQ(line_of(mem, "times", {kPage}, 1718389337),
            "times({tms_utime=0, tms_stime=0, tms_cutime=0, tms_cstime=0}) = 1718389337");
  EXPECT_EQ(line_of(mem, "times", {1}, kEfault, true), "times(0x1) = -1 EFAULT (Bad address)");
}

TEST(DecodeIo, Rusage) {
  FakeMemory mem = page();
  rusage ru{};
  ru.ru_utime.tv_usec = 1401;
  ru.ru_maxrss = 1020;
  ru.ru_minflt = 61;
  ru.ru_nvcsw = 116;
  mem.map_obj(kPage, ru);
  EXPECT_EQ(line_of(mem, "getrusage", {RUSAGE_SELF, kPage}, 0),
            "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=1401}, ru_stime={tv_sec=0, "
            "tv_usec=0}, ...}) = 0");
  EXPECT_EQ(line_of(mem, "getrusage", {RUSAGE_SELF, kPage}, 0, false, verbose()),
            "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=1401}, ru_stime={tv_sec=0, "
            "tv_usec=0}, ru_maxrss=1020, ru_ixrss=0, ru_idrss=0, ru_isrss=0, ru_minflt=61, "
            "ru_majflt=0, ru_nswap=0, ru_inblock=0, ru_oublock=0, ru_msgsnd=0, ru_msgrcv=0, "
            "ru_nsignals=0, ru_nvcsw=116, ru_nivcsw=0}) = 0");
  EXPECT_EQ(line_of(mem, "getrusage", {RUSAGE_SELF, 1}, kEfault, true),
            "getrusage(RUSAGE_SELF, 0x1) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "getrusage", {RUSAGE_SELF, kEnd - 16}, kEfault, true),
            "getrusage(RUSAGE_SELF, 0x10000ff0) = -1 EFAULT (Bad address)");
}

TEST(DecodeIo, UtimensatTimes) {
  setenv("TZ", "UTC", 1);
  tzset();
  FakeMemory mem = page();
  mem.map_cstr(kPage + 256, "/tmp");
  mem.map_cstr(kPage + 272, "/nonexistent");
  timespec ts[2] = {{1700000000, 5}, {0, UTIME_OMIT}};
  mem.map_obj(kPage, ts);
  EXPECT_EQ(line_of(mem, "utimensat", {kCwd, kPage + 256, kPage, 0}, 0),
            "utimensat(AT_FDCWD, \"/tmp\", [{tv_sec=1700000000, tv_nsec=5} /* "
            "2023-11-14T22:13:20.000000005+0000 */, UTIME_OMIT], 0) = 0");
  ts[0].tv_nsec = UTIME_NOW;
  mem.map_obj(kPage + 64, ts);
  EXPECT_EQ(
      line_of(mem, "utimensat", {kCwd, kPage + 272, kPage + 64, AT_SYMLINK_NOFOLLOW}, -2, true),
      "utimensat(AT_FDCWD, \"/nonexistent\", [UTIME_NOW, UTIME_OMIT], AT_SYMLINK_NOFOLLOW) "
      "= -1 ENOENT (No such file or directory)");
  EXPECT_EQ(line_of(mem, "utimensat", {kCwd, kPage + 272, 1, 0}, kEfault, true),
            "utimensat(AT_FDCWD, \"/nonexistent\", 0x1, 0) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 16, ts, 16);
  EXPECT_EQ(line_of(mem, "utimensat", {kCwd, kPage + 272, kEnd - 16, 0}, kEfault, true),
            "utimensat(AT_FDCWD, \"/nonexistent\", 0x10000ff0, 0) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "utimensat", {kCwd, kPage + 272, 0, 0}, -2, true),
            "utimensat(AT_FDCWD, \"/nonexistent\", NULL, 0) = -1 ENOENT (No such file or "
            "directory)");
  unsetenv("TZ");
  tzset();
}

TEST(DecodeIo, OpenHow) {
  FakeMemory mem = page();
  mem.map_cstr(kPage + 256, "/tmp");
  open_how how{};
  how.flags = O_RDONLY | O_CLOEXEC;
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
  mem.map_obj(kPage, how);
  EXPECT_EQ(line_of(mem, "openat2", {kCwd, kPage + 256, kPage, 24}, -18, true),
            "openat2(AT_FDCWD, \"/tmp\", {flags=O_RDONLY|O_CLOEXEC, "
            "resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24) = -1 EXDEV (Invalid cross-device "
            "link)");
  EXPECT_EQ(line_of(mem, "openat2", {kCwd, kPage + 256, 1, 24}, kEfault, true),
            "openat2(AT_FDCWD, \"/tmp\", 0x1, 24) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 16, &how, 16);
  EXPECT_EQ(line_of(mem, "openat2", {kCwd, kPage + 256, kEnd - 16, 24}, kEfault, true),
            "openat2(AT_FDCWD, \"/tmp\", 0x10000ff0, 24) = -1 EFAULT (Bad address)");
}

// sendmsg's msghdr with two control messages (SCM_RIGHTS [4, 5], SCM_CREDENTIALS) at kPage.
std::uint64_t map_msghdr(FakeMemory& mem, std::uint64_t at, bool with_control) {
  mem.map(kPage + 512, "hello");
  iovec iov{reinterpret_cast<void*>(kPage + 512), 5};
  mem.map_obj(kPage + 544, iov);
  alignas(cmsghdr) unsigned char cbuf[CMSG_SPACE(2 * sizeof(int)) + CMSG_SPACE(sizeof(ucred))]{};
  msghdr mh{};
  mh.msg_iov = reinterpret_cast<iovec*>(kPage + 544);
  mh.msg_iovlen = 1;
  mh.msg_control = cbuf;
  mh.msg_controllen = sizeof cbuf;
  cmsghdr* c = CMSG_FIRSTHDR(&mh);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(2 * sizeof(int));
  const int fds[2] = {4, 5};
  std::memcpy(CMSG_DATA(c), fds, sizeof fds);
  c = CMSG_NXTHDR(&mh, c);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_CREDENTIALS;
  c->cmsg_len = CMSG_LEN(sizeof(ucred));
  const ucred uc{7079, 0, 0};
  std::memcpy(CMSG_DATA(c), &uc, sizeof uc);
  mem.map(kPage + 1024, cbuf, sizeof cbuf);
  mh.msg_control = with_control ? reinterpret_cast<void*>(kPage + 1024) : nullptr;
  if (!with_control) mh.msg_controllen = 0;
  mem.map_obj(at, mh);
  return at;
}

constexpr const char* kMsghdr =
    "{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hello\", iov_len=5}], msg_iovlen=1, "
    "msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[4, 5]}, "
    "{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=7079, "
    "uid=0, gid=0}}], msg_controllen=56, msg_flags=0}";

TEST(DecodeIo, MsghdrWithRightsAndCredentials) {
  FakeMemory mem = page();
  map_msghdr(mem, kPage, true);
  EXPECT_EQ(line_of(mem, "sendmsg", {6, kPage, 0}, 5),
            std::string("sendmsg(6, ") + kMsghdr + ", 0) = 5");
  EXPECT_EQ(line_of(mem, "sendmsg", {6, 1, 0}, kEfault, true),
            "sendmsg(6, 0x1, 0) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 16, "0123456789abcdef");
  EXPECT_EQ(line_of(mem, "sendmsg", {6, kEnd - 16, 0}, kEfault, true),
            "sendmsg(6, 0x10000ff0, 0) = -1 EFAULT (Bad address)");
}

TEST(DecodeIo, MmsghdrArray) {
  FakeMemory mem = page();
  // struct mmsghdr: a msghdr (56 bytes) and msg_len, padded to 64.
  map_msghdr(mem, kPage, true);
  const unsigned len = 5;
  mem.map_obj(kPage + 56, len);
  map_msghdr(mem, kPage + 64, false);
  mem.map_obj(kPage + 120, len);
  EXPECT_EQ(line_of(mem, "sendmmsg", {6, kPage, 2, 0}, 2),
            std::string("sendmmsg(6, [{msg_hdr=") + kMsghdr +
                ", msg_len=5}, {msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="
                "\"hello\", iov_len=5}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, "
                "msg_len=5}], 2, 0) = 2");
}

}  // namespace
}  // namespace scry::test
