// Strings, buffers and paths: strace's string_quote, printstr_ex, printpathn, and the bounded
// reads under them (umoven, umovestr).
#include <algorithm>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "decode/decode_impl.hpp"

namespace scry::dec {

std::size_t max_strlen(const DecodeOptions& opt) {
  if (opt.string_limit < 0) return 0;
  return std::min<std::size_t>(static_cast<std::size_t>(opt.string_limit), kMaxStringLimit);
}

// --- memory -------------------------------------------------------------------------------------

bool umoven(MemoryReader& mem, std::uint64_t addr, std::size_t len, void* out) {
  if (len == 0) return true;
  if (addr + len < addr) return false;  // wraps around the address space
  // At most 1 MiB a read: a reader never has to hold more than that for one request (a
  // tracee-chosen length reaches here, capped only by the decoders' own limits).
  constexpr std::size_t kMaxChunk = 1u << 20;
  auto* dst = static_cast<unsigned char*>(out);
  while (len > 0) {
    const std::size_t chunk = std::min(len, kMaxChunk);
    if (mem.read(addr, dst, chunk) != chunk) return false;
    addr += chunk;
    dst += chunk;
    len -= chunk;
  }
  return true;
}

long umovestr(MemoryReader& mem, std::uint64_t addr, std::size_t len, char* out) {
  std::size_t nread = 0;
  while (len > 0) {
    // Do not cross pages: the NUL may lie in a readable page followed by an unreadable one.
    std::size_t chunk = std::min(len, kPageSize - static_cast<std::size_t>(addr & (kPageSize - 1)));
    if (addr + chunk < addr) return -1;
    std::size_t r = mem.read(addr, out, chunk);
    if (r > 0) {
      const void* nul = std::memchr(out, '\0', r);
      if (nul != nullptr)
        return static_cast<long>(nread + (static_cast<const char*>(nul) - out) + 1);
    }
    if (r < chunk) return -1;
    addr += r;
    out += r;
    nread += r;
    len -= r;
  }
  return 0;
}

bool umoven_or_printaddr_ignore_syserror(DecodeCtx& ctx, std::uint64_t addr, std::size_t len,
                                         void* out) {
  // strace's tfetch_mem: -e verbose=!SYSCALL leaves structures as addresses.
  if (addr == 0 || !ctx.opt.struct_verbose || !umoven(ctx.mem, addr, len, out)) {
    print_addr(ctx.out, addr);
    return false;
  }
  return true;
}

bool umoven_or_printaddr(DecodeCtx& ctx, std::uint64_t addr, std::size_t len, void* out) {
  if (ctx.exiting && ctx.call.is_error) {
    print_addr(ctx.out, addr);
    return false;
  }
  return umoven_or_printaddr_ignore_syserror(ctx, addr, len, out);
}

// --- numbers ------------------------------------------------------------------------------------

void print_addr(OutBuf& out, std::uint64_t addr) {
  if (addr == 0) {
    out.put("NULL");
  } else {
    out.put_hex(addr);
  }
}

void print_hex(OutBuf& out, std::uint64_t v) {
  out.put_hex(v);
}

void print_03o(OutBuf& out, std::uint64_t v) {
  // printf("%#03o"): "0" prefix for non-zero values, at least 3 characters.
  char tmp[32];
  auto r = std::to_chars(tmp, tmp + sizeof tmp, v, 8);
  std::size_t n = static_cast<std::size_t>(r.ptr - tmp);
  std::size_t width = n + (v != 0 ? 1 : 0);
  for (std::size_t i = width; i < 3; ++i) out.put('0');
  if (v != 0) out.put('0');
  out.put(std::string_view(tmp, n));
}

void print_uid(OutBuf& out, unsigned uid) {
  if (uid == static_cast<unsigned>(-1)) {
    out.put("-1");
  } else {
    out.put_udec(uid);
  }
}

// --- quoting ------------------------------------------------------------------------------------

namespace {

constexpr char kHex[] = "0123456789abcdef";

void put_hex_byte(OutBuf& out, unsigned c) {
  out.put('\\');
  out.put('x');
  out.put(kHex[(c >> 4) & 0xf]);
  out.put(kHex[c & 0xf]);
}

void put_oct_byte(OutBuf& out, unsigned c, bool pad) {
  out.put('\\');
  if (pad || (c >> 6) != 0) out.put(static_cast<char>('0' + (c >> 6)));
  if (pad || (c >> 3) != 0) out.put(static_cast<char>('0' + ((c >> 3) & 7)));
  out.put(static_cast<char>('0' + (c & 7)));
}

bool is_print(unsigned c) {
  return c >= ' ' && c < 0x7f;
}

}  // namespace

bool string_quote(OutBuf& out, const unsigned char* s, std::size_t size, unsigned style,
                  XMode xmode, const char* escape_chars) {
  const bool zt = (style & kQuote0Terminated) != 0;
  XMode xs = (style & kQuoteForceHex) ? XMode::All : xmode;
  bool usehex = false;
  if (xs == XMode::All) {
    usehex = true;
  } else if (xs == XMode::NonAscii) {
    for (std::size_t i = 0; i < size; ++i) {
      unsigned c = s[i];
      if (zt && c == 0) break;
      if (c > 0x7e || (c < ' ' && (c - 9) >= 5)) {
        usehex = true;
        break;
      }
    }
  }
  if (style & kQuoteEmitComment) out.put(" /* ");
  const bool quotes = (style & kQuoteOmitQuotes) == 0;
  if (quotes) out.put('"');

  auto finish = [&]() {
    if (quotes) out.put('"');
    if (style & kQuoteEmitComment) out.put(" */");
  };

  std::size_t i = 0;
  if (usehex) {
    for (; i < size; ++i) {
      unsigned c = s[i];
      if (zt && c == 0) {
        finish();
        return false;
      }
      put_hex_byte(out, c);
    }
  } else {
    for (; i < size; ++i) {
      unsigned c = s[i];
      if (zt && c == 0) {
        finish();
        return false;
      }
      if (i == size - 1 && (style & kQuoteOmitTrailing0) && c == 0) {
        finish();
        return false;
      }
      switch (c) {
        case '"':
        case '\\':
          out.put('\\');
          out.put(static_cast<char>(c));
          break;
        case '\f':
          out.put("\\f");
          break;
        case '\n':
          out.put("\\n");
          break;
        case '\r':
          out.put("\\r");
          break;
        case '\t':
          out.put("\\t");
          break;
        case '\v':
          out.put("\\v");
          break;
        default: {
          bool printable = is_print(c);
          if (printable && escape_chars != nullptr &&
              std::strchr(escape_chars, static_cast<int>(c)))
            printable = false;
          if (printable) {
            out.put(static_cast<char>(c));
          } else if (xs == XMode::NonAsciiChars) {
            put_hex_byte(out, c);
          } else {
            bool pad = i + 1 < size && s[i + 1] >= '0' && s[i + 1] <= '7';
            put_oct_byte(out, c, pad);
          }
        }
      }
    }
  }
  finish();
  // The whole string was printed when the next byte (which the caller made readable) is a NUL.
  if (zt && s[i] == '\0') return false;
  return true;
}

bool print_quoted_ex(OutBuf& out, const char* s, std::size_t size, unsigned style, XMode xmode,
                     const char* escape_chars) {
  if (size != 0 && (style & kQuote0Terminated)) --size;
  bool rc = string_quote(out, reinterpret_cast<const unsigned char*>(s), size, style, xmode,
                         escape_chars);
  if ((style & (kQuote0Terminated | kQuoteExpectTrailing0)) ==
          (kQuote0Terminated | kQuoteExpectTrailing0) &&
      rc)
    out.put("...");
  return rc;
}

// --- strings from the tracee ------------------------------------------------------------------

namespace {
// A per-thread scratch buffer so the hot path does not allocate once warmed up.
std::vector<char>& scratch(std::size_t n) {
  thread_local std::vector<char> buf;
  if (buf.size() < n) buf.resize(n);
  return buf;
}
}  // namespace

void printstr_ex(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len, unsigned style) {
  OutBuf& out = ctx.out;
  if (addr == 0) {
    out.put("NULL");
    return;
  }
  const std::size_t maxs = max_strlen(ctx.opt);
  std::uint64_t size = static_cast<std::uint64_t>(maxs) + 1;
  if (size > len) size = len;
  std::vector<char>& buf = scratch(static_cast<std::size_t>(size) + 1);
  char* str = buf.data();
  bool ok;
  if (style & kQuote0Terminated) {
    ok = umovestr(ctx.mem, addr, static_cast<std::size_t>(size), str) >= 0;
  } else {
    ok = umoven(ctx.mem, addr, static_cast<std::size_t>(size), str);
  }
  if (!ok) {
    print_addr(out, addr);
    return;
  }
  if (size > maxs) {
    size = maxs;
  } else {
    str[size] = static_cast<char>(0xff);
  }
  if ((style & (kQuote0Terminated | kQuoteExpectTrailing0)) ==
          (kQuote0Terminated | kQuoteExpectTrailing0) &&
      size == len && size != 0)
    --size;
  bool ellipsis = string_quote(out, reinterpret_cast<const unsigned char*>(str),
                               static_cast<std::size_t>(size), style, ctx.opt.xmode) &&
                  len != 0 && ((style & (kQuote0Terminated | kQuoteExpectTrailing0)) || len > maxs);
  if (ellipsis) out.put("...");
}

void printstrn(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len) {
  printstr_ex(ctx, addr, len, 0);
}

void printstr(DecodeCtx& ctx, std::uint64_t addr) {
  printstr_ex(ctx, addr, ~std::uint64_t{0}, kQuote0Terminated);
}

void printpathn(DecodeCtx& ctx, std::uint64_t addr, std::size_t n) {
  if (addr == 0) {
    ctx.out.put("NULL");
    return;
  }
  char path[kPathMax];
  if (n > sizeof(path) - 1) n = sizeof(path) - 1;
  long nul_seen = umovestr(ctx.mem, addr, n + 1, path);
  if (nul_seen < 0) {
    print_addr(ctx.out, addr);
    return;
  }
  path[n++] = static_cast<char>(nul_seen == 0);
  // print_quoted_cstring: a NUL-terminated string of up to n-1 bytes, "..." when cut.
  bool unterminated = print_quoted_ex(ctx.out, path, n, kQuote0Terminated, ctx.opt.xmode);
  if (unterminated) ctx.out.put("...");
}

void printpath(DecodeCtx& ctx, std::uint64_t addr) {
  printpathn(ctx, addr, kPathMax - 1);
}

// --- file descriptors ---------------------------------------------------------------------------

namespace {
void put_angle_quoted(DecodeCtx& ctx, std::string_view p) {
  print_quoted_ex(ctx.out, p.data(), p.size(), kQuoteOmitQuotes, ctx.opt.xmode, "<>");
}

// strace's printsocket: "<TCP:[...]>" for a "socket:[INODE]" path.
bool print_socket_fd(DecodeCtx& ctx, int fd, std::string_view path) {
  const std::uint64_t inode = socket_inode_of(path);
  if (inode == 0) return false;
  ctx.out.put('<');
  if (!ctx.fds->socket_info(fd, inode, ctx.out)) ctx.out.put(path);
  ctx.out.put('>');
  return true;
}

bool print_dev_fd(DecodeCtx& ctx, std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  thread_local OutBuf info;
  info.clear();
  if (!ctx.fds->device_info(path, info)) return false;
  ctx.out.put('<');
  put_angle_quoted(ctx, path);
  ctx.out.put('<');
  ctx.out.put(info.view());
  ctx.out.put(">>");
  return true;
}

bool print_pidfd(DecodeCtx& ctx, int fd, std::string_view path) {
  if (path != "anon_inode:[pidfd]") return false;
  const int pid = ctx.fds->pidfd_pid(fd);
  if (pid <= 0) return false;
  ctx.out.put("<pid:");
  print_pid(ctx, pid);
  ctx.out.put('>');
  return true;
}

// strace's printfd_pid after the number: what --decode-fds asks for.
void print_fd_path(DecodeCtx& ctx, int fd) {
  if (!ctx.opt.decode_fds || ctx.fds == nullptr) return;
  thread_local OutBuf path;
  path.clear();
  if (!ctx.fds->fd_path(fd, path)) return;
  std::string_view p = path.view();
  const std::uint8_t what = ctx.opt.fd_decode;
  if (fd >= 0) {
    if ((what & kFdSocket) && print_socket_fd(ctx, fd, p)) return;
    if ((what & kFdDev) && print_dev_fd(ctx, p)) return;
    if ((what & kFdPidfd) && print_pidfd(ctx, fd, p)) return;
  }
  if (!(what & kFdPath)) return;
  bool deleted = false;
  constexpr std::string_view kDeleted = " (deleted)";
  if (p.size() > kDeleted.size() && p.substr(p.size() - kDeleted.size()) == kDeleted) {
    p.remove_suffix(kDeleted.size());
    deleted = true;
  }
  ctx.out.put('<');
  put_angle_quoted(ctx, p);
  ctx.out.put('>');
  if (deleted) ctx.out.put("(deleted)");
}
}  // namespace

void print_pid(DecodeCtx& ctx, long pid) {
  ctx.out.put_dec(pid);
  if (ctx.opt.decode_pid_comm) print_pid_comm(ctx.out, pid, ctx.fds, ctx.opt.xmode);
}

void printfd(DecodeCtx& ctx, int fd) {
  ctx.out.put_dec(fd);
  if (fd >= 0) print_fd_path(ctx, fd);
}

void print_dirfd(DecodeCtx& ctx, int fd) {
  if (fd == -100) {  // AT_FDCWD
    print_xlat_text(ctx.out, static_cast<std::uint64_t>(fd), ValFmt::Dec, "AT_FDCWD");
    print_fd_path(ctx, fd);
  } else {
    printfd(ctx, fd);
  }
}

}  // namespace scry::dec

// --- public API ---------------------------------------------------------------------------------

namespace scry {

void print_quoted(OutBuf& out, std::string_view bytes, XMode xmode, bool cut) {
  dec::string_quote(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0,
                    xmode);
  if (cut) out.put("...");
}

void print_cstring(DecodeCtx& ctx, std::uint64_t addr, long max) {
  if (max < 0) {
    dec::printstr(ctx, addr);
  } else {
    dec::printstr_ex(ctx, addr, static_cast<std::uint64_t>(max), dec::kQuote0Terminated);
  }
}

void print_buffer(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len) {
  dec::printstrn(ctx, addr, len);
}

std::uint64_t socket_inode_of(std::string_view path) {
  constexpr std::string_view kPrefix = "socket:[";
  if (path.size() <= kPrefix.size() + 1 || path.substr(0, kPrefix.size()) != kPrefix ||
      path.back() != ']')
    return 0;
  std::uint64_t inode = 0;
  for (char c : path.substr(kPrefix.size(), path.size() - kPrefix.size() - 1)) {
    if (c < '0' || c > '9') return 0;
    inode = inode * 10 + static_cast<unsigned>(c - '0');
  }
  return inode;
}

void print_pid_comm(OutBuf& out, long pid, FdResolver* names, XMode xmode) {
  if (pid <= 0 || pid > INT_MAX || names == nullptr) return;
  thread_local OutBuf comm;
  comm.clear();
  if (!names->pid_comm(static_cast<int>(pid), comm)) return;
  out.put('<');
  dec::print_quoted_ex(out, comm.view().data(), comm.view().size(), dec::kQuoteOmitQuotes, xmode,
                       "<>");
  out.put('>');
}

void print_ptr(OutBuf& out, std::uint64_t addr) {
  dec::print_addr(out, addr);
}

}  // namespace scry
