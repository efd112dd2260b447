// The syscall-level driver: arguments by kind, entry/exit split, the name and the return value.
#include <climits>
#include <cstring>

#include <sys/resource.h>

#include "decode/decode_impl.hpp"
#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

constexpr std::uint64_t kOCreat = 0100;            // O_CREAT
constexpr std::uint64_t kOTmpfileBit = 020000000;  // __O_TMPFILE

const FlagSet& set_of(ArgSpec spec) {
  return flag_set(static_cast<FlagSetId>(spec.param));
}

std::uint64_t arg_at(const DecodeCtx& ctx, std::uint16_t index) {
  return index < ctx.call.args.size() ? ctx.call.args[index] : 0;
}

bool is_exit_kind(ArgKind k) {
  return kArgKindAtExit[static_cast<std::size_t>(k)];
}

// strace prints some arguments only when others say they matter: open's mode only with
// O_CREAT or O_TMPFILE in the flags before it.
bool should_print(const DecodeCtx& ctx, int i) {
  const SyscallEntry* e = ctx.call.entry;
  ArgSpec spec = e->args[static_cast<std::size_t>(i)];
  if (spec.kind == ArgKind::Mode && i > 0 &&
      e->args[static_cast<std::size_t>(i - 1)].kind == ArgKind::OpenFlags) {
    std::uint64_t flags = ctx.call.args[static_cast<std::size_t>(i - 1)];
    return (flags & (kOCreat | kOTmpfileBit)) != 0;
  }
  return true;
}

void print_mmap_flags_abbrev(OutBuf& out, std::uint64_t flags) {
  static const FlagSet* const set = find_set("mmap_flags");
  constexpr std::uint64_t kMapType = 0x0f;
  constexpr unsigned kHugeShift = 26;
  constexpr std::uint64_t kHugeMask = 0x3f;
  printxval(out, set, flags & kMapType, "MAP_???");
  flags &= ~kMapType;
  const std::uint64_t mask = kHugeMask << kHugeShift;
  const std::uint64_t huge = flags & mask;
  flags &= ~mask;
  if (flags != 0) {
    out.put('|');
    printflags(out, set, flags, nullptr);
  }
  if (huge != 0) {
    out.put('|');
    out.put_udec(huge >> kHugeShift);
    out.put("<<MAP_HUGE_SHIFT");
  }
}

void print_mmap_flags(OutBuf& out, std::uint64_t flags) {
  // The parts print abbreviated inside the one -X comment, as strace's sprintflags do.
  print_styled(out, flags, ValFmt::Hex, [&](OutBuf& o) {
    const XlatStyle saved = xlat_style();
    set_xlat_style(XlatStyle::Abbrev);
    print_mmap_flags_abbrev(o, flags);
    set_xlat_style(saved);
    return true;
  });
}

void print_clone_flags(OutBuf& out, std::uint64_t value) {
  static const FlagSet* const set = find_set("clone_flags");
  const std::uint64_t flags = value & ~std::uint64_t{0xff};
  const int sig = static_cast<int>(value & 0xff);
  if (flags != 0) {
    printflags(out, set, flags, "CLONE_???");
    if (sig != 0) {
      out.put('|');
      print_signal(out, sig);
    }
  } else {
    print_signal(out, sig);
  }
}

void print_ostr(DecodeCtx& ctx, ArgSpec spec, std::uint64_t value) {
  if (ctx.call.is_error) {
    print_addr(ctx.out, value);
    return;
  }
  const std::uint64_t ret = static_cast<std::uint64_t>(ctx.call.ret);
  if (ctx.call.entry != nullptr && std::strcmp(ctx.call.entry->name, "getcwd") == 0) {
    // getcwd's return counts the NUL: the path is ret-1 bytes, not cut by -s.
    printpathn(ctx, value, ret == 0 ? 0 : static_cast<std::size_t>(ret - 1));
    return;
  }
  (void)spec;
  // readlink: ret bytes, no NUL written.
  printstrn(ctx, value, ret);
}

bool name_is(const DecodeCtx& ctx, const char* name) {
  return ctx.call.entry != nullptr && std::strcmp(ctx.call.entry->name, name) == 0;
}

// The index of the Osockaddr argument whose length pointer is argument `index`, or -1.
int sockaddr_of_lenptr(const DecodeCtx& ctx, int index) {
  const SyscallEntry* e = ctx.call.entry;
  if (e == nullptr) return -1;
  for (int i = 0; i < e->nargs; ++i) {
    ArgSpec s = e->args[static_cast<std::size_t>(i)];
    if (s.kind == ArgKind::Osockaddr && s.param == index) return i;
  }
  return -1;
}

// "[128 => 16]" / "[16]" for a socklen_t the kernel updated (strace's decode_sockname).
void print_socklen(DecodeCtx& ctx, std::uint64_t lenptr) {
  OutBuf& out = ctx.out;
  const bool have_ulen = ctx.call.saved[1] == 1;
  const int ulen = static_cast<int>(ctx.call.saved[0]);
  int rlen = 0;
  if (!have_ulen || !ctx.opt.struct_verbose) {
    print_addr(out, lenptr);
    return;
  }
  if (ctx.call.is_error || !umoven(ctx.mem, lenptr, sizeof rlen, &rlen)) {
    out.put('[');
    out.put_dec(ulen);
    out.put(']');
    return;
  }
  out.put('[');
  out.put_dec(ulen);
  if (ulen != rlen) {
    out.put(" => ");
    out.put_dec(rlen);
  }
  out.put(']');
}

void print_statx_flags(OutBuf& out, std::uint64_t flags) {
  static const FlagSet* const at = find_set("at");
  constexpr std::uint64_t kSyncType = 0x6000;  // AT_STATX_SYNC_TYPE
  const std::uint64_t sync = flags & kSyncType;
  const char* name = sync == 0        ? "AT_STATX_SYNC_AS_STAT"
                     : sync == 0x2000 ? "AT_STATX_FORCE_SYNC"
                     : sync == 0x4000 ? "AT_STATX_DONT_SYNC"
                                      : nullptr;
  if (name == nullptr) {
    out.put("0x6000");
  } else if (sync != 0 || xlat_style() != XlatStyle::Raw) {
    print_xlat_raw(out, sync, name);  // strace's -X raw prints nothing for the 0 sync type
  }
  flags &= ~kSyncType;
  if (flags != 0) {
    out.put('|');
    printflags(out, at, static_cast<unsigned>(flags), nullptr);
  }
}

}  // namespace

// Notes taken at entry for the exit: the *addrlen an Osockaddr's caller passed.
void save_entry_state(DecodeCtx& ctx) {
  const SyscallEntry* e = ctx.call.entry;
  ctx.call.saved = {};
  if (e == nullptr) return;
  for (int i = 0; i < e->nargs; ++i) {
    ArgSpec s = e->args[static_cast<std::size_t>(i)];
    if (s.kind != ArgKind::Osockaddr) continue;
    int ulen = 0;
    std::uint64_t lenptr = arg_at(ctx, s.param);
    if (lenptr != 0 && umoven(ctx.mem, lenptr, sizeof ulen, &ulen)) {
      ctx.call.saved[0] = static_cast<std::uint32_t>(ulen);
      ctx.call.saved[1] = 1;
    }
  }
}

namespace {

// sendto's and recvfrom's buffer on a netlink socket: the messages, as strace's decode_sockbuf
// (only with verbose(tcp)). False when the buffer is to be printed as bytes.
bool print_sockbuf(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len) {
  if (ctx.fds == nullptr || !ctx.opt.struct_verbose || ctx.opt.raw) return false;
  if (!name_is(ctx, "sendto") && !name_is(ctx, "recvfrom")) return false;
  const int fd = static_cast<int>(ctx.call.args[0]);
  const int protocol = ctx.fds->netlink_protocol(fd);
  if (protocol == FdResolver::kNotNetlink) return false;
  print_netlink(ctx, protocol, addr, len);
  return true;
}

}  // namespace

void print_arg(DecodeCtx& ctx, ArgSpec spec, std::uint64_t value) {
  OutBuf& out = ctx.out;
  switch (spec.kind) {
    case ArgKind::Int:
      out.put_dec(static_cast<int>(value));
      return;
    case ArgKind::Uint:
      out.put_udec(static_cast<unsigned>(value));
      return;
    case ArgKind::Long:
    case ArgKind::Off:
      out.put_dec(static_cast<std::int64_t>(value));
      return;
    case ArgKind::Ulong:
      out.put_udec(value);
      return;
    case ArgKind::Hex:
      out.put_hex(value);
      return;
    case ArgKind::Oct:
      out.put_oct(value);
      return;
    case ArgKind::Ptr:
      print_addr(out, value);
      return;
    case ArgKind::Fd:
      printfd(ctx, static_cast<int>(value));
      return;
    case ArgKind::Dirfd:
      print_dirfd(ctx, static_cast<int>(value));
      return;
    case ArgKind::Pid:
      print_pid(ctx, static_cast<int>(value));
      return;
    case ArgKind::Uid:
      print_uid(out, static_cast<unsigned>(value));
      return;
    case ArgKind::Mode:
      print_03o(out, static_cast<std::uint16_t>(value));
      return;
    case ArgKind::Signum:
      print_signal(out, static_cast<int>(value));
      return;
    case ArgKind::Path:
      printpath(ctx, value);
      return;
    case ArgKind::Str:
      printstr(ctx, value);
      return;
    case ArgKind::Buf:
      if (print_sockbuf(ctx, value, arg_at(ctx, spec.param))) return;
      printstrn(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Obuf: {
      if (ctx.call.is_error) {
        print_addr(out, value);
        return;
      }
      std::uint64_t n = static_cast<std::uint64_t>(ctx.call.ret);
      if (print_sockbuf(ctx, value, n)) return;
      // getrandom's bytes print in hex (strace's QUOTE_FORCE_HEX).
      printstr_ex(ctx, value, n, name_is(ctx, "getrandom") ? unsigned{kQuoteForceHex} : 0u);
      return;
    }
    case ArgKind::XattrVal:
    case ArgKind::OxattrVal: {
      // strace's print_xattr_val: at most XATTR_SIZE_MAX bytes, else the address.
      constexpr std::uint64_t kXattrSizeMax = 65536;
      const std::uint64_t n = spec.kind == ArgKind::XattrVal
                                  ? arg_at(ctx, spec.param)
                                  : static_cast<std::uint64_t>(ctx.call.ret);
      if (n > kXattrSizeMax) {
        print_addr(out, value);
        return;
      }
      printstr_ex(ctx, value, n, kQuoteOmitTrailing0);
      return;
    }
    case ArgKind::OxattrList:
      if (ctx.call.is_error || arg_at(ctx, spec.param) == 0) {
        print_addr(out, value);
        return;
      }
      printstrn(ctx, value, static_cast<std::uint64_t>(ctx.call.ret));
      return;
    case ArgKind::Ostr:
      print_ostr(ctx, spec, value);
      return;
    case ArgKind::Flags: {
      static const FlagSet* const statx_at = find_set("statx_at");
      const FlagSet& set = set_of(spec);
      if (&set == statx_at) {
        print_statx_flags(out, value);
        return;
      }
      print_flags(out, set, value);
      return;
    }
    case ArgKind::Enum:
      print_enum(out, set_of(spec), value);
      return;
    case ArgKind::OpenFlags:
      print_open_modes(out, static_cast<unsigned>(value));
      return;
    case ArgKind::MmapFlags:
      print_mmap_flags(out, value);
      return;
    case ArgKind::CloneFlags:
      print_clone_flags(out, value);
      return;
    case ArgKind::Argv:
      print_argv(ctx, value);
      return;
    case ArgKind::Envp:
      print_envp(ctx, value);
      return;
    case ArgKind::Stat:
      print_stat(ctx, value);
      return;
    case ArgKind::Statx:
      print_statx(ctx, value);
      return;
    case ArgKind::Statfs:
      print_statfs(ctx, value);
      return;
    case ArgKind::Timespec:
      print_timespec(ctx, value);
      return;
    case ArgKind::Otimespec:
      if (name_is(ctx, "nanosleep") || name_is(ctx, "clock_nanosleep")) {
        // The remaining time is only written when a signal interrupted the sleep.
        const long err = ctx.call.is_error ? static_cast<long>(-ctx.call.ret) : 0;
        if (err == 512 || err == 513 || err == 514 || err == 516) {
          struct {
            std::int64_t sec;
            std::int64_t nsec;
          } t{};
          if (value == 0 || !umoven(ctx.mem, value, sizeof t, &t)) {
            print_addr(out, value);
          } else {
            print_timespec_value(out, t.sec, t.nsec);
          }
        } else {
          print_addr(out, value);
        }
        return;
      }
      print_timespec(ctx, value);
      return;
    case ArgKind::Timeval:
      print_timeval(ctx, value);
      return;
    case ArgKind::Itimerval:
    case ArgKind::Oitimerval:
      print_itimerval(ctx, value);
      return;
    case ArgKind::Itimerspec:
    case ArgKind::Oitimerspec:
      print_itimerspec(ctx, value);
      return;
    case ArgKind::Sigevent:
      print_sigevent(ctx, value);
      return;
    case ArgKind::Rlimit:
    case ArgKind::Orlimit:
      print_rlimit(ctx, value);
      return;
    case ArgKind::Sigset:
      print_sigset_addr_len(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Osigset:
      // rt_sigpending accepts any size up to the kernel's (strace's min_len 1).
      print_sigset_addr_len(ctx, value, arg_at(ctx, spec.param),
                            name_is(ctx, "rt_sigpending") ? 1 : 8);
      return;
    case ArgKind::Sigaction:
    case ArgKind::Osigaction:
      print_sigaction(ctx, value);
      return;
    case ArgKind::Utsname:
      print_utsname(ctx, value);
      return;
    case ArgKind::Sysinfo:
      print_sysinfo(ctx, value);
      return;
    case ArgKind::Pipefds:
      print_pipefds(ctx, value);
      return;
    case ArgKind::Dirents:
      print_dirents(ctx, value, arg_at(ctx, spec.param != 0 ? spec.param : 2));
      return;
    case ArgKind::Wstatus:
      print_wstatus(ctx, value);
      return;
    case ArgKind::Sockaddr:
      print_sockaddr(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Osockaddr:
      print_osockaddr(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Iovec:
      print_iovec(ctx, value, arg_at(ctx, spec.param), ~std::uint64_t{0}, true);
      return;
    case ArgKind::Riovec:
      print_iovec(ctx, value, arg_at(ctx, spec.param), 0, false);
      return;
    case ArgKind::Oiovec:
      if (ctx.call.is_error) {
        print_addr(out, value);
        return;
      }
      print_iovec(ctx, value, arg_at(ctx, spec.param), static_cast<std::uint64_t>(ctx.call.ret),
                  true);
      return;
    case ArgKind::Pollfds:
      print_pollfds(ctx, value, arg_at(ctx, spec.param), false);
      return;
    case ArgKind::IntPtr:
      print_int_ptr(ctx, value);
      return;
    case ArgKind::LoffPtr:
      print_loff_ptr(ctx, value, false);
      return;
    case ArgKind::Cpuset:
      print_cpuset(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Ocpuset:
      print_cpuset(ctx, value, static_cast<std::uint64_t>(ctx.call.ret));
      return;
    case ArgKind::Groups:
      print_groups(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Ogroups:
      print_groups(ctx, value, static_cast<std::uint64_t>(ctx.call.ret));
      return;
    case ArgKind::Nodemask:
    case ArgKind::Onodemask:
      print_nodemask(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Ompol:
      print_mpol_ptr(ctx, value);
      return;
    case ArgKind::Stack:
    case ArgKind::Ostack:
      print_stack_t(ctx, value);
      return;
    case ArgKind::EpollEvent:
      print_epoll_event(ctx, value);
      return;
    case ArgKind::OepollEvents:
      print_epoll_events(ctx, value);
      return;
    case ArgKind::Otms:
      print_tms(ctx, value);
      return;
    case ArgKind::Orusage:
      print_rusage(ctx, value);
      return;
    case ArgKind::Siginfo:
    case ArgKind::Osiginfo:
      print_siginfo_at(ctx, value);
      return;
    case ArgKind::Ioprio: {
      const auto v = static_cast<std::int32_t>(value);
      print_styled(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(v)), ValFmt::Dec,
                   [&](OutBuf& o) {
                     print_ioprio_value(o, static_cast<std::uint32_t>(v));
                     return true;
                   });
      return;
    }
    case ArgKind::PrioWho:
      if (arg_at(ctx, spec.param) == PRIO_PROCESS) {
        print_pid(ctx, static_cast<int>(value));
      } else {
        out.put_dec(static_cast<int>(value));
      }
      return;
    case ArgKind::Utimens:
      print_utimens(ctx, value);
      return;
    case ArgKind::Utimes:
      print_utimes(ctx, value);
      return;
    case ArgKind::OpenHow:
      print_open_how(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::CapHeader:
      print_cap_header(ctx, value);
      return;
    case ArgKind::CapData:
    case ArgKind::OcapData:
      print_cap_data(ctx, value);
      return;
    case ArgKind::SchedAttr:
    case ArgKind::OschedAttr:
      print_sched_attr(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::IpcKey:
      print_ipc_key(out, value);
      return;
    case ArgKind::IpcFlags:
    case ArgKind::ShmFlags:
      print_ipc_flags(out, value, spec.kind == ArgKind::ShmFlags);
      return;
    case ArgKind::Sembufs:
      print_sembufs(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::Msgbuf:
    case ArgKind::Omsgbuf:  // msgrcv: mtext's length is msgsz, not the return value (strace 6.1)
      print_msgbuf(ctx, value, arg_at(ctx, spec.param));
      return;
    case ArgKind::MqAttr:
    case ArgKind::OmqAttr:
      print_mq_attr(ctx, value);
      return;
    case ArgKind::Otimex:
      print_timex(ctx, value);
      return;
    case ArgKind::OintPtr: {
      // The length pointer of a socket address prints as strace's "[128 => 16]".
      int self = -1;
      for (int i = 0; i < 6; ++i)
        if (ctx.call.args[static_cast<std::size_t>(i)] == value && ctx.call.entry != nullptr &&
            i < ctx.call.entry->nargs &&
            ctx.call.entry->args[static_cast<std::size_t>(i)].kind == ArgKind::OintPtr)
          self = i;
      if (self >= 0 && sockaddr_of_lenptr(ctx, self) >= 0) {
        print_socklen(ctx, value);
        return;
      }
      print_int_ptr(ctx, value);
      return;
    }
  }
  // Not reached: the switch covers every kind (-Wswitch checks it).
  out.put_hex(value);
}

}  // namespace scry::dec

namespace scry {

void decode_arg(DecodeCtx& ctx, ArgSpec spec, std::uint64_t value) {
  dec::print_arg(ctx, spec, value);
}

int decode_syscall_entry(DecodeCtx& ctx) {
  ctx.exiting = false;
  dec::set_xlat_style(ctx.opt.xlat);
  const SyscallEntry* e = ctx.call.entry;
  OutBuf& out = ctx.out;
  if (e == nullptr || ctx.opt.raw) {
    // strace's printargs: every argument in hex.
    const std::size_t n = e == nullptr ? ctx.call.args.size() : e->nargs;
    for (std::size_t i = 0; i < n; ++i) {
      if (i != 0) out.put(", ");
      out.put_hex(ctx.call.args[i]);
    }
    return static_cast<int>(ctx.call.args.size());
  }
  if (e->custom != CustomDecoder::None) return dec::custom_entry(ctx);
  return dec::generic_entry(ctx);
}

namespace dec {
int generic_entry(DecodeCtx& ctx) {
  const SyscallEntry* e = ctx.call.entry;
  OutBuf& out = ctx.out;
  save_entry_state(ctx);
  bool first = true;
  int i = 0;
  for (; i < e->nargs; ++i) {
    ArgSpec spec = e->args[static_cast<std::size_t>(i)];
    if (is_exit_kind(spec.kind)) {
      if (!first) out.put(", ");
      return i;
    }
    if (!should_print(ctx, i)) continue;
    if (!first) out.put(", ");
    first = false;
    print_arg(ctx, spec, ctx.call.args[static_cast<std::size_t>(i)]);
  }
  return i;
}
}  // namespace dec

void decode_syscall_exit(DecodeCtx& ctx, int from) {
  ctx.exiting = true;
  dec::set_xlat_style(ctx.opt.xlat);
  const SyscallEntry* e = ctx.call.entry;
  OutBuf& out = ctx.out;
  if (e == nullptr) {
    out.put(')');
    return;
  }
  if (e->custom != CustomDecoder::None) {
    dec::custom_exit(ctx, from);
  } else {
    dec::generic_exit(ctx, from);
  }
  out.put(')');
}

namespace dec {
void generic_exit(DecodeCtx& ctx, int from) {
  const SyscallEntry* e = ctx.call.entry;
  OutBuf& out = ctx.out;
  bool first = true;
  for (int i = from < 0 ? 0 : from; i < e->nargs; ++i) {
    if (!should_print(ctx, i)) continue;
    if (!first) out.put(", ");
    first = false;
    print_arg(ctx, e->args[static_cast<std::size_t>(i)],
              ctx.call.args[static_cast<std::size_t>(i)]);
  }
  // poll's revents go into the return value's aux text.
  for (int i = 0; i < e->nargs; ++i) {
    ArgSpec spec = e->args[static_cast<std::size_t>(i)];
    if (spec.kind == ArgKind::Pollfds)
      print_pollfds(ctx, ctx.call.args[static_cast<std::size_t>(i)], arg_at(ctx, spec.param), true);
  }
}
}  // namespace dec

void print_syscall_name(OutBuf& out, long nr, const SyscallEntry* entry) {
  if (entry != nullptr && entry->name != nullptr) {
    out.put(entry->name);
    return;
  }
  // strace's "syscall_%#lx" with the 0x forced: syscall_0x1c3, syscall_0x0.
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, static_cast<unsigned long>(nr), 16);
  out.put("syscall_0x");
  out.put(std::string_view(tmp, static_cast<std::size_t>(r.ptr - tmp)));
}

void print_return(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const SyscallCall& call = ctx.call;
  RetKind kind =
      ctx.ret_set ? ctx.ret_kind : (call.entry != nullptr ? call.entry->ret : RetKind::Long);
  if (ctx.opt.raw && kind != RetKind::None) kind = RetKind::Hex;
  if (call.is_error && kind != RetKind::None) {
    const long err = static_cast<long>(-call.ret);
    switch (err) {
      case 512:
        out.put("? ERESTARTSYS (To be restarted if SA_RESTART is set)");
        break;
      case 513:
        out.put("? ERESTARTNOINTR (To be restarted)");
        break;
      case 514:
        out.put("? ERESTARTNOHAND (To be restarted if no handler)");
        break;
      case 516:
        out.put("? ERESTART_RESTARTBLOCK (Interrupted by signal)");
        break;
      default: {
        out.put("-1 ");
        const char* name = errno_name(err);
        if (name == nullptr) {
          out.put("(errno ");
          out.put_udec(static_cast<unsigned long>(err));
          out.put(')');
          break;
        }
        out.put(name);
        out.put(" (");
        if (const char* msg = errno_message(err)) {
          out.put(msg);
        } else {
          out.put("Unknown error ");
          out.put_dec(err);
        }
        out.put(')');
      }
    }
  } else {
    // A 32-bit call's value is 32 bits wide: strace prints its hex and unsigned forms from
    // (unsigned int) and its decimal from (int).
    const bool narrow = call.abi == Abi::I386;
    const std::uint64_t uret =
        narrow ? static_cast<std::uint32_t>(call.ret) : static_cast<std::uint64_t>(call.ret);
    const std::int64_t sret = narrow ? static_cast<std::int32_t>(call.ret) : call.ret;
    switch (kind) {
      case RetKind::Long:
        out.put_dec(sret);
        break;
      case RetKind::Pid:
        dec::print_pid(ctx, sret);
        break;
      case RetKind::Hex:
      case RetKind::Ptr:
        out.put_hex(uret);
        break;
      case RetKind::Fd:
        if (static_cast<std::uint64_t>(call.ret) <= static_cast<std::uint64_t>(INT_MAX)) {
          dec::printfd(ctx, static_cast<int>(call.ret));
        } else {
          out.put_dec(call.ret);
        }
        break;
      case RetKind::None:
        out.put('?');
        break;
      case RetKind::Uint:
        out.put_udec(uret);
        break;
      case RetKind::Oct:
        dec::print_03o(out, uret);
        break;
      case RetKind::Ioprio:  // "16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))", -X raw: the number
        out.put_dec(sret);
        if (dec::xlat_style() != XlatStyle::Raw) {
          out.put(" (");
          dec::print_ioprio_value(out, static_cast<std::uint32_t>(uret));
          out.put(')');
        }
        break;
    }
  }
  if (ctx.aux != nullptr && !ctx.aux->empty()) {
    out.put(" (");
    out.put(ctx.aux->view());
    out.put(')');
  }
}

}  // namespace scry
