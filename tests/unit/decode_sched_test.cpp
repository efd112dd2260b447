// CPU affinity masks, group lists, NUMA node masks, sched_attr, capability headers and data,
// personality: good, partly mapped and bad-pointer input. Expected strings are real strace 6.1
// output (tests over a program making these calls; addresses are the program's).
#include <linux/capability.h>
#include <sys/personality.h>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

// A page of zeros at kPage..kEnd, nothing after it.
TEST(DecodeSched, AffinityMasks) {
  FakeMemory mem = page();
  const std::uint64_t mask[2] = {0x23, 0};
  mem.map_obj(kPage, mask);
  EXPECT_EQ(line_of(mem, "sched_setaffinity", {0, 8, kPage}, 0),
            "sched_setaffinity(0, 8, [0 1 5]) = 0");
  EXPECT_EQ(line_of(mem, "sched_setaffinity", {0, 8, 1}, kEfault, true),
            "sched_setaffinity(0, 8, 0x1) = -1 EFAULT (Bad address)");
  // 16 bytes asked, 8 mapped: the address.
  mem.map_obj(kEnd - 8, mask[0]);
  EXPECT_EQ(line_of(mem, "sched_setaffinity", {0, 16, kEnd - 8}, kEfault, true),
            "sched_setaffinity(0, 16, 0x10000ff8) = -1 EFAULT (Bad address)");
  const std::uint64_t got[2] = {0x3, 0};
  mem.map_obj(kPage + 64, got);
  EXPECT_EQ(line_of(mem, "sched_getaffinity", {0, 16, kPage + 64}, 16),
            "sched_getaffinity(0, 16, [0 1]) = 16");
}

TEST(DecodeSched, GroupLists) {
  FakeMemory mem = page();
  const gid_t gl[3] = {0, 4, 27};
  mem.map_obj(kPage, gl);
  EXPECT_EQ(line_of(mem, "setgroups", {3, kPage}, 0), "setgroups(3, [0, 4, 27]) = 0");
  // Two of three mapped: the elements read, then where the rest would be.
  mem.map(kEnd - 8, gl, 8);
  EXPECT_EQ(line_of(mem, "setgroups", {3, kEnd - 8}, kEfault, true),
            "setgroups(3, [0, 4, ... /* 0x10001000 */]) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "setgroups", {2, 1}, kEfault, true),
            "setgroups(2, 0x1) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "getgroups", {8, kPage}, 3), "getgroups(8, [0, 4, 27]) = 3");
}

TEST(DecodeSched, NodeMasks) {
  FakeMemory mem = page();
  const std::uint64_t nm[2] = {1, 0};
  mem.map_obj(kPage, nm);
  EXPECT_EQ(line_of(mem, "set_mempolicy", {2, kPage, 65}, 0),
            "set_mempolicy(MPOL_BIND, [0x00000000000001], 65) = 0");
  const int mode = 2;
  mem.map_obj(kPage + 64, mode);
  EXPECT_EQ(line_of(mem, "get_mempolicy", {kPage + 64, kPage, 65, 0, 0}, 0),
            "get_mempolicy([MPOL_BIND], [0x00000000000001], 65, NULL, 0) = 0");
}

struct SchedAttr {
  std::uint32_t size, sched_policy;
  std::uint64_t sched_flags;
  std::int32_t sched_nice;
  std::uint32_t sched_priority;
  std::uint64_t sched_runtime, sched_deadline, sched_period;
  std::uint32_t sched_util_min, sched_util_max;
};
static_assert(sizeof(SchedAttr) == 56);

TEST(DecodeSched, SchedAttr) {
  FakeMemory mem = page();
  SchedAttr sa{};
  sa.size = 56;
  sa.sched_nice = 5;
  mem.map_obj(kPage, sa);
  EXPECT_EQ(line_of(mem, "sched_setattr", {0, kPage, 0}, 0),
            "sched_setattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=5, "
            "sched_priority=0, sched_runtime=0, sched_deadline=0, sched_period=0, "
            "sched_util_min=0, sched_util_max=0}, 0) = 0");
  sa.sched_runtime = 1400000;
  mem.map_obj(kPage + 128, sa);
  EXPECT_EQ(line_of(mem, "sched_getattr", {0, kPage + 128, 56, 0}, 0),
            "sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=5, "
            "sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0, "
            "sched_util_min=0, sched_util_max=0}, 56, 0) = 0");
  EXPECT_EQ(line_of(mem, "sched_setattr", {0, 1, 0}, kEfault, true),
            "sched_setattr(0, 0x1, 0) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 8, &sa, 8);
  EXPECT_EQ(line_of(mem, "sched_setattr", {0, kEnd - 8, 0}, kEfault, true),
            "sched_setattr(0, 0x10000ff8, 0) = -1 EFAULT (Bad address)");
}

TEST(DecodeSched, Capabilities) {
  FakeMemory mem = page();
  __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
  mem.map_obj(kPage, hdr);
  __user_cap_data_struct cd[2] = {{0x21, 0x21, 0}, {0x100, 0, 0}};
  mem.map_obj(kPage + 64, cd);
  const std::string v3 =
      "{version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_CHOWN|1<<CAP_KILL|"
      "1<<CAP_CHECKPOINT_RESTORE, permitted=1<<CAP_CHOWN|1<<CAP_KILL, inheritable=0}";
  EXPECT_EQ(line_of(mem, "capget", {kPage, kPage + 64}, 0), "capget(" + v3 + ") = 0");
  EXPECT_EQ(line_of(mem, "capset", {kPage, kPage + 64}, 0), "capset(" + v3 + ") = 0");
  // Version 1 has one data struct: the second word's capability is not there.
  hdr.version = _LINUX_CAPABILITY_VERSION_1;
  mem.map_obj(kPage + 32, hdr);
  EXPECT_EQ(line_of(mem, "capget", {kPage + 32, kPage + 64}, 0),
            "capget({version=_LINUX_CAPABILITY_VERSION_1, pid=0}, {effective=1<<CAP_CHOWN|"
            "1<<CAP_KILL, permitted=1<<CAP_CHOWN|1<<CAP_KILL, inheritable=0}) = 0");
  EXPECT_EQ(line_of(mem, "capget", {1, 0x7ffcf21bc750}, kEfault, true),
            "capget(0x1, 0x7ffcf21bc750) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 4, &hdr, 4);
  EXPECT_EQ(line_of(mem, "capget", {kEnd - 4, 0x7ffcf21bc750}, kEfault, true),
            "capget(0x10000ffc, 0x7ffcf21bc750) = -1 EFAULT (Bad address)");
}

TEST(DecodeSched, Personality) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "personality", {0xffffffff}, 0),
            "personality(0xffffffff) = 0 (PER_LINUX)");
  // PER_LINUX32 | ADDR_NO_RANDOMIZE (mixing the two enums is deprecated in C++20)
  EXPECT_EQ(line_of(mem, "personality", {0x0008u | 0x0040000u}, 0),
            "personality(PER_LINUX32|ADDR_NO_RANDOMIZE) = 0 (PER_LINUX)");
  EXPECT_EQ(line_of(mem, "personality", {0x1234567}, 0x40008),
            "personality(0x67 /* PER_??? */|UNAME26|ADDR_COMPAT_LAYOUT|SHORT_INODE|0x14500) = "
            "0x40008 (PER_LINUX32|ADDR_NO_RANDOMIZE)");
  EXPECT_EQ(line_of(mem, "personality", {PER_LINUX}, 0x1234567),
            "personality(PER_LINUX) = 0x1234567 (0x67 /* PER_??? */|UNAME26|ADDR_COMPAT_LAYOUT|"
            "SHORT_INODE|0x14500)");
}

TEST(DecodeSched, IoPriorities) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "ioprio_set", {1, 0, (3u << 13) | 7}, 0),
            "ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 7)) = 0");
  EXPECT_EQ(line_of(mem, "ioprio_set", {7, 0, 0xffffffff}, -22, true),
            "ioprio_set(0x7 /* IOPRIO_WHO_??? */, 0, IOPRIO_PRIO_VALUE(0x7ffff /* "
            "IOPRIO_CLASS_??? */, 8191)) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "ioprio_get", {1, 0}, (2 << 13) | 4),
            "ioprio_get(IOPRIO_WHO_PROCESS, 0) = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))");
  DecodeOptions raw;
  raw.xlat = XlatStyle::Raw;
  EXPECT_EQ(line_of(mem, "ioprio_get", {1, 0}, 8192, false, raw), "ioprio_get(0x1, 0) = 8192");
  DecodeOptions verbose;
  verbose.xlat = XlatStyle::Verbose;
  EXPECT_EQ(line_of(mem, "ioprio_set", {1, 0, 1u << 13}, 0, false, verbose),
            "ioprio_set(0x1 /* IOPRIO_WHO_PROCESS */, 0, 8192 /* IOPRIO_PRIO_VALUE(0x1 /* "
            "IOPRIO_CLASS_RT */, 0) */) = 0");
}

}  // namespace
}  // namespace scry::test
