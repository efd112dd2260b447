// bpf(2): the attribute by command and size, the parts printed at exit, -v's instruction and
// object-info decoding, and hostile input (short mappings, huge sizes, bad pointers). Expected
// strings are strace 6.1's output for the same calls.
#include <linux/bpf.h>

#include <cstring>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::int64_t kEnoent = -2;

bpf_attr zeroed() {
  bpf_attr a;
  std::memset(&a, 0, sizeof a);
  return a;
}

TEST(DecodeBpf, MapCreate) {
  FakeMemory mem = page();
  bpf_attr a = zeroed();
  a.map_type = BPF_MAP_TYPE_HASH;
  a.key_size = 4;
  a.value_size = 8;
  a.max_entries = 16;
  a.map_flags = BPF_F_NO_PREALLOC;
  std::strcpy(a.map_name, "hashmap");
  mem.map_obj(kPage, a);
  EXPECT_EQ(line_of(mem, "bpf", {BPF_MAP_CREATE, kPage, 144}, 3),
            "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_HASH, key_size=4, value_size=8, "
            "max_entries=16, map_flags=BPF_F_NO_PREALLOC, inner_map_fd=0, map_name=\"hashmap\", "
            "map_ifindex=0, btf_fd=0, btf_key_type_id=0, btf_value_type_id=0, "
            "btf_vmlinux_value_type_id=0, map_extra=0}, 144) = 3");
  // The caller's size stops the structure; a name cut short ends in "...".
  EXPECT_EQ(line_of(mem, "bpf", {BPF_MAP_CREATE, kPage, 32}, 3),
            "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_HASH, key_size=4, value_size=8, "
            "max_entries=16, map_flags=BPF_F_NO_PREALLOC, inner_map_fd=0, map_name=\"has\"...}, "
            "32) = 3");
  EXPECT_EQ(line_of(mem, "bpf", {BPF_MAP_CREATE, kPage, 4}, kEinval, true),
            "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_HASH, key_size=0, value_size=0, "
            "max_entries=0}, 4) = -1 EINVAL (Invalid argument)");
  // NUMA_NO_NODE, and bytes past the structure: "..." (-v: the bytes).
  a.map_flags = BPF_F_NUMA_NODE;
  a.numa_node = ~0u;
  mem.map_obj(kPage + 512, a);
  const unsigned char tail = 7;
  mem.map(kPage + 512 + 80, &tail, 1);
  EXPECT_NE(line_of(mem, "bpf", {BPF_MAP_CREATE, kPage + 512, 144}, kEinval, true)
                .find("numa_node=4294967295 /* NUMA_NO_NODE */, map_name=\"hashmap\""),
            std::string::npos);
  EXPECT_NE(line_of(mem, "bpf", {BPF_MAP_CREATE, kPage + 512, 144}, kEinval, true)
                .find("map_extra=0, ...}, 144)"),
            std::string::npos);
  DecodeOptions v;
  v.verbose = true;
  EXPECT_NE(line_of(mem, "bpf", {BPF_MAP_CREATE, kPage + 512, 84}, kEinval, true, v)
                .find("map_extra=0, extra_data=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x07"
                      "\\x00\\x00\\x00\" /* bytes 72..83 */}, 84)"),
            std::string::npos);
}

TEST(DecodeBpf, AddressesAndSizes) {
  FakeMemory mem = page();
  EXPECT_EQ(line_of(mem, "bpf", {BPF_MAP_CREATE, 0, 0}, kEinval, true),
            "bpf(BPF_MAP_CREATE, NULL, 0) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "bpf", {BPF_MAP_CREATE, kPage, 4097}, kEinval, true),
            "bpf(BPF_MAP_CREATE, 0x10000000, 4097) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "bpf", {BPF_ENABLE_STATS, kPage, 144}, 8),
            "bpf(BPF_ENABLE_STATS, 0x10000000, 144) = 8");
  EXPECT_EQ(line_of(mem, "bpf", {36, kPage, 144}, kEinval, true),
            "bpf(0x24 /* BPF_??? */, 0x10000000, 144) = -1 EINVAL (Invalid argument)");
  // Past the mapping: the address.
  EXPECT_EQ(line_of(mem, "bpf", {BPF_MAP_CREATE, kEnd - 64, 72}, kEfault, true),
            "bpf(BPF_MAP_CREATE, 0x10000fc0, 72) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "bpf", {BPF_MAP_CREATE, 1, 72}, kEfault, true),
            "bpf(BPF_MAP_CREATE, 0x1, 72) = -1 EFAULT (Bad address)");
}

TEST(DecodeBpf, AtExit) {
  FakeMemory mem = page();
  bpf_attr a = zeroed();
  mem.map_obj(kPage, a);
  auto next = [&] {
    const std::uint32_t id = 97;
    mem.map_obj(kPage + 4, id);
  };
  auto r = run_syscall(mem, nr_of("bpf"), {BPF_PROG_GET_NEXT_ID, kPage, 144}, 0, false, {}, nullptr,
                       0, next);
  EXPECT_EQ(r.line(),
            "bpf(BPF_PROG_GET_NEXT_ID, {start_id=0, next_id=0 => 97, open_flags=0}, 144) = 0");
  EXPECT_EQ(line_of(mem, "bpf", {BPF_LINK_GET_NEXT_ID, kPage + 512, 144}, kEnoent, true),
            "bpf(BPF_LINK_GET_NEXT_ID, {start_id=0, next_id=0, open_flags=0}, 144) = -1 ENOENT "
            "(No such file or directory)");
  // A batch's count written back.
  a.batch.count = 8;
  a.batch.map_fd = 4;
  mem.map_obj(kPage + 1024, a);
  auto shrink = [&] {
    const std::uint32_t count = 4;
    mem.map_obj(kPage + 1024 + 32, count);
  };
  r = run_syscall(mem, nr_of("bpf"), {BPF_MAP_LOOKUP_BATCH, kPage + 1024, 144}, kEnoent, true, {},
                  nullptr, 0, shrink);
  EXPECT_EQ(r.line(),
            "bpf(BPF_MAP_LOOKUP_BATCH, {batch={in_batch=NULL, out_batch=NULL, keys=NULL, "
            "values=NULL, count=8, map_fd=4, elem_flags=BPF_ANY, flags=0}} => {batch={count=4}}, "
            "144) = -1 ENOENT (No such file or directory)");
}

TEST(DecodeBpf, ProgLoadInsns) {
  FakeMemory mem = page();
  const bpf_insn insns[2] = {{BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0},
                             {BPF_JMP | BPF_EXIT, 0, 0, 0, 0}};
  mem.map_obj(kPage + 512, insns);
  mem.map_cstr(kPage + 1024, "GPL");
  bpf_attr a = zeroed();
  a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
  a.insn_cnt = 2;
  a.insns = kPage + 512;
  a.license = kPage + 1024;
  mem.map_obj(kPage, a);
  EXPECT_EQ(line_of(mem, "bpf", {BPF_PROG_LOAD, kPage, 72}, 5),
            "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, "
            "insns=0x10000200, license=\"GPL\", log_level=0, log_size=0, log_buf=NULL, "
            "kern_version=KERNEL_VERSION(0, 0, 0), prog_flags=0, prog_name=\"\", prog_ifindex=0, "
            "expected_attach_type=BPF_CGROUP_INET_INGRESS}, 72) = 5");
  DecodeOptions v;
  v.verbose = true;
  EXPECT_NE(line_of(mem, "bpf", {BPF_PROG_LOAD, kPage, 72}, 5, false, v)
                .find("insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_0, "
                      "src_reg=BPF_REG_0, off=0, imm=0}, {code=BPF_JMP|BPF_K|BPF_EXIT, "
                      "dst_reg=BPF_REG_0, src_reg=BPF_REG_0, off=0, imm=0}]"),
            std::string::npos);
  // An instruction array running off the mapping: what was read, then the address.
  a.insns = kEnd - 8;
  a.insn_cnt = 3;
  mem.map_obj(kEnd - 8, insns[1]);
  mem.map_obj(kPage + 256, a);
  EXPECT_NE(line_of(mem, "bpf", {BPF_PROG_LOAD, kPage + 256, 72}, kEfault, true, v)
                .find("insns=[{code=BPF_JMP|BPF_K|BPF_EXIT, dst_reg=BPF_REG_0, src_reg=BPF_REG_0, "
                      "off=0, imm=0}, ... /* 0x10001000 */]"),
            std::string::npos);
}

TEST(DecodeBpf, ObjGetInfo) {
  FakeMemory mem = page();
  FakeFds fds;
  fds.paths[3] = "anon_inode:bpf-map";
  bpf_attr a = zeroed();
  a.info.bpf_fd = 3;
  a.info.info_len = 40;
  a.info.info = kPage + 512;
  mem.map_obj(kPage, a);
  // The kernel fills the info in during the call.
  auto fill = [&] {
    bpf_map_info mi;
    std::memset(&mi, 0, sizeof mi);
    mi.type = BPF_MAP_TYPE_ARRAY;
    mi.id = 61;
    mi.key_size = 4;
    mi.value_size = 4;
    mi.max_entries = 1;
    std::strcpy(mi.name, "infomap");
    mem.map(kPage + 512, &mi, 40);
  };
  DecodeOptions v;
  v.verbose = true;
  auto r = run_syscall(mem, nr_of("bpf"), {BPF_OBJ_GET_INFO_BY_FD, kPage, 144}, 0, false, v, &fds,
                       0, fill);
  EXPECT_EQ(r.line(),
            "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=40, "
            "info={type=BPF_MAP_TYPE_ARRAY, id=61, key_size=4, value_size=4, max_entries=1, "
            "map_flags=0, name=\"infomap\"}}}, 144) = 0");
  EXPECT_EQ(
      line_of(mem, "bpf", {BPF_OBJ_GET_INFO_BY_FD, kPage, 144}, 0, false, {}, &fds),
      "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=40, info=0x10000200}}, 144) = 0");
  // Not a map or program fd: the address even with -v.
  a.info.bpf_fd = 4;
  mem.map_obj(kPage + 256, a);
  EXPECT_EQ(line_of(mem, "bpf", {BPF_OBJ_GET_INFO_BY_FD, kPage + 256, 144}, kEinval, true, v, &fds),
            "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=4, info_len=40, info=0x10000200}}, 144) = "
            "-1 EINVAL (Invalid argument)");
}

TEST(DecodeBpf, LinkCreate) {
  FakeMemory mem = page();
  bpf_attr a = zeroed();
  a.link_create.prog_fd = 100;
  a.link_create.target_fd = 101;
  a.link_create.attach_type = BPF_TRACE_KPROBE_MULTI;
  a.link_create.kprobe_multi.flags = 7;
  a.link_create.kprobe_multi.cnt = 8;
  a.link_create.kprobe_multi.syms = 0xa00000009;
  mem.map_obj(kPage, a);
  EXPECT_EQ(line_of(mem, "bpf", {BPF_LINK_CREATE, kPage, 144}, -9, true),
            "bpf(BPF_LINK_CREATE, {link_create={prog_fd=100, target_fd=101, "
            "attach_type=BPF_TRACE_KPROBE_MULTI, flags=0, kprobe_multi={flags="
            "BPF_F_KPROBE_MULTI_RETURN|0x6, cnt=8, syms=0xa00000009, addrs=NULL, cookies=NULL}}}, "
            "144) = -1 EBADF (Bad file descriptor)");
  a = zeroed();
  a.link_create.attach_type = BPF_CGROUP_INET_EGRESS;
  a.link_create.target_btf_id = 7;
  mem.map_obj(kPage + 256, a);
  EXPECT_EQ(line_of(mem, "bpf", {BPF_LINK_CREATE, kPage + 256, 144}, -9, true),
            "bpf(BPF_LINK_CREATE, {link_create={prog_fd=0, target_fd=0, "
            "attach_type=BPF_CGROUP_INET_EGRESS, flags=0}, ...}, 144) = -1 EBADF (Bad file "
            "descriptor)");
}

}  // namespace
}  // namespace scry::test
