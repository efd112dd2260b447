// bpf(2) printers shared by the commands: bytes past a known structure, eBPF instructions (-v),
// and BPF_OBJ_GET_INFO_BY_FD as strace 6.1 prints it. Without -v the info buffer is an address;
// with -v a map's or a program's info (the fd's /proc link names which) prints at exit, a
// program's counts showing "N => M" where the kernel changed what the caller passed in.
#include <time.h>

#include <cstring>

#include "decode/bpf_attr.hpp"
#include "decode/netlink.hpp"

namespace scry::dec::bpf {

void print_extra_data(DecodeCtx& ctx, const unsigned char* data, std::uint32_t size,
                      std::uint32_t known) {
  if (size <= known) return;
  bool nonzero = false;
  for (std::uint32_t i = known; i < size && !nonzero; ++i) nonzero = data[i] != 0;
  if (!nonzero) return;
  OutBuf& out = ctx.out;
  out.put(", ");
  if (!ctx.opt.verbose) {
    out.put("...");
    return;
  }
  out.put("extra_data=");
  print_quoted_ex(out, reinterpret_cast<const char*>(data + known), size - known, kQuoteForceHex,
                  ctx.opt.xmode);
  out.put(" /* bytes ");
  out.put_udec(known);
  out.put("..");
  out.put_udec(size - 1);
  out.put(" */");
}

namespace {

// strace's print_bpf_filter_code for eBPF: class, then size|mode or source|operation.
void print_insn_code(OutBuf& out, std::uint8_t code) {
  static const FlagSet* const classes = find_set("ebpf_class");
  static const FlagSet* const sizes = find_set("ebpf_size");
  static const FlagSet* const modes = find_set("ebpf_mode");
  static const FlagSet* const srcs = find_set("ebpf_src");
  static const FlagSet* const alu_ops = find_set("ebpf_op_alu");
  static const FlagSet* const jmp_ops = find_set("ebpf_op_jmp");
  const unsigned cls = code & 0x07u;
  printxval(out, classes, cls, "BPF_???");
  switch (cls) {
    case 0:  // BPF_LD
    case 1:  // BPF_LDX
    case 2:  // BPF_ST
    case 3:  // BPF_STX
      out.put('|');
      printxval(out, sizes, code & 0x18u, "BPF_???");
      out.put('|');
      printxval(out, modes, code & 0xe0u, "BPF_???");
      return;
    case 4:  // BPF_ALU
    case 7:  // BPF_ALU64
    case 5:  // BPF_JMP
      out.put('|');
      printxval(out, srcs, code & 0x08u, "BPF_???");
      out.put('|');
      printxval(out, cls == 5 ? jmp_ops : alu_ops, code & 0xf0u, "BPF_???");
      return;
    default:  // BPF_JMP32: strace 6.1 decodes nothing past the class
      if ((code & ~0x07u) != 0) {
        out.put('|');
        out.put_hex(code & ~0x07u);
        out.put(" /* BPF_??? */");
      }
  }
}

}  // namespace

void print_insns(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count) {
  static const FlagSet* const regs = find_set("ebpf_regs");
  constexpr std::uint64_t kMaxInsns = 4096;  // BPF_MAXINSNS
  if (!ctx.opt.verbose) {
    print_addr(ctx.out, addr);
    return;
  }
  std::uint64_t n = 0;
  print_array(ctx, addr, count, 8, [&](const unsigned char* e) {
    OutBuf& out = ctx.out;
    if (n++ >= kMaxInsns) {
      out.put("...");
      return false;
    }
    std::int16_t off = 0;
    std::int32_t imm = 0;
    std::memcpy(&off, e + 2, sizeof off);
    std::memcpy(&imm, e + 4, sizeof imm);
    Fields f(out);
    print_insn_code(f.f("code"), e[0]);
    printxval(f.f("dst_reg"), regs, e[1] & 0x0fu, "BPF_REG_???");
    printxval(f.f("src_reg"), regs, e[1] >> 4, "BPF_REG_???");
    f.f("off").put_dec(off);
    f.f("imm").put_hex(static_cast<std::uint32_t>(imm));
    f.end();
    return true;
  });
}

namespace {

constexpr std::uint32_t kPage = 4096;
constexpr std::uint32_t kMapInfoSize = 80;    // struct bpf_map_info as strace 6.1 knows it
constexpr std::uint32_t kProgInfoSize = 224;  // struct bpf_prog_info, through verified_insns

enum InfoKind : std::uint64_t { kInfoNone = 0, kInfoMap = 1, kInfoProg = 2 };

// What the entry notes for the exit, in ctx.call.saved: [0] the info_len and the kind of object;
// [1..6] a program's twelve counts as the caller passed them, two per word; [7..9] its three
// pointers the kernel may fill in.
constexpr std::size_t kCounts = 12;
constexpr std::size_t kProgCountOffsets[kCounts] = {16,  20,  52,  104, 108, 132,
                                                    144, 148, 168, 172, 176, 180};
constexpr std::size_t kProgPointerOffsets[3] = {112, 120, 160};

std::uint32_t saved_count(const SyscallCall& c, std::size_t i) {
  return static_cast<std::uint32_t>(c.saved[1 + i / 2] >> (32 * (i % 2)));
}

std::size_t count_index(std::size_t off) {
  for (std::size_t i = 0; i < kCounts; ++i)
    if (kProgCountOffsets[i] == off) return i;
  return 0;
}

InfoKind kind_of(DecodeCtx& ctx, int fd) {
  if (ctx.fds == nullptr) return kInfoNone;
  OutBuf path;
  if (!ctx.fds->fd_path(fd, path)) return kInfoNone;
  if (path.view() == "anon_inode:bpf-map") return kInfoMap;
  if (path.view() == "anon_inode:bpf-prog") return kInfoProg;
  return kInfoNone;
}

// The info buffer (at most a page; zeros past what was read), or nullptr.
const unsigned char* fetch_info(DecodeCtx& ctx, std::uint64_t addr, std::uint32_t size) {
  unsigned char* buf = scratch_buffer<struct BpfInfo, kPage>();
  std::memset(buf, 0, kPage);
  if (size == 0 || size > kPage || !umoven(ctx.mem, addr, size, buf)) return nullptr;
  return buf;
}

// An approximate wall-clock time for a CLOCK_BOOTTIME nanosecond count (seconds only, as strace).
void print_boottime(OutBuf& out, std::uint64_t boottime_ns) {
  if (xlat_style() == XlatStyle::Raw) return;
  static const std::int64_t offset_ns = [] {
    timespec rt{};
    timespec bt{};
    if (::clock_gettime(CLOCK_BOOTTIME, &bt) != 0 || ::clock_gettime(CLOCK_REALTIME, &rt) != 0)
      return std::int64_t{0};
    return (static_cast<std::int64_t>(rt.tv_sec) - bt.tv_sec) * 1000000000 +
           (static_cast<std::int64_t>(rt.tv_nsec) - bt.tv_nsec);
  }();
  if (offset_ns == 0) return;
  const std::int64_t total = static_cast<std::int64_t>(boottime_ns) + offset_ns;
  print_time_comment(out, total / 1000000000, 0, 0, 0);
}

void print_name(DecodeCtx& ctx, Fields& f, const Attr& info, std::size_t off) {
  print_quoted_ex(f.f("name"), reinterpret_cast<const char*>(info.data + off), 16,
                  kQuote0Terminated | kQuoteExpectTrailing0, ctx.opt.xmode);
}

void print_netns(DecodeCtx& ctx, Fields& f, const Attr& info, std::size_t off) {
  print_dev(f.f("netns_dev"), info.u64(off));
  f.f("netns_ino").put_udec(info.u64(off + 8));
  (void)ctx;
}

void print_map_info(DecodeCtx& ctx, const Attr& info) {
  static const FlagSet* const types = find_set("bpf_map_types");
  static const FlagSet* const flags = find_set("bpf_map_flags");
  Fields f(ctx.out);
  printxval(f.f("type"), types, info.u32(0), "BPF_MAP_TYPE_???");
  f.f("id").put_udec(info.u32(4));
  f.f("key_size").put_udec(info.u32(8));
  f.f("value_size").put_udec(info.u32(12));
  f.f("max_entries").put_udec(info.u32(16));
  printflags(f.f("map_flags"), flags, info.u32(20), "BPF_F_???");
  do {
    if (!info.has(24)) break;
    print_name(ctx, f, info, 24);
    if (!info.has(40)) break;
    f.f("ifindex");
    print_ifindex(ctx, info.u32(40));
    f.f("btf_vmlinux_value_type_id").put_udec(info.u32(44));
    print_netns(ctx, f, info, 48);
    if (!info.has(64)) break;
    f.f("btf_id").put_udec(info.u32(64));
    f.f("btf_key_type_id").put_udec(info.u32(68));
    f.f("btf_value_type_id").put_udec(info.u32(72));
    print_extra_data(ctx, info.data, info.size, kMapInfoSize);
  } while (false);
  f.end();
}

struct ProgInfoPrinter {
  DecodeCtx& ctx;
  const Attr& info;
  Fields& f;

  std::uint32_t before(std::size_t off) const { return saved_count(ctx.call, count_index(off)); }
  // "N" or "N => M" when the kernel changed the caller's count.
  void count(const char* name, std::size_t off) {
    OutBuf& out = f.f(name);
    const std::uint32_t now = info.u32(off);
    if (before(off) != now) {
      out.put_udec(before(off));
      out.put(" => ");
    }
    out.put_udec(now);
  }
  void pointer(const char* name, std::size_t off, std::size_t index) {
    OutBuf& out = f.f(name);
    const std::uint64_t was = ctx.call.saved[7 + index];
    if (was != info.u64(off)) {
      print_addr(out, was);
      out.put(" => ");
    }
    print_addr(out, info.u64(off));
  }
  std::uint32_t least(std::size_t off) const {
    const std::uint32_t now = info.u32(off);
    return before(off) < now ? before(off) : now;
  }
};

void print_prog_info(DecodeCtx& ctx, const Attr& info) {
  static const FlagSet* const types = find_set("bpf_prog_types");
  Fields f(ctx.out);
  ProgInfoPrinter p{ctx, info, f};
  printxval(f.f("type"), types, info.u32(0), "BPF_PROG_TYPE_???");
  f.f("id").put_udec(info.u32(4));
  print_quoted_ex(f.f("tag"), reinterpret_cast<const char*>(info.data + 8), 8, kQuoteForceHex,
                  ctx.opt.xmode);
  p.count("jited_prog_len", 16);
  f.f("jited_prog_insns");
  printstr_ex(ctx, info.u64(24), info.u32(16), kQuoteForceHex);
  p.count("xlated_prog_len", 20);
  f.f("xlated_prog_insns");
  print_insns(ctx, info.u64(32), p.least(20) / 8);
  do {
    if (!info.has(40)) break;
    OutBuf& lt = f.f("load_time");
    lt.put_udec(info.u64(40));
    print_boottime(lt, info.u64(40));
    print_uid(f.f("created_by_uid"), info.u32(48));
    p.count("nr_map_ids", 52);
    f.f("map_ids");
    print_array(ctx, info.u64(56), p.least(52), 4, [&](const unsigned char* e) {
      std::uint32_t id = 0;
      std::memcpy(&id, e, sizeof id);
      ctx.out.put_udec(id);
      return true;
    });
    print_name(ctx, f, info, 64);
    if (!info.has(80)) break;
    f.f("ifindex");
    print_ifindex(ctx, info.u32(80));
    f.f("gpl_compatible").put_udec(info.u32(84) & 1u);
    print_netns(ctx, f, info, 88);
    if (!info.has(104)) break;
    p.count("nr_jited_ksyms", 104);
    p.count("nr_jited_func_lens", 108);
    p.pointer("jited_ksyms", 112, 0);
    p.pointer("jited_func_lens", 120, 1);
    if (!info.has(128)) break;
    f.f("btf_id").put_udec(info.u32(128));
    p.count("func_info_rec_size", 132);
    print_addr(f.f("func_info"), info.u64(136));
    p.count("nr_func_info", 144);
    p.count("nr_line_info", 148);
    print_addr(f.f("line_info"), info.u64(152));
    p.pointer("jited_line_info", 160, 2);
    p.count("nr_jited_line_info", 168);
    p.count("line_info_rec_size", 172);
    p.count("jited_line_info_rec_size", 176);
    p.count("nr_prog_tags", 180);
    print_addr(f.f("prog_tags"), info.u64(184));
    if (!info.has(192)) break;
    f.f("run_time_ns").put_udec(info.u64(192));
    f.f("run_cnt").put_udec(info.u64(200));
    if (!info.has(208)) break;
    f.f("recursion_misses").put_udec(info.u64(208));
    if (!info.has(216)) break;
    f.f("verified_insns").put_udec(info.u32(216));
    print_extra_data(ctx, info.data, info.size, kProgInfoSize);
  } while (false);
  f.end();
}

}  // namespace

void obj_get_info_entry(DecodeCtx& ctx, const Attr& a) {
  OutBuf& out = ctx.out;
  const std::int32_t fd = a.s32(0);
  const std::uint32_t info_len = a.u32(4);
  out.put("{info={bpf_fd=");
  printfd(ctx, fd);
  out.put(", info_len=");
  out.put_udec(info_len);
  const InfoKind kind = ctx.opt.verbose ? kind_of(ctx, fd) : kInfoNone;
  ctx.call.saved[0] = info_len | (static_cast<std::uint64_t>(kind) << 32);
  for (std::size_t i = 1; i < 10; ++i) ctx.call.saved[i] = 0;
  if (kind != kInfoProg) return;
  const std::uint32_t size = info_len < kProgInfoSize ? info_len : kProgInfoSize;
  const unsigned char* buf = fetch_info(ctx, a.u64(8), info_len);
  if (buf == nullptr) return;
  Attr info{buf, size};
  for (std::size_t i = 0; i < kCounts; ++i)
    ctx.call.saved[1 + i / 2] |= static_cast<std::uint64_t>(info.u32(kProgCountOffsets[i]))
                                 << (32 * (i % 2));
  for (std::size_t i = 0; i < 3; ++i) ctx.call.saved[7 + i] = info.u64(kProgPointerOffsets[i]);
}

void obj_get_info_exit(DecodeCtx& ctx, const Attr& a) {
  OutBuf& out = ctx.out;
  const std::uint32_t info_len = a.u32(4);
  const std::uint64_t addr = a.u64(8);
  if (static_cast<std::uint32_t>(ctx.call.saved[0]) != info_len) {
    out.put(" => ");
    out.put_udec(info_len);
  }
  out.put(", info=");
  const InfoKind kind = static_cast<InfoKind>(ctx.call.saved[0] >> 32);
  const unsigned char* buf = kind == kInfoNone ? nullptr : fetch_info(ctx, addr, info_len);
  if (buf == nullptr) {
    print_addr(out, addr);
  } else {
    Attr info{buf, info_len};
    if (kind == kInfoMap) {
      print_map_info(ctx, info);
    } else {
      print_prog_info(ctx, info);
    }
  }
  out.put('}');
  print_extra_data(ctx, a.data, a.size, 16);
  out.put('}');
}

}  // namespace scry::dec::bpf
