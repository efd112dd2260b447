// fcntl: the third argument and the return value depend on the command (strace's fcntl.c).
#include <fcntl.h>

#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {
const FlagSet* fd_flags() {
  static const FlagSet* const s = find_set("fd_flags");
  return s;
}

void print_flock(DecodeCtx& ctx, std::uint64_t addr, bool getlk) {
  static const FlagSet* const types = find_set("fcntl_lock_type");
  static const FlagSet* const whence = find_set("whence");
  struct {
    std::int16_t l_type;
    std::int16_t l_whence;
    std::int64_t l_start;
    std::int64_t l_len;
    std::int32_t l_pid;
  } fl{};
  static_assert(sizeof(fl) == 32, "struct flock64");
  if (!umove_or_printaddr(ctx, addr, fl)) return;
  OutBuf& out = ctx.out;
  out.put("{l_type=");
  printxval(out, types, static_cast<std::uint16_t>(fl.l_type), "F_???");
  out.put(", l_whence=");
  printxval(out, whence, static_cast<std::uint16_t>(fl.l_whence), "SEEK_???");
  out.put(", l_start=");
  out.put_dec(fl.l_start);
  out.put(", l_len=");
  out.put_dec(fl.l_len);
  if (getlk) {
    out.put(", l_pid=");
    out.put_dec(fl.l_pid);
  }
  out.put('}');
}

void print_owner_ex(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const types = find_set("f_owner_type");
  struct {
    int type;
    int pid;
  } o{};
  if (!umove_or_printaddr(ctx, addr, o)) return;
  ctx.out.put("{type=");
  printxval(ctx.out, types, static_cast<unsigned>(o.type), "F_OWNER_???");
  ctx.out.put(", pid=");
  print_pid(ctx, o.pid);
  ctx.out.put('}');
}
}  // namespace

// Entry prints "fd, CMD" and, for commands whose argument is input, ", ARG". The exit prints
// ", ARG" for commands that return data through it (F_GETLK) and sets the return format.
int fcntl_entry(DecodeCtx& ctx) {
  static const FlagSet* const cmds = find_set("fcntl_cmd");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned cmd = static_cast<unsigned>(a[1]);
  printfd(ctx, static_cast<int>(a[0]));
  out.put(", ");
  printxval(out, cmds, cmd, "F_???");
  switch (cmd) {
    case F_SETFD:
      out.put(", ");
      printflags(out, fd_flags(), a[2], "FD_???");
      break;
    case F_SETOWN:
      out.put(", ");
      print_pid(ctx, static_cast<std::int64_t>(a[2]));
      break;
    case F_SETPIPE_SZ:
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      out.put(", ");
      out.put_dec(static_cast<std::int64_t>(a[2]));
      break;
    case F_SETFL:
      out.put(", ");
      print_open_modes(out, static_cast<unsigned>(a[2]));
      break;
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
      out.put(", ");
      print_flock(ctx, a[2], false);
      break;
    case F_SETOWN_EX:
      out.put(", ");
      print_owner_ex(ctx, a[2]);
      break;
    case F_NOTIFY: {
      static const FlagSet* const dn = find_set("dnotify");
      out.put(", ");
      printflags(out, dn, a[2], "DN_???");
      break;
    }
    case 1027:  // F_DUPFD_QUERY
      out.put(", ");
      printfd(ctx, static_cast<int>(a[2]));
      break;
    case F_SETLEASE: {
      static const FlagSet* const types = find_set("fcntl_lock_type");
      out.put(", ");
      printxval(out, types, a[2], "F_???");
      break;
    }
    case F_ADD_SEALS: {
      static const FlagSet* const seals = find_set("f_seals");
      out.put(", ");
      printflags(out, seals, a[2], "F_SEAL_???");
      break;
    }
    case F_SETSIG:
      out.put(", ");
      print_signal(out, static_cast<int>(a[2]));
      break;
    case F_GETOWN:
    case F_GETPIPE_SZ:
    case F_GETFD:
    case F_GETFL:
    case F_GETLK:
    case F_OFD_GETLK:
    case F_GETOWN_EX:
    case F_GETLEASE:
    case F_GET_SEALS:
    case F_GETSIG:
      break;
    default:
      out.put(", ");
      out.put_hex(a[2]);
      break;
  }
  return 0;
}

void fcntl_exit(DecodeCtx& ctx, int /*from*/) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const unsigned cmd = static_cast<unsigned>(a[1]);
  const bool err = ctx.call.is_error;
  const std::uint64_t rval = static_cast<std::uint64_t>(ctx.call.ret);
  OutBuf* ax = ctx.aux;
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      set_ret(ctx, RetKind::Fd);
      break;
    case F_GETFD:
      if (err || rval == 0) break;
      set_ret(ctx, RetKind::Hex);
      if (ax != nullptr) sprintflags(*ax, "flags ", fd_flags(), rval);
      break;
    case F_GETFL:
      if (err) break;
      set_ret(ctx, RetKind::Hex);
      if (ax != nullptr) sprint_open_modes(*ax, static_cast<unsigned>(rval));
      break;
    case F_GETLK:
    case F_OFD_GETLK:
      out.put(", ");
      print_flock(ctx, a[2], true);
      break;
    case F_GETOWN_EX:
      out.put(", ");
      print_owner_ex(ctx, a[2]);
      break;
    case F_GETLEASE: {
      if (err) break;
      static const FlagSet* const types = find_set("fcntl_lock_type");
      set_ret(ctx, RetKind::Hex);
      if (ax != nullptr) {
        if (const char* s = xlookup(types, rval)) ax->put(s);
      }
      break;
    }
    case F_GET_SEALS: {
      if (err || rval == 0) break;
      static const FlagSet* const seals = find_set("f_seals");
      set_ret(ctx, RetKind::Hex);
      if (ax != nullptr) sprintflags(*ax, "seals ", seals, rval);
      break;
    }
    case F_GETSIG:
      if (err || rval == 0) break;
      if (ax != nullptr) {
        char buf[32];
        if (const char* s = signal_name(static_cast<int>(rval), buf, sizeof buf)) ax->put(s);
      }
      break;
    default:
      break;
  }
}

}  // namespace scry::dec
