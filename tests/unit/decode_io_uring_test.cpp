// io_uring_setup and io_uring_register: the parameters in and out, the register opcodes' arguments,
// and hostile input (bad pointers, short mappings, huge counts). Expected strings are strace 6.1's
// output for the same calls.
#include <linux/io_uring.h>

#include <cstring>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

TEST(DecodeIoUring, Setup) {
  FakeMemory mem = page();
  io_uring_params p{};
  mem.map_obj(kPage, p);
  // The kernel fills in the rest before the exit.
  auto fill = [&] {
    p.sq_entries = 4;
    p.cq_entries = 8;
    p.features = IORING_FEAT_SINGLE_MMAP | IORING_FEAT_NODROP | 0x3e000;
    p.sq_off.tail = 4;
    p.sq_off.array = 192;
    p.cq_off.cqes = 64;
    p.cq_off.resv1 = 5;
    mem.map_obj(kPage, p);
  };
  auto r = run_syscall(mem, nr_of("io_uring_setup"), {4, kPage}, 3, false, {}, nullptr, 0, fill);
  EXPECT_EQ(r.line(),
            "io_uring_setup(4, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=4, "
            "cq_entries=8, features=IORING_FEAT_SINGLE_MMAP|IORING_FEAT_NODROP|0x3e000, "
            "sq_off={head=0, tail=4, ring_mask=0, ring_entries=0, flags=0, dropped=0, array=192}, "
            "cq_off={head=0, tail=0, ring_mask=0, ring_entries=0, overflow=0, cqes=64, flags=0, "
            "resv1=0x5}}) = 3");
  // ATTACH_WQ shows wq_fd; reserved words print when non-zero; a failure ends the structure at
  // what was read at entry. SINGLE_ISSUER (1 << 12) is unknown to strace 6.1.
  io_uring_params q{};
  q.flags = IORING_SETUP_ATTACH_WQ | (1u << 12);
  q.wq_fd = 3;
  q.sq_thread_cpu = 17;
  q.resv[1] = 5;
  mem.map_obj(kPage + 256, q);
  EXPECT_EQ(line_of(mem, "io_uring_setup", {2, kPage + 256}, kEinval, true),
            "io_uring_setup(2, {flags=IORING_SETUP_ATTACH_WQ|0x1000, sq_thread_cpu=0x11, "
            "sq_thread_idle=0, wq_fd=3, resv=[0, 0x5, 0]}) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "io_uring_setup", {2, 0}, kEfault, true),
            "io_uring_setup(2, NULL) = -1 EFAULT (Bad address)");
  mem.map(kEnd - 100, &p, 100);
  EXPECT_EQ(line_of(mem, "io_uring_setup", {2, kEnd - 100}, kEfault, true),
            "io_uring_setup(2, 0x10000f9c) = -1 EFAULT (Bad address)");
}

TEST(DecodeIoUring, RegisterArrays) {
  FakeMemory mem = page();
  const int fds[3] = {-1, -2, 5};
  mem.map_obj(kPage, fds);
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_REGISTER_FILES, kPage, 3}, 0),
            "io_uring_register(3, IORING_REGISTER_FILES, [-1, -2, 5], 3) = 0");
  const io_uring_files_update up{1, 0, kPage};
  mem.map_obj(kPage + 64, up);
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_REGISTER_FILES_UPDATE, kPage + 64, 3},
                    kEinval, true),
            "io_uring_register(3, IORING_REGISTER_FILES_UPDATE, {offset=1, fds=[-1, "
            "IORING_REGISTER_FILES_SKIP, 5]}, 3) = -1 EINVAL (Invalid argument)");
  const std::uint32_t workers[2] = {4, 96};
  mem.map_obj(kPage + 128, workers);
  EXPECT_EQ(
      line_of(mem, "io_uring_register", {3, IORING_REGISTER_IOWQ_MAX_WORKERS, kPage + 128, 2}, 0),
      "io_uring_register(3, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=4, "
      "[IO_WQ_UNBOUND]=96] => [[IO_WQ_BOUND]=4, [IO_WQ_UNBOUND]=96], 2) = 0");
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_REGISTER_IOWQ_MAX_WORKERS, kPage + 128, 3},
                    kEinval, true),
            "io_uring_register(3, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=4, "
            "[IO_WQ_UNBOUND]=96, [2 /* IO_WQ_??? */]=0] => 0x10000080, 3) = -1 EINVAL "
            "(Invalid argument)");
  EXPECT_EQ(
      line_of(mem, "io_uring_register", {3, IORING_REGISTER_IOWQ_MAX_WORKERS, 0, 0}, kEinval, true),
      "io_uring_register(3, IORING_REGISTER_IOWQ_MAX_WORKERS, NULL, 0) = -1 EINVAL "
      "(Invalid argument)");
  io_uring_rsrc_update ru[2] = {};
  ru[0].offset = ~0u;
  ru[0].data = 3;
  ru[1].offset = 7;
  mem.map_obj(kPage + 256, ru);
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_REGISTER_RING_FDS, kPage + 256, 2}, 2),
            "io_uring_register(3, IORING_REGISTER_RING_FDS, [{offset=-1, data=3}, {offset=7, "
            "data=0}], 2) = 2");
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_UNREGISTER_RING_FDS, kPage + 256, 2}, 2),
            "io_uring_register(3, IORING_UNREGISTER_RING_FDS, [{offset=4294967295, data=0x3}, "
            "{offset=7}], 2) = 2");
  io_uring_restriction rs[2] = {};
  rs[0].opcode = IORING_RESTRICTION_SQE_OP;
  rs[0].sqe_op = 47;  // IORING_OP_SEND_ZC: newer than strace 6.1
  rs[1].opcode = 6;
  rs[1].resv = 5;
  mem.map_obj(kPage + 512, rs);
  EXPECT_EQ(
      line_of(mem, "io_uring_register", {3, IORING_REGISTER_RESTRICTIONS, kPage + 512, 2}, kEinval,
              true),
      "io_uring_register(3, IORING_REGISTER_RESTRICTIONS, [{opcode=IORING_RESTRICTION_SQE_OP, "
      "sqe_op=0x2f /* IORING_OP_??? */}, {opcode=0x6 /* IORING_RESTRICTION_??? */ /* op: 0 */, "
      "resv=0x5}], 2) = -1 EINVAL (Invalid argument)");
  io_uring_buf_reg br{};
  br.ring_addr = 0x1000;
  br.ring_entries = 8;
  br.bgid = 1;
  mem.map_obj(kPage + 1024, br);
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_REGISTER_PBUF_RING, kPage + 1024, 1}, 0),
            "io_uring_register(3, IORING_REGISTER_PBUF_RING, {ring_addr=0x1000, ring_entries=8, "
            "bgid=1}, 1) = 0");
  // Opcodes strace 6.1 does not decode (or know) print the address.
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, 24, kPage, 1}, kEinval, true),
            "io_uring_register(3, 0x18 /* IORING_REGISTER_??? */, 0x10000000, 1) = -1 EINVAL "
            "(Invalid argument)");
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_REGISTER_FILES2, kPage, 1}, kEinval, true),
            "io_uring_register(3, IORING_REGISTER_FILES2, 0x10000000, 1) = -1 EINVAL (Invalid "
            "argument)");
}

TEST(DecodeIoUring, RegisterProbe) {
  FakeMemory mem = page();
  // All zeros at entry: printed only at exit, from what the kernel wrote.
  auto fill = [&] {
    const unsigned char probe[16 + 8] = {62, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                         0,  0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};
    mem.map(kPage, probe, sizeof probe);
  };
  auto r = run_syscall(mem, nr_of("io_uring_register"), {3, IORING_REGISTER_PROBE, kPage, 1}, 0,
                       false, {}, nullptr, 0, fill);
  EXPECT_EQ(r.line(),
            "io_uring_register(3, IORING_REGISTER_PROBE, {last_op=62 /* IORING_OP_??? */, "
            "ops_len=1, ops=[{op=IORING_OP_NOP, flags=IO_URING_OP_SUPPORTED}]}, 1) = 0");
  // Not zeros: printed at entry, and " => " the kernel's copy, cut at nargs with "...".
  const unsigned char in[16 + 8] = {5, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                    0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0};
  mem.map(kPage + 256, in, sizeof in);
  EXPECT_EQ(line_of(mem, "io_uring_register", {3, IORING_REGISTER_PROBE, kPage + 256, 1}, 3),
            "io_uring_register(3, IORING_REGISTER_PROBE, {last_op=IORING_OP_WRITE_FIXED, "
            "ops_len=3, ops=[{op=IORING_OP_READV, resv=0x1, flags=IO_URING_OP_SUPPORTED}]} => "
            "{last_op=IORING_OP_WRITE_FIXED, ops_len=3, ops=[{op=IORING_OP_READV, resv=0x1, "
            "flags=IO_URING_OP_SUPPORTED}, ...]}, 1) = 3");
  EXPECT_EQ(
      line_of(mem, "io_uring_register", {3, IORING_REGISTER_PROBE, kPage + 512, 1}, kEinval, true),
      "io_uring_register(3, IORING_REGISTER_PROBE, 0x10000200, 1) = -1 EINVAL (Invalid "
      "argument)");
  // More than 256 ops, or a probe running off the mapping: the address.
  EXPECT_EQ(
      line_of(mem, "io_uring_register", {3, IORING_REGISTER_PROBE, kPage, 300}, kEinval, true),
      "io_uring_register(3, IORING_REGISTER_PROBE, 0x10000000, 300) = -1 EINVAL (Invalid "
      "argument)");
  EXPECT_EQ(
      line_of(mem, "io_uring_register", {3, IORING_REGISTER_PROBE, kEnd - 16, 256}, kEfault, true),
      "io_uring_register(3, IORING_REGISTER_PROBE, 0x10000ff0, 256) = -1 EFAULT (Bad "
      "address)");
}

}  // namespace
}  // namespace scry::test
