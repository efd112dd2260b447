// perf_event_open as strace 6.1 prints it: struct perf_event_attr is read at entry (the first
// 48 bytes without -v, the whole structure up to the size it claims with -v) and printed with the
// other arguments at exit, where an E2BIG shows the size the kernel wrote back ("size=0xc8 =>
// 0x88").
#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {

constexpr std::uint32_t kAttrSizeVer0 = 64;    // PERF_ATTR_SIZE_VER0
constexpr std::uint32_t kAttrSizeKnown = 128;  // PERF_ATTR_SIZE_VER7: all strace 6.1 knows
constexpr std::uint32_t kAbbrevSize = 48;      // through the flag bits
constexpr std::int64_t kE2big = -7;

enum PerfType : std::uint32_t {
  kTypeHardware = 0,
  kTypeSoftware = 1,
  kTypeTracepoint = 2,
  kTypeHwCache = 3,
  kTypeBreakpoint = 5,
};
constexpr std::uint64_t kSampleBranchStack = 1u << 11;  // PERF_SAMPLE_BRANCH_STACK
constexpr std::uint64_t kSampleStackUser = 1u << 13;    // PERF_SAMPLE_STACK_USER
constexpr std::uint32_t kBreakpointInvalid = 7;         // HW_BREAKPOINT_RW | HW_BREAKPOINT_X

// struct perf_event_attr (uapi linux/perf_event.h, PERF_ATTR_SIZE_VER7), bit fields as one word.
struct PerfAttr {
  std::uint32_t type, size;
  std::uint64_t config, sample_period, sample_type, read_format, bits;
  std::uint32_t wakeup, bp_type;
  std::uint64_t config1, config2, branch_sample_type, sample_regs_user;
  std::uint32_t sample_stack_user;
  std::int32_t clockid;
  std::uint64_t sample_regs_intr;
  std::uint32_t aux_watermark;
  std::uint16_t sample_max_stack, reserved_2;
  std::uint32_t aux_sample_size, reserved_3;
  std::uint64_t sig_data;
};
static_assert(sizeof(PerfAttr) == kAttrSizeKnown);

// The named bits of the flag word, in order, and the 2-bit precise_ip at bits 15..16.
constexpr const char* kLowBits[] = {
    "disabled",       "inherit",      "pinned",         "exclusive", "exclude_user",
    "exclude_kernel", "exclude_hv",   "exclude_idle",   "mmap",      "comm",
    "freq",           "inherit_stat", "enable_on_exec", "task",      "watermark",
};
constexpr unsigned kPreciseIpShift = 15;
constexpr const char* kHighBits[] = {
    "mmap_data",
    "sample_id_all",
    "exclude_host",
    "exclude_guest",
    "exclude_callchain_kernel",
    "exclude_callchain_user",
    "mmap2",
    "comm_exec",
    "use_clockid",
    "context_switch",
    "write_backward",
    "namespaces",
    "ksymbol",
    "bpf_event",
    "aux_output",
    "cgroup",
    "text_poke",
    "build_id",
    "inherit_thread",
    "remove_on_exec",
    "sigtrap",
};
constexpr unsigned kHighShift = 17;
constexpr unsigned kReservedShift = kHighShift + std::size(kHighBits);  // 38
constexpr const char* kPreciseIp[] = {"arbitrary skid", "constant skid", "requested to have 0 skid",
                                      "must have 0 skid"};

bool bit(std::uint64_t bits, unsigned n) {
  return ((bits >> n) & 1u) != 0;
}

void print_config(OutBuf& out, const PerfAttr& a) {
  static const FlagSet* const hw = find_set("perf_hw_id");
  static const FlagSet* const sw = find_set("perf_sw_ids");
  static const FlagSet* const cache = find_set("perf_hw_cache_id");
  static const FlagSet* const cache_op = find_set("perf_hw_cache_op_id");
  static const FlagSet* const cache_result = find_set("perf_hw_cache_op_result_id");
  const std::uint64_t c = a.config;
  switch (a.type) {
    case kTypeHardware:
      // The upper half selects a PMU (PERF_HW_EVENT_MASK).
      if ((c >> 32) != 0) {
        out.put_hex(c >> 32);
        out.put("<<32|");
      }
      printxval(out, hw, c & 0xffffffffu, "PERF_COUNT_HW_???");
      return;
    case kTypeSoftware:
      printxval(out, sw, c, "PERF_COUNT_SW_???");
      return;
    case kTypeTracepoint:
      out.put_udec(c);
      return;
    case kTypeHwCache:
      if ((c >> 32) != 0) {
        out.put_hex(c >> 32);
        out.put("<<32|");
      }
      if (((c >> 24) & 0xff) != 0) {
        out.put_hex((c >> 24) & 0xff);
        out.put("<<24|");
      }
      printxval(out, cache_result, (c >> 16) & 0xff, "PERF_COUNT_HW_CACHE_RESULT_???");
      out.put("<<16|");
      printxval(out, cache_op, (c >> 8) & 0xff, "PERF_COUNT_HW_CACHE_OP_???");
      out.put("<<8|");
      printxval(out, cache, c & 0xff, "PERF_COUNT_HW_CACHE_???");
      return;
    default:
      out.put_hex(c);
  }
}

// Everything from wakeup_events on: -v only, each field while `size` (what was read) covers its
// start.
void print_verbose_tail(Fields& f, const PerfAttr& a, std::uint32_t size) {
  static const FlagSet* const bp_types = find_set("hw_breakpoint_type");
  static const FlagSet* const branch = find_set("perf_branch_sample_type");
  static const FlagSet* const clocks = find_set("clock_id");
  const bool breakpoint = a.type == kTypeBreakpoint;
  f.f(bit(a.bits, 14) ? "wakeup_watermark" : "wakeup_events").put_udec(a.wakeup);
  if (breakpoint) {
    printxval(f.f("bp_type"), bp_types, a.bp_type,
              a.bp_type <= kBreakpointInvalid ? "HW_BREAKPOINT_INVALID" : "HW_BREAKPOINT_???");
    f.f("bp_addr").put_hex(a.config1);
  } else {
    f.f("config1").put_hex(a.config1);
  }
  auto has = [&](std::size_t offset) { return offset < size; };
  if (!has(offsetof(PerfAttr, config2))) return;
  if (breakpoint) {
    f.f("bp_len").put_udec(a.config2);
  } else {
    f.f("config2").put_hex(a.config2);
  }
  if (!has(offsetof(PerfAttr, branch_sample_type))) return;
  if ((a.sample_type & kSampleBranchStack) != 0)
    printflags(f.f("branch_sample_type"), branch, a.branch_sample_type, "PERF_SAMPLE_BRANCH_???");
  if (!has(offsetof(PerfAttr, sample_regs_user))) return;
  f.f("sample_regs_user").put_hex(a.sample_regs_user);
  if (!has(offsetof(PerfAttr, sample_stack_user))) return;
  if ((a.sample_type & kSampleStackUser) != 0)
    f.f("sample_stack_user").put_hex(a.sample_stack_user);
  if (bit(a.bits, kHighShift + 8)) {  // use_clockid
    if (!has(offsetof(PerfAttr, clockid))) return;
    printxval(f.f("clockid"), clocks, static_cast<std::uint32_t>(a.clockid), "CLOCK_???");
  }
  if (!has(offsetof(PerfAttr, sample_regs_intr))) return;
  f.f("sample_regs_intr").put_hex(a.sample_regs_intr);
  if (!has(offsetof(PerfAttr, aux_watermark))) return;
  f.f("aux_watermark").put_udec(a.aux_watermark);
  if (!has(offsetof(PerfAttr, sample_max_stack))) return;
  OutBuf& out = f.f("sample_max_stack");
  out.put_udec(a.sample_max_stack);
  if (!has(offsetof(PerfAttr, reserved_2))) return;
  if (a.reserved_2 != 0) {
    out.put(" /* bytes 110..111: ");
    out.put_hex(a.reserved_2);
    out.put(" */");
  }
  if (!has(offsetof(PerfAttr, aux_sample_size))) return;
  f.f("aux_sample_size").put_udec(a.aux_sample_size);
  if (!has(offsetof(PerfAttr, reserved_3))) return;
  if (a.reserved_3 != 0) {
    out.put(" /* bytes 116..119: ");
    out.put_hex(a.reserved_3);
    out.put(" */");
  }
  if (!has(offsetof(PerfAttr, sig_data))) return;
  f.f("sig_data").put_hex(a.sig_data);
}

void print_attr(DecodeCtx& ctx, const PerfAttr& a, std::uint32_t size) {
  static const FlagSet* const types = find_set("perf_type_id");
  static const FlagSet* const sizes = find_set("perf_attr_size");
  static const FlagSet* const sample = find_set("perf_sample_type");
  static const FlagSet* const read_format = find_set("perf_read_format");
  const bool verbose = ctx.opt.verbose;
  Fields f(ctx.out);
  printxval(f.f("type"), types, a.type, "PERF_TYPE_???");
  OutBuf& out = f.f("size");
  printxval(out, sizes, a.size, "PERF_ATTR_SIZE_???");
  if (ctx.call.is_error && ctx.call.ret == kE2big) {
    // The kernel wrote the size it supports back.
    std::uint32_t now = 0;
    out.put(" => ");
    if (umoven(ctx.mem, ctx.call.args[0] + offsetof(PerfAttr, size), sizeof now, &now)) {
      printxval(out, sizes, now, "PERF_ATTR_SIZE_???");
    } else {
      out.put("???");
    }
  }
  print_config(f.f("config"), a);
  f.f(bit(a.bits, 10) ? "sample_freq" : "sample_period").put_udec(a.sample_period);
  printflags(f.f("sample_type"), sample, a.sample_type, "PERF_SAMPLE_???");
  printflags(f.f("read_format"), read_format, a.read_format, "PERF_FORMAT_???");
  // Without -v only the bits that are set (and always precise_ip).
  for (unsigned i = 0; i < std::size(kLowBits); ++i)
    if (verbose || bit(a.bits, i)) f.f(kLowBits[i]).put_udec(bit(a.bits, i) ? 1 : 0);
  const unsigned precise = static_cast<unsigned>((a.bits >> kPreciseIpShift) & 3u);
  OutBuf& p = f.f("precise_ip");
  p.put_udec(precise);
  p.put(" /* ");
  p.put(kPreciseIp[precise]);
  p.put(" */");
  for (unsigned i = 0; i < std::size(kHighBits); ++i)
    if (verbose || bit(a.bits, kHighShift + i))
      f.f(kHighBits[i]).put_udec(bit(a.bits, kHighShift + i) ? 1 : 0);
  if ((a.bits >> kReservedShift) != 0) {
    OutBuf& r = f.f("__reserved_1");
    r.put_hex(a.bits >> kReservedShift);
    r.put(" /* Bits 63..38 */");
  }
  if (!verbose) {
    f.more();
  } else {
    print_verbose_tail(f, a, size);
    if (a.size > size) f.more();
  }
  f.end();
}

void print_rest(DecodeCtx& ctx) {
  static const FlagSet* const flags = find_set("perf_event_open");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  out.put(", ");
  out.put_dec(static_cast<std::int32_t>(a[1]));
  out.put(", ");
  out.put_dec(static_cast<std::int32_t>(a[2]));
  out.put(", ");
  printfd(ctx, static_cast<int>(a[3]));
  out.put(", ");
  printflags(out, flags, a[4], "PERF_FLAG_???");
}

// How many bytes of the structure strace reads, or 0 when it prints the address.
std::uint32_t attr_read_size(DecodeCtx& ctx, std::uint64_t addr) {
  std::uint32_t size = 0;
  if (addr == 0 || !ctx.opt.struct_verbose ||
      !umoven(ctx.mem, addr + offsetof(PerfAttr, size), sizeof size, &size))
    return 0;
  if (size > kAttrSizeKnown) size = kAttrSizeKnown;
  if (size == 0) size = kAttrSizeVer0;
  if (size < kAttrSizeVer0) return 0;
  return ctx.opt.verbose ? size : kAbbrevSize;
}

}  // namespace

int perf_event_open_entry(DecodeCtx& ctx) {
  const std::uint64_t addr = ctx.call.args[0];
  const std::uint32_t size = attr_read_size(ctx, addr);
  PerfAttr a{};
  if (size == 0 || !umoven(ctx.mem, addr, size, &a)) {
    print_addr(ctx.out, addr);
    print_rest(ctx);
    return kAllPrinted;
  }
  // Printed at exit from what was read here (the kernel only ever rewrites the size).
  ctx.call.saved[0] = size;
  std::memcpy(&ctx.call.saved[1], &a, sizeof(std::uint64_t) * 3);
  return 0;
}

void perf_event_open_exit(DecodeCtx& ctx, int from) {
  if (from != 0) return;
  const std::uint32_t size = static_cast<std::uint32_t>(ctx.call.saved[0]);
  PerfAttr a{};
  // The first 24 bytes (type, size, config) come from the entry; the rest is read again.
  if (size > 24 && !umoven(ctx.mem, ctx.call.args[0] + 24, size - 24,
                           reinterpret_cast<unsigned char*>(&a) + 24)) {
    print_addr(ctx.out, ctx.call.args[0]);
    print_rest(ctx);
    return;
  }
  std::memcpy(&a, &ctx.call.saved[1], sizeof(std::uint64_t) * 3);
  print_attr(ctx, a, size);
  print_rest(ctx);
}

}  // namespace scry::dec
