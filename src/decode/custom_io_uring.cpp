// io_uring_setup and io_uring_register as strace 6.1 prints them (io_uring_enter is a plain row):
// struct io_uring_params in (at entry) and out (at exit), and io_uring_register's argument by
// opcode -- fd and iovec arrays, the probe (filled by the kernel), restrictions, io-wq limits,
// ring fds and provided-buffer rings.
#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {

// Opcodes (enum in uapi linux/io_uring.h; the values are ABI).
enum RegisterOp : std::uint32_t {
  kRegisterBuffers = 0,
  kRegisterFiles = 2,
  kRegisterEventfd = 4,
  kRegisterFilesUpdate = 6,
  kRegisterEventfdAsync = 7,
  kRegisterProbe = 8,
  kRegisterRestrictions = 11,
  kRegisterIowqAff = 17,
  kRegisterIowqMaxWorkers = 19,
  kRegisterRingFds = 20,
  kUnregisterRingFds = 21,
  kRegisterPbufRing = 22,
  kUnregisterPbufRing = 23,
};
constexpr std::uint32_t kSetupAttachWq = 1u << 5;  // IORING_SETUP_ATTACH_WQ
constexpr int kFilesSkip = -2;                     // IORING_REGISTER_FILES_SKIP
constexpr std::uint64_t kMaxProbeOps = 256;        // strace's bound on the probe's nargs
constexpr std::size_t kProbeOpSize = 8;            // struct io_uring_probe_op

// The states io_uring_register's entry hands to its exit.
enum RegisterState : int {
  kRegisterDone = kAllPrinted,
  kProbeDeferred = 1,  // the probe was all zeros at entry: printed at exit only
  kProbePrinted = 2,   // the probe printed at entry: " => " and the kernel's at exit
  kMaxWorkers = 3,     // " => " and the array the kernel wrote back
};

const FlagSet* uring_ops() {
  static const FlagSet* const set = find_set("io_uring_op");
  return set;
}

const FlagSet* register_ops() {
  static const FlagSet* const set = find_set("io_uring_register_op");
  return set;
}

template <typename T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// "[0x1, 0, 0x2]": strace's print_xint_array_member over a local array.
template <typename T, std::size_t N>
void print_hex_array(OutBuf& out, const T (&v)[N]) {
  out.put('[');
  for (std::size_t i = 0; i < N; ++i) {
    if (i != 0) out.put(", ");
    out.put_hex(v[i]);
  }
  out.put(']');
}

template <typename T, std::size_t N>
bool all_zero(const T (&v)[N]) {
  for (const T& x : v)
    if (x != 0) return false;
  return true;
}

// --- io_uring_setup ---------------------------------------------------------------------------

struct SqOffsets {
  std::uint32_t head, tail, ring_mask, ring_entries, flags, dropped, array, resv1;
  std::uint64_t resv2;
};
struct CqOffsets {
  std::uint32_t head, tail, ring_mask, ring_entries, overflow, cqes, flags, resv1;
  std::uint64_t resv2;
};
struct UringParams {
  std::uint32_t sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd;
  std::uint32_t resv[3];
  SqOffsets sq_off;
  CqOffsets cq_off;
};
static_assert(sizeof(UringParams) == 120);

void print_offsets_tail(Fields& f, std::uint32_t resv1, std::uint64_t resv2) {
  if (resv1 != 0) f.f("resv1").put_hex(resv1);
  if (resv2 != 0) f.f("resv2").put_hex(resv2);
  f.end();
}

void print_sq_offsets(OutBuf& out, const SqOffsets& o) {
  Fields f(out);
  f.f("head").put_udec(o.head);
  f.f("tail").put_udec(o.tail);
  f.f("ring_mask").put_udec(o.ring_mask);
  f.f("ring_entries").put_udec(o.ring_entries);
  f.f("flags").put_udec(o.flags);
  f.f("dropped").put_udec(o.dropped);
  f.f("array").put_udec(o.array);
  print_offsets_tail(f, o.resv1, o.resv2);
}

void print_cq_offsets(OutBuf& out, const CqOffsets& o) {
  Fields f(out);
  f.f("head").put_udec(o.head);
  f.f("tail").put_udec(o.tail);
  f.f("ring_mask").put_udec(o.ring_mask);
  f.f("ring_entries").put_udec(o.ring_entries);
  f.f("overflow").put_udec(o.overflow);
  f.f("cqes").put_udec(o.cqes);
  f.f("flags").put_udec(o.flags);
  print_offsets_tail(f, o.resv1, o.resv2);
}

// --- io_uring_register's arguments --------------------------------------------------------------

// An fd array element of IORING_REGISTER_FILES_UPDATE: IORING_REGISTER_FILES_SKIP by name.
void print_update_fd(DecodeCtx& ctx, int fd) {
  if (fd == kFilesSkip) {
    print_styled(ctx.out, static_cast<std::uint64_t>(static_cast<std::int64_t>(fd)), ValFmt::Dec,
                 [](OutBuf& o) {
                   o.put("IORING_REGISTER_FILES_SKIP");
                   return true;
                 });
  } else {
    printfd(ctx, fd);
  }
}

void print_fd_array(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, bool update) {
  print_array(ctx, addr, count, sizeof(int), [&](const unsigned char* e) {
    const int fd = load<int>(e);
    if (update) {
      print_update_fd(ctx, fd);
    } else {
      printfd(ctx, fd);
    }
    return true;
  });
}

void print_files_update(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t nargs) {
  struct {
    std::uint32_t offset, resv;
    std::uint64_t fds;
  } u{};
  if (!umove_or_printaddr(ctx, addr, u)) return;
  Fields f(ctx.out);
  f.f("offset").put_udec(u.offset);
  if (u.resv != 0) f.f("resv").put_hex(u.resv);
  f.f("fds");
  print_fd_array(ctx, u.fds, nargs, true);
  f.end();
}

// struct io_uring_probe (16 bytes) and its ops (8 bytes each), printed from a local copy:
// `count` ops (bounded by -s like any array), then "..." when the kernel has more.
void print_probe_value(DecodeCtx& ctx, const unsigned char* p, std::uint64_t count,
                       bool truncated) {
  static const FlagSet* const op_flags = find_set("io_uring_op_flags");
  OutBuf& out = ctx.out;
  const std::uint16_t resv = load<std::uint16_t>(p + 2);
  std::uint32_t resv2[3];
  std::memcpy(resv2, p + 4, sizeof resv2);
  Fields f(out);
  printxval(f.f("last_op"), uring_ops(), p[0], "IORING_OP_???", ValFmt::Udec);
  f.f("ops_len").put_udec(p[1]);
  if (resv != 0) f.f("resv").put_hex(resv);
  if (!all_zero(resv2)) print_hex_array(f.f("resv2"), resv2);
  f.f("ops").put('[');
  const std::uint64_t limit = ctx.opt.verbose ? kMaxArrayElems : max_strlen(ctx.opt);
  for (std::uint64_t i = 0; i < count; ++i) {
    if (i != 0) out.put(", ");
    if (i >= limit) {
      out.put("...");
      truncated = false;
      break;
    }
    const unsigned char* op = p + 16 + kProbeOpSize * i;
    const std::uint16_t flags = load<std::uint16_t>(op + 2);
    const std::uint32_t op_resv2 = load<std::uint32_t>(op + 4);
    Fields of(out);
    printxval(of.f("op"), uring_ops(), op[0], "IORING_OP_???", ValFmt::Udec);
    if (op[1] != 0) of.f("resv").put_hex(op[1]);
    printflags(of.f("flags"), op_flags, flags, "IO_URING_OP_???");
    if (op_resv2 != 0) of.f("resv2").put_hex(op_resv2);
    of.end();
  }
  if (truncated) out.put(count != 0 ? ", ..." : "...");
  out.put(']');
  f.end();
}

// IORING_REGISTER_PROBE: printed at entry unless all zeros (the kernel requires zeros, so a
// well-behaved caller's probe shows at exit only), then at exit after " => " when it succeeded.
int print_probe(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t nargs, int state) {
  if (ctx.exiting) {
    if (ctx.call.is_error) {
      if (state == kProbeDeferred) print_addr(ctx.out, addr);
      return kRegisterDone;
    }
    if (state == kProbePrinted) ctx.out.put(" => ");
  }
  if (nargs > kMaxProbeOps) {
    print_addr(ctx.out, addr);
    return kRegisterDone;
  }
  const std::size_t size = 16 + kProbeOpSize * static_cast<std::size_t>(nargs);
  unsigned char buf[16 + kProbeOpSize * kMaxProbeOps];
  if (!umoven_or_printaddr(ctx, addr, size, buf)) return kRegisterDone;
  if (!ctx.exiting) {
    bool zero = true;
    for (std::size_t i = 0; i < size && zero; ++i) zero = buf[i] == 0;
    if (zero) return kProbeDeferred;
    print_probe_value(ctx, buf, nargs, false);
    return kProbePrinted;
  }
  const std::uint64_t ops_len = buf[1];
  print_probe_value(ctx, buf, ops_len < nargs ? ops_len : nargs, nargs < ops_len);
  return kRegisterDone;
}

void print_restrictions(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t nargs) {
  static const FlagSet* const opcodes = find_set("io_uring_restriction_op");
  static const FlagSet* const sqe_flags = find_set("io_uring_sqe_flags");
  print_array(ctx, addr, nargs, 16, [&](const unsigned char* e) {
    const std::uint16_t opcode = load<std::uint16_t>(e);
    std::uint32_t resv2[3];
    std::memcpy(resv2, e + 4, sizeof resv2);
    Fields f(ctx.out);
    printxval(f.f("opcode"), opcodes, opcode, "IORING_RESTRICTION_???");
    switch (opcode) {
      case 0:  // IORING_RESTRICTION_REGISTER_OP
        printxval(f.f("register_op"), register_ops(), e[2], "IORING_REGISTER_???");
        break;
      case 1:  // IORING_RESTRICTION_SQE_OP
        printxval(f.f("sqe_op"), uring_ops(), e[2], "IORING_OP_???");
        break;
      case 2:  // IORING_RESTRICTION_SQE_FLAGS_ALLOWED
      case 3:  // IORING_RESTRICTION_SQE_FLAGS_REQUIRED
        printflags(f.f("sqe_flags"), sqe_flags, e[2], "IOSQE_???");
        break;
      default:
        ctx.out.put(" /* op: ");
        ctx.out.put_hex(e[2]);
        ctx.out.put(" */");
    }
    if (e[3] != 0) f.f("resv").put_hex(e[3]);
    if (!all_zero(resv2)) print_hex_array(f.f("resv2"), resv2);
    f.end();
    return true;
  });
}

// IORING_REGISTER_IOWQ_MAX_WORKERS: [[IO_WQ_BOUND]=N, [IO_WQ_UNBOUND]=M]; false when nothing was
// read (no array: the kernel's values are not printed either).
bool print_max_workers(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t nargs) {
  static const FlagSet* const kinds = find_set("io_uring_iowq_acct");
  std::uint64_t index = 0;
  return print_array(ctx, addr, nargs, sizeof(std::uint32_t), [&](const unsigned char* e) {
    ctx.out.put('[');
    printxval(ctx.out, kinds, index++, "IO_WQ_???", ValFmt::Udec);
    ctx.out.put("]=");
    ctx.out.put_udec(load<std::uint32_t>(e));
    return true;
  });
}

// struct io_uring_rsrc_update elements of IORING_(UN)REGISTER_RING_FDS.
void print_ring_fds(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t nargs, bool reg) {
  print_array(ctx, addr, nargs, 16, [&](const unsigned char* e) {
    const std::uint32_t offset = load<std::uint32_t>(e);
    const std::uint32_t resv = load<std::uint32_t>(e + 4);
    const std::uint64_t data = load<std::uint64_t>(e + 8);
    Fields f(ctx.out);
    if (reg && offset == ~0u) {
      f.f("offset").put_dec(-1);  // "the first free slot"
    } else {
      f.f("offset").put_udec(offset);
    }
    if (resv != 0) f.f("resv").put_hex(resv);
    if (reg) {
      f.f("data");
      printfd(ctx, static_cast<int>(data));
    } else if (data != 0) {
      f.f("data").put_hex(data);
    }
    f.end();
    return true;
  });
}

// struct io_uring_buf_reg (IORING_(UN)REGISTER_PBUF_RING).
void print_buf_reg(DecodeCtx& ctx, std::uint64_t addr) {
  struct {
    std::uint64_t ring_addr;
    std::uint32_t ring_entries;
    std::uint16_t bgid, pad;
    std::uint64_t resv[3];
  } r{};
  static_assert(sizeof r == 40);
  if (!umove_or_printaddr(ctx, addr, r)) return;
  Fields f(ctx.out);
  print_addr(f.f("ring_addr"), r.ring_addr);
  f.f("ring_entries").put_udec(r.ring_entries);
  f.f("bgid").put_udec(r.bgid);
  if (r.pad != 0) f.f("pad").put_hex(r.pad);
  if (!all_zero(r.resv)) print_hex_array(f.f("resv"), r.resv);
  f.end();
}

void print_nargs(DecodeCtx& ctx) {
  ctx.out.put(", ");
  ctx.out.put_udec(static_cast<std::uint32_t>(ctx.call.args[3]));
}

}  // namespace

int io_uring_setup_entry(DecodeCtx& ctx) {
  static const FlagSet* const setup_flags = find_set("io_uring_setup_flags");
  OutBuf& out = ctx.out;
  out.put_udec(static_cast<std::uint32_t>(ctx.call.args[0]));
  out.put(", ");
  UringParams p{};
  if (!umove_or_printaddr(ctx, ctx.call.args[1], p)) return kAllPrinted;
  out.put('{');
  out.put("flags=");
  printflags(out, setup_flags, p.flags, "IORING_SETUP_???");
  out.put(", sq_thread_cpu=");
  out.put_hex(p.sq_thread_cpu);
  out.put(", sq_thread_idle=");
  out.put_udec(p.sq_thread_idle);
  if ((p.flags & kSetupAttachWq) != 0) {
    out.put(", wq_fd=");
    printfd(ctx, static_cast<int>(p.wq_fd));
  }
  if (!all_zero(p.resv)) {
    out.put(", resv=");
    print_hex_array(out, p.resv);
  }
  return 1;  // the structure stays open for the kernel's part
}

void io_uring_setup_exit(DecodeCtx& ctx, int from) {
  static const FlagSet* const features = find_set("io_uring_features");
  if (from != 1) return;
  OutBuf& out = ctx.out;
  UringParams p{};
  if (!ctx.call.is_error && umoven(ctx.mem, ctx.call.args[1], sizeof p, &p)) {
    out.put(", sq_entries=");
    out.put_udec(p.sq_entries);
    out.put(", cq_entries=");
    out.put_udec(p.cq_entries);
    out.put(", features=");
    printflags(out, features, p.features, "IORING_FEAT_???");
    out.put(", sq_off=");
    print_sq_offsets(out, p.sq_off);
    out.put(", cq_off=");
    print_cq_offsets(out, p.cq_off);
  }
  out.put('}');
}

int io_uring_register_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const std::uint32_t op = static_cast<std::uint32_t>(a[1]);
  const std::uint64_t arg = a[2];
  const std::uint32_t nargs = static_cast<std::uint32_t>(a[3]);
  printfd(ctx, static_cast<int>(a[0]));
  out.put(", ");
  printxval(out, register_ops(), op, "IORING_REGISTER_???");
  out.put(", ");
  switch (op) {
    case kRegisterBuffers:
      print_iovec(ctx, arg, nargs, 0, false);
      break;
    case kRegisterFiles:
    case kRegisterEventfd:
    case kRegisterEventfdAsync:
      print_fd_array(ctx, arg, nargs, false);
      break;
    case kRegisterFilesUpdate:
      print_files_update(ctx, arg, nargs);
      break;
    case kRegisterProbe: {
      const int state = print_probe(ctx, arg, nargs, 0);
      if (state != kRegisterDone) return state;
      break;
    }
    case kRegisterRestrictions:
      print_restrictions(ctx, arg, nargs);
      break;
    case kRegisterIowqAff:
      print_cpuset(ctx, arg, nargs);
      break;
    case kRegisterIowqMaxWorkers:
      if (print_max_workers(ctx, arg, nargs)) return kMaxWorkers;
      break;
    case kRegisterRingFds:
    case kUnregisterRingFds:
      print_ring_fds(ctx, arg, nargs, op == kRegisterRingFds);
      break;
    case kRegisterPbufRing:
    case kUnregisterPbufRing:
      print_buf_reg(ctx, arg);
      break;
    default:
      print_addr(out, arg);
  }
  print_nargs(ctx);
  return kRegisterDone;
}

void io_uring_register_exit(DecodeCtx& ctx, int from) {
  const std::uint64_t arg = ctx.call.args[2];
  const std::uint32_t nargs = static_cast<std::uint32_t>(ctx.call.args[3]);
  switch (from) {
    case kProbeDeferred:
    case kProbePrinted:
      print_probe(ctx, arg, nargs, from);
      break;
    case kMaxWorkers:
      ctx.out.put(" => ");
      print_max_workers(ctx, arg, nargs);
      break;
    default:
      return;
  }
  print_nargs(ctx);
}

}  // namespace scry::dec
