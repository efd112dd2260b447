// Small decoders: preadv2/pwritev2's flags, kcmp, mincore, membarrier, xattr values and lists,
// seccomp and its BPF programs, the capability sets and utimensat's special values under -X.
// Expected strings are strace 6.1's.
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeMiscCalls, Rwv2FlagsAreTheSixthArgument) {
  FakeMemory mem;
  const char data[] = "he";
  mem.map(0x2000, data, 2);
  std::uint64_t iov[2] = {0x2000, 2};
  mem.map_obj(0x1000, iov);
  // pos_h (args[4]) is not printed: the flags come from args[5].
  EXPECT_EQ(line_of(mem, "preadv2", {3, 0x1000, 1, 0, 0x55, 1}, 2),
            "preadv2(3, [{iov_base=\"he\", iov_len=2}], 1, 0, RWF_HIPRI) = 2");
  EXPECT_EQ(line_of(mem, "pwritev2", {3, 0x1000, 1, 7, 0, 0x10}, 2),
            "pwritev2(3, [{iov_base=\"he\", iov_len=2}], 1, 7, RWF_APPEND) = 2");
  EXPECT_EQ(
      line_of(mem, "pwritev2", {3, 0x1000, 1, 7, 0, 0x10}, 2, false, with_xlat(XlatStyle::Raw)),
      "pwritev2(3, [{iov_base=\"he\", iov_len=2}], 1, 7, 0x10) = 2");
}

TEST(DecodeMiscCalls, Kcmp) {
  FakeMemory mem;
  FakeFds fds;
  fds.paths[3] = "/etc/passwd";
  DecodeOptions y;
  y.decode_fds = true;
  EXPECT_EQ(line_of(mem, "kcmp", {10, 10, 0, 3, 3}, 0, false, y, &fds),
            "kcmp(10, 10, KCMP_FILE, 3</etc/passwd>, 3</etc/passwd>) = 0");
  EXPECT_EQ(line_of(mem, "kcmp", {10, 11, 1, 3, 3}, 1), "kcmp(10, 11, KCMP_VM) = 1");
  EXPECT_EQ(line_of(mem, "kcmp", {10, 10, 8, 3, 3}, -22, true),
            "kcmp(10, 10, 0x8 /* KCMP_??? */, 0x3, 0x3) = -1 EINVAL (Invalid argument)");
  std::uint32_t slot[3] = {4, 3, 0};
  mem.map_obj(0x1000, slot);
  EXPECT_EQ(line_of(mem, "kcmp", {10, 10, 7, 3, 0x1000}, -2, true),
            "kcmp(10, 10, KCMP_EPOLL_TFD, 3, {efd=4, tfd=3, toff=0}) = -1 ENOENT (No such file or "
            "directory)");
  EXPECT_EQ(line_of(mem, "kcmp", {10, 10, 7, 3, 1}, -14, true),
            "kcmp(10, 10, KCMP_EPOLL_TFD, 3, 0x1) = -1 EFAULT (Bad address)");
}

TEST(DecodeMiscCalls, Mincore) {
  FakeMemory mem;
  unsigned char vec[10] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0x81};
  mem.map_obj(0x1000, vec);
  EXPECT_EQ(line_of(mem, "mincore", {0x7f0000000000, 40960, 0x1000}, 0),
            "mincore(0x7f0000000000, 40960, [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]) = 0");
  EXPECT_EQ(line_of(mem, "mincore", {0x7f0000000000, 4097, 0x1000}, 0),
            "mincore(0x7f0000000000, 4097, [0, 0]) = 0");
  DecodeOptions s3;
  s3.string_limit = 3;
  EXPECT_EQ(line_of(mem, "mincore", {0x7f0000000000, 40960, 0x1000}, 0, false, s3),
            "mincore(0x7f0000000000, 40960, [0, 0, 0, ...]) = 0");
  EXPECT_EQ(line_of(mem, "mincore", {0x7f0000000001, 40960, 0x1000}, -22, true),
            "mincore(0x7f0000000001, 40960, 0x1000) = -1 EINVAL (Invalid argument)");
  // More pages than are mapped, and a huge length: the address, read within -s.
  EXPECT_EQ(line_of(mem, "mincore", {0x7f0000000000, 4096 * 100, 0x1000}, 0),
            "mincore(0x7f0000000000, 409600, 0x1000) = 0");
  EXPECT_EQ(line_of(mem, "mincore", {0, ~0ull, 0x1000}, 0, false, s3),
            "mincore(NULL, 18446744073709551615, [0, 0, 0, ...]) = 0");
}

TEST(DecodeMiscCalls, Membarrier) {
  FakeMemory mem;
  EXPECT_EQ(
      line_of(mem, "membarrier", {0, 0, 0}, 0x1ff),
      "membarrier(MEMBARRIER_CMD_QUERY, 0) = 0x1ff (MEMBARRIER_CMD_GLOBAL|"
      "MEMBARRIER_CMD_GLOBAL_EXPEDITED|MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED|"
      "MEMBARRIER_CMD_PRIVATE_EXPEDITED|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED|"
      "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE|"
      "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE|"
      "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ)");
  EXPECT_EQ(line_of(mem, "membarrier", {16, 0, 9}, 0),
            "membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0) = 0");
  EXPECT_EQ(line_of(mem, "membarrier", {0x1000, 7, 5}, -22, true),
            "membarrier(0x1000 /* MEMBARRIER_CMD_??? */, MEMBARRIER_CMD_FLAG_CPU|0x6, 5) = -1 "
            "EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "membarrier", {16, 1, 5}, 0, false, with_xlat(XlatStyle::Verbose)),
            "membarrier(0x10 /* MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED */, 0x1 /* "
            "MEMBARRIER_CMD_FLAG_CPU */, 5) = 0");
}

TEST(DecodeMiscCalls, CapabilitySetsPrintTheirHalvesUnderX) {
  FakeMemory mem;
  std::uint32_t hdr[2] = {0x20080522, 0};
  std::uint32_t data[6] = {0xfeffffff, 0xfeffffff, 0, 0x1ff, 0x1ff, 0};
  mem.map_obj(0x1000, hdr);
  mem.map_obj(0x2000, data);
  EXPECT_EQ(line_of(mem, "capget", {0x1000, 0x2000}, 0, false, with_xlat(XlatStyle::Raw)),
            "capget({version=0x20080522, pid=0}, {effective=0xfeffffff|0x1ff, "
            "permitted=0xfeffffff|0x1ff, inheritable=0}) = 0");
  std::uint32_t high_only[6] = {0, 0, 0, 0x2, 0, 0};
  mem.map_obj(0x3000, high_only);
  EXPECT_EQ(line_of(mem, "capget", {0x1000, 0x3000}, 0),
            "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_MAC_ADMIN, "
            "permitted=0, inheritable=0}) = 0");
  EXPECT_EQ(line_of(mem, "capget", {0x1000, 0x3000}, 0, false, with_xlat(XlatStyle::Verbose)),
            "capget({version=0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, pid=0}, "
            "{effective=0x2 /* 1<<CAP_MAC_ADMIN */, permitted=0, inheritable=0}) = 0");
}

TEST(DecodeMiscCalls, UtimeOmitUnderX) {
  FakeMemory mem;
  std::int64_t ts[4] = {0, (1 << 30) - 1, 0, (1 << 30) - 2};
  mem.map_obj(0x1000, ts);
  EXPECT_EQ(line_of(mem, "utimensat", {3, 0, 0x1000, 0}, 0),
            "utimensat(3, NULL, [UTIME_NOW, UTIME_OMIT], 0) = 0");
  EXPECT_EQ(line_of(mem, "utimensat", {3, 0, 0x1000, 0}, 0, false, with_xlat(XlatStyle::Raw)),
            "utimensat(3, NULL, [{tv_sec=0, tv_nsec=1073741823}, {tv_sec=0, "
            "tv_nsec=1073741822}], 0) = 0");
  EXPECT_EQ(line_of(mem, "utimensat", {3, 0, 0x1000, 0}, 0, false, with_xlat(XlatStyle::Verbose)),
            "utimensat(3, NULL, [{tv_sec=0, tv_nsec=1073741823} /* UTIME_NOW */, {tv_sec=0, "
            "tv_nsec=1073741822} /* UTIME_OMIT */], 0) = 0");
}

TEST(DecodeMiscCalls, XattrValuesAndLists) {
  FakeMemory mem;
  mem.map(0x1000, std::string_view("\0\0\0\0\0", 5));
  mem.map(0x2000, std::string_view("user.y\0user.q\0", 14));
  mem.map_cstr(0x3000, "user.q");
  // A value's trailing NUL is not shown; a size over XATTR_SIZE_MAX gives the address.
  EXPECT_EQ(line_of(mem, "fgetxattr", {3, 0x3000, 0x1000, 0}, 5),
            "fgetxattr(3, \"user.q\", \"\\0\\0\\0\\0\", 0) = 5");
  EXPECT_EQ(line_of(mem, "fgetxattr", {3, 0x3000, 0x1000, 2}, -34, true),
            "fgetxattr(3, \"user.q\", 0x1000, 2) = -1 ERANGE (Numerical result out of range)");
  EXPECT_EQ(line_of(mem, "fsetxattr", {3, 0x3000, 0x1000, 70000, 0}, -7, true),
            "fsetxattr(3, \"user.q\", 0x1000, 70000, 0) = -1 E2BIG (Argument list too long)");
  // A list: the address when the size asked for is 0.
  EXPECT_EQ(line_of(mem, "flistxattr", {3, 0x2000, 0}, 14), "flistxattr(3, 0x2000, 0) = 14");
  EXPECT_EQ(line_of(mem, "flistxattr", {3, 0x2000, 64}, 14),
            "flistxattr(3, \"user.y\\0user.q\\0\", 64) = 14");
}

TEST(DecodeMiscCalls, SeccompFilters) {
  FakeMemory mem;
  const sock_filter insns[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xc000003e, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1),
      BPF_STMT(BPF_ALU | BPF_NEG, 0),
      BPF_STMT(BPF_RET | BPF_K, 0x12345678),
      BPF_STMT(0xffff, 0x12),
  };
  mem.map_obj(0x2000, insns);
  struct {
    std::uint16_t len, pad[3];
    std::uint64_t filter;
  } prog{6, {}, 0x2000};
  mem.map_obj(0x1000, prog);
  EXPECT_EQ(line_of(mem, "seccomp", {1, 1, 0x1000}, 0),
            "seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, {len=6, filter=0x2000}) = "
            "0");
  DecodeOptions v;
  v.verbose = true;
  EXPECT_EQ(line_of(mem, "seccomp", {1, 0, 0x1000}, 0, false, v),
            "seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=6, filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, "
            "0x4), BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0xc000003e, 0x1, 0), BPF_STMT(BPF_RET|BPF_K, "
            "SECCOMP_RET_ERRNO|0x1), BPF_STMT(BPF_ALU|BPF_K|BPF_NEG, 0), BPF_STMT(BPF_RET|BPF_K, "
            "0x12340000 /* SECCOMP_RET_??? */|0x5678), BPF_STMT(BPF_MISC|0xf8 /* BPF_??? */|0xff00 "
            "/* BPF_??? */, 0x12)]}) = 0");
  v.xlat = XlatStyle::Raw;
  EXPECT_EQ(
      line_of(mem, "prctl", {PR_SET_SECCOMP, 2, 0x1000}, 0, false, v),
      "prctl(0x16, 0x2, {len=6, filter=[BPF_STMT(0|0|0x20, 0x4), BPF_JUMP(0x5|0|0x10, "
      "0xc000003e, 0x1, 0), BPF_STMT(0x6|0, 0x50000|0x1), BPF_STMT(0x4|0|0x80, 0), "
      "BPF_STMT(0x6|0, 0x12340000|0x5678), BPF_STMT(0x7|0xf8|0xff00 /* BPF_??? */, 0x12)]}) = "
      "0");
  // A program cut short by unmapped memory, and a bad pointer.
  prog.len = 9;
  mem.map_obj(0x1000, prog);
  v.xlat = XlatStyle::Abbrev;
  const std::string cut = line_of(mem, "prctl", {PR_SET_SECCOMP, 2, 0x1000}, -14, true, v);
  EXPECT_NE(cut.find("0x12), ... /* 0x2030 */]}) = -1 EFAULT"), std::string::npos) << cut;
  EXPECT_EQ(line_of(mem, "seccomp", {1, 0, 0x5000}, -14, true),
            "seccomp(SECCOMP_SET_MODE_FILTER, 0, 0x5000) = -1 EFAULT (Bad address)");
  std::uint32_t action = SECCOMP_RET_LOG;
  mem.map_obj(0x3000, action);
  EXPECT_EQ(line_of(mem, "seccomp", {2, 0, 0x3000}, 0),
            "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_LOG]) = 0");
  std::uint16_t sizes[3] = {80, 24, 64};
  mem.map_obj(0x4000, sizes);
  EXPECT_EQ(line_of(mem, "seccomp", {3, 0, 0x4000}, 0),
            "seccomp(SECCOMP_GET_NOTIF_SIZES, 0, {seccomp_notif=80, seccomp_notif_resp=24, "
            "seccomp_data=64}) = 0");
}

TEST(DecodeMiscCalls, RemoteIovecsAreAddressesAndWakeOpUnderX) {
  FakeMemory mem;
  mem.map(0x3000, std::string_view("abcd", 4));
  mem.map(0x4000, std::string_view("wxyz", 4));
  std::uint64_t local[2] = {0x3000, 4};
  std::uint64_t remote[2] = {0x4000, 4};
  mem.map_obj(0x1000, local);
  mem.map_obj(0x2000, remote);
  EXPECT_EQ(line_of(mem, "process_vm_readv", {7, 0x1000, 1, 0x2000, 1, 0}, 4),
            "process_vm_readv(7, [{iov_base=\"abcd\", iov_len=4}], 1, [{iov_base=0x4000, "
            "iov_len=4}], 1, 0) = 4");
  // FUTEX_WAKE_OP's encoded op: -X raw finds no names (strace adds its "???" comments).
  const std::uint64_t op = (1u << 28) | (1u << 12) | (4u << 24);
  EXPECT_EQ(
      line_of(mem, "futex", {0x1000, 5, 1, 1, 0x1000, op}, 0, false, with_xlat(XlatStyle::Raw)),
      "futex(0x1000, 0x5, 1, 1, 0x1000, 0x1<<28 /* FUTEX_OP_??? */|0x1<<12|0x4<<24 /* "
      "FUTEX_OP_CMP_??? */|0) = 0");
  EXPECT_EQ(
      line_of(mem, "futex", {0x1000, 5, 1, 1, 0x1000, op}, 0, false, with_xlat(XlatStyle::Verbose)),
      "futex(0x1000, 0x5 /* FUTEX_WAKE_OP */, 1, 1, 0x1000, 0x1 /* FUTEX_OP_ADD */<<28|0x1<<12|0x4 "
      "/* FUTEX_OP_CMP_GT */<<24|0) = 0");
}

}  // namespace
}  // namespace scry::test
