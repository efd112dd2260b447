// Structures: stat, statx, statfs, rlimit, sigaction, sigset, utsname, sysinfo, pipe fds,
// getdents64, wait status, timespec, argv/envp. Expected strings are real strace 6.1 output.
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::uint64_t kCwd = static_cast<std::uint64_t>(-100);

// Sets TZ=UTC for one test and puts the old value back.
class UtcTz {
 public:
  UtcTz() {
    if (const char* tz = getenv("TZ")) {
      old_ = tz;
      had_ = true;
    }
    setenv("TZ", "UTC", 1);
    tzset();
  }
  ~UtcTz() {
    if (had_) {
      setenv("TZ", old_.c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

 private:
  std::string old_;
  bool had_ = false;
};

DecodeOptions verbose() {
  DecodeOptions o;
  o.verbose = true;
  return o;
}

TEST(DecodeStruct, Stat) {
  UtcTz utc;
  FakeMemory mem;
  mem.map_cstr(0x1000, "");
  struct stat st {};
  st.st_dev = makedev(0xfe, 0);
  st.st_ino = 409601;
  st.st_mode = S_IFREG | 0644;
  st.st_nlink = 1;
  st.st_blksize = 4096;
  st.st_blocks = 88;
  st.st_size = 41439;
  st.st_atim = {1795392473, 689840707};
  st.st_mtim = {1795392473, 681464125};
  st.st_ctim = {1685210301, 0};
  mem.map_obj(0x2000, st);
  EXPECT_EQ(line_of(mem, "newfstatat", {3, 0x1000, 0x2000, 0x1000}, 0),
            "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=41439, ...}, AT_EMPTY_PATH) = 0");
  EXPECT_EQ(
      line_of(mem, "newfstatat", {3, 0x1000, 0x2000, 0x1000}, 0, false, verbose()),
      "newfstatat(3, \"\", {st_dev=makedev(0xfe, 0), st_ino=409601, st_mode=S_IFREG|0644, "
      "st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=88, st_size=41439, "
      "st_atime=1795392473 /* 2026-11-23T00:07:53.689840707+0000 */, "
      "st_atime_nsec=689840707, st_mtime=1795392473 /* 2026-11-23T00:07:53.681464125+0000 */, "
      "st_mtime_nsec=681464125, st_ctime=1685210301 /* 2023-05-27T17:58:21+0000 */, "
      "st_ctime_nsec=0}, AT_EMPTY_PATH) = 0");
  // Character devices print st_rdev instead of st_size.
  st.st_mode = S_IFCHR | 0666;
  st.st_rdev = makedev(1, 3);
  mem.map_obj(0x2000, st);
  EXPECT_EQ(line_of(mem, "newfstatat", {1, 0x1000, 0x2000, 0x1000}, 0),
            "newfstatat(1, \"\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, "
            "AT_EMPTY_PATH) = 0");
  st.st_mode = S_IFREG | S_ISUID | 0755;
  mem.map_obj(0x2000, st);
  EXPECT_EQ(line_of(mem, "fstat", {3, 0x2000}, 0),
            "fstat(3, {st_mode=S_IFREG|S_ISUID|0755, st_size=41439, ...}) = 0");
  // A failed stat prints the address; so does an unreadable buffer.
  mem.map_cstr(0x1100, "/nonexistent");
  EXPECT_EQ(line_of(mem, "newfstatat", {kCwd, 0x1100, 0x7ffe47032ec0, 0}, -2, true),
            "newfstatat(AT_FDCWD, \"/nonexistent\", 0x7ffe47032ec0, 0) = -1 ENOENT (No such file "
            "or directory)");
  EXPECT_EQ(line_of(mem, "fstat", {3, 0x9000}, 0), "fstat(3, 0x9000) = 0");
  // Partially mapped struct: unreadable as a whole.
  mem.map(0x3000, &st, 100);
  EXPECT_EQ(line_of(mem, "fstat", {3, 0x3000}, 0), "fstat(3, 0x3000) = 0");
}

TEST(DecodeStruct, StatEntrySplit) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/x");
  SyscallRun r = run_syscall(mem, nr_of("newfstatat"), {kCwd, 0x1000, 0x2000, 0}, -2, true);
  EXPECT_EQ(r.entry, "newfstatat(AT_FDCWD, \"/x\", ");
  EXPECT_EQ(r.exit, "0x2000, 0)");
}

TEST(DecodeStruct, Statx) {
  UtcTz utc;
  FakeMemory mem;
  mem.map_cstr(0x1000, "/usr/bin/su");
  struct statx s {};
  s.stx_mask = 0xfff | 0x1000;
  s.stx_blksize = 4096;
  s.stx_nlink = 1;
  s.stx_mode = S_IFREG | S_ISUID | 0755;
  s.stx_ino = 248083;
  s.stx_size = 72000;
  s.stx_blocks = 144;
  s.stx_attributes_mask = 0x4 | 0x10 | 0x20 | 0x40 | 0x800 | 0x1000 | 0x2000 | 0x100000 | 0x200000;
  s.stx_atime = {1732219314, 0, 0};
  s.stx_ctime = {1732219314, 0, 0};
  s.stx_mtime = {1732219314, 0, 0};
  s.stx_dev_major = 254;
  std::uint64_t mnt_id = 0x1b;
  mem.map_obj(0x2000, s);
  mem.map(0x2000 + 0x90, &mnt_id, 8);
  const std::uint64_t flags = 0x100 | 0x800;  // AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT
  EXPECT_EQ(
      line_of(mem, "statx", {kCwd, 0x1000, flags, 0xfff, 0x2000}, 0),
      "statx(AT_FDCWD, \"/usr/bin/su\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, "
      "STATX_ALL, {stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, "
      "stx_mode=S_IFREG|S_ISUID|0755, stx_size=72000, ...}) = 0");
  EXPECT_EQ(
      line_of(mem, "statx", {kCwd, 0x1000, flags, 0xfff, 0x2000}, 0, false, verbose()),
      "statx(AT_FDCWD, \"/usr/bin/su\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, "
      "STATX_ALL, {stx_mask=STATX_ALL|STATX_MNT_ID, stx_blksize=4096, stx_attributes=0, "
      "stx_nlink=1, stx_uid=0, stx_gid=0, stx_mode=S_IFREG|S_ISUID|0755, stx_ino=248083, "
      "stx_size=72000, stx_blocks=144, stx_attributes_mask=STATX_ATTR_COMPRESSED|"
      "STATX_ATTR_IMMUTABLE|STATX_ATTR_APPEND|STATX_ATTR_NODUMP|STATX_ATTR_ENCRYPTED|"
      "STATX_ATTR_AUTOMOUNT|STATX_ATTR_MOUNT_ROOT|STATX_ATTR_VERITY|STATX_ATTR_DAX, "
      "stx_atime={tv_sec=1732219314, tv_nsec=0} /* 2024-11-21T20:01:54+0000 */, "
      "stx_btime={tv_sec=0, tv_nsec=0}, "
      "stx_ctime={tv_sec=1732219314, tv_nsec=0} /* 2024-11-21T20:01:54+0000 */, "
      "stx_mtime={tv_sec=1732219314, tv_nsec=0} /* 2024-11-21T20:01:54+0000 */, "
      "stx_rdev_major=0, stx_rdev_minor=0, stx_dev_major=254, stx_dev_minor=0, "
      "stx_mnt_id=0x1b}) = 0");
  // Only the timestamps stx_mask names (here atime, not ctime or mtime: strace 6.1 on Linux 6.18).
  s.stx_mask = 0x7ff & ~(0x40u | 0x80u);
  mem.map_obj(0x2000, s);
  mem.map(0x2000 + 0x90, &mnt_id, 8);
  const std::string got =
      line_of(mem, "statx", {kCwd, 0x1000, flags, 2, 0x2000}, 0, false, verbose());
  EXPECT_NE(got.find("stx_atime={tv_sec=1732219314, tv_nsec=0} /* 2024-11-21T20:01:54+0000 */, "
                     "stx_rdev_major=0"),
            std::string::npos)
      << got;
  EXPECT_EQ(line_of(mem, "statx", {kCwd, 0x1000, 0x1000, 0x80000000, 0x7ffeb94f8180}, -22, true),
            "statx(AT_FDCWD, \"/usr/bin/su\", AT_STATX_SYNC_AS_STAT|AT_EMPTY_PATH, "
            "0x80000000 /* STATX_??? */, 0x7ffeb94f8180) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeStruct, Statfs) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/");
  mem.map_cstr(0x1100, "/nonexist");
  struct statfs sf {};
  sf.f_type = 0xef53;
  sf.f_bsize = 4096;
  sf.f_blocks = 66053021;
  sf.f_bfree = 61905871;
  sf.f_bavail = 20937147;
  sf.f_files = 16777216;
  sf.f_ffree = 16367698;
  int fsid[2] = {static_cast<int>(0xc9c455d1), 0x65a6f5d5};
  std::memcpy(&sf.f_fsid, fsid, sizeof fsid);
  sf.f_namelen = 255;
  sf.f_frsize = 4096;
  sf.f_flags = 0x20 | 0x1000;
  mem.map_obj(0x2000, sf);
  EXPECT_EQ(line_of(mem, "statfs", {0x1000, 0x2000}, 0),
            "statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=66053021, "
            "f_bfree=61905871, f_bavail=20937147, f_files=16777216, f_ffree=16367698, "
            "f_fsid={val=[0xc9c455d1, 0x65a6f5d5]}, f_namelen=255, f_frsize=4096, "
            "f_flags=ST_VALID|ST_RELATIME}) = 0");
  EXPECT_EQ(line_of(mem, "statfs", {0x1100, 0x7ffebb8e40b0}, -2, true),
            "statfs(\"/nonexist\", 0x7ffebb8e40b0) = -1 ENOENT (No such file or directory)");
}

TEST(DecodeStruct, Rlimit) {
  FakeMemory mem;
  std::uint64_t stack[2] = {8192 * 1024, ~0ull};
  std::uint64_t nofile[2] = {20000, 20000};
  std::uint64_t small[2] = {1024, 2048};
  mem.map_obj(0x1000, stack);
  mem.map_obj(0x2000, nofile);
  mem.map_obj(0x3000, small);
  EXPECT_EQ(line_of(mem, "prlimit64", {0, 3, 0, 0x1000}, 0),
            "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0");
  EXPECT_EQ(line_of(mem, "prlimit64", {0, 7, 0, 0x2000}, 0),
            "prlimit64(0, RLIMIT_NOFILE, NULL, {rlim_cur=20000, rlim_max=20000}) = 0");
  EXPECT_EQ(line_of(mem, "setrlimit", {7, 0x3000}, 0),
            "setrlimit(RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=2*1024}) = 0");
  EXPECT_EQ(line_of(mem, "getrlimit", {7, 0x2000}, -14, true),
            "getrlimit(RLIMIT_NOFILE, 0x2000) = -1 EFAULT (Bad address)");
}

TEST(DecodeStruct, Sigaction) {
  FakeMemory mem;
  struct {
    std::uint64_t handler, flags, restorer, mask[8];
  } act{}, old{};
  act.handler = 1;                          // SIG_IGN
  act.flags = 0x04000000 | 0x10000000 | 4;  // SA_RESTORER|SA_RESTART|SA_SIGINFO
  act.restorer = 0x7f888704f050;
  act.mask[0] = ~((1ull << 1) | (1ull << 31) | (1ull << 32));
  mem.map_obj(0x1000, act);
  EXPECT_EQ(
      line_of(mem, "rt_sigaction", {10, 0x1000, 0, 8}, 0),
      "rt_sigaction(SIGUSR1, {sa_handler=SIG_IGN, sa_mask=~[INT RTMIN RT_1], "
      "sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7f888704f050}, NULL, 8) = 0");
  old.handler = 0;
  mem.map_obj(0x2000, old);
  act.handler = 0x55f4e8bafe40;
  act.mask[0] = 0;
  act.flags = 0x04000000 | 0x10000000;
  mem.map_obj(0x1000, act);
  EXPECT_EQ(line_of(mem, "rt_sigaction", {17, 0x1000, 0x2000, 8}, 0),
            "rt_sigaction(SIGCHLD, {sa_handler=0x55f4e8bafe40, sa_mask=[], "
            "sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f888704f050}, "
            "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0");
  EXPECT_EQ(line_of(mem, "rt_sigaction", {17, 0x1000, 0x2000, 8}, -22, true),
            "rt_sigaction(SIGCHLD, {sa_handler=0x55f4e8bafe40, sa_mask=[], "
            "sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f888704f050}, 0x2000, 8) = -1 EINVAL "
            "(Invalid argument)");
  // A 32-byte kernel sigaction at the end of a mapping: strace reads 88 bytes and fails.
  mem.map(0x5000, &act, 32);
  EXPECT_EQ(line_of(mem, "rt_sigaction", {2, 0x5000, 0, 8}, 0),
            "rt_sigaction(SIGINT, 0x5000, NULL, 8) = 0");
}

TEST(DecodeStruct, Sigprocmask) {
  FakeMemory mem;
  std::uint64_t set = (1ull << 1) | (1ull << 33) | (1ull << 39);
  mem.map_obj(0x1000, set);
  std::uint64_t empty = 0;
  mem.map_obj(0x2000, empty);
  EXPECT_EQ(line_of(mem, "rt_sigprocmask", {0, 0x1000, 0, 8}, 0),
            "rt_sigprocmask(SIG_BLOCK, [INT RT_2 RT_8], NULL, 8) = 0");
  EXPECT_EQ(line_of(mem, "rt_sigprocmask", {0, 0, 0x2000, 8}, 0),
            "rt_sigprocmask(SIG_BLOCK, NULL, [], 8) = 0");
  // A size other than 8 prints the address.
  EXPECT_EQ(line_of(mem, "rt_sigprocmask", {2, 0x1000, 0, 16}, -22, true),
            "rt_sigprocmask(SIG_SETMASK, 0x1000, NULL, 16) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeStruct, UtsnameSysinfo) {
  FakeMemory mem;
  struct utsname u {};
  std::strcpy(u.sysname, "Linux");
  std::strcpy(u.nodename, "vm");
  std::strcpy(u.release, "6.1.0");
  std::strcpy(u.version, "#1 SMP");
  std::strcpy(u.machine, "x86_64");
  std::strcpy(u.domainname, "(none)");
  mem.map_obj(0x1000, u);
  EXPECT_EQ(line_of(mem, "uname", {0x1000}, 0),
            "uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0");
  EXPECT_EQ(line_of(mem, "uname", {0x1000}, 0, false, verbose()),
            "uname({sysname=\"Linux\", nodename=\"vm\", release=\"6.1.0\", version=\"#1 SMP\", "
            "machine=\"x86_64\", domainname=\"(none)\"}) = 0");
  struct sysinfo si {};
  si.uptime = 795;
  si.loads[0] = 59360;
  si.loads[1] = 28800;
  si.loads[2] = 11296;
  si.totalram = 25276510208;
  si.freeram = 24982913024;
  si.sharedram = 9068544;
  si.bufferram = 4399104;
  si.procs = 92;
  si.mem_unit = 1;
  mem.map_obj(0x2000, si);
  EXPECT_EQ(line_of(mem, "sysinfo", {0x2000}, 0),
            "sysinfo({uptime=795, loads=[59360, 28800, 11296], totalram=25276510208, "
            "freeram=24982913024, sharedram=9068544, bufferram=4399104, totalswap=0, freeswap=0, "
            "procs=92, totalhigh=0, freehigh=0, mem_unit=1}) = 0");
}

TEST(DecodeStruct, PipeAndWait) {
  FakeMemory mem;
  int fds[2] = {3, 4};
  mem.map_obj(0x1000, fds);
  EXPECT_EQ(line_of(mem, "pipe2", {0x1000, 0x80000}, 0), "pipe2([3, 4], O_CLOEXEC) = 0");
  EXPECT_EQ(line_of(mem, "pipe2", {0x1000, 0}, 0), "pipe2([3, 4], 0) = 0");
  EXPECT_EQ(line_of(mem, "pipe", {0x1000}, -24, true),
            "pipe(0x1000) = -1 EMFILE (Too many open files)");
  int st = 3 << 8;
  mem.map_obj(0x2000, st);
  EXPECT_EQ(line_of(mem, "wait4", {22398, 0x2000, 0, 0}, 22398),
            "wait4(22398, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 22398");
  st = 15;
  mem.map_obj(0x2000, st);
  EXPECT_EQ(line_of(mem, "wait4", {static_cast<std::uint64_t>(-1), 0x2000, 0, 0}, 22399),
            "wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}], 0, NULL) = 22399");
  st = 0x80 | 11;
  mem.map_obj(0x2000, st);
  EXPECT_EQ(
      line_of(mem, "wait4", {5, 0x2000, 0x40000000, 0}, 5),
      "wait4(5, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], __WALL, NULL) = 5");
  st = (19 << 8) | 0x7f;
  mem.map_obj(0x2000, st);
  EXPECT_EQ(line_of(mem, "wait4", {5, 0x2000, 2, 0}, 5),
            "wait4(5, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = 5");
  DecodeOptions xv;
  xv.xlat = XlatStyle::Verbose;  // the signal keeps its name: strace's signame
  EXPECT_EQ(line_of(mem, "wait4", {5, 0x2000, 2, 0}, 5, false, xv),
            "wait4(5, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], 0x2 /* WSTOPPED */, NULL) = 5");
  st = (1 << 16) | (5 << 8) | 0x7f;  // PTRACE_EVENT_FORK
  mem.map_obj(0x2000, st);
  EXPECT_EQ(line_of(mem, "wait4", {5, 0x2000, 0, 0}, 5),
            "wait4(5, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP} | PTRACE_EVENT_FORK << 16], 0, "
            "NULL) = 5");
  EXPECT_EQ(line_of(mem, "wait4", {5, 0x2000, 1, 0}, 0), "wait4(5, 0x2000, WNOHANG, NULL) = 0");
  EXPECT_EQ(line_of(mem, "wait4", {5, 0x2000, 0, 0}, -10, true),
            "wait4(5, 0x2000, 0, NULL) = -1 ECHILD (No child processes)");
  SyscallRun r = run_syscall(mem, nr_of("wait4"), {22398, 0x2000, 0, 0}, 22398);
  EXPECT_EQ(r.entry, "wait4(22398, ");
}

TEST(DecodeStruct, Timespec) {
  FakeMemory mem;
  std::int64_t ts[2] = {0, 1000};
  mem.map_obj(0x1000, ts);
  EXPECT_EQ(line_of(mem, "clock_nanosleep", {0, 0, 0x1000, 0}, 0),
            "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1000}, NULL) = 0");
  EXPECT_EQ(line_of(mem, "clock_nanosleep", {1, 0, 0x1000, 0x1000}, 0),
            "clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, 0x1000) = 0");
  EXPECT_EQ(
      line_of(mem, "clock_nanosleep", {1, 0, 0x1000, 0x1000}, -516, true),
      "clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, {tv_sec=0, tv_nsec=1000}) "
      "= ? ERESTART_RESTARTBLOCK (Interrupted by signal)");
  std::int64_t now[2] = {1700000000, 123456789};
  mem.map_obj(0x2000, now);
  EXPECT_EQ(line_of(mem, "clock_gettime", {1, 0x2000}, 0),
            "clock_gettime(CLOCK_MONOTONIC, {tv_sec=1700000000, tv_nsec=123456789}) = 0");
  EXPECT_EQ(line_of(mem, "clock_gettime", {1, 0x2000}, -14, true),
            "clock_gettime(CLOCK_MONOTONIC, 0x2000) = -1 EFAULT (Bad address)");
}

TEST(DecodeStruct, ArgvEnvp) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/bin/echo");
  mem.map_cstr(0x1100, "a");
  mem.map_cstr(0x1200, "b");
  mem.map_cstr(0x1300, "c");
  std::uint64_t argv[] = {0x1000, 0x1100, 0x1200, 0x1300, 0};
  mem.map_obj(0x2000, argv);
  std::uint64_t envp[] = {0x1100, 0x1200, 0};
  mem.map_obj(0x3000, envp);
  EXPECT_EQ(line_of(mem, "execve", {0x1000, 0x2000, 0x3000}, 0),
            "execve(\"/bin/echo\", [\"/bin/echo\", \"a\", \"b\", \"c\"], 0x3000 /* 2 vars */) = 0");
  DecodeOptions s2;
  s2.string_limit = 2;
  // Real strace -s 2: execve("/bin/echo", ["/b"..., "a", ...], 0x7fffd7dd51c0 /* 41 vars */)
  EXPECT_EQ(line_of(mem, "execve", {0x1000, 0x2000, 0x3000}, 0, false, s2),
            "execve(\"/bin/echo\", [\"/b\"..., \"a\", ...], 0x3000 /* 2 vars */) = 0");
  EXPECT_EQ(line_of(mem, "execve", {0x1000, 0x2000, 0x3000}, 0, false, verbose()),
            "execve(\"/bin/echo\", [\"/bin/echo\", \"a\", \"b\", \"c\"], [\"a\", \"b\"]) = 0");
  std::uint64_t one[] = {0x1100, 0};
  mem.map_obj(0x4000, one);
  std::uint64_t none[] = {0};
  mem.map_obj(0x5000, none);
  EXPECT_EQ(line_of(mem, "execve", {0x1000, 0x5000, 0x4000}, 0),
            "execve(\"/bin/echo\", [], 0x4000 /* 1 var */) = 0");
  EXPECT_EQ(line_of(mem, "execve", {0x1000, 0x5000, 0x5000}, 0),
            "execve(\"/bin/echo\", [], 0x5000 /* 0 vars */) = 0");
  // Unterminated arrays: the next pointer is unreadable.
  std::uint64_t cut[] = {0x1100, 0x1200};
  mem.map_obj(0x6000, cut);
  EXPECT_EQ(
      line_of(mem, "execve", {0x1000, 0x6000, 0x6000}, -14, true),
      "execve(\"/bin/echo\", [\"a\", \"b\", ... /* 0x6010 */], 0x6000 /* 2 vars, unterminated */)"
      " = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "execve", {0x1000, 0x9000, 0}, -14, true),
            "execve(\"/bin/echo\", 0x9000, NULL) = -1 EFAULT (Bad address)");
}

TEST(DecodeStruct, Dirents) {
  FakeMemory mem;
  // Two entries: "." (DT_DIR) and "passwd" (DT_REG).
  unsigned char buf[56] = {};
  auto put = [&](std::size_t off, std::uint64_t ino, std::uint64_t doff, std::uint16_t reclen,
                 unsigned char type, const char* name) {
    std::memcpy(buf + off, &ino, 8);
    std::memcpy(buf + off + 8, &doff, 8);
    std::memcpy(buf + off + 16, &reclen, 2);
    buf[off + 18] = type;
    std::memcpy(buf + off + 19, name, std::strlen(name) + 1);
  };
  put(0, 2, 1, 24, 4, ".");
  put(24, 12345, 9223372036854775807ull, 32, 8, "passwd");
  mem.map(0x55c53ffb7790, buf, sizeof buf);
  EXPECT_EQ(line_of(mem, "getdents64", {3, 0x55c53ffb7790, 32768}, 56),
            "getdents64(3, 0x55c53ffb7790 /* 2 entries */, 32768) = 56");
  EXPECT_EQ(line_of(mem, "getdents64", {3, 0x55c53ffb7790, 32768}, 0),
            "getdents64(3, 0x55c53ffb7790 /* 0 entries */, 32768) = 0");
  EXPECT_EQ(
      line_of(mem, "getdents64", {3, 0x55c53ffb7790, 32768}, 56, false, verbose()),
      "getdents64(3, [{d_ino=2, d_off=1, d_reclen=24, d_type=DT_DIR, d_name=\".\"}, "
      "{d_ino=12345, d_off=9223372036854775807, d_reclen=32, d_type=DT_REG, d_name=\"passwd\"}], "
      "32768) = 56");
  EXPECT_EQ(line_of(mem, "getdents64", {3, 0x55c53ffb7790, 32768}, 0, false, verbose()),
            "getdents64(3, [], 32768) = 0");
  EXPECT_EQ(line_of(mem, "getdents64", {3, 0x1000, 32768}, -9, true),
            "getdents64(3, 0x1000, 32768) = -1 EBADF (Bad file descriptor)");
}

TEST(DecodeStruct, FdPaths) {
  FakeMemory mem;
  FakeFds fds;
  fds.paths[3] = "/etc/passwd";
  fds.paths[4] = "/tmp/a<b> (deleted)";
  fds.paths[-100] = "/home";
  DecodeOptions y;
  y.decode_fds = true;
  EXPECT_EQ(line_of(mem, "close", {3}, 0, false, y, &fds), "close(3</etc/passwd>) = 0");
  EXPECT_EQ(line_of(mem, "close", {4}, 0, false, y, &fds),
            "close(4</tmp/a\\74b\\76>(deleted)) = 0");
  EXPECT_EQ(line_of(mem, "close", {5}, -9, true, y, &fds),
            "close(5) = -1 EBADF (Bad file descriptor)");
  EXPECT_EQ(line_of(mem, "dup", {3}, 3, false, y, &fds), "dup(3</etc/passwd>) = 3</etc/passwd>");
  mem.map_cstr(0x1000, "x");
  EXPECT_EQ(
      line_of(mem, "unlinkat", {static_cast<std::uint64_t>(-100), 0x1000, 0}, 0, false, y, &fds),
      "unlinkat(AT_FDCWD</home>, \"x\", 0) = 0");
  EXPECT_EQ(line_of(mem, "close", {3}, 0, false, DecodeOptions{}, &fds), "close(3) = 0");
}

}  // namespace
}  // namespace scry::test
