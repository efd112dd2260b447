// bpf(2) as strace 6.1 prints it: the command, its union bpf_attr (decoded for BPF_MAP_CREATE up
// to BPF_LINK_GET_NEXT_ID; later commands print the address) and the size. Each command's
// structure prints as far as the caller's size reaches, in the steps strace checks, and bytes
// past the structure strace knows show as "..." (-v: extra_data="..."). A few commands finish at
// exit: *_GET_NEXT_ID (the next id), BPF_OBJ_GET_INFO_BY_FD, BPF_PROG_QUERY, BPF_TASK_FD_QUERY and
// the batch operations (what the kernel wrote back).
#include <cstring>

#include "decode/bpf_attr.hpp"
#include "decode/custom.hpp"
#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

using bpf::Attr;

constexpr std::uint32_t kPage = 4096;
constexpr int kBpfAtExit = 1;  // the entry's state when a command finishes at exit

// Commands (enum bpf_cmd; the values are ABI).
enum Cmd : std::uint32_t {
  kMapCreate = 0,
  kMapLookupElem = 1,
  kMapUpdateElem = 2,
  kMapDeleteElem = 3,
  kMapGetNextKey = 4,
  kProgLoad = 5,
  kObjPin = 6,
  kObjGet = 7,
  kProgAttach = 8,
  kProgDetach = 9,
  kProgTestRun = 10,
  kProgGetNextId = 11,
  kMapGetNextId = 12,
  kProgGetFdById = 13,
  kMapGetFdById = 14,
  kObjGetInfoByFd = 15,
  kProgQuery = 16,
  kRawTracepointOpen = 17,
  kBtfLoad = 18,
  kBtfGetFdById = 19,
  kTaskFdQuery = 20,
  kMapLookupAndDeleteElem = 21,
  kMapFreeze = 22,
  kBtfGetNextId = 23,
  kMapLookupBatch = 24,
  kMapLookupAndDeleteBatch = 25,
  kMapUpdateBatch = 26,
  kMapDeleteBatch = 27,
  kLinkCreate = 28,
  kLinkUpdate = 29,
  kLinkGetFdById = 30,
  kLinkGetNextId = 31,
  kLastDecoded = kLinkGetNextId,
};

// Attach types whose LINK_CREATE union strace 6.1 decodes (enum bpf_attach_type).
constexpr std::uint32_t kAttachTraceIter = 28;
constexpr std::uint32_t kAttachPerfEvent = 41;
constexpr std::uint32_t kAttachKprobeMulti = 42;
constexpr std::uint32_t kMapFlagNumaNode = 1u << 2;    // BPF_F_NUMA_NODE
constexpr std::uint32_t kAttachFlagReplace = 1u << 2;  // BPF_F_REPLACE

const FlagSet* set(const char* name) {
  return find_set(name);
}

// Field printers over the attribute bytes.
struct Printer {
  DecodeCtx& ctx;
  const Attr& a;
  Fields& f;

  void u(const char* name, std::size_t off) { f.f(name).put_udec(a.u32(off)); }
  void u64(const char* name, std::size_t off) { f.f(name).put_udec(a.u64(off)); }
  void x(const char* name, std::size_t off) { f.f(name).put_hex(a.u32(off)); }
  void x64(const char* name, std::size_t off) { f.f(name).put_hex(a.u64(off)); }
  void addr(const char* name, std::size_t off) { print_addr(f.f(name), a.u64(off)); }
  void fd(const char* name, std::size_t off) {
    f.f(name);
    printfd(ctx, a.s32(off));
  }
  void xval(const char* name, std::size_t off, const char* set_name, const char* dflt) {
    printxval(f.f(name), set(set_name), a.u32(off), dflt);
  }
  void flags(const char* name, std::size_t off, const char* set_name, const char* dflt) {
    printflags(f.f(name), set(set_name), a.u32(off), dflt);
  }
  void flags64(const char* name, std::size_t off, const char* set_name, const char* dflt) {
    printflags(f.f(name), set(set_name), a.u64(off), dflt);
  }
  // A char[16] name cut to what the caller's size covers (strace's PRINT_FIELD_CSTRING_SZ).
  void name(const char* name, std::size_t off) {
    std::size_t n = a.size - off;
    if (n > 16) n = 16;
    print_quoted_ex(f.f(name), reinterpret_cast<const char*>(a.data + off), n,
                    kQuote0Terminated | kQuoteExpectTrailing0, ctx.opt.xmode);
  }
  void ifindex(const char* name, std::size_t off) {
    f.f(name);
    print_ifindex(ctx, a.u32(off));
  }
};

// The end of a command's structure: its closing brace after the extra bytes (`known`: the size
// of the structure strace 6.1 knows; 0 when the caller's size stopped the decoding early).
void close(DecodeCtx& ctx, const Attr& a, std::uint32_t known) {
  if (known != 0) bpf::print_extra_data(ctx, a.data, a.size, known);
  ctx.out.put('}');
}

void map_create(DecodeCtx& ctx, const Attr& a) {
  Fields f(ctx.out);
  Printer p{ctx, a, f};
  p.xval("map_type", 0, "bpf_map_types", "BPF_MAP_TYPE_???");
  p.u("key_size", 4);
  p.u("value_size", 8);
  p.u("max_entries", 12);
  std::uint32_t known = 0;
  do {
    if (!a.has(16)) break;
    p.flags("map_flags", 16, "bpf_map_flags", "BPF_F_???");
    if (!a.has(20)) break;
    p.fd("inner_map_fd", 20);
    if (!a.has(24)) break;
    if ((a.u32(16) & kMapFlagNumaNode) != 0) {
      // NUMA_NO_NODE is not in the uapi headers: strace always names it in a comment.
      const std::uint32_t node = a.u32(24);
      OutBuf& out = f.f("numa_node");
      out.put_udec(node);
      const char* s = xlookup(set("bpf_numa_node"), node);
      if (s != nullptr && xlat_style() != XlatStyle::Raw) {
        out.put(" /* ");
        out.put(s);
        out.put(" */");
      }
    }
    if (!a.has(28)) break;
    p.name("map_name", 28);
    if (!a.has(44)) break;
    p.ifindex("map_ifindex", 44);
    if (!a.has(48)) break;
    p.fd("btf_fd", 48);
    p.u("btf_key_type_id", 52);
    p.u("btf_value_type_id", 56);
    if (!a.has(60)) break;
    p.u("btf_vmlinux_value_type_id", 60);
    if (!a.has(64)) break;
    p.u64("map_extra", 64);
    known = 72;
  } while (false);
  close(ctx, a, known);
}

void map_elem(DecodeCtx& ctx, const Attr& a, std::uint32_t cmd) {
  Fields f(ctx.out);
  Printer p{ctx, a, f};
  p.fd("map_fd", 0);
  p.addr("key", 8);
  std::uint32_t known = 16;
  switch (cmd) {
    case kMapGetNextKey:
      p.addr("next_key", 16);
      known = 24;
      break;
    case kMapUpdateElem:
      p.addr("value", 16);
      printxval(f.f("flags"), set("bpf_map_update_elem_flags"), a.u64(24), "BPF_???");
      known = 32;
      break;
    case kMapLookupElem:
    case kMapLookupAndDeleteElem:
      p.addr("value", 16);
      known = 0;
      if (!a.has(24)) break;
      p.flags64("flags", 24, "bpf_map_lookup_elem_flags", "BPF_???");
      known = 32;
      break;
    default:  // BPF_MAP_DELETE_ELEM
      break;
  }
  close(ctx, a, known);
}

void print_kernel_version(OutBuf& out, std::uint32_t v) {
  OutBuf text;
  text.put("KERNEL_VERSION(");
  text.put_udec(v >> 16);
  text.put(", ");
  text.put_udec((v >> 8) & 0xff);
  text.put(", ");
  text.put_udec(v & 0xff);
  text.put(')');
  print_xlat_text(out, v, ValFmt::Hex, text.view());
}

void prog_load(DecodeCtx& ctx, const Attr& a) {
  Fields f(ctx.out);
  Printer p{ctx, a, f};
  p.xval("prog_type", 0, "bpf_prog_types", "BPF_PROG_TYPE_???");
  p.u("insn_cnt", 4);
  f.f("insns");
  bpf::print_insns(ctx, a.u64(8), a.u32(4));
  f.f("license");
  printstr(ctx, a.u64(16));
  std::uint32_t known = 0;
  do {
    if (!a.has(24)) break;
    p.u("log_level", 24);
    p.u("log_size", 28);
    f.f("log_buf");
    printstr_ex(ctx, a.u64(32), a.u32(28), kQuote0Terminated);
    if (!a.has(40)) break;
    print_kernel_version(f.f("kern_version"), a.u32(40));
    if (!a.has(44)) break;
    p.flags("prog_flags", 44, "bpf_prog_flags", "BPF_F_???");
    if (!a.has(48)) break;
    p.name("prog_name", 48);
    if (!a.has(64)) break;
    p.ifindex("prog_ifindex", 64);
    if (!a.has(68)) break;
    p.xval("expected_attach_type", 68, "bpf_attach_type", "BPF_???");
    if (!a.has(72)) break;
    p.fd("prog_btf_fd", 72);
    p.u("func_info_rec_size", 76);
    p.addr("func_info", 80);
    p.u("func_info_cnt", 88);
    p.u("line_info_rec_size", 92);
    p.addr("line_info", 96);
    p.u("line_info_cnt", 104);
    if (!a.has(108)) break;
    p.u("attach_btf_id", 108);
    if (!a.has(112)) break;
    p.fd("attach_prog_fd", 112);
    if (!a.has(120)) break;
    p.addr("fd_array", 120);
    known = 128;
  } while (false);
  close(ctx, a, known);
}

void obj_pin(DecodeCtx& ctx, const Attr& a) {
  Fields f(ctx.out);
  Printer p{ctx, a, f};
  f.f("pathname");
  printpath(ctx, a.u64(0));
  p.fd("bpf_fd", 8);
  std::uint32_t known = 0;
  if (a.has(12)) {
    p.flags("file_flags", 12, "bpf_file_mode_flags", "BPF_F_???");
    known = 16;
  }
  close(ctx, a, known);
}

void prog_attach(DecodeCtx& ctx, const Attr& a, bool detach) {
  Fields f(ctx.out);
  Printer p{ctx, a, f};
  p.fd("target_fd", 0);
  if (detach) {
    p.xval("attach_type", 8, "bpf_attach_type", "BPF_???");
    close(ctx, a, 12);
    return;
  }
  p.fd("attach_bpf_fd", 4);
  p.xval("attach_type", 8, "bpf_attach_type", "BPF_???");
  p.flags("attach_flags", 12, "bpf_attach_flags", "BPF_F_???");
  std::uint32_t known = 0;
  if (a.has(16)) {
    p.fd("replace_bpf_fd", 16);
    known = 20;
  }
  close(ctx, a, known);
}

void prog_test_run(DecodeCtx& ctx, const Attr& a) {
  Fields outer(ctx.out);
  Fields f(outer.f("test"));
  Printer p{ctx, a, f};
  p.fd("prog_fd", 0);
  p.u("retval", 4);
  p.u("data_size_in", 8);
  p.u("data_size_out", 12);
  p.addr("data_in", 16);
  p.addr("data_out", 24);
  p.u("repeat", 32);
  p.u("duration", 36);
  if (a.has(40)) {
    p.u("ctx_size_in", 40);
    p.u("ctx_size_out", 44);
    p.addr("ctx_in", 48);
    p.addr("ctx_out", 56);
  }
  if (a.has(64)) {
    p.flags("flags", 64, "bpf_test_run_flags", "BPF_F_???");
    p.u("cpu", 68);
  }
  if (a.has(72)) p.u("batch_size", 72);
  f.end();
  close(ctx, a, 76);
}

// *_GET_FD_BY_ID: "{prog_id=N, next_id=N, open_flags=...}" (BTF and link: the id only).
void get_fd_by_id(DecodeCtx& ctx, const Attr& a, const char* id_name, bool with_flags) {
  Fields f(ctx.out);
  Printer p{ctx, a, f};
  p.u(id_name, 0);
  if (!with_flags) {
    close(ctx, a, 4);
    return;
  }
  p.u("next_id", 4);
  std::uint32_t known = 0;
  if (a.has(8)) {
    p.flags("open_flags", 8, "bpf_file_mode_flags", "BPF_F_???");
    known = 12;
  }
  close(ctx, a, known);
}

void raw_tracepoint_open(DecodeCtx& ctx, const Attr& a) {
  constexpr std::uint64_t kTpNameSize = 128;
  Fields outer(ctx.out);
  Fields f(outer.f("raw_tracepoint"));
  Printer p{ctx, a, f};
  f.f("name");
  printstr_ex(ctx, a.u64(0), kTpNameSize, kQuote0Terminated);
  p.fd("prog_fd", 8);
  f.end();
  close(ctx, a, 12);
}

void btf_load(DecodeCtx& ctx, const Attr& a) {
  Fields f(ctx.out);
  Printer p{ctx, a, f};
  f.f("btf");
  printstrn(ctx, a.u64(0), a.u32(16));
  p.addr("btf_log_buf", 8);
  p.u("btf_size", 16);
  p.u("btf_log_size", 20);
  p.u("btf_log_level", 24);
  close(ctx, a, 28);
}

// The batch operations' fields (which of them a command has differs).
void batch_entry(DecodeCtx& ctx, const Attr& a, std::uint32_t cmd) {
  Fields outer(ctx.out);
  Fields f(outer.f("batch"));
  Printer p{ctx, a, f};
  if (cmd == kMapLookupBatch || cmd == kMapLookupAndDeleteBatch) {
    p.addr("in_batch", 0);
    p.addr("out_batch", 8);
  }
  p.addr("keys", 16);
  if (cmd != kMapDeleteBatch) p.addr("values", 24);
  p.u("count", 32);
  p.fd("map_fd", 36);
  p.flags64("elem_flags", 40, "bpf_map_lookup_elem_flags", "BPF_???");
  p.x64("flags", 48);
  f.end();
  close(ctx, a, 56);
  ctx.call.saved[1] = a.u32(32);
}

void link_create(DecodeCtx& ctx, const Attr& a) {
  Fields outer(ctx.out);
  Fields f(outer.f("link_create"));
  Printer p{ctx, a, f};
  p.fd("prog_fd", 0);
  p.fd("target_fd", 4);
  const std::uint32_t type = a.u32(8);
  p.xval("attach_type", 8, "bpf_attach_type", "BPF_???");
  p.x("flags", 12);
  if (!a.has(16)) {
    f.end();
    close(ctx, a, 0);
    return;
  }
  std::uint32_t known = 16;
  switch (type) {
    case 0:  // no attach type (BPF_PROG_TYPE_EXT programs): the target BTF id
      if (a.u32(16) != 0) p.u("target_btf_id", 16);
      known = 20;
      break;
    case kAttachTraceIter:
      f.f("iter_info");
      print_array(ctx, a.u64(16), a.u32(24), 4, [&](const unsigned char* e) {
        std::int32_t map_fd = 0;
        std::memcpy(&map_fd, e, sizeof map_fd);
        ctx.out.put("{map={map_fd=");
        printfd(ctx, map_fd);
        ctx.out.put("}}");
        return true;
      });
      p.u("iter_info_len", 24);
      known = 28;
      break;
    case kAttachPerfEvent: {
      Fields pe(f.f("perf_event"));
      pe.f("bpf_cookie").put_hex(a.u64(16));
      pe.end();
      known = 24;
      break;
    }
    case kAttachKprobeMulti: {
      Fields km(f.f("kprobe_multi"));
      Printer kp{ctx, a, km};
      kp.flags("flags", 16, "bpf_kprobe_multi_flags", "BPF_F_KPROBE_MULTI_???");
      const std::uint32_t cnt = a.u32(20);
      kp.u("cnt", 20);
      km.f("syms");
      print_array(ctx, a.u64(24), cnt, 8, [&](const unsigned char* e) {
        std::uint64_t ptr = 0;
        std::memcpy(&ptr, e, sizeof ptr);
        printstr(ctx, ptr);
        return true;
      });
      auto hex_array = [&](const char* name, std::uint64_t addr) {
        km.f(name);
        print_array(ctx, addr, cnt, 8, [&](const unsigned char* e) {
          std::uint64_t v = 0;
          std::memcpy(&v, e, sizeof v);
          ctx.out.put_hex(v);
          return true;
        });
      };
      hex_array("addrs", a.u64(32));
      hex_array("cookies", a.u64(40));
      km.end();
      known = 48;
      break;
    }
    default:
      break;
  }
  f.end();
  close(ctx, a, known);
}

void link_update(DecodeCtx& ctx, const Attr& a) {
  Fields outer(ctx.out);
  Fields f(outer.f("link_update"));
  Printer p{ctx, a, f};
  p.fd("link_fd", 0);
  p.fd("new_prog_fd", 4);
  p.flags("flags", 8, "bpf_attach_flags", "BPF_F_???");
  if ((a.u32(8) & kAttachFlagReplace) != 0) p.fd("old_prog_fd", 12);
  f.end();
  close(ctx, a, 16);
}

// Entry decoders: true when the command finishes at exit.
bool decode_entry(DecodeCtx& ctx, std::uint32_t cmd, const Attr& a) {
  OutBuf& out = ctx.out;
  switch (cmd) {
    case kMapCreate:
      map_create(ctx, a);
      return false;
    case kMapLookupElem:
    case kMapUpdateElem:
    case kMapDeleteElem:
    case kMapGetNextKey:
    case kMapLookupAndDeleteElem:
      map_elem(ctx, a, cmd);
      return false;
    case kMapFreeze: {
      Fields f(out);
      Printer{ctx, a, f}.fd("map_fd", 0);
      close(ctx, a, 4);
      return false;
    }
    case kProgLoad:
      prog_load(ctx, a);
      return false;
    case kObjPin:
    case kObjGet:
      obj_pin(ctx, a);
      return false;
    case kProgAttach:
    case kProgDetach:
      prog_attach(ctx, a, cmd == kProgDetach);
      return false;
    case kProgTestRun:
      prog_test_run(ctx, a);
      return false;
    case kProgGetNextId:
    case kMapGetNextId:
    case kBtfGetNextId:
    case kLinkGetNextId:
      out.put("{start_id=");
      out.put_udec(a.u32(0));
      out.put(", next_id=");
      out.put_udec(a.u32(4));
      ctx.call.saved[1] = a.u32(4);
      return true;
    case kProgGetFdById:
      get_fd_by_id(ctx, a, "prog_id", true);
      return false;
    case kMapGetFdById:
      get_fd_by_id(ctx, a, "map_id", true);
      return false;
    case kBtfGetFdById:
      get_fd_by_id(ctx, a, "btf_id", false);
      return false;
    case kLinkGetFdById:
      get_fd_by_id(ctx, a, "link_id", false);
      return false;
    case kObjGetInfoByFd:
      bpf::obj_get_info_entry(ctx, a);
      return true;
    case kProgQuery: {
      out.put("{query={target_fd=");
      printfd(ctx, a.s32(0));
      out.put(", attach_type=");
      printxval(out, set("bpf_attach_type"), a.u32(4), "BPF_???");
      out.put(", query_flags=");
      printflags(out, set("bpf_query_flags"), a.u32(8), "BPF_F_QUERY_???");
      out.put(", attach_flags=");
      printflags(out, set("bpf_attach_flags"), a.u32(12), "BPF_F_???");
      out.put(", prog_ids=");
      ctx.call.saved[1] = a.u32(24);
      return true;
    }
    case kRawTracepointOpen:
      raw_tracepoint_open(ctx, a);
      return false;
    case kBtfLoad:
      btf_load(ctx, a);
      return false;
    case kTaskFdQuery:
      out.put("{task_fd_query={pid=");
      print_pid(ctx, a.s32(0));
      out.put(", fd=");
      printfd(ctx, a.s32(4));
      out.put(", flags=");
      out.put_udec(a.u32(8));
      out.put(", buf_len=");
      out.put_udec(a.u32(12));
      ctx.call.saved[1] = a.u32(12);
      return true;
    case kMapLookupBatch:
    case kMapLookupAndDeleteBatch:
    case kMapUpdateBatch:
    case kMapDeleteBatch:
      batch_entry(ctx, a, cmd);
      return true;
    case kLinkCreate:
      link_create(ctx, a);
      return false;
    case kLinkUpdate:
      link_update(ctx, a);
      return false;
    default:
      return false;
  }
}

void decode_exit(DecodeCtx& ctx, std::uint32_t cmd, const Attr& a) {
  OutBuf& out = ctx.out;
  switch (cmd) {
    case kProgGetNextId:
    case kMapGetNextId:
    case kBtfGetNextId:
    case kLinkGetNextId: {
      if (!ctx.call.is_error && ctx.call.saved[1] != a.u32(4)) {
        out.put(" => ");
        out.put_udec(a.u32(4));
      }
      std::uint32_t known = 0;
      if (a.has(8)) {
        out.put(", open_flags=");
        printflags(out, set("bpf_file_mode_flags"), a.u32(8), "BPF_F_???");
        known = 12;
      }
      close(ctx, a, known);
      return;
    }
    case kObjGetInfoByFd:
      bpf::obj_get_info_exit(ctx, a);
      return;
    case kProgQuery: {
      const std::uint32_t cnt = a.u32(24);
      print_array(ctx, a.u64(16), cnt, 4, [&](const unsigned char* e) {
        std::uint32_t id = 0;
        std::memcpy(&id, e, sizeof id);
        out.put_udec(id);
        return true;
      });
      out.put(", prog_cnt=");
      if (ctx.call.saved[1] != cnt) {
        out.put_udec(ctx.call.saved[1]);
        out.put(" => ");
      }
      out.put_udec(cnt);
      out.put('}');
      close(ctx, a, 28);
      return;
    }
    case kTaskFdQuery: {
      const std::uint32_t buf_len = a.u32(12);
      const std::uint32_t saved = static_cast<std::uint32_t>(ctx.call.saved[1]);
      if (saved != buf_len) {
        out.put(" => ");
        out.put_udec(buf_len);
      }
      out.put(", buf=");
      printstr_ex(ctx, a.u64(16), saved < buf_len ? saved : buf_len, kQuote0Terminated);
      out.put(", prog_id=");
      out.put_udec(a.u32(24));
      out.put(", fd_type=");
      printxval(out, set("bpf_task_fd_type"), a.u32(28), "BPF_FD_TYPE_???");
      out.put(", probe_offset=");
      out.put_hex(a.u64(32));
      out.put(", probe_addr=");
      out.put_hex(a.u64(40));
      out.put('}');
      close(ctx, a, 48);
      return;
    }
    case kMapLookupBatch:
    case kMapLookupAndDeleteBatch:
    case kMapUpdateBatch:
    case kMapDeleteBatch:
      if (ctx.call.saved[1] != a.u32(32)) {
        out.put(" => {batch={count=");
        out.put_udec(a.u32(32));
        out.put("}}");
      }
      return;
    default:
      return;
  }
}

// Returning commands' fds (the others return 0 or a count).
bool returns_fd(std::uint32_t cmd) {
  switch (cmd) {
    case kMapCreate:
    case kProgLoad:
    case kObjPin:
    case kObjGet:
    case kProgGetFdById:
    case kMapGetFdById:
    case kRawTracepointOpen:
    case kBtfLoad:
    case kBtfGetFdById:
    case kLinkCreate:
    case kLinkGetFdById:
      return true;
    default:
      return false;
  }
}

// Reads the attribute (strace's umoven_or_printaddr_ignore_syserror, at entry and at exit):
// false when it printed the address instead.
bool read_attr(DecodeCtx& ctx, unsigned char* buf, Attr& a) {
  const std::uint64_t addr = ctx.call.args[1];
  const std::uint32_t size = static_cast<std::uint32_t>(ctx.call.args[2]);
  std::memset(buf, 0, kPage);
  if (!umoven_or_printaddr_ignore_syserror(ctx, addr, size, buf)) return false;
  a.data = buf;
  a.size = size;
  return true;
}

void print_size(DecodeCtx& ctx) {
  ctx.out.put(", ");
  ctx.out.put_udec(static_cast<std::uint32_t>(ctx.call.args[2]));
}

}  // namespace

int bpf_entry(DecodeCtx& ctx) {
  static const FlagSet* const cmds = find_set("bpf_cmd");
  const std::uint32_t cmd = static_cast<std::uint32_t>(ctx.call.args[0]);
  const std::uint32_t size = static_cast<std::uint32_t>(ctx.call.args[2]);
  printxval(ctx.out, cmds, cmd, "BPF_???");
  ctx.out.put(", ");
  if (size == 0 || size > kPage || cmd > kLastDecoded) {
    print_addr(ctx.out, ctx.call.args[1]);
    print_size(ctx);
    return kAllPrinted;
  }
  unsigned char* buf = scratch_buffer<struct BpfEntry, kPage>();
  Attr a;
  if (!read_attr(ctx, buf, a)) {
    print_size(ctx);
    return kAllPrinted;
  }
  if (decode_entry(ctx, cmd, a)) return kBpfAtExit;
  print_size(ctx);
  return kAllPrinted;
}

void bpf_exit(DecodeCtx& ctx, int from) {
  const std::uint32_t cmd = static_cast<std::uint32_t>(ctx.call.args[0]);
  if (from == kBpfAtExit) {
    unsigned char* buf = scratch_buffer<struct BpfExit, kPage>();
    Attr a;
    if (read_attr(ctx, buf, a)) decode_exit(ctx, cmd, a);
    print_size(ctx);
  }
  // The fd return is strace's only when its decoder ran (not for an attribute left as an address).
  const std::uint32_t size = static_cast<std::uint32_t>(ctx.call.args[2]);
  const bool decoded =
      size != 0 && size <= kPage && ctx.call.args[1] != 0 && ctx.opt.struct_verbose;
  if (decoded && returns_fd(cmd)) set_ret(ctx, RetKind::Fd);
}

}  // namespace scry::dec
