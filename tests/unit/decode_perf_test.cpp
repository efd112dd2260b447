// perf_event_open: struct perf_event_attr abbreviated and with -v, the E2BIG size write-back,
// the config encodings, and hostile input (short sizes, unreadable tails). Expected strings are
// strace 6.1's output for the same calls.
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>

#include <cstring>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::int64_t kE2big = -7;

perf_event_attr attr(std::uint32_t type, std::uint64_t config) {
  perf_event_attr a;
  std::memset(&a, 0, sizeof a);
  a.type = type;
  a.size = PERF_ATTR_SIZE_VER7;
  a.config = config;
  return a;
}

TEST(DecodePerf, Abbreviated) {
  FakeMemory mem = page();
  perf_event_attr a = attr(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK);
  a.disabled = 1;
  a.exclude_kernel = 1;
  a.use_clockid = 1;
  mem.map_obj(kPage, a);
  EXPECT_EQ(line_of(mem, "perf_event_open", {kPage, 0, ~0ull, ~0ull, PERF_FLAG_FD_CLOEXEC}, 3),
            "perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, "
            "config=PERF_COUNT_SW_TASK_CLOCK, sample_period=0, sample_type=0, read_format=0, "
            "disabled=1, exclude_kernel=1, precise_ip=0 /* arbitrary skid */, use_clockid=1, "
            "...}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC) = 3");
  // Without -v only 48 bytes are read: a structure cut after them still prints.
  mem.map(kEnd - 48, &a, 48);
  EXPECT_NE(line_of(mem, "perf_event_open", {kEnd - 48, 0, ~0ull, ~0ull, 0}, kEfault, true)
                .find("{type=PERF_TYPE_SOFTWARE"),
            std::string::npos);
  // Shorter than VER0, or its size unreadable: the address.
  a.size = 32;
  mem.map_obj(kPage + 256, a);
  EXPECT_EQ(line_of(mem, "perf_event_open", {kPage + 256, 0, ~0ull, ~0ull, 0}, kE2big, true),
            "perf_event_open(0x10000100, 0, -1, -1, 0) = -1 E2BIG (Argument list too long)");
  mem.map(kEnd - 6, &a, 6);
  EXPECT_EQ(line_of(mem, "perf_event_open", {kEnd - 6, 0, ~0ull, ~0ull, 0}, kEfault, true),
            "perf_event_open(0x10000ffa, 0, -1, -1, 0) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "perf_event_open", {0, 0, ~0ull, ~0ull, 0x1ull << 40}, kEfault, true),
            "perf_event_open(NULL, 0, -1, -1, 0x10000000000 /* PERF_FLAG_??? */) = -1 EFAULT "
            "(Bad address)");
}

TEST(DecodePerf, Configs) {
  FakeMemory mem = page();
  auto config_of = [&](perf_event_attr a) {
    mem.map_obj(kPage, a);
    std::string l = line_of(mem, "perf_event_open", {kPage, 0, ~0ull, ~0ull, 0}, kEinval, true);
    auto b = l.find("config=");
    return l.substr(b, l.find(", sample_") - b);
  };
  EXPECT_EQ(config_of(attr(PERF_TYPE_HW_CACHE, 0x12345678ff)),
            "config=0x12<<32|0x34<<24|0x56 /* PERF_COUNT_HW_CACHE_RESULT_??? */<<16|0x78 /* "
            "PERF_COUNT_HW_CACHE_OP_??? */<<8|0xff /* PERF_COUNT_HW_CACHE_??? */");
  EXPECT_EQ(config_of(attr(PERF_TYPE_HW_CACHE, 0x10100)),
            "config=PERF_COUNT_HW_CACHE_RESULT_MISS<<16|PERF_COUNT_HW_CACHE_OP_WRITE<<8|"
            "PERF_COUNT_HW_CACHE_L1D");
  EXPECT_EQ(config_of(attr(PERF_TYPE_HARDWARE, 0x10000000009)),
            "config=0x100<<32|PERF_COUNT_HW_REF_CPU_CYCLES");
  EXPECT_EQ(config_of(attr(PERF_TYPE_SOFTWARE, 12)), "config=0xc /* PERF_COUNT_SW_??? */");
  EXPECT_EQ(config_of(attr(PERF_TYPE_TRACEPOINT, ~0ull)), "config=18446744073709551615");
  EXPECT_EQ(config_of(attr(PERF_TYPE_RAW, 0x1234)), "config=0x1234");
}

TEST(DecodePerf, Verbose) {
  FakeMemory mem = page();
  DecodeOptions v;
  v.verbose = true;
  perf_event_attr a = attr(PERF_TYPE_BREAKPOINT, 0);
  a.bp_type = 6;
  a.bp_addr = 0x1000;
  a.bp_len = HW_BREAKPOINT_LEN_4;
  a.watermark = 1;
  a.wakeup_watermark = 7;
  a.size = PERF_ATTR_SIZE_VER1;
  mem.map_obj(kPage, a);
  EXPECT_EQ(
      line_of(mem, "perf_event_open", {kPage, 0, ~0ull, ~0ull, 0}, 4, false, v),
      "perf_event_open({type=PERF_TYPE_BREAKPOINT, size=PERF_ATTR_SIZE_VER1, config=0, "
      "sample_period=0, sample_type=0, read_format=0, disabled=0, inherit=0, pinned=0, "
      "exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, "
      "comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=1, precise_ip=0 /* "
      "arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, "
      "exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, "
      "context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, "
      "cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, "
      "wakeup_watermark=7, bp_type=0x6 /* HW_BREAKPOINT_INVALID */, bp_addr=0x1000, bp_len=4}, "
      "0, -1, -1, 0) = 4");
  // E2BIG: the size the kernel wrote back; a size past VER7 reads 128 bytes and adds "...".
  perf_event_attr b = attr(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY);
  b.size = 200;
  b.sample_max_stack = 9;
  b.__reserved_2 = 1;
  mem.map_obj(kPage + 512, b);
  auto grow = [&] {
    const std::uint32_t kernel_size = 136;
    mem.map_obj(kPage + 512 + 4, kernel_size);
  };
  auto r = run_syscall(mem, nr_of("perf_event_open"), {kPage + 512, 0, ~0ull, ~0ull, 0}, kE2big,
                       true, v, nullptr, 0, grow);
  EXPECT_NE(r.line().find("size=0xc8 /* PERF_ATTR_SIZE_??? */ => 0x88 /* PERF_ATTR_SIZE_??? */"),
            std::string::npos);
  EXPECT_NE(r.line().find("sample_max_stack=9 /* bytes 110..111: 0x1 */, aux_sample_size=0, "
                          "sig_data=0, ...}"),
            std::string::npos);
  // With -v the whole claimed size is read: a cut structure prints as its address.
  mem.map(kEnd - 100, &b, 100);
  EXPECT_EQ(line_of(mem, "perf_event_open", {kEnd - 100, 0, ~0ull, ~0ull, 0}, kEfault, true, v),
            "perf_event_open(0x10000f9c, 0, -1, -1, 0) = -1 EFAULT (Bad address)");
}

}  // namespace
}  // namespace scry::test
