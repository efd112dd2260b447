// Small administrative syscalls whose arguments depend on each other: syslog, reboot,
// kexec_load, ustat, fanotify_init and fanotify_mark, as strace 6.1 prints them.
#include <linux/fanotify.h>
#include <linux/kexec.h>
#include <linux/reboot.h>

#include <cstring>
#include <iterator>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {

void next(OutBuf& out) {
  out.put(", ");
}

// syslog's type and console level print as "N /* NAME */" whatever -X says (strace's xlat
// tables for them are declared in that style).
void print_num_and_name(OutBuf& out, int v, const char* name, const char* dflt) {
  out.put_dec(v);
  out.put(" /* ");
  out.put(name != nullptr ? name : dflt);
  out.put(" */");
}

// Console log levels (kernel include/linux/kern_levels.h); 8 is strace's LOGLEVEL_DEBUG+1.
const char* loglevel_name(int level) {
  static const char* const kNames[] = {
      "LOGLEVEL_EMERG",  "LOGLEVEL_ALERT", "LOGLEVEL_CRIT",  "LOGLEVEL_ERR",     "LOGLEVEL_WARNING",
      "LOGLEVEL_NOTICE", "LOGLEVEL_INFO",  "LOGLEVEL_DEBUG", "LOGLEVEL_DEBUG+1",
  };
  if (level < 0 || static_cast<std::size_t>(level) >= std::size(kNames)) return nullptr;
  return kNames[level];
}

// The syslog actions (kernel include/linux/syslog.h).
enum SyslogAction : int {
  kSyslogRead = 2,
  kSyslogReadAll = 3,
  kSyslogReadClear = 4,
  kSyslogConsoleLevel = 8,
};
constexpr int kSyslogBuffer = 1;  // the exit prints the buffer and the length

}  // namespace

// syslog(type, bufp, len): the type alone for the actions that ignore bufp and len.
int syslog_entry(DecodeCtx& ctx) {
  static const FlagSet* const actions = find_set("syslog_action");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const auto type = static_cast<std::int32_t>(a[0]);
  print_num_and_name(out, type, xlookup(actions, static_cast<std::uint32_t>(type)),
                     "SYSLOG_ACTION_???");
  switch (type) {
    case 0:   // CLOSE
    case 1:   // OPEN
    case 5:   // CLEAR
    case 6:   // CONSOLE_OFF
    case 7:   // CONSOLE_ON
    case 9:   // SIZE_UNREAD
    case 10:  // SIZE_BUFFER
      return kAllPrinted;
    case kSyslogRead:
    case kSyslogReadAll:
    case kSyslogReadClear:
      next(out);
      return kSyslogBuffer;
    case kSyslogConsoleLevel: {
      const auto level = static_cast<std::int32_t>(a[2]);
      next(out);
      print_addr(out, a[1]);
      next(out);
      print_num_and_name(out, level, loglevel_name(level), "LOGLEVEL_???");
      return kAllPrinted;
    }
    default:
      next(out);
      print_addr(out, a[1]);
      next(out);
      out.put_dec(static_cast<std::int32_t>(a[2]));
      return kAllPrinted;
  }
}

void syslog_exit(DecodeCtx& ctx, int from) {
  if (from != kSyslogBuffer) return;
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  if (ctx.call.is_error) {
    print_addr(out, a[1]);
  } else {
    printstrn(ctx, a[1], static_cast<std::uint64_t>(ctx.call.ret));
  }
  next(out);
  out.put_dec(static_cast<std::int32_t>(a[2]));
}

// reboot(magic1, magic2, cmd, arg): arg only for LINUX_REBOOT_CMD_RESTART2.
int reboot_entry(DecodeCtx& ctx) {
  static const FlagSet* const magic1 = find_set("reboot_magic1");
  static const FlagSet* const magic2 = find_set("reboot_magic2");
  static const FlagSet* const cmds = find_set("reboot_cmd");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  printxval(out, magic1, static_cast<std::uint32_t>(a[0]), "LINUX_REBOOT_MAGIC_???");
  next(out);
  printxval(out, magic2, static_cast<std::uint32_t>(a[1]), "LINUX_REBOOT_MAGIC_???");
  next(out);
  const auto cmd = static_cast<std::uint32_t>(a[2]);
  printxval(out, cmds, cmd, "LINUX_REBOOT_CMD_???");
  if (cmd == LINUX_REBOOT_CMD_RESTART2) {
    next(out);
    printstr(ctx, a[3]);
  }
  return kAllPrinted;
}

// kexec_load(entry, nr_segments, segments, flags): the segments only up to KEXEC_SEGMENT_MAX;
// the flags as the architecture (the high 16 bits) then the other bits.
int kexec_load_entry(DecodeCtx& ctx) {
  static const FlagSet* const arches = find_set("kexec_arch");
  static const FlagSet* const flags = find_set("kexec_load");
  struct Segment {
    std::uint64_t buf;
    std::uint64_t bufsz;
    std::uint64_t mem;
    std::uint64_t memsz;
  };
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  print_addr(out, a[0]);
  next(out);
  out.put_udec(a[1]);
  next(out);
  if (a[1] > KEXEC_SEGMENT_MAX) {
    print_addr(out, a[2]);
  } else {
    print_array(ctx, a[2], a[1], sizeof(Segment), [&](const unsigned char* e) {
      Segment s{};
      std::memcpy(&s, e, sizeof s);
      out.put("{buf=");
      print_addr(out, s.buf);
      out.put(", bufsz=");
      out.put_udec(s.bufsz);
      out.put(", mem=");
      print_addr(out, s.mem);
      out.put(", memsz=");
      out.put_udec(s.memsz);
      out.put('}');
      return true;
    });
  }
  next(out);
  const std::uint64_t arch = a[3] & KEXEC_ARCH_MASK;
  const std::uint64_t rest = a[3] & ~std::uint64_t{KEXEC_ARCH_MASK};
  printxval(out, arches, arch, "KEXEC_ARCH_???");
  if (rest != 0) {
    out.put('|');
    printflags(out, flags, rest, "KEXEC_???");
  }
  return kAllPrinted;
}

// ustat(dev, ubuf): strace prints the buffer's address, not the struct ustat.
int ustat_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  print_dev(out, static_cast<std::uint32_t>(ctx.call.args[0]));
  next(out);
  print_addr(out, ctx.call.args[1]);
  return kAllPrinted;
}

// fanotify_init(flags, event_f_flags): the notification class, then the other flags.
int fanotify_init_entry(DecodeCtx& ctx) {
  static const FlagSet* const classes = find_set("fan_class");
  static const FlagSet* const init = find_set("fan_init");
  constexpr std::uint32_t kClassBits = FAN_CLASS_CONTENT | FAN_CLASS_PRE_CONTENT;
  OutBuf& out = ctx.out;
  const auto flags = static_cast<std::uint32_t>(ctx.call.args[0]);
  printxval(out, classes, flags & kClassBits, "FAN_CLASS_???");
  if ((flags & ~kClassBits) != 0) {
    out.put('|');
    printflags(out, init, flags & ~kClassBits, "FAN_???");
  }
  next(out);
  print_open_modes(out, static_cast<std::uint32_t>(ctx.call.args[1]));
  return kAllPrinted;
}

// fanotify_mark(fanotify_fd, flags, mask, dirfd, pathname): dirfd FAN_NOFD by name.
int fanotify_mark_entry(DecodeCtx& ctx) {
  static const FlagSet* const marks = find_set("fan_mark");
  static const FlagSet* const events = find_set("fan_events");
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  printfd(ctx, static_cast<int>(a[0]));
  next(out);
  printflags(out, marks, static_cast<std::uint32_t>(a[1]), "FAN_MARK_???");
  next(out);
  printflags(out, events, a[2], "FAN_???");
  next(out);
  const auto dirfd = static_cast<std::int32_t>(a[3]);
  if (dirfd == FAN_NOFD) {
    print_xlat_text(out, static_cast<std::uint64_t>(std::int64_t{FAN_NOFD}), ValFmt::Dec,
                    "FAN_NOFD");
  } else {
    print_dirfd(ctx, dirfd);
  }
  next(out);
  printpath(ctx, a[4]);
  return kAllPrinted;
}

}  // namespace scry::dec
