// Structure kinds: argv/envp, stat, statx, statfs, time, rlimit, sigaction, utsname, sysinfo,
// pipe fds, getdents64 buffers, wait status, int pointers.
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#include <cstdio>
#include <ctime>

#include <cstring>

#include "decode/decode_impl.hpp"

namespace scry::dec {

// --- argv / envp --------------------------------------------------------------------------------

void print_argv(DecodeCtx& ctx, std::uint64_t addr) {
  OutBuf& out = ctx.out;
  if (addr == 0 || !ctx.opt.struct_verbose) {
    print_addr(out, addr);
    return;
  }
  const std::uint64_t limit = ctx.opt.verbose ? kMaxArrayElems : max_strlen(ctx.opt);
  std::uint64_t prev = 0;
  for (std::uint64_t n = 0;; prev = addr, addr += 8, ++n) {
    std::uint64_t word = 0;
    if (addr < prev || !umoven(ctx.mem, addr, 8, &word)) {
      if (n == 0) {
        print_addr(out, addr);
        return;
      }
      out.put(", ... /* ");
      print_hex(out, addr);
      out.put(" */");
      break;
    }
    if (n == 0) out.put('[');
    if (word == 0) break;
    if (n != 0) out.put(", ");
    if (n >= limit) {
      out.put("...");
      break;
    }
    printstr(ctx, word);
  }
  out.put(']');
}

void print_envp(DecodeCtx& ctx, std::uint64_t addr) {
  if (ctx.opt.verbose) {
    print_argv(ctx, addr);
    return;
  }
  OutBuf& out = ctx.out;
  print_addr(out, addr);
  if (addr == 0 || !ctx.opt.struct_verbose) return;
  // Count the pointers up to the NULL (strace's printargc), bounded, reading page-bounded
  // blocks: one read per page of pointers, not one per pointer.
  constexpr std::uint64_t kMaxVars = 1u << 20;
  constexpr std::size_t kBlock = 512;  // words: one page
  std::uint64_t words[kBlock];
  std::uint64_t n = 0;
  bool unterminated = false;
  for (;;) {
    if (n >= kMaxVars) {
      unterminated = true;
      break;
    }
    std::size_t want = (4096 - (addr & 4095)) / 8;
    want = want == 0 ? 1 : (want > kBlock ? kBlock : want);
    if (addr + want * 8 < addr) {  // the array runs past the top of the address space
      unterminated = true;
      break;
    }
    const std::size_t got = ctx.mem.read(addr, words, want * 8) / 8;
    std::size_t i = 0;
    while (i < got && words[i] != 0) ++i;
    n += i;
    if (i < got) break;  // the NULL
    if (got < want) {    // unreadable before the NULL
      if (n == 0) return;
      unterminated = true;
      break;
    }
    addr += want * 8;
  }
  out.put(" /* ");
  out.put_udec(n);
  out.put(n == 1 ? " var" : " vars");
  if (unterminated) out.put(", unterminated");
  out.put(" */");
}

// --- time ---------------------------------------------------------------------------------------

void print_time_comment(OutBuf& out, long long sec, unsigned long long part, unsigned max_part,
                        int width) {
  if ((sec == 0 && part == 0) || part > max_part) return;
  time_t t = static_cast<time_t>(sec);
  if (static_cast<long long>(t) != sec) return;
  struct tm tmv {};
  if (::localtime_r(&t, &tmv) == nullptr) return;
  char buf[128];
  std::size_t pos = std::strftime(buf, sizeof buf, "%FT%T", &tmv);
  if (pos == 0) return;
  if (part > 0) {
    int n = std::snprintf(buf + pos, sizeof buf - pos, ".%0*llu", width, part);
    if (n < 0 || static_cast<std::size_t>(n) >= sizeof buf - pos) return;
    pos += static_cast<std::size_t>(n);
  }
  std::size_t z = std::strftime(buf + pos, sizeof buf - pos, "%z", &tmv);
  if (z == 0) return;
  pos += z;
  out.put(" /* ");
  out.put(std::string_view(buf, pos));
  out.put(" */");
}

void print_timespec_value(OutBuf& out, long long sec, long long nsec) {
  out.put("{tv_sec=");
  out.put_dec(sec);
  out.put(", tv_nsec=");
  out.put_udec(static_cast<unsigned long long>(nsec));
  out.put('}');
}

void print_timespec(DecodeCtx& ctx, std::uint64_t addr) {
  struct {
    std::int64_t sec;
    std::int64_t nsec;
  } t{};
  if (!umove_or_printaddr(ctx, addr, t)) return;
  print_timespec_value(ctx.out, t.sec, t.nsec);
}

void print_timeval(DecodeCtx& ctx, std::uint64_t addr) {
  struct {
    std::int64_t sec;
    std::int64_t usec;
  } t{};
  if (!umove_or_printaddr(ctx, addr, t)) return;
  ctx.out.put("{tv_sec=");
  ctx.out.put_dec(t.sec);
  ctx.out.put(", tv_usec=");
  ctx.out.put_udec(static_cast<std::uint64_t>(t.usec));
  ctx.out.put('}');
}

void print_itimerval(DecodeCtx& ctx, std::uint64_t addr) {
  struct {
    std::int64_t interval_sec, interval_usec, value_sec, value_usec;
  } t{};
  if (!umove_or_printaddr(ctx, addr, t)) return;
  ctx.out.put("{it_interval={tv_sec=");
  ctx.out.put_dec(t.interval_sec);
  ctx.out.put(", tv_usec=");
  ctx.out.put_udec(static_cast<std::uint64_t>(t.interval_usec));
  ctx.out.put("}, it_value={tv_sec=");
  ctx.out.put_dec(t.value_sec);
  ctx.out.put(", tv_usec=");
  ctx.out.put_udec(static_cast<std::uint64_t>(t.value_usec));
  ctx.out.put("}}");
}

// --- stat ---------------------------------------------------------------------------------------

namespace {
void print_mode_symbolic_abbrev(OutBuf& out, unsigned mode) {
  const char* ifmt = "";
  if (mode & S_IFMT) {
    switch (mode & S_IFMT) {
      case S_IFREG:
        ifmt = "S_IFREG";
        break;
      case S_IFSOCK:
        ifmt = "S_IFSOCK";
        break;
      case S_IFIFO:
        ifmt = "S_IFIFO";
        break;
      case S_IFLNK:
        ifmt = "S_IFLNK";
        break;
      case S_IFDIR:
        ifmt = "S_IFDIR";
        break;
      case S_IFBLK:
        ifmt = "S_IFBLK";
        break;
      case S_IFCHR:
        ifmt = "S_IFCHR";
        break;
      default:
        ifmt = nullptr;
    }
  }
  if (ifmt == nullptr) {
    print_03o(out, mode);
    return;
  }
  out.put(ifmt);
  if (ifmt[0] != '\0') out.put('|');
  if (mode & S_ISUID) out.put("S_ISUID|");
  if (mode & S_ISGID) out.put("S_ISGID|");
  if (mode & S_ISVTX) out.put("S_ISVTX|");
  print_03o(out, mode & ~static_cast<unsigned>(S_IFMT | S_ISUID | S_ISGID | S_ISVTX));
}
}  // namespace

void print_mode_symbolic(OutBuf& out, unsigned mode) {
  if (xlat_style() == XlatStyle::Abbrev) {
    print_mode_symbolic_abbrev(out, mode);
    return;
  }
  thread_local OutBuf tmp;
  tmp.clear();
  print_mode_symbolic_abbrev(tmp, mode);
  print_xlat_text(out, mode, ValFmt::Oct, tmp.view());
}

void print_dev(OutBuf& out, std::uint64_t dev) {
  print_styled(out, dev, ValFmt::Hex, [&](OutBuf& o) {
    o.put("makedev(");
    o.put_hex(major(dev));
    o.put(", ");
    o.put_hex(minor(dev));
    o.put(')');
    return true;
  });
}

void print_ioprio_value(OutBuf& out, std::uint32_t v) {
  static const FlagSet* const classes = find_set("ioprio_class");
  out.put("IOPRIO_PRIO_VALUE(");
  printxval(out, classes, v >> 13, "IOPRIO_CLASS_???");
  out.put(", ");
  out.put_udec(v & 0x1fffu);
  out.put(')');
}

void print_stat(DecodeCtx& ctx, std::uint64_t addr) {
  struct stat st {};
  static_assert(sizeof(struct stat) == 144, "x86_64 kernel struct stat");
  if (!umove_or_printaddr(ctx, addr, st)) return;
  Fields f(ctx.out);
  const bool v = ctx.opt.verbose;
  if (v) {
    print_dev(f.f("st_dev"), st.st_dev);
    f.f("st_ino").put_udec(st.st_ino);
    print_mode_symbolic(f.f("st_mode"), st.st_mode);
    f.f("st_nlink").put_udec(st.st_nlink);
    f.f("st_uid").put_udec(st.st_uid);
    f.f("st_gid").put_udec(st.st_gid);
    f.f("st_blksize").put_udec(static_cast<std::uint64_t>(st.st_blksize));
    f.f("st_blocks").put_udec(static_cast<std::uint64_t>(st.st_blocks));
  } else {
    print_mode_symbolic(f.f("st_mode"), st.st_mode);
  }
  switch (st.st_mode & S_IFMT) {
    case S_IFCHR:
    case S_IFBLK:
      print_dev(f.f("st_rdev"), st.st_rdev);
      break;
    default:
      f.f("st_size").put_udec(static_cast<std::uint64_t>(st.st_size));
  }
  if (v) {
    auto tm = [&](const char* name, const char* nsname, long long sec, long long nsec) {
      f.f(name).put_dec(sec);
      print_time_comment(f.out(), sec, static_cast<unsigned long long>(nsec), 999999999, 9);
      f.f(nsname).put_udec(static_cast<unsigned long long>(nsec));
    };
    tm("st_atime", "st_atime_nsec", st.st_atim.tv_sec, st.st_atim.tv_nsec);
    tm("st_mtime", "st_mtime_nsec", st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    tm("st_ctime", "st_ctime_nsec", st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
  } else {
    f.more();
  }
  f.end();
}

void print_statx(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const masks = find_set("statx_mask");
  static const FlagSet* const attrs = find_set("statx_attrs");
  struct statx stx {};
  if (!umove_or_printaddr(ctx, addr, stx)) return;
  Fields f(ctx.out);
  const bool v = ctx.opt.verbose;
  printflags(f.f("stx_mask"), masks, stx.stx_mask, "STATX_???");
  if (v) f.f("stx_blksize").put_udec(stx.stx_blksize);
  printflags(f.f("stx_attributes"), attrs, stx.stx_attributes, "STATX_ATTR_???");
  if (v) {
    f.f("stx_nlink").put_udec(stx.stx_nlink);
    print_uid(f.f("stx_uid"), stx.stx_uid);
    print_uid(f.f("stx_gid"), stx.stx_gid);
  }
  print_mode_symbolic(f.f("stx_mode"), stx.stx_mode);
  if (v) f.f("stx_ino").put_udec(stx.stx_ino);
  f.f("stx_size").put_udec(stx.stx_size);
  if (v) {
    f.f("stx_blocks").put_udec(stx.stx_blocks);
    printflags(f.f("stx_attributes_mask"), attrs, stx.stx_attributes_mask, "STATX_ATTR_???");
    auto ts = [&](const char* name, const struct statx_timestamp& t) {
      print_timespec_value(f.f(name), t.tv_sec, static_cast<long long>(t.tv_nsec));
      print_time_comment(f.out(), t.tv_sec, t.tv_nsec, 999999999, 9);
    };
    // A timestamp only when stx_mask says the kernel filled it in, as strace prints them.
    if (stx.stx_mask & STATX_ATIME) ts("stx_atime", stx.stx_atime);
    if (stx.stx_mask & STATX_BTIME) ts("stx_btime", stx.stx_btime);
    if (stx.stx_mask & STATX_CTIME) ts("stx_ctime", stx.stx_ctime);
    if (stx.stx_mask & STATX_MTIME) ts("stx_mtime", stx.stx_mtime);
    f.f("stx_rdev_major").put_udec(stx.stx_rdev_major);
    f.f("stx_rdev_minor").put_udec(stx.stx_rdev_minor);
    f.f("stx_dev_major").put_udec(stx.stx_dev_major);
    f.f("stx_dev_minor").put_udec(stx.stx_dev_minor);
    std::uint64_t mnt_id = 0;
    std::memcpy(&mnt_id, reinterpret_cast<const unsigned char*>(&stx) + 0x90, 8);
    if (stx.stx_mask & 0x1000U) f.f("stx_mnt_id").put_hex(mnt_id);  // STATX_MNT_ID
    if (stx.stx_mask & 0x2000U) {                                   // STATX_DIOALIGN
      std::uint32_t dio[2] = {};
      std::memcpy(dio, reinterpret_cast<const unsigned char*>(&stx) + 0x98, 8);
      f.f("stx_dio_mem_align").put_udec(dio[0]);
      f.f("stx_dio_offset_align").put_udec(dio[1]);
    }
  } else {
    f.more();
  }
  f.end();
}

void print_statfs(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const magics = find_set("fs_magic");
  static const FlagSet* const stflags = find_set("statfs_flags");
  struct statfs b {};
  static_assert(sizeof(struct statfs) == 120, "x86_64 kernel struct statfs");
  if (!umove_or_printaddr(ctx, addr, b)) return;
  Fields f(ctx.out);
  printxval(f.f("f_type"), magics, static_cast<std::uint64_t>(b.f_type), nullptr);
  f.f("f_bsize").put_udec(static_cast<std::uint64_t>(b.f_bsize));
  f.f("f_blocks").put_udec(b.f_blocks);
  f.f("f_bfree").put_udec(b.f_bfree);
  f.f("f_bavail").put_udec(b.f_bavail);
  f.f("f_files").put_udec(b.f_files);
  f.f("f_ffree").put_udec(b.f_ffree);
  int val[2];
  std::memcpy(val, &b.f_fsid, sizeof val);
  OutBuf& o = f.f("f_fsid");
  o.put("{val=[");
  o.put_hex(static_cast<unsigned>(val[0]));
  o.put(", ");
  o.put_hex(static_cast<unsigned>(val[1]));
  o.put("]}");
  f.f("f_namelen").put_udec(static_cast<std::uint64_t>(b.f_namelen));
  f.f("f_frsize").put_udec(static_cast<std::uint64_t>(b.f_frsize));
  if (b.f_flags & 0x20)
    printflags(f.f("f_flags"), stflags, static_cast<std::uint64_t>(b.f_flags),
               "ST_???");  // ST_VALID
  f.end();
}

// --- rlimit -------------------------------------------------------------------------------------

namespace {
void print_rlim64(OutBuf& out, std::uint64_t lim) {
  print_styled(out, lim, ValFmt::Udec, [&](OutBuf& o) {
    if (lim == ~std::uint64_t{0}) {
      o.put("RLIM64_INFINITY");
    } else if (lim > 1024 && lim % 1024 == 0) {
      o.put_udec(lim / 1024);
      o.put("*1024");
    } else {
      o.put_udec(lim);
      return false;
    }
    return true;
  });
}
}  // namespace

void print_rlimit(DecodeCtx& ctx, std::uint64_t addr) {
  std::uint64_t r[2] = {};
  if (!umove_or_printaddr(ctx, addr, r)) return;
  ctx.out.put("{rlim_cur=");
  print_rlim64(ctx.out, r[0]);
  ctx.out.put(", rlim_max=");
  print_rlim64(ctx.out, r[1]);
  ctx.out.put('}');
}

// --- sigaction ----------------------------------------------------------------------------------

void print_sigaction(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const saflags = find_set("sa_flags");
  // strace reads its struct new_sigaction: handler, flags, restorer, then a 64-byte mask (of
  // which the kernel's 8 bytes are printed).
  struct {
    std::uint64_t handler;
    std::uint64_t flags;
    std::uint64_t restorer;
    std::uint64_t mask[8];
  } sa{};
  if (!umove_or_printaddr(ctx, addr, sa)) return;
  OutBuf& out = ctx.out;
  out.put("{sa_handler=");
  switch (sa.handler) {
    case 0:
      print_xlat_raw(out, sa.handler, "SIG_DFL");
      break;
    case 1:
      print_xlat_raw(out, sa.handler, "SIG_IGN");
      break;
    case ~std::uint64_t{0}:
      print_xlat_raw(out, sa.handler, "SIG_ERR");
      break;
    default:
      print_addr(out, sa.handler);
  }
  out.put(", sa_mask=");
  print_sigmask(out, sa.mask, 8);
  out.put(", sa_flags=");
  printflags(out, saflags, sa.flags, "SA_???");
  if (sa.flags & 0x04000000) {  // SA_RESTORER
    out.put(", sa_restorer=");
    print_addr(out, sa.restorer);
  }
  out.put('}');
}

// --- utsname, sysinfo ---------------------------------------------------------------------------

namespace {
void print_cstring_field(OutBuf& out, const char* s, std::size_t size, XMode xmode) {
  // strace's print_quoted_cstring(field, sizeof(field)).
  bool unterminated = print_quoted_ex(out, s, size, kQuote0Terminated, xmode);
  if (unterminated) out.put("...");
}
}  // namespace

void print_utsname(DecodeCtx& ctx, std::uint64_t addr) {
  struct utsname u {};
  if (!umove_or_printaddr(ctx, addr, u)) return;
  Fields f(ctx.out);
  XMode xm = ctx.opt.xmode;
  print_cstring_field(f.f("sysname"), u.sysname, sizeof u.sysname, xm);
  print_cstring_field(f.f("nodename"), u.nodename, sizeof u.nodename, xm);
  if (ctx.opt.verbose) {
    print_cstring_field(f.f("release"), u.release, sizeof u.release, xm);
    print_cstring_field(f.f("version"), u.version, sizeof u.version, xm);
    print_cstring_field(f.f("machine"), u.machine, sizeof u.machine, xm);
    print_cstring_field(f.f("domainname"), u.domainname, sizeof u.domainname, xm);
  } else {
    f.more();
  }
  f.end();
}

void print_sysinfo(DecodeCtx& ctx, std::uint64_t addr) {
  struct sysinfo si {};
  if (!umove_or_printaddr(ctx, addr, si)) return;
  Fields f(ctx.out);
  f.f("uptime").put_dec(si.uptime);
  OutBuf& o = f.f("loads");
  o.put('[');
  for (int i = 0; i < 3; ++i) {
    if (i) o.put(", ");
    o.put_udec(si.loads[i]);
  }
  o.put(']');
  f.f("totalram").put_udec(si.totalram);
  f.f("freeram").put_udec(si.freeram);
  f.f("sharedram").put_udec(si.sharedram);
  f.f("bufferram").put_udec(si.bufferram);
  f.f("totalswap").put_udec(si.totalswap);
  f.f("freeswap").put_udec(si.freeswap);
  f.f("procs").put_udec(si.procs);
  f.f("totalhigh").put_udec(si.totalhigh);
  f.f("freehigh").put_udec(si.freehigh);
  f.f("mem_unit").put_udec(si.mem_unit);
  f.end();
}

// --- small things -------------------------------------------------------------------------------

void print_pipefds(DecodeCtx& ctx, std::uint64_t addr) {
  int fds[2] = {};
  if (!umove_or_printaddr(ctx, addr, fds)) return;
  ctx.out.put('[');
  printfd(ctx, fds[0]);
  ctx.out.put(", ");
  printfd(ctx, fds[1]);
  ctx.out.put(']');
}

void print_int_ptr(DecodeCtx& ctx, std::uint64_t addr) {
  int v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  ctx.out.put_dec(v);
  ctx.out.put(']');
}

// --- wait status --------------------------------------------------------------------------------

void print_wait_status(OutBuf& out, int status) {
  static const FlagSet* const events = find_set("ptrace_events");
  out.put('[');
  unsigned st = static_cast<unsigned>(status);
  if (WIFSTOPPED(status)) {
    int sig = WSTOPSIG(status);
    out.put("{WIFSTOPPED(s) && WSTOPSIG(s) == ");
    print_signal_name(out, sig & 0x7f);  // strace's signame: the name whatever -X says
    if (sig & 0x80) out.put(" | 0x80");
    out.put('}');
    st &= ~static_cast<unsigned>(W_STOPCODE(sig));
  } else if (WIFSIGNALED(status)) {
    out.put("{WIFSIGNALED(s) && WTERMSIG(s) == ");
    print_signal_name(out, WTERMSIG(status));
    if (WCOREDUMP(status)) out.put(" && WCOREDUMP(s)");
    out.put('}');
    st &= ~static_cast<unsigned>(W_EXITCODE(0, WTERMSIG(status)) | WCOREFLAG);
  } else if (WIFEXITED(status)) {
    out.put("{WIFEXITED(s) && WEXITSTATUS(s) == ");
    out.put_dec(WEXITSTATUS(status));
    out.put('}');
    st &= ~static_cast<unsigned>(W_EXITCODE(WEXITSTATUS(status), 0));
  } else if (WIFCONTINUED(status)) {
    out.put("{WIFCONTINUED(s)}");
    st &= ~static_cast<unsigned>(0xffff);
  } else {
    out.put_hex(st);
    out.put(']');
    return;
  }
  if (st != 0) {
    unsigned event = st >> 16;
    if (event != 0) {
      out.put(" | ");
      printxval(out, events, event, "PTRACE_EVENT_???");
      out.put(" << 16");
      st &= 0xffff;
    }
    if (st != 0) {
      out.put(" | ");
      out.put_hex(st);
    }
  }
  out.put(']');
}

void print_wstatus(DecodeCtx& ctx, std::uint64_t addr) {
  if (ctx.call.ret == 0) {
    print_addr(ctx.out, addr);
    return;
  }
  int status = 0;
  if (!umove_or_printaddr(ctx, addr, status)) return;
  print_wait_status(ctx.out, status);
}

// --- getdents64 ---------------------------------------------------------------------------------

void print_dirents(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count) {
  static const FlagSet* const dtypes = find_set("dirent_types");
  OutBuf& out = ctx.out;
  count = static_cast<unsigned>(count);
  if (ctx.call.is_error || static_cast<std::uint64_t>(ctx.call.ret) > count ||
      !ctx.opt.struct_verbose) {
    print_addr(out, addr);
    return;
  }
  constexpr unsigned kHeader = 19;  // offsetof(struct linux_dirent64, d_name)
  const bool abbrev = !ctx.opt.verbose;
  unsigned len = static_cast<unsigned>(ctx.call.ret);
  unsigned n = 0;
  if (abbrev) print_addr(out, addr);
  for (;;) {
    if (len < kHeader) {
      if (!abbrev) {
        if (len == 0) {
          out.put('[');
          ++n;
        } else {
          printstr_ex(ctx, addr, len, kQuoteForceHex);
        }
      }
      break;
    }
    unsigned char head[kHeader];
    if (!umoven(ctx.mem, addr, kHeader, head)) {
      if (!abbrev) {
        if (n != 0) {
          out.put("... /* ");
          print_hex(out, addr);
          out.put(" */");
        } else {
          print_addr(out, addr);
        }
      }
      break;
    }
    if (!abbrev && n == 0) out.put('[');
    ++n;
    std::uint64_t d_ino = 0;
    std::uint64_t d_off = 0;
    std::uint16_t d_reclen = 0;
    std::memcpy(&d_ino, head, 8);
    std::memcpy(&d_off, head + 8, 8);
    std::memcpy(&d_reclen, head + 16, 2);
    unsigned d_type = head[18];
    if (!abbrev) {
      out.put("{d_ino=");
      out.put_udec(d_ino);
      out.put(", d_off=");
      out.put_udec(d_off);
      out.put(", d_reclen=");
      out.put_udec(d_reclen);
    }
    std::uint64_t next_addr = 0;
    unsigned next_len = 0;
    unsigned reclen = d_reclen;
    if (reclen > len) {
      out.put(" /* ");
      if (abbrev) out.put("d_reclen ");
      out.put_udec(reclen - len);
      out.put(" bytes overflow */");
      reclen = len;
    } else if (reclen < kHeader) {
      out.put(" /* ");
      if (abbrev) out.put("d_reclen ");
      out.put_udec(kHeader - reclen);
      out.put(" bytes underflow */");
      reclen = kHeader;
      next_len = len - kHeader;
    } else {
      next_len = len - reclen;
      if (next_len != 0) {
        if (addr + reclen > addr) {
          next_addr = addr + reclen;
        } else {
          out.put(" /* address overflow */");
        }
      }
    }
    len = next_len;
    if (!abbrev) {
      out.put(", d_type=");
      printxval(out, dtypes, d_type, "DT_???");
      long rc = 0;
      unsigned name_len = reclen - kHeader;
      if (name_len != 0) {
        if (name_len > 256) name_len = 256;
        out.put(", d_name=");
        std::size_t before = out.size();
        printpathn(ctx, addr + kHeader, name_len);
        // printpathn failed when it printed an address rather than a string.
        if (out.size() > before && out.view()[before] != '"') rc = -1;
      }
      out.put('}');
      if (next_addr != 0) {
        out.put(", ");
        if (rc < 0) {
          out.put("...");
          break;
        }
      }
    }
    if (next_addr == 0) break;
    addr = next_addr;
  }
  if (!abbrev) {
    if (n != 0) out.put(']');
  } else {
    out.put(" /* ");
    out.put_udec(n);
    if (len != 0) out.put('+');
    out.put(" entries */");
  }
}

}  // namespace scry::dec
