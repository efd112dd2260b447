// io_setup, io_submit, io_cancel, io_getevents, io_pgetevents, get_robust_list and
// migrate_pages. Expected strings are strace 6.1 output (the addresses are the fake memory's).
#include <linux/aio_abi.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeAio, SetupAndDestroy) {
  FakeMemory mem;
  const std::uint64_t ctx = 0x7fc18f46b000;
  mem.map_obj(0x1000, ctx);
  SyscallRun r = run_syscall(mem, nr_of("io_setup"), {4, 0x1000}, 0);
  EXPECT_EQ(r.entry, "io_setup(4, ");
  EXPECT_EQ(r.line(), "io_setup(4, [0x7fc18f46b000]) = 0");
  EXPECT_EQ(line_of(mem, "io_setup", {0, 0x1000}, -22, true),
            "io_setup(0, 0x1000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "io_setup", {0xffffffff00000002, 0}, -14, true),
            "io_setup(2, NULL) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "io_setup", {7, 1}, 2), "io_setup(7, 0x1) = 2");
  EXPECT_EQ(line_of(mem, "io_destroy", {0}, -22, true),
            "io_destroy(NULL) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeAio, Submit) {
  FakeMemory mem;
  mem.map(0x5000, "root:x:0:0");
  const std::uint64_t iov[4] = {0x5000, 3, 0x5003, 4};
  mem.map_obj(0x6000, iov);
  iocb cb[8];
  std::memset(cb, 0, sizeof cb);
  cb[0].aio_data = 0x1234;
  cb[0].aio_lio_opcode = IOCB_CMD_PREAD;
  cb[0].aio_fildes = 3;
  cb[0].aio_buf = 0x5000;
  cb[0].aio_nbytes = 10;
  cb[1].aio_data = 2;
  cb[1].aio_lio_opcode = IOCB_CMD_PWRITE;
  cb[1].aio_fildes = 4;
  cb[1].aio_buf = 0x5000;
  cb[1].aio_nbytes = 5;
  cb[1].aio_offset = 7;
  cb[1].aio_reqprio = 1;
  cb[1].aio_flags = IOCB_FLAG_RESFD;
  cb[1].aio_resfd = 9;
  cb[1].aio_rw_flags = 2;
  cb[2].aio_lio_opcode = IOCB_CMD_PWRITEV;
  cb[2].aio_fildes = 1;
  cb[2].aio_buf = 0x6000;
  cb[2].aio_nbytes = 2;
  cb[2].aio_offset = -1;
  cb[3].aio_lio_opcode = IOCB_CMD_PREADV;
  cb[3].aio_fildes = 1;
  cb[3].aio_buf = 0x6000;
  cb[3].aio_nbytes = kNeg(-2);
  cb[4].aio_lio_opcode = 4;
  cb[4].aio_fildes = 1;
  cb[4].aio_key = 9;
  cb[4].aio_flags = 4;
  cb[4].aio_resfd = 5;
  cb[5].aio_lio_opcode = IOCB_CMD_FDSYNC;
  cb[5].aio_fildes = 0xffffffffu;
  cb[5].aio_flags = IOCB_FLAG_IOPRIO;
  cb[5].aio_reqprio = -1;
  cb[6].aio_lio_opcode = IOCB_CMD_POLL;
  cb[6].aio_fildes = 1;
  cb[6].aio_buf = 0x100000000;
  cb[6].aio_flags = 4;
  cb[6].aio_resfd = 9;
  cb[7].aio_lio_opcode = 99;
  cb[7].aio_fildes = 3;
  cb[7].aio_rw_flags = static_cast<int>(0x80000000u);
  for (int i = 0; i < 8; ++i) mem.map_obj(0x1000 + 0x100 * static_cast<std::uint64_t>(i), cb[i]);
  std::uint64_t ptrs[10];
  for (int i = 0; i < 8; ++i) ptrs[i] = 0x1000 + 0x100 * static_cast<std::uint64_t>(i);
  ptrs[8] = 0;
  ptrs[9] = 1;
  mem.map_obj(0x2000, ptrs);
  auto sub = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
                 DecodeOptions opt = {}) { return line_of(mem, "io_submit", args, ret, err, opt); };
  EXPECT_EQ(sub({0x7000, 2, 0x2000}, 2),
            "io_submit(0x7000, 2, [{aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PREAD, aio_fildes=3, "
            "aio_buf=0x5000, aio_nbytes=10, aio_offset=0}, {aio_data=0x2, aio_rw_flags=RWF_DSYNC, "
            "aio_lio_opcode=IOCB_CMD_PWRITE, aio_reqprio=1, aio_fildes=4, aio_buf=\"root:\", "
            "aio_nbytes=5, aio_offset=7, aio_flags=IOCB_FLAG_RESFD, aio_resfd=9}]) = 2");
  EXPECT_EQ(sub({0x7000, 4, 0x2010}, -9, true),
            "io_submit(0x7000, 4, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITEV, aio_fildes=1, "
            "aio_buf=[{iov_base=\"roo\", iov_len=3}, {iov_base=\"t:x:\", iov_len=4}], "
            "aio_offset=-1}, {aio_data=0, aio_lio_opcode=IOCB_CMD_PREADV, aio_fildes=1, "
            "aio_buf=0x6000, aio_nbytes=18446744073709551614, aio_offset=0}, {aio_data=0, "
            "aio_key=9, aio_lio_opcode=IOCB_CMD_PREADX, aio_fildes=1}, {aio_data=0, "
            "aio_lio_opcode=IOCB_CMD_FDSYNC, aio_reqprio=IOPRIO_PRIO_VALUE(0x7 /* "
            "IOPRIO_CLASS_??? */, 8191), aio_fildes=-1}]) = -1 EBADF (Bad file descriptor)");
  EXPECT_EQ(sub({0x7000, 4, 0x2030}, 1),
            "io_submit(0x7000, 4, [{aio_data=0, aio_lio_opcode=IOCB_CMD_POLL, aio_fildes=1, "
            "aio_buf=0x100000000 /* POLL??? */, aio_flags=0x4 /* IOCB_FLAG_??? */, "
            "aio_resfd=0x9}, {aio_data=0, aio_rw_flags=0x80000000 /* RWF_??? */, aio_lio_opcode=99 "
            "/* IOCB_CMD_??? */, aio_fildes=3}, NULL, 0x1]) = 1");
  EXPECT_EQ(sub({0x7000, 2, 0x2000}, 2, false, with_xlat(XlatStyle::Raw)),
            "io_submit(0x7000, 2, [{aio_data=0x1234, aio_lio_opcode=0, aio_fildes=3, "
            "aio_buf=0x5000, aio_nbytes=10, aio_offset=0}, {aio_data=0x2, aio_rw_flags=0x2, "
            "aio_lio_opcode=1, aio_reqprio=1, aio_fildes=4, aio_buf=\"root:\", aio_nbytes=5, "
            "aio_offset=7, aio_flags=0x1, aio_resfd=9}]) = 2");
  EXPECT_EQ(sub({0x7000, 1, 0x2028}, 1, false, with_xlat(XlatStyle::Verbose)),
            "io_submit(0x7000, 1, [{aio_data=0, aio_lio_opcode=3 /* IOCB_CMD_FDSYNC */, "
            "aio_reqprio=0xffff /* IOPRIO_PRIO_VALUE(0x7 /* IOPRIO_CLASS_??? */, 8191) */, "
            "aio_fildes=-1}]) = 1");
  EXPECT_EQ(sub({0x7000, 0, 0x2000}, 0), "io_submit(0x7000, 0, []) = 0");
  EXPECT_EQ(sub({0x7000, kNeg(-1), 0x2000}, -22, true),
            "io_submit(0x7000, -1, 0x2000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(sub({0x7000, 1, 0}, -14, true), "io_submit(0x7000, 1, NULL) = -1 EFAULT (Bad address)");
  // A count past the readable pointer array: the elements, then where reading stopped.
  EXPECT_EQ(sub({0, 0x100000001, 0x2040}, 1),
            "io_submit(NULL, 4294967297, [NULL, 0x1, ... /* 0x2050 */]) = 1");
  DecodeOptions s1;
  s1.string_limit = 1;
  EXPECT_EQ(sub({0x7000, 2, 0x2040}, 1, false, s1), "io_submit(0x7000, 2, [NULL, ...]) = 1");
}

TEST(DecodeAio, CancelAndEvents) {
  FakeMemory mem;
  iocb cb{};
  cb.aio_data = 0x1234;
  cb.aio_lio_opcode = IOCB_CMD_PREAD;
  cb.aio_fildes = 3;
  cb.aio_buf = 0x5000;
  cb.aio_nbytes = 10;
  mem.map_obj(0x1000, cb);
  const io_event ev[3] = {{0, 0, -5, 7}, {1, 2, 3, 4}, {0x1234, 0x7ffd78859e70, 10, 0}};
  mem.map_obj(0x2000, ev);
  const std::int64_t ts[2] = {1, 0};
  mem.map_obj(0x3000, ts);
  const std::uint64_t usr1 = 1u << 9;
  mem.map_obj(0x4000, usr1);
  const std::uint64_t sigset[2] = {0x4000, 8};
  mem.map_obj(0x4100, sigset);
  const std::uint64_t badset[2] = {0x4000, 3};
  mem.map_obj(0x4200, badset);

  SyscallRun r = run_syscall(mem, nr_of("io_cancel"), {0x7000, 0x1000, 0x2000}, 0);
  EXPECT_EQ(r.entry,
            "io_cancel(0x7000, {aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PREAD, aio_fildes=3}, ");
  EXPECT_EQ(r.line(),
            "io_cancel(0x7000, {aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PREAD, aio_fildes=3}, "
            "{data=0, obj=0, res=-5, res2=7}) = 0");
  EXPECT_EQ(line_of(mem, "io_cancel", {0x7000, 0x1000, 0x2000}, -22, true),
            "io_cancel(0x7000, {aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PREAD, aio_fildes=3}, "
            "0x2000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "io_cancel", {0x7000, 1, 0}, 0), "io_cancel(0x7000, 0x1, NULL) = 0");

  r = run_syscall(mem, nr_of("io_getevents"), {0x7000, 1, 4, 0x2000, 0x3000}, 3);
  EXPECT_EQ(r.entry, "io_getevents(0x7000, 1, 4, ");
  EXPECT_EQ(r.line(),
            "io_getevents(0x7000, 1, 4, [{data=0, obj=0, res=-5, res2=7}, {data=0x1, obj=0x2, "
            "res=3, res2=4}, {data=0x1234, obj=0x7ffd78859e70, res=10, res2=0}], {tv_sec=1, "
            "tv_nsec=0}) = 3");
  EXPECT_EQ(line_of(mem, "io_getevents", {0x7000, 0, 4, 0x2000, 0}, 0),
            "io_getevents(0x7000, 0, 4, [], NULL) = 0");
  // On failure the events are an address; the timeout is what the caller passed.
  EXPECT_EQ(line_of(mem, "io_getevents", {0x1234, 1, 2, 0x2000, 0x3000}, -22, true),
            "io_getevents(0x1234, 1, 2, 0x2000, {tv_sec=1, tv_nsec=0}) = -1 EINVAL (Invalid "
            "argument)");
  EXPECT_EQ(line_of(mem, "io_getevents", {0x1234, kNeg(-1), 0x100000000, 0x2000, 1}, -14, true),
            "io_getevents(0x1234, -1, 4294967296, 0x2000, 0x1) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "io_pgetevents", {0x7000, 0, 4, 0x2000, 0x3000, 0x4100}, 0),
            "io_pgetevents(0x7000, 0, 4, [], {tv_sec=1, tv_nsec=0}, {sigmask=[USR1], "
            "sigsetsize=8}) = 0");
  EXPECT_EQ(line_of(mem, "io_pgetevents", {0x1234, 1, 2, 0x2000, 0x3000, 0x4100}, -22, true),
            "io_pgetevents(0x1234, 1, 2, 0x2000, {tv_sec=1, tv_nsec=0}, {sigmask=[USR1], "
            "sigsetsize=8}) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "io_pgetevents", {0x1234, 1, 3, 0x2000, 0, 0x4200}, 2),
            "io_pgetevents(0x1234, 1, 3, [{data=0, obj=0, res=-5, res2=7}, {data=0x1, obj=0x2, "
            "res=3, res2=4}], NULL, {sigmask=0x4000, sigsetsize=3}) = 2");
  EXPECT_EQ(line_of(mem, "io_pgetevents", {0x1234, 1, 3, 0x2000, 0, 1}, -14, true),
            "io_pgetevents(0x1234, 1, 3, 0x2000, NULL, 0x1) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "io_pgetevents", {0x7000, 0, 4, 0x2000, 0x3000, 0x4100}, 0, false,
                    with_xlat(XlatStyle::Verbose)),
            "io_pgetevents(0x7000, 0, 4, [], {tv_sec=1, tv_nsec=0}, {sigmask=[10 /* USR1 */], "
            "sigsetsize=8}) = 0");
}

TEST(DecodeAio, RobustListAndMigratePages) {
  FakeMemory mem;
  const std::uint64_t head = 0x7fc18f27ca20;
  const std::uint64_t len = 24;
  mem.map_obj(0x1000, head);
  mem.map_obj(0x1008, len);
  SyscallRun r = run_syscall(mem, nr_of("get_robust_list"), {0, 0x1000, 0x1008}, 0);
  EXPECT_EQ(r.entry, "get_robust_list(0, ");
  EXPECT_EQ(r.line(), "get_robust_list(0, [0x7fc18f27ca20], [24]) = 0");
  EXPECT_EQ(line_of(mem, "get_robust_list", {999999, 0x1000, 0x1008}, -3, true),
            "get_robust_list(999999, 0x1000, 0x1008) = -1 ESRCH (No such process)");
  EXPECT_EQ(line_of(mem, "get_robust_list", {kNeg(-1), 0x1000, 0}, 2),
            "get_robust_list(-1, [0x7fc18f27ca20], NULL) = 2");
  EXPECT_EQ(line_of(mem, "get_robust_list", {1, 1, 2}, -14, true),
            "get_robust_list(1, 0x1, 0x2) = -1 EFAULT (Bad address)");

  const std::uint64_t nodes[3] = {1, 2, 3};
  mem.map_obj(0x2000, nodes);
  EXPECT_EQ(line_of(mem, "migrate_pages", {0, 2, 0x2000, 0x2000}, 0),
            "migrate_pages(0, 2, [0x00000000000001], [0x00000000000001]) = 0");
  EXPECT_EQ(line_of(mem, "migrate_pages", {0, 130, 0x2000, 0x2000}, 0),
            "migrate_pages(0, 130, [0x00000000000001, 0x00000000000002, 0x00000000000003], "
            "[0x00000000000001, 0x00000000000002, 0x00000000000003]) = 0");
  EXPECT_EQ(line_of(mem, "migrate_pages", {0, 0, 0, 0}, -22, true),
            "migrate_pages(0, 0, NULL, NULL) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "migrate_pages", {kNeg(-1), 64, 1, 0x2000}, -14, true),
            "migrate_pages(-1, 64, 0x1, [0x00000000000001]) = -1 EFAULT (Bad address)");
}

}  // namespace
}  // namespace scry::test
