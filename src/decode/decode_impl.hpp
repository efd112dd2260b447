// Internal helpers shared by the decoders in src/decode. Not part of the public API.
//
// The helpers mirror strace's printing primitives (umoven, umovestr, printstr_ex, printpath,
// printflags, printxval, ...) so that each decoder can be written the way strace writes it and
// print exactly the same text. Every read from the tracee is bounded here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <signal.h>

#include "decode/scratch.hpp"
#include "scry/decode.hpp"
#include "scry/flags.hpp"

namespace scry::dec {

// --- limits ----------------------------------------------------------------------------------
inline constexpr std::size_t kPathMax = 4096;             // PATH_MAX: paths are cut at 4095 bytes
inline constexpr std::size_t kMaxStringLimit = 1u << 24;  // cap on -s for buffer allocation
inline constexpr std::size_t kPageSize = 4096;

// The effective -s limit.
std::size_t max_strlen(const DecodeOptions& opt);

// --- string quoting styles (strace's QUOTE_*) ------------------------------------------------
enum QuoteStyle : unsigned {
  kQuote0Terminated = 1u << 0,
  kQuoteOmitQuotes = 1u << 1,
  kQuoteOmitTrailing0 = 1u << 2,
  kQuoteExpectTrailing0 = 1u << 3,
  kQuoteForceHex = 1u << 4,
  kQuoteEmitComment = 1u << 5,
};

// strace's string_quote: appends the quoted form of s[0..size) to out. With kQuote0Terminated
// it stops at the first NUL and may look at s[size] (the caller guarantees it is readable).
// Returns true when the string was not seen to end (strace's return value 1).
bool string_quote(OutBuf& out, const unsigned char* s, std::size_t size, unsigned style,
                  XMode xmode, const char* escape_chars = nullptr);
// strace's print_quoted_string_ex (also prints "..." for 0-terminated + expect-trailing-0).
bool print_quoted_ex(OutBuf& out, const char* s, std::size_t size, unsigned style, XMode xmode,
                     const char* escape_chars = nullptr);

// --- tracee memory (strace's umoven / umovestr) ----------------------------------------------
// All-or-nothing read of len bytes.
bool umoven(MemoryReader& mem, std::uint64_t addr, std::size_t len, void* out);
// Reads a NUL-terminated string of at most len bytes into out (len bytes of room).
// Returns -1 when anything before the NUL (or before len bytes) is unreadable, 0 when len bytes
// were read and none is NUL, else strlen+1.
long umovestr(MemoryReader& mem, std::uint64_t addr, std::size_t len, char* out);

// Reads a T, printing the address instead (NULL for 0) when it cannot: when addr is 0, when the
// syscall failed and this is its exit, or when the memory is unreadable. Returns true if read.
bool umoven_or_printaddr(DecodeCtx& ctx, std::uint64_t addr, std::size_t len, void* out);
template <typename T>
bool umove_or_printaddr(DecodeCtx& ctx, std::uint64_t addr, T& out) {
  return umoven_or_printaddr(ctx, addr, sizeof(T), &out);
}
// Same, without the failed-syscall rule (strace's *_ignore_syserror).
bool umoven_or_printaddr_ignore_syserror(DecodeCtx& ctx, std::uint64_t addr, std::size_t len,
                                         void* out);

// --- printing primitives ---------------------------------------------------------------------
void print_addr(OutBuf& out, std::uint64_t addr);      // NULL or %#lx
void print_hex(OutBuf& out, std::uint64_t v);          // %#llx (0 as 0)
void print_03o(OutBuf& out, std::uint64_t v);          // %#03o: 000, 0644, 022
void print_mode_symbolic(OutBuf& out, unsigned mode);  // S_IFREG|S_ISUID|0755
void print_dev(OutBuf& out, std::uint64_t dev);
// An I/O priority (ioprio_set's arg, ioprio_get's return) as strace 6.1 prints it:
// IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4), class = (unsigned)v >> 13, data = v & 0x1fff.
void print_ioprio_value(OutBuf& out, std::uint32_t v);  // makedev(0x8, 0x1)
void print_uid(OutBuf& out, unsigned uid);              // -1 for (uid_t)-1
// strace's printstr_ex: len bytes at addr (or a NUL-terminated string with kQuote0Terminated),
// cut at -s with "...".
void printstr_ex(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len, unsigned style);
void printstrn(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len);  // buffer
void printstr(DecodeCtx& ctx, std::uint64_t addr);                      // C string, -s
// strace's printpathn / printpath: NUL-terminated path, not cut by -s, at most n bytes.
void printpathn(DecodeCtx& ctx, std::uint64_t addr, std::size_t n);
void printpath(DecodeCtx& ctx, std::uint64_t addr);
void printfd(DecodeCtx& ctx, int fd);
void print_dirfd(DecodeCtx& ctx, int fd);
// sprinttime_nsec's comment " /* 2024-11-21T20:01:54.123+0000 */" (nothing when sec and nsec are
// 0 or nsec is out of range).
void print_time_comment(OutBuf& out, long long sec, unsigned long long part, unsigned max_part,
                        int width);
// A signal number as strace's printsignal (name, else decimal).
void print_signal(OutBuf& out, int sig);
const char* signal_name(int sig, char* buf, std::size_t size);  // nullptr if unnamed
// strace's sprintsigmask_n: "[INT TERM]" or "~[RTMIN RT_1]" from `bytes` bytes of mask.
void print_sigmask(OutBuf& out, const void* mask, std::size_t bytes);
// A sigset at addr of len bytes (strace's print_sigset_addr_len).
void print_sigset_addr_len(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len,
                           std::uint64_t min_len = 8);

// --- struct field helper ---------------------------------------------------------------------
class Fields {
 public:
  explicit Fields(OutBuf& out) : out_(out) { out_.put('{'); }
  OutBuf& f(const char* name) {
    sep();
    out_.put(name);
    out_.put('=');
    return out_;
  }
  void sep() {
    if (!first_) out_.put(", ");
    first_ = false;
  }
  void more() {
    sep();
    out_.put("...");
  }
  void end() { out_.put('}'); }
  OutBuf& out() { return out_; }

 private:
  OutBuf& out_;
  bool first_ = true;
};

// --- named constants -------------------------------------------------------------------------
// A flag set by name, or nullptr when data/flags has no such set. Looked up once per call site.
const FlagSet* find_set(std::string_view name);
// The names of every set the decoders use (for a test that they all exist).
extern const char* const kUsedSetNames[];

const char* xlookup(const FlagSet* set, std::uint64_t value);
enum class ValFmt : std::uint8_t { Hex, Dec, Udec, Oct };
void print_val(OutBuf& out, std::uint64_t v, ValFmt fmt);
// -X: how named constants print (strace's xlat_verbosity). Set per decode from the options.
XlatStyle xlat_style();
void set_xlat_style(XlatStyle s);
// One named value outside a FlagSet (UTIME_NOW): the name, the hex number (-X raw), or both
// (-X verbose: "0x3fffffff /* UTIME_NOW */").
void print_xlat_raw(OutBuf& out, std::uint64_t v, const char* name);
// The same for an abbreviated text rendered by the caller, the number printed in `fmt`.
void print_xlat_text(OutBuf& out, std::uint64_t v, ValFmt fmt, std::string_view text);
// The same around an abbreviated printer fn(OutBuf&) -> bool (true: it named something; false:
// it printed the number itself, which -X verbose then prints alone).
template <typename Fn>
bool print_styled(OutBuf& out, std::uint64_t v, ValFmt fmt, Fn&& fn) {
  switch (xlat_style()) {
    case XlatStyle::Abbrev:
      return fn(out);
    case XlatStyle::Raw:
      print_val(out, v, fmt);
      return false;
    case XlatStyle::Verbose:
      break;
  }
  OutBuf tmp;
  const bool named = fn(tmp);
  if (!named) {
    out.put(tmp.view());
    return false;
  }
  print_val(out, v, fmt);
  out.put(" /* ");
  out.put(tmp.view());
  out.put(" */");
  return true;
}
// strace's printxval: the name, else the number and " /* dflt */" (no comment when dflt is null).
bool printxval(OutBuf& out, const FlagSet* set, std::uint64_t v, const char* dflt,
               ValFmt fmt = ValFmt::Hex);
// strace's printflags64: NAME|NAME|0x80, "0x80 /* dflt */" when nothing is known, the zero name or
// "0" for 0 -- but nothing at all for 0 when dflt is null (strace's printflags with NULL).
void printflags(OutBuf& out, const FlagSet* set, std::uint64_t flags, const char* dflt);
// strace's sprintflags_ex (prefix + flags, unknown bits in hex); false when nothing to print.
bool sprintflags(OutBuf& out, std::string_view prefix, const FlagSet* set, std::uint64_t flags,
                 char sep = '\0');
// open(2) flags: O_RDONLY|O_CLOEXEC (strace's tprint_open_modes).
void print_open_modes(OutBuf& out, std::uint64_t flags);
// "flags O_RDWR|O_LARGEFILE" (strace's sprint_open_modes, used for F_GETFL).
void sprint_open_modes(OutBuf& out, std::uint64_t flags);

// Set the return value format / aux text from an exit decoder.
inline void set_ret(DecodeCtx& ctx, RetKind k) {
  ctx.ret_kind = k;
  ctx.ret_set = true;
}
OutBuf* aux(DecodeCtx& ctx);  // nullptr when the caller gave no aux buffer

// --- kind decoders (one per ArgKind family; see kinds_*.cpp) ---------------------------------
void print_argv(DecodeCtx& ctx, std::uint64_t addr);
void print_envp(DecodeCtx& ctx, std::uint64_t addr);
void print_stat(DecodeCtx& ctx, std::uint64_t addr);
void print_statx(DecodeCtx& ctx, std::uint64_t addr);
void print_statfs(DecodeCtx& ctx, std::uint64_t addr);
void print_timespec(DecodeCtx& ctx, std::uint64_t addr);
void print_timespec_value(OutBuf& out, long long sec, long long nsec);
void print_timeval(DecodeCtx& ctx, std::uint64_t addr);
void print_itimerval(DecodeCtx& ctx, std::uint64_t addr);
void print_rlimit(DecodeCtx& ctx, std::uint64_t addr);
void print_sigaction(DecodeCtx& ctx, std::uint64_t addr);
void print_utsname(DecodeCtx& ctx, std::uint64_t addr);
void print_sysinfo(DecodeCtx& ctx, std::uint64_t addr);
void print_pipefds(DecodeCtx& ctx, std::uint64_t addr);
void print_dirents(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len);
void print_wstatus(DecodeCtx& ctx, std::uint64_t addr);
void print_wait_status(OutBuf& out, int status);
void print_sockaddr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len);
void print_sockaddr_data(DecodeCtx& ctx, const unsigned char* buf, std::size_t len);
void print_osockaddr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t lenptr);
// netlink_protocol: kIovNotNetlink prints the data as strings; else the data are netlink messages
// of that protocol (-1: unknown), as strace's IOV_DECODE_NETLINK.
inline constexpr int kIovNotNetlink = -2;
void print_iovec(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, std::uint64_t data_size,
                 bool decode_data, int netlink_protocol = kIovNotNetlink);
void print_pollfds(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, bool exiting);
void print_int_ptr(DecodeCtx& ctx, std::uint64_t addr);
// kinds_misc.cpp
void print_cpuset(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len);
void print_groups(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len);
void print_nodemask(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t maxnodes);
void print_mpol_ptr(DecodeCtx& ctx, std::uint64_t addr);
void print_stack_t(DecodeCtx& ctx, std::uint64_t addr);
void print_epoll_event(DecodeCtx& ctx, std::uint64_t addr);   // epoll_ctl's (NULL-able for DEL)
void print_epoll_events(DecodeCtx& ctx, std::uint64_t addr);  // the return value's count
void print_tms(DecodeCtx& ctx, std::uint64_t addr);
void print_rusage(DecodeCtx& ctx, std::uint64_t addr);
void print_utimens(DecodeCtx& ctx, std::uint64_t addr);
void print_utimes(DecodeCtx& ctx, std::uint64_t addr);
void print_open_how(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t size);
void print_cap_header(DecodeCtx& ctx, std::uint64_t addr);
void print_cap_data(DecodeCtx& ctx, std::uint64_t addr);  // the header is argument 0
// sched_setattr at entry (usize unused), sched_getattr at exit (usize: the caller's size).
void print_sched_attr(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t usize);
void print_itimerspec(DecodeCtx& ctx, std::uint64_t addr);
void print_sigevent(DecodeCtx& ctx, std::uint64_t addr);  // timer_create's
// "[N]": a loff_t at addr, signed (splice, copy_file_range) or unsigned (sendfile).
void print_loff_ptr(DecodeCtx& ctx, std::uint64_t addr, bool is_unsigned);
// custom_ipc.cpp: a SysV IPC key, shmget's (shm) or semget's and msgget's flags with the
// permissions, semop's struct sembuf array, msgsnd/msgrcv's msgbuf (len: mtext's length),
// struct mq_attr.
void print_ipc_key(OutBuf& out, std::uint64_t key);
void print_ipc_flags(OutBuf& out, std::uint64_t flags, bool shm);
void print_sembufs(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count);
void print_msgbuf(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len);
void print_mq_attr(DecodeCtx& ctx, std::uint64_t addr);
// "[0x7f...]": a pointer the kernel stored at addr (strace's printnum_ptr), NULL for 0.
void print_kptr_at(DecodeCtx& ctx, std::uint64_t addr);
// struct timex at exit (adjtimex, clock_adjtime); when it printed the structure (not the address),
// the return value gets its TIME_* name. False when only the address printed.
bool print_timex(DecodeCtx& ctx, std::uint64_t addr);

// strace's print_array: reads count elements of elem_size at addr, printing "[a, b, ...]"
// bounded by -s elements ("..." after them), the address when unreadable.
template <typename Fn>
bool print_array(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count, std::size_t elem_size,
                 Fn&& print_elem);

// --- custom decoders (custom_*.cpp) ------------------------------------------------------------
// Each is called once at entry (ctx.exiting == false), returning the value decode_syscall_entry
// returns, and once at exit with that value as `from`, printing the rest and the ")".
int custom_entry(DecodeCtx& ctx);
void custom_exit(DecodeCtx& ctx, int from);

// Prints one argument by kind (the body of decode_arg).
void print_arg(DecodeCtx& ctx, ArgSpec spec, std::uint64_t value);
// The by-kind entry and exit passes (what a syscall without a custom decoder gets).
int generic_entry(DecodeCtx& ctx);
void generic_exit(DecodeCtx& ctx, int from);
// Notes for the exit taken at entry (into ctx.call.saved).
void save_entry_state(DecodeCtx& ctx);

// siginfo_t: "{si_signo=SIGCHLD, ...}"; at an address, or the address when unreadable.
// Where -Y finds command names for si_pid (names == nullptr: none printed).
struct PidNames {
  FdResolver* names = nullptr;
  XMode xmode = XMode::Default;
};
void print_siginfo_value(OutBuf& out, const siginfo_t& si, const PidNames& pn);
// A pid argument or field: "1234", "1234<comm>" with -Y.
void print_pid(DecodeCtx& ctx, long pid);
void print_siginfo_at(DecodeCtx& ctx, std::uint64_t addr);

}  // namespace scry::dec

#include "decode/print_array.inl"
