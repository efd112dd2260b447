// ioctl: the request's name (or _IOC(...)) and, for the requests strace decodes, the argument
// (strace's ioctl.c and term.c). Unknown requests print the argument in hex.
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <linux/fs.h>

#include <array>
#include <cstring>
#include <iterator>

#include "decode/custom.hpp"
#include "decode/sock_ioctl.hpp"

namespace scry::dec {

namespace {

// strace's ioctlent names for the requests scry knows, sorted by code; several names for one
// code print joined by " or " (strace's order).
constexpr IoctlName kIoctls[] = {
    {0x1, "FIBMAP"},
    {0x2, "FIGETBSZ"},
    {0x1260, "BLKGETSIZE"},
    {0x1268, "BLKSSZGET"},
    {0x5401, "TCGETS"},
    {0x5402, "SNDCTL_TMR_START"},
    {0x5402, "TCSETS"},
    {0x5403, "SNDCTL_TMR_STOP"},
    {0x5403, "TCSETSW"},
    {0x5404, "SNDCTL_TMR_CONTINUE"},
    {0x5404, "TCSETSF"},
    {0x5405, "TCGETA"},
    {0x5406, "TCSETA"},
    {0x5407, "TCSETAW"},
    {0x5408, "TCSETAF"},
    {0x5409, "TCSBRK"},
    {0x540a, "TCXONC"},
    {0x540b, "TCFLSH"},
    {0x540c, "TIOCEXCL"},
    {0x540d, "TIOCNXCL"},
    {0x540e, "TIOCSCTTY"},
    {0x540f, "TIOCGPGRP"},
    {0x5410, "TIOCSPGRP"},
    {0x5411, "TIOCOUTQ"},
    {0x5412, "TIOCSTI"},
    {0x5413, "TIOCGWINSZ"},
    {0x5414, "TIOCSWINSZ"},
    {0x5415, "TIOCMGET"},
    {0x5416, "TIOCMBIS"},
    {0x5417, "TIOCMBIC"},
    {0x5418, "TIOCMSET"},
    {0x5419, "TIOCGSOFTCAR"},
    {0x541a, "TIOCSSOFTCAR"},
    {0x541b, "FIONREAD"},
    {0x541c, "TIOCLINUX"},
    {0x541d, "TIOCCONS"},
    {0x541e, "TIOCGSERIAL"},
    {0x541f, "TIOCSSERIAL"},
    {0x5420, "TIOCPKT"},
    {0x5421, "FIONBIO"},
    {0x5422, "TIOCNOTTY"},
    {0x5423, "TIOCSETD"},
    {0x5424, "TIOCGETD"},
    {0x5425, "TCSBRKP"},
    {0x5427, "TIOCSBRK"},
    {0x5428, "TIOCCBRK"},
    {0x5429, "TIOCGSID"},
    {0x542e, "TIOCGRS485"},
    {0x542f, "TIOCSRS485"},
    {0x5432, "TCGETX"},
    {0x5433, "TCSETX"},
    {0x5434, "TCSETXF"},
    {0x5435, "TCSETXW"},
    {0x5437, "TIOCVHANGUP"},
    {0x5441, "TIOCGPTPEER"},
    {0x5450, "FIONCLEX"},
    {0x5451, "FIOCLEX"},
    {0x5452, "FIOASYNC"},
    {0x5453, "TIOCSERCONFIG"},
    {0x5454, "TIOCSERGWILD"},
    {0x5455, "TIOCSERSWILD"},
    {0x5456, "TIOCGLCKTRMIOS"},
    {0x5457, "TIOCSLCKTRMIOS"},
    {0x5458, "TIOCSERGSTRUCT"},
    {0x5459, "TIOCSERGETLSR"},
    {0x545a, "TIOCSERGETMULTI"},
    {0x545b, "TIOCSERSETMULTI"},
    {0x545c, "TIOCMIWAIT"},
    {0x545d, "TIOCGICOUNT"},
    {0x5460, "FIOQSIZE"},
    {0x40045431, "TIOCSPTLCK"},
    {0x40045436, "TIOCSIG"},
    {0x40049409, "BTRFS_IOC_CLONE or FICLONE"},
    {0x402c542b, "TCSETS2"},
    {0x402c542c, "TCSETSW2"},
    {0x402c542d, "TCSETSF2"},
    {0x40086602, "FS_IOC_SETFLAGS"},
    {0x40087602, "FS_IOC_SETVERSION"},
    {0x4020940d, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE"},
    {0x80045430, "TIOCGPTN"},
    {0x80045432, "TIOCGDEV"},
    {0x80045438, "TIOCGPKT"},
    {0x80045439, "TIOCGPTLCK"},
    {0x80045440, "TIOCGEXCL"},
    {0x80081270, "BLKBSZGET"},
    {0x80081272, "BLKGETSIZE64"},
    {0x80086601, "FS_IOC_GETFLAGS"},
    {0x80087601, "FS_IOC_GETVERSION"},
    {0x802c542a, "TCGETS2"},
    {0xc0189436, "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE"},
    {0xc020660b, "FS_IOC_FIEMAP"},
};

bool print_ioctl_name(OutBuf& out, std::uint32_t code) {
  return print_ioctl_names(out, kSockIoctlNames, code) || print_ioctl_names(out, kIoctls, code);
}

void print_ioctl_code_abbrev(OutBuf& out, std::uint32_t code) {
  if (print_ioctl_name(out, code)) return;
  // strace's ioctl_print_code: _IOC(dir, type, nr, size).
  const unsigned dir = (code >> 30) & 3;
  const unsigned type = (code >> 8) & 0xff;
  const unsigned nr = code & 0xff;
  const unsigned size = (code >> 16) & 0x3fff;
  static const char* const dirs[] = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
                                     "_IOC_READ|_IOC_WRITE"};
  out.put("_IOC(");
  out.put(dirs[dir]);
  out.put(", ");
  out.put_hex(type);
  out.put(", ");
  out.put_hex(nr);
  out.put(", ");
  out.put_hex(size);
  out.put(')');
}

void print_ioctl_code(OutBuf& out, std::uint32_t code) {
  print_styled(out, code, ValFmt::Hex, [&](OutBuf& o) {
    print_ioctl_code_abbrev(o, code);
    return true;
  });
}

// --- termios ------------------------------------------------------------------------------------

// The kernel's struct termios (asm-generic/termbits.h), not glibc's.
struct KTermios {
  std::uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
  std::uint8_t c_line;
  std::uint8_t c_cc[19];
};
static_assert(sizeof(KTermios) == 36, "kernel struct termios");

// The kernel's struct termios2 (TCGETS2): struct termios and the two speeds.
struct KTermios2 {
  KTermios t;
  std::uint32_t c_ispeed, c_ospeed;
};
static_assert(sizeof(KTermios2) == 44, "kernel struct termios2");

struct KTermio {
  std::uint16_t c_iflag, c_oflag, c_cflag, c_lflag;
  std::uint8_t c_line;
  std::uint8_t c_cc[8];
};

void print_oflag(OutBuf& out, std::uint64_t val) {
  struct Delay {
    const char* set;
    std::uint64_t mask;
    const char* dflt;
  };
  static constexpr Delay kDelays[] = {
      {"term_nldly", NLDLY, "NL?"}, {"term_crdly", CRDLY, "CR?"}, {"term_tabdly", TABDLY, "TAB?"},
      {"term_bsdly", BSDLY, "BS?"}, {"term_vtdly", VTDLY, "VT?"}, {"term_ffdly", FFDLY, "FF?"},
  };
  static const auto sets = [] {
    std::array<const FlagSet*, std::size(kDelays)> r{};
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = find_set(kDelays[i].set);
    return r;
  }();
  static const FlagSet* const oflags = find_set("term_oflag");
  for (std::size_t i = 0; i < std::size(kDelays); ++i) {
    printxval(out, sets[i], val & kDelays[i].mask, kDelays[i].dflt);
    out.put('|');
    val &= ~kDelays[i].mask;
  }
  printflags(out, oflags, val, nullptr);
}

void print_cflag(OutBuf& out, std::uint64_t val) {
  static const FlagSet* const baud = find_set("term_baud");
  static const FlagSet* const csize = find_set("term_csize");
  static const FlagSet* const cflags = find_set("term_cflag");
  printxval(out, baud, val & CBAUD, "B???");
  out.put('|');
  if (val & CIBAUD) {
    printxval(out, baud, (val & CIBAUD) >> IBSHIFT, "B???");
    out.put("<<");
    print_xlat_raw(out, IBSHIFT, "IBSHIFT");
    out.put('|');
  }
  printxval(out, csize, val & CSIZE, "CS?");
  out.put('|');
  val &= ~static_cast<std::uint64_t>(CBAUD | CIBAUD | CSIZE);
  printflags(out, cflags, val, nullptr);
}

void print_term_flags(OutBuf& out, std::uint64_t i, std::uint64_t o, std::uint64_t c,
                      std::uint64_t l) {
  static const FlagSet* const iflags = find_set("term_iflag");
  static const FlagSet* const lflags = find_set("term_lflag");
  out.put("c_iflag=");
  printflags(out, iflags, i, nullptr);
  out.put(", c_oflag=");
  print_oflag(out, o);
  out.put(", c_cflag=");
  print_cflag(out, c);
  out.put(", c_lflag=");
  printflags(out, lflags, l, nullptr);
}

void print_line_cc(OutBuf& out, std::uint8_t line, const std::uint8_t* cc, unsigned n) {
  static const FlagSet* const ccnames = find_set("termios_cc");
  static const FlagSet* const discs = find_set("term_line_discs");
  out.put(", c_line=");
  printxval(out, discs, line, "N_???");
  out.put(", c_cc=[");
  for (unsigned i = 0; i < n; ++i) {
    if (i != 0) out.put(", ");
    out.put('[');
    if (const char* s = xlookup(ccnames, i)) {
      out.put(s);
    } else {
      out.put_udec(i);
    }
    out.put("]=");
    out.put_hex(cc[i]);
  }
  out.put(']');
}

// struct termios (19 control characters) and the older struct termio (8) print alike.
template <typename Term, int NumCc>
void decode_term(DecodeCtx& ctx, std::uint64_t addr) {
  Term t{};
  if (!umove_or_printaddr(ctx, addr, t)) return;
  OutBuf& out = ctx.out;
  out.put('{');
  print_term_flags(out, t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
  if (!ctx.opt.verbose) {
    out.put(", ...");
  } else {
    print_line_cc(out, t.c_line, t.c_cc, NumCc);
  }
  out.put('}');
}

void decode_termios(DecodeCtx& ctx, std::uint64_t addr) {
  decode_term<KTermios, 19>(ctx, addr);
}
void decode_termio(DecodeCtx& ctx, std::uint64_t addr) {
  decode_term<KTermio, 8>(ctx, addr);
}
void decode_termios2(DecodeCtx& ctx, std::uint64_t addr) {
  KTermios2 t2{};
  if (!umove_or_printaddr(ctx, addr, t2)) return;
  OutBuf& out = ctx.out;
  const KTermios& t = t2.t;
  out.put('{');
  print_term_flags(out, t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
  if (!ctx.opt.verbose) {
    out.put(", ...");
  } else {
    print_line_cc(out, t.c_line, t.c_cc, 19);
    out.put(", c_ispeed=");
    out.put_udec(t2.c_ispeed);
    out.put(", c_ospeed=");
    out.put_udec(t2.c_ospeed);
  }
  out.put('}');
}

void decode_winsize(DecodeCtx& ctx, std::uint64_t addr) {
  struct {
    std::uint16_t row, col, xpixel, ypixel;
  } ws{};
  if (!umove_or_printaddr(ctx, addr, ws)) return;
  OutBuf& out = ctx.out;
  out.put("{ws_row=");
  out.put_udec(ws.row);
  out.put(", ws_col=");
  out.put_udec(ws.col);
  out.put(", ws_xpixel=");
  out.put_udec(ws.xpixel);
  out.put(", ws_ypixel=");
  out.put_udec(ws.ypixel);
  out.put('}');
}

void decode_int(DecodeCtx& ctx, std::uint64_t addr) {
  int v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  ctx.out.put_dec(v);
  ctx.out.put(']');
}

void decode_modem(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const modem = find_set("modem_flags");
  unsigned v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  printflags(ctx.out, modem, v, "TIOCM_???");
  ctx.out.put(']');
}

// The state passed from entry to exit: what the exit prints.
enum IoctlState : int {
  kNothing = 0,      // everything was printed at entry
  kExitTermios = 1,  // ", {termios}" at exit
  kExitTermio = 2,
  kExitWinsize = 3,
  kExitInt = 4,
  kExitModem = 5,
};

}  // namespace

bool print_ioctl_names(OutBuf& out, std::span<const IoctlName> table, std::uint32_t code) {
  bool any = false;
  for (const IoctlName& n : table) {
    if (n.code != code) continue;
    if (any) out.put(" or ");
    out.put(n.name);
    any = true;
  }
  return any;
}

int ioctl_entry(DecodeCtx& ctx) {
  OutBuf& out = ctx.out;
  const auto& a = ctx.call.args;
  const std::uint32_t code = static_cast<std::uint32_t>(a[1]);
  const std::uint64_t arg = a[2];
  printfd(ctx, static_cast<int>(a[0]));
  out.put(", ");
  print_ioctl_code(out, code);
  ctx.call.saved[kSockIoctlState] = 0;
  if (((code >> 8) & 0xff) == 0x89) {  // the socket ioctls
    // Their exit states do not fit the 0..5 an entry returns: they travel in saved[].
    const int state = sock_ioctl_entry(ctx, code, arg);
    if (state > 0) ctx.call.saved[kSockIoctlState] = static_cast<std::uint64_t>(state);
    if (state >= 0) return kNothing;
  }
  switch (code) {
    case TCGETS:
    case TIOCGLCKTRMIOS:
    case TCGETS2:  // the exit tells termios2 by the code
      return kExitTermios;
    case TCSETS2:
    case TCSETSW2:
    case TCSETSF2:
      out.put(", ");
      decode_termios2(ctx, arg);
      return kNothing;
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
    case TIOCSLCKTRMIOS:
      out.put(", ");
      decode_termios(ctx, arg);
      return kNothing;
    case TCGETA:
      return kExitTermio;
    case TCSETA:
    case TCSETAW:
    case TCSETAF:
      out.put(", ");
      decode_termio(ctx, arg);
      return kNothing;
    case TIOCGWINSZ:
      return kExitWinsize;
    case TIOCSWINSZ:
      out.put(", ");
      decode_winsize(ctx, arg);
      return kNothing;
    case TCXONC:
    case TCFLSH: {
      static const FlagSet* const xonc = find_set("tcxonc_options");
      static const FlagSet* const flsh = find_set("tcflsh_options");
      out.put(", ");
      printxval(out, code == TCXONC ? xonc : flsh, arg, "TC???");
      return kNothing;
    }
    case TCSBRK:
    case TCSBRKP:
    case TIOCSCTTY:
      out.put(", ");
      out.put_dec(static_cast<int>(arg));
      return kNothing;
    case TIOCMGET:
      return kExitModem;
    case TIOCMBIS:
    case TIOCMBIC:
    case TIOCMSET:
      out.put(", ");
      decode_modem(ctx, arg);
      return kNothing;
    case TIOCGPGRP:
    case TIOCGSID:
    case TIOCGETD:
    case TIOCGSOFTCAR:
    case TIOCGPTN:
    case FIONREAD:
    case TIOCOUTQ:
    case TIOCGEXCL:
    case TIOCGDEV:
      return kExitInt;
    case TIOCSPGRP:
    case TIOCSETD:
    case FIONBIO:
    case FIOASYNC:
    case TIOCPKT:
    case TIOCSSOFTCAR:
    case TIOCSPTLCK:
      out.put(", ");
      decode_int(ctx, arg);
      return kNothing;
    case TIOCSTI:
      out.put(", ");
      printstrn(ctx, arg, 1);
      return kNothing;
    case FICLONE:  // the source fd, as strace's file_ioctl
      out.put(", ");
      out.put_dec(static_cast<int>(arg));
      return kNothing;
    case TIOCSBRK:
    case TIOCCBRK:
    case TIOCCONS:
    case TIOCNOTTY:
    case TIOCEXCL:
    case TIOCNXCL:
    case FIOCLEX:
    case FIONCLEX:
    case TIOCVHANGUP:
    case TIOCSSERIAL:
      return kNothing;
    default:
      out.put(", ");
      out.put_hex(arg);
      return kNothing;
  }
}

void ioctl_exit(DecodeCtx& ctx, int from) {
  const std::uint64_t arg = ctx.call.args[2];
  switch (from) {
    case kExitTermios:
      ctx.out.put(", ");
      if (static_cast<std::uint32_t>(ctx.call.args[1]) == TCGETS2) {
        decode_termios2(ctx, arg);
      } else {
        decode_termios(ctx, arg);
      }
      break;
    case kExitTermio:
      ctx.out.put(", ");
      decode_termio(ctx, arg);
      break;
    case kExitWinsize:
      ctx.out.put(", ");
      decode_winsize(ctx, arg);
      break;
    case kExitInt:
      ctx.out.put(", ");
      decode_int(ctx, arg);
      break;
    case kExitModem:
      ctx.out.put(", ");
      decode_modem(ctx, arg);
      break;
    default:
      if (ctx.call.saved[kSockIoctlState] != 0)
        sock_ioctl_exit(ctx, static_cast<int>(ctx.call.saved[kSockIoctlState]));
      break;
  }
}

}  // namespace scry::dec
