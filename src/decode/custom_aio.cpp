// Linux native AIO (io_setup, io_submit, io_cancel, io_getevents, io_pgetevents) and
// get_robust_list, as strace 6.1 prints them.
#include <linux/aio_abi.h>

#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {

void next(OutBuf& out) {
  out.put(", ");
}

// How an iocb's opcode uses aio_buf and aio_nbytes.
enum class IocbSub : std::uint8_t { None, Common, Vector, Poll };

IocbSub iocb_sub(unsigned opcode) {
  switch (opcode) {
    case IOCB_CMD_PREAD:
    case IOCB_CMD_PWRITE:
      return IocbSub::Common;
    case IOCB_CMD_PREADV:
    case IOCB_CMD_PWRITEV:
      return IocbSub::Vector;
    case IOCB_CMD_POLL:
      return IocbSub::Poll;
    default:
      return IocbSub::None;
  }
}

// The fields io_cancel prints too: aio_data, aio_key, aio_rw_flags, aio_lio_opcode,
// aio_reqprio and aio_fildes (the zero ones of key, rw_flags and reqprio left out).
void print_iocb_header(DecodeCtx& ctx, const iocb& cb) {
  static const FlagSet* const cmds = find_set("aio_cmd");
  static const FlagSet* const rwf = find_set("rwf");
  OutBuf& out = ctx.out;
  out.put("{aio_data=");
  out.put_hex(cb.aio_data);
  if (cb.aio_key != 0) {
    out.put(", aio_key=");
    out.put_udec(cb.aio_key);
  }
  if (cb.aio_rw_flags != 0) {
    out.put(", aio_rw_flags=");
    printflags(out, rwf, static_cast<std::uint32_t>(cb.aio_rw_flags), "RWF_???");
  }
  out.put(", aio_lio_opcode=");
  printxval(out, cmds, cb.aio_lio_opcode, "IOCB_CMD_???", ValFmt::Udec);
  if (cb.aio_reqprio != 0) {
    out.put(", aio_reqprio=");
    if (cb.aio_flags & IOCB_FLAG_IOPRIO) {
      const auto prio = static_cast<std::uint16_t>(cb.aio_reqprio);
      print_styled(out, prio, ValFmt::Hex, [&](OutBuf& o) {
        print_ioprio_value(o, prio);
        return true;
      });
    } else {
      out.put_dec(cb.aio_reqprio);
    }
  }
  out.put(", aio_fildes=");
  printfd(ctx, static_cast<int>(cb.aio_fildes));
}

// The size is valid as a size_t that does not look negative (strace's iocb_is_valid).
bool iocb_nbytes_valid(const iocb& cb) {
  return static_cast<std::int64_t>(cb.aio_nbytes) >= 0;
}

void print_iocb(DecodeCtx& ctx, const iocb& cb) {
  static const FlagSet* const poll_events = find_set("poll_events");
  static const FlagSet* const iocb_flags = find_set("aio_iocb_flags");
  OutBuf& out = ctx.out;
  print_iocb_header(ctx, cb);
  switch (iocb_sub(cb.aio_lio_opcode)) {
    case IocbSub::None:
      out.put('}');
      return;
    case IocbSub::Common:
      out.put(", aio_buf=");
      if (cb.aio_lio_opcode == IOCB_CMD_PWRITE && iocb_nbytes_valid(cb)) {
        printstrn(ctx, cb.aio_buf, cb.aio_nbytes);
      } else {
        out.put_hex(cb.aio_buf);
      }
      out.put(", aio_nbytes=");
      out.put_udec(cb.aio_nbytes);
      out.put(", aio_offset=");
      out.put_dec(cb.aio_offset);
      break;
    case IocbSub::Vector:
      out.put(", aio_buf=");
      if (iocb_nbytes_valid(cb)) {
        print_iovec(ctx, cb.aio_buf, cb.aio_nbytes, ~std::uint64_t{0},
                    cb.aio_lio_opcode == IOCB_CMD_PWRITEV);
      } else {
        out.put_hex(cb.aio_buf);
        out.put(", aio_nbytes=");
        out.put_udec(cb.aio_nbytes);
      }
      out.put(", aio_offset=");
      out.put_dec(cb.aio_offset);
      break;
    case IocbSub::Poll:
      out.put(", aio_buf=");
      printflags(out, poll_events, cb.aio_buf, "POLL???");
      break;
  }
  if (cb.aio_flags != 0) {
    out.put(", aio_flags=");
    printflags(out, iocb_flags, cb.aio_flags, "IOCB_FLAG_???");
  }
  if (cb.aio_flags & IOCB_FLAG_RESFD) {
    out.put(", aio_resfd=");
    printfd(ctx, static_cast<int>(cb.aio_resfd));
  } else if (cb.aio_resfd != 0) {
    out.put(", aio_resfd=");
    out.put_hex(cb.aio_resfd);
  }
  out.put('}');
}

void print_io_event_value(OutBuf& out, const io_event& ev) {
  out.put("{data=");
  out.put_hex(ev.data);
  out.put(", obj=");
  out.put_hex(ev.obj);
  out.put(", res=");
  out.put_dec(ev.res);
  out.put(", res2=");
  out.put_dec(ev.res2);
  out.put('}');
}

// The io_event array the kernel filled: the return value's count of them.
void print_io_events(DecodeCtx& ctx, std::uint64_t addr) {
  if (ctx.call.is_error) {
    print_addr(ctx.out, addr);
    return;
  }
  print_array(ctx, addr, static_cast<std::uint64_t>(ctx.call.ret), sizeof(io_event),
              [&](const unsigned char* e) {
                io_event ev{};
                std::memcpy(&ev, e, sizeof ev);
                print_io_event_value(ctx.out, ev);
                return true;
              });
}

// io_pgetevents' struct __aio_sigset {const sigset_t *sigmask; size_t sigsetsize;}.
void print_aio_sigset(DecodeCtx& ctx, std::uint64_t addr) {
  struct AioSigset {
    std::uint64_t sigmask;
    std::uint64_t sigsetsize;
  } s{};
  if (!umove_or_printaddr(ctx, addr, s)) return;
  OutBuf& out = ctx.out;
  out.put("{sigmask=");
  print_sigset_addr_len(ctx, s.sigmask, s.sigsetsize);
  out.put(", sigsetsize=");
  out.put_udec(s.sigsetsize);
  out.put('}');
}

}  // namespace

// io_setup(nr_events, ctxp): the context the kernel stored, "[0x7f...]", at exit.
int io_setup_entry(DecodeCtx& ctx) {
  ctx.out.put_udec(static_cast<std::uint32_t>(ctx.call.args[0]));
  next(ctx.out);
  return 0;
}

void io_setup_exit(DecodeCtx& ctx, int from) {
  if (from == 0) print_kptr_at(ctx, ctx.call.args[1]);
}

// io_submit(ctx, nr, iocbpp): the array of iocb pointers, each iocb decoded.
int io_submit_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  print_addr(out, a[0]);
  next(out);
  const auto nr = static_cast<std::int64_t>(a[1]);
  out.put_dec(nr);
  next(out);
  if (nr < 0) {
    print_addr(out, a[2]);
    return kAllPrinted;
  }
  print_array(ctx, a[2], a[1], sizeof(std::uint64_t), [&](const unsigned char* e) {
    std::uint64_t p = 0;
    std::memcpy(&p, e, sizeof p);
    iocb cb{};
    if (p == 0 || !umoven(ctx.mem, p, sizeof cb, &cb)) {
      print_addr(out, p);
    } else {
      print_iocb(ctx, cb);
    }
    return true;
  });
  return kAllPrinted;
}

// io_cancel(ctx, iocb, result): the iocb's header at entry, the io_event at exit.
int io_cancel_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  print_addr(out, a[0]);
  next(out);
  iocb cb{};
  if (umove_or_printaddr(ctx, a[1], cb)) {
    print_iocb_header(ctx, cb);
    out.put('}');
  }
  next(out);
  return 0;
}

void io_cancel_exit(DecodeCtx& ctx, int from) {
  if (from != 0) return;
  io_event ev{};
  if (umove_or_printaddr(ctx, ctx.call.args[2], ev)) print_io_event_value(ctx.out, ev);
}

// io_getevents(ctx, min_nr, nr, events, timeout) and io_pgetevents(..., usig): the events and
// what follows them at exit.
int io_getevents_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  print_addr(out, a[0]);
  next(out);
  out.put_dec(static_cast<std::int64_t>(a[1]));
  next(out);
  out.put_dec(static_cast<std::int64_t>(a[2]));
  next(out);
  return 0;
}

void io_getevents_exit(DecodeCtx& ctx, int from) {
  if (from != 0) return;
  const auto& a = ctx.call.args;
  print_io_events(ctx, a[3]);
  // The timeout and the signal mask are what the caller passed: strace takes them at entry and
  // prints them after the events even when the call failed.
  DecodeCtx as_entry = ctx;
  as_entry.exiting = false;
  next(ctx.out);
  print_timespec(as_entry, a[4]);
  if (ctx.call.entry != nullptr && std::strcmp(ctx.call.entry->name, "io_pgetevents") == 0) {
    next(ctx.out);
    print_aio_sigset(as_entry, a[5]);
  }
}

// get_robust_list(pid, head_ptr, len_ptr): "[0x7f...]" and "[24]" at exit.
int get_robust_list_entry(DecodeCtx& ctx) {
  print_pid(ctx, static_cast<int>(ctx.call.args[0]));
  next(ctx.out);
  return 0;
}

void get_robust_list_exit(DecodeCtx& ctx, int from) {
  if (from != 0) return;
  print_kptr_at(ctx, ctx.call.args[1]);
  next(ctx.out);
  print_loff_ptr(ctx, ctx.call.args[2], true);
}

}  // namespace scry::dec
