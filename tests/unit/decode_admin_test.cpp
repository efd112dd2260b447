// syslog, reboot, kexec_load, kexec_file_load, ustat, fanotify_init and fanotify_mark. Expected
// strings are strace 6.1 output (the addresses are the fake memory's).
#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeAdmin, Syslog) {
  FakeMemory mem;
  mem.map(0x1000, std::string_view("<6>hello\0\0\0", 11));
  auto sl = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
                DecodeOptions opt = {}) { return line_of(mem, "syslog", args, ret, err, opt); };
  EXPECT_EQ(sl({10, 0, 0}, 131072), "syslog(10 /* SYSLOG_ACTION_SIZE_BUFFER */) = 131072");
  EXPECT_EQ(sl({0x100000009, 1, 2}, 5), "syslog(9 /* SYSLOG_ACTION_SIZE_UNREAD */) = 5");
  EXPECT_EQ(sl({5, 0x1000, 3}, 3), "syslog(5 /* SYSLOG_ACTION_CLEAR */) = 3");
  // The type is "N /* NAME */" whatever -X says.
  EXPECT_EQ(sl({1, 0x1000, 5}, 0, false, with_xlat(XlatStyle::Raw)),
            "syslog(1 /* SYSLOG_ACTION_OPEN */) = 0");
  EXPECT_EQ(sl({0, 0, 0}, 0, false, with_xlat(XlatStyle::Verbose)),
            "syslog(0 /* SYSLOG_ACTION_CLOSE */) = 0");
  SyscallRun r = run_syscall(mem, nr_of("syslog"), {3, 0x1000, 64}, 8);
  EXPECT_EQ(r.entry, "syslog(3 /* SYSLOG_ACTION_READ_ALL */, ");
  EXPECT_EQ(r.line(), "syslog(3 /* SYSLOG_ACTION_READ_ALL */, \"<6>hello\", 64) = 8");
  EXPECT_EQ(sl({4, 0x1007, 3}, 3), "syslog(4 /* SYSLOG_ACTION_READ_CLEAR */, \"o\\0\\0\", 3) = 3");
  EXPECT_EQ(sl({2, 0x1000, kNeg(-5)}, -22, true),
            "syslog(2 /* SYSLOG_ACTION_READ */, 0x1000, -5) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(sl({3, 0, 10}, -22, true),
            "syslog(3 /* SYSLOG_ACTION_READ_ALL */, NULL, 10) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(sl({3, 1, 10}, 0), "syslog(3 /* SYSLOG_ACTION_READ_ALL */, \"\", 10) = 0");
  EXPECT_EQ(sl({8, 0x1000, 0}, -22, true),
            "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, 0x1000, 0 /* LOGLEVEL_EMERG */) = -1 "
            "EINVAL (Invalid argument)");
  EXPECT_EQ(sl({8, 0, 8}, 3),
            "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 8 /* LOGLEVEL_DEBUG+1 */) = 3");
  EXPECT_EQ(sl({8, 0, kNeg(-1)}, 3),
            "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, -1 /* LOGLEVEL_??? */) = 3");
  EXPECT_EQ(sl({kNeg(-1), 0x1000, 3}, -22, true),
            "syslog(-1 /* SYSLOG_ACTION_??? */, 0x1000, 3) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeAdmin, Reboot) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "cmd");
  auto rb = [&](std::initializer_list<std::uint64_t> args, DecodeOptions opt = {}) {
    return line_of(mem, "reboot", args, -22, true, opt);
  };
  EXPECT_EQ(rb({0, 0, 0, 0}),
            "reboot(0 /* LINUX_REBOOT_MAGIC_??? */, 0 /* LINUX_REBOOT_MAGIC_??? */, "
            "LINUX_REBOOT_CMD_CAD_OFF) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(
      rb({0xfee1dead, 0, 0xa1b2c3d4, 0x1000}),
      "reboot(LINUX_REBOOT_MAGIC1, 0 /* LINUX_REBOOT_MAGIC_??? */, LINUX_REBOOT_CMD_RESTART2, "
      "\"cmd\") = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(
      rb({0, 0x20112000, 0xa1b2c3d4, 1}),
      "reboot(0 /* LINUX_REBOOT_MAGIC_??? */, LINUX_REBOOT_MAGIC2C, LINUX_REBOOT_CMD_RESTART2, "
      "0x1) = -1 EINVAL (Invalid argument)");
  // magic1 knows only LINUX_REBOOT_MAGIC1, magic2 not it; the high half is ignored.
  EXPECT_EQ(rb({0x28121969, 0xfee1dead, 0x12345678, 0x1000}),
            "reboot(0x28121969 /* LINUX_REBOOT_MAGIC_??? */, 0xfee1dead /* LINUX_REBOOT_MAGIC_??? "
            "*/, 0x12345678 /* LINUX_REBOOT_CMD_??? */) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(rb({0x1fee1dead, 0x128121969, 0x145584543, 0}),
            "reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_KEXEC) = -1 EINVAL "
            "(Invalid argument)");
  EXPECT_EQ(rb({0xfee1dead, 0, 0xa1b2c3d4, 0}, with_xlat(XlatStyle::Raw)),
            "reboot(0xfee1dead, 0, 0xa1b2c3d4, NULL) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(rb({0, 0x5121996, 0, 0}, with_xlat(XlatStyle::Verbose)),
            "reboot(0 /* LINUX_REBOOT_MAGIC_??? */, 0x5121996 /* LINUX_REBOOT_MAGIC2A */, 0 /* "
            "LINUX_REBOOT_CMD_CAD_OFF */) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeAdmin, Kexec) {
  FakeMemory mem;
  const std::uint64_t segs[8] = {0x7000, 16, 0x100000, 0x1000, 0, 0, 0x200000, 0x2000};
  mem.map_obj(0x1000, segs);
  mem.map(0x2000, std::string_view("ro q\0", 5));
  auto kl = [&](std::initializer_list<std::uint64_t> args, DecodeOptions opt = {}) {
    return line_of(mem, "kexec_load", args, -38, true, opt);
  };
  EXPECT_EQ(kl({0, 0, 0, 0}),
            "kexec_load(NULL, 0, NULL, KEXEC_ARCH_DEFAULT) = -1 ENOSYS (Function not implemented)");
  EXPECT_EQ(kl({0x100000, 2, 0x1000, 0x30000 | 6}),
            "kexec_load(0x100000, 2, [{buf=0x7000, bufsz=16, mem=0x100000, memsz=4096}, {buf=NULL, "
            "bufsz=0, mem=0x200000, memsz=8192}], KEXEC_ARCH_386|KEXEC_PRESERVE_CONTEXT|0x4) = -1 "
            "ENOSYS (Function not implemented)");
  EXPECT_EQ(kl({0x100000, 2, 0x1000, 0xffffffff}),
            "kexec_load(0x100000, 2, [{buf=0x7000, bufsz=16, mem=0x100000, memsz=4096}, {buf=NULL, "
            "bufsz=0, mem=0x200000, memsz=8192}], 0xffff0000 /* KEXEC_ARCH_??? */|KEXEC_ON_CRASH|"
            "KEXEC_PRESERVE_CONTEXT|0xfffc) = -1 ENOSYS (Function not implemented)");
  // More than KEXEC_SEGMENT_MAX segments: the address; fewer but unreadable: the same.
  EXPECT_EQ(kl({0x100000, 17, 0x1000, 0x3e0000}),
            "kexec_load(0x100000, 17, 0x1000, KEXEC_ARCH_X86_64) = -1 ENOSYS (Function not "
            "implemented)");
  EXPECT_EQ(kl({0x1000, 1, 1, 0x3e0001}),
            "kexec_load(0x1000, 1, 0x1, KEXEC_ARCH_X86_64|KEXEC_ON_CRASH) = -1 ENOSYS (Function "
            "not implemented)");
  EXPECT_EQ(kl({0x1000, 1, 1, 0x3e0001}, with_xlat(XlatStyle::Raw)),
            "kexec_load(0x1000, 1, 0x1, 0x3e0000|0x1) = -1 ENOSYS (Function not implemented)");
  EXPECT_EQ(kl({0, 0, 0, 0x30006}, with_xlat(XlatStyle::Verbose)),
            "kexec_load(NULL, 0, NULL, 0x30000 /* KEXEC_ARCH_386 */|0x6 /* "
            "KEXEC_PRESERVE_CONTEXT|0x4 */) = -1 ENOSYS (Function not implemented)");
  EXPECT_EQ(kl({0, 0, 0, 0x270000}),
            "kexec_load(NULL, 0, NULL, 0x270000 /* KEXEC_ARCH_??? */) = -1 ENOSYS (Function not "
            "implemented)");
  EXPECT_EQ(line_of(mem, "kexec_file_load", {kNeg(-1), kNeg(-1), 5, 0x2000, 0}, -38, true),
            "kexec_file_load(-1, -1, 5, \"ro q\\0\", 0) = -1 ENOSYS (Function not implemented)");
  EXPECT_EQ(line_of(mem, "kexec_file_load", {5, 6, 3, 1, 0xffffffff}, -38, true),
            "kexec_file_load(5, 6, 3, 0x1, KEXEC_FILE_UNLOAD|KEXEC_FILE_ON_CRASH|"
            "KEXEC_FILE_NO_INITRAMFS|0xfffffff8) = -1 ENOSYS (Function not implemented)");
  EXPECT_EQ(
      line_of(mem, "kexec_file_load", {5, 6, 0, 0, 0x10}, -38, true, with_xlat(XlatStyle::Verbose)),
      "kexec_file_load(5, 6, 0, NULL, 0x10 /* KEXEC_FILE_??? */) = -1 ENOSYS (Function not "
      "implemented)");
}

TEST(DecodeAdmin, Ustat) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "ustat", {0, 0}, -22, true),
            "ustat(makedev(0, 0), NULL) = -1 EINVAL (Invalid argument)");
  // The struct ustat is not decoded, even on success.
  EXPECT_EQ(line_of(mem, "ustat", {0xfe00, 0x1000}, 0), "ustat(makedev(0xfe, 0), 0x1000) = 0");
  EXPECT_EQ(line_of(mem, "ustat", {0xffffffffffff, 1}, -22, true),
            "ustat(makedev(0xfff, 0xfffff), 0x1) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "ustat", {0x801, 0}, -22, true, with_xlat(XlatStyle::Raw)),
            "ustat(0x801, NULL) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "ustat", {0, 0}, -22, true, with_xlat(XlatStyle::Verbose)),
            "ustat(0 /* makedev(0, 0) */, NULL) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeAdmin, Fanotify) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/tmp");
  EXPECT_EQ(line_of(mem, "fanotify_init", {2, 0}, 3),
            "fanotify_init(FAN_CLASS_NOTIF|FAN_NONBLOCK, O_RDONLY) = 3");
  EXPECT_EQ(
      line_of(mem, "fanotify_init", {0x8 | 0xe00, 1}, -22, true),
      "fanotify_init(FAN_CLASS_PRE_CONTENT|FAN_REPORT_FID|FAN_REPORT_DIR_FID|FAN_REPORT_NAME, "
      "O_WRONLY) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "fanotify_init", {0xc, 0}, -22, true),
            "fanotify_init(0xc /* FAN_CLASS_??? */, O_RDONLY) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "fanotify_init", {0x80010000, 0}, -22, true),
            "fanotify_init(FAN_CLASS_NOTIF|0x80010000 /* FAN_??? */, O_RDONLY) = -1 EINVAL "
            "(Invalid argument)");
  EXPECT_EQ(line_of(mem, "fanotify_init", {2, 0}, 3, false, with_xlat(XlatStyle::Raw)),
            "fanotify_init(0|0x2, 0) = 3");
  EXPECT_EQ(line_of(mem, "fanotify_init", {0x15, 0x80002}, 4, false, with_xlat(XlatStyle::Verbose)),
            "fanotify_init(0x4 /* FAN_CLASS_CONTENT */|0x11 /* FAN_CLOEXEC|FAN_UNLIMITED_QUEUE */, "
            "0x80002 /* O_RDWR|O_CLOEXEC */) = 4");

  EXPECT_EQ(line_of(mem, "fanotify_mark", {3, 1, 0x28, kNeg(-100), 0x1000}, 0),
            "fanotify_mark(3, FAN_MARK_ADD, FAN_CLOSE_WRITE|FAN_OPEN, AT_FDCWD, \"/tmp\") = 0");
  EXPECT_EQ(line_of(mem, "fanotify_mark", {3, 0x12, 0x3b, 0xffffffff, 0}, -9, true),
            "fanotify_mark(3, FAN_MARK_REMOVE|FAN_MARK_MOUNT, FAN_ACCESS|FAN_MODIFY|"
            "FAN_CLOSE_WRITE|FAN_CLOSE_NOWRITE|FAN_OPEN, FAN_NOFD, NULL) = -1 EBADF (Bad file "
            "descriptor)");
  EXPECT_EQ(line_of(mem, "fanotify_mark", {3, 0x80, 0, 5, 1}, 0),
            "fanotify_mark(3, FAN_MARK_FLUSH, 0, 5, 0x1) = 0");
  EXPECT_EQ(
      line_of(mem, "fanotify_mark", {3, 0xffffffff, 0x100000000, kNeg(-100), 0x1000}, -22, true),
      "fanotify_mark(3, FAN_MARK_ADD|FAN_MARK_REMOVE|FAN_MARK_DONT_FOLLOW|FAN_MARK_ONLYDIR|"
      "FAN_MARK_MOUNT|FAN_MARK_IGNORED_MASK|FAN_MARK_IGNORED_SURV_MODIFY|FAN_MARK_FLUSH|"
      "FAN_MARK_FILESYSTEM|FAN_MARK_EVICTABLE|FAN_MARK_IGNORE|0xfffff800, 0x100000000 /* "
      "FAN_??? */, AT_FDCWD, \"/tmp\") = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(
      line_of(mem, "fanotify_mark", {3, 0, 0x400080000, 0xffffffff00000003, 0x1000}, -22, true),
      "fanotify_mark(3, 0, FAN_DIR_MODIFY|0x400000000, 3, \"/tmp\") = -1 EINVAL (Invalid "
      "argument)");
  EXPECT_EQ(line_of(mem, "fanotify_mark", {3, 1, 0x48000003, 0xffffffff, 0x1000}, 0, false,
                    with_xlat(XlatStyle::Verbose)),
            "fanotify_mark(3, 0x1 /* FAN_MARK_ADD */, 0x48000003 /* FAN_ACCESS|FAN_MODIFY|"
            "FAN_ONDIR|FAN_EVENT_ON_CHILD */, -1 /* FAN_NOFD */, \"/tmp\") = 0");
  EXPECT_EQ(line_of(mem, "fanotify_mark", {3, 1, 1, 0xffffffff, 0x1000}, 0, false,
                    with_xlat(XlatStyle::Raw)),
            "fanotify_mark(3, 0x1, 0x1, -1, \"/tmp\") = 0");
}

}  // namespace
}  // namespace scry::test
