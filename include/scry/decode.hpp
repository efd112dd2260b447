// Syscall decoding: pure functions over a MemoryReader that print strace's text into an OutBuf.
// Nothing here calls ptrace; everything is unit-testable with a fake memory reader.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "scry/memory.hpp"
#include "scry/out_buf.hpp"
#include "scry/syscall_table.hpp"

namespace scry {

// How -x / -xx / --strings-in-hex print strings: escapes in octal (Default) or in hex
// (NonAsciiChars: "ab\x01c"), every byte in hex when one is non-ASCII (NonAscii, -x), or always
// (All, -xx).
enum class XMode : std::uint8_t { Default, NonAsciiChars, NonAscii, All };

// How named constants print (-X): the name, the number, or the number with the name in a comment.
enum class XlatStyle : std::uint8_t { Abbrev, Raw, Verbose };

// What -y / --decode-fds decodes beyond the path (strace's --decode-fds=path,socket,dev,pidfd).
enum FdDecode : std::uint8_t {
  kFdPath = 1u << 0,
  kFdSocket = 1u << 1,  // -yy: socket:[TCP:[1.2.3.4:5->6.7.8.9:10]]
  kFdDev = 1u << 2,     // -yy: /dev/null<char 1:3>
  kFdPidfd = 1u << 3,   // -yy: pidfd:1234 as anon_inode:[pidfd] -> pid
};

struct DecodeOptions {
  int string_limit = 32;  // -s
  bool verbose = false;   // -v (strace's abbrev=none): structures and arrays unabbreviated
  XMode xmode = XMode::Default;
  bool decode_fds = false;  // -y: print paths of fds (fd_decode says what else)
  std::uint8_t fd_decode = kFdPath;
  XlatStyle xlat = XlatStyle::Abbrev;  // -X
  // strace's verbose(tcp) (-e verbose=SET): false prints structures as their addresses. Set per
  // syscall by the tracer.
  bool struct_verbose = true;
  // -e raw=SET: the arguments and the return value in hex, undecoded. Set per syscall.
  bool raw = false;
  // -Y / --decode-pids=comm: "1234<comm>" for process and thread ids.
  bool decode_pid_comm = false;
};

// Looks up what an fd of the traced process refers to (for -y). Optional.
class FdResolver {
 public:
  virtual ~FdResolver() = default;
  // Writes the path (or "socket:[…]") into out; false if unknown. The raw readlink text: the
  // decoders quote it and handle a " (deleted)" suffix. fd -100 (AT_FDCWD) asks for the cwd.
  virtual bool fd_path(int fd, OutBuf& out) = 0;
  // -yy sockets: the endpoints ("TCP:[127.0.0.1:40000->127.0.0.1:8080]", "UNIX-STREAM:[12->13]")
  // or else the protocol and inode ("TCPv6:[1234]"); false when neither is known.
  virtual bool socket_info(int /*fd*/, std::uint64_t /*inode*/, OutBuf& /*out*/) { return false; }
  // -yy devices: "char 1:3" / "block 8:0" for a device node at path; false for anything else.
  virtual bool device_info(std::string_view /*path*/, OutBuf& /*out*/) { return false; }
  // -yy pidfds: the pid the pidfd fd refers to, or -1.
  virtual int pidfd_pid(int /*fd*/) { return -1; }
  // -Y: the command name of a process or thread (its /proc comm, raw bytes); false if unknown.
  virtual bool pid_comm(int /*pid*/, OutBuf& /*out*/) { return false; }
  // The protocol (NETLINK_ROUTE, NETLINK_SOCK_DIAG, ...) of netlink socket fd as the kernel's
  // sock_diag lists it; -1 for a netlink socket whose protocol is unknown (not bound yet),
  // kNotNetlink for anything else. One call: it may cost a readlink and a sock_diag query.
  static constexpr int kNotNetlink = -2;
  virtual int netlink_protocol(int /*fd*/) { return kNotNetlink; }
};

// One syscall as the decoders see it. args are raw register values.
struct SyscallCall {
  long nr = -1;
  Abi abi = Abi::X86_64;                // the table nr and entry come from
  const SyscallEntry* entry = nullptr;  // nullptr: unknown number
  std::array<std::uint64_t, 6> args{};  // for Abi::I386, 32-bit values (zero-extended)
  std::uint64_t sp = 0;   // the stack pointer at entry (rt_sigreturn reads its frame there)
  std::int64_t ret = 0;   // valid on exit
  bool is_error = false;  // valid on exit: ret is -errno
  // Decoders' notes from entry to exit (e.g. the *addrlen the caller passed to accept; the
  // bpf_prog_info counts BPF_OBJ_GET_INFO_BY_FD compares at exit take ten words). Keep the same
  // SyscallCall object from a syscall's entry to its exit.
  mutable std::array<std::uint64_t, 10> saved{};
};

struct DecodeCtx {
  MemoryReader& mem;
  const DecodeOptions& opt;
  OutBuf& out;
  const SyscallCall& call;
  FdResolver* fds = nullptr;
  bool exiting = false;
  // Set by exit-phase decoders to change how the return value prints.
  RetKind ret_kind = RetKind::Long;
  bool ret_set = false;   // ret_kind was set by a decoder
  OutBuf* aux = nullptr;  // text printed after the return value in parentheses ("flags FD_CLOEXEC")
};

// Prints one argument of the given kind.
void decode_arg(DecodeCtx& ctx, ArgSpec spec, std::uint64_t value);

// Syscall-entry: prints the arguments that are known at entry, separated by ", ", and returns
// the index of the first argument left for the exit (always 0..6). If the syscall has exit-phase
// arguments, the text ends with ", " before the first of them (strace's
// "newfstatat(AT_FDCWD, \"/x\", " before " <unfinished ...>"). Hand the value to
// decode_syscall_exit unchanged: for a syscall with a custom decoder it is that decoder's state,
// so call decode_syscall_exit whatever it is.
int decode_syscall_entry(DecodeCtx& ctx);
// Syscall-exit: prints the arguments from index `from` on and the closing ")". It may set
// ctx.ret_kind/ret_set and append to *ctx.aux (when non-null) for print_return.
void decode_syscall_exit(DecodeCtx& ctx, int from);
// -e read=FD / -e write=FD: appends strace's hex dump lines of the data the syscall read (when
// dump_read, from the exit's result) or wrote (dump_write), each line
// " | 00000  68 69 0a  ...  hi.  |" followed by '\n'. Call at the exit.
void dump_io(DecodeCtx& ctx, bool dump_read, bool dump_write, OutBuf& out);
// The name to print: the table's, or "syscall_0x1c3" for an unknown number.
void print_syscall_name(OutBuf& out, long nr, const SyscallEntry* entry);
// The return value as strace prints it after "= " (the caller prints "= " and the padding):
// "3", "0x7f1e2a000000", "022", "3</etc/passwd>" (-y), "-1 ENOENT (No such file or directory)",
// "? ERESTARTSYS (To be restarted if SA_RESTART is set)", "?" for a syscall that does not return,
// then " (aux)" when *ctx.aux is non-empty: "0x1 (flags FD_CLOEXEC)".
void print_return(DecodeCtx& ctx);

// String printing with strace's escaping. Quotes, escapes, and appends "..." when cut.
void print_quoted(OutBuf& out, std::string_view bytes, XMode xmode, bool cut);
// Reads and prints a NUL-terminated string at addr, at most max bytes (max < 0: -s limit).
// Prints the address when unreadable and NULL for 0.
void print_cstring(DecodeCtx& ctx, std::uint64_t addr, long max);
// Reads and prints len bytes at addr, cut at the -s limit.
void print_buffer(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len);
void print_ptr(OutBuf& out, std::uint64_t addr);
// Prints flags of a set: "O_CLOEXEC|O_NONBLOCK|0x80000000"; 0 prints the set's zero name or 0;
// nothing known prints "0x80000000 /* O_??? */" (the prefix of the set's first name + "???").
void print_flags(OutBuf& out, const struct FlagSet& set, std::uint64_t value);
// Prints one enum value: its name, or the number and a "/* NAME_??? */" comment.
void print_enum(OutBuf& out, const struct FlagSet& set, std::uint64_t value,
                std::string_view unknown_comment = {});
// SIGINT, SIGRTMIN, SIGRT_3, or the number; always the name, whatever -X says.
void print_signal_name(OutBuf& out, int sig);
const char* errno_name(long err);     // "ENOENT", or nullptr
const char* errno_message(long err);  // "No such file or directory", nullptr if none

}  // namespace scry

#include <signal.h>

namespace scry {
// "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1925, si_uid=0, si_status=0, si_utime=0,
// si_stime=0}" as strace prints it in "--- SIGCHLD {...} ---".
// With names (for -Y), si_pid prints as "1234<comm>" when names->pid_comm knows it.
// xlat: -X's style for si_signo and si_code.
void print_siginfo(OutBuf& out, const siginfo_t& si, FdResolver* names = nullptr,
                   XMode xmode = XMode::Default, XlatStyle xlat = XlatStyle::Abbrev);
// -Y: appends "<comm>" for pid (escaped as strace escapes it: '<' and '>' in octal) when pid > 0
// and names knows it; nothing otherwise.
void print_pid_comm(OutBuf& out, long pid, FdResolver* names, XMode xmode);
// The inode of an fd's link text "socket:[1234]", or 0 for anything else.
std::uint64_t socket_inode_of(std::string_view path);
}  // namespace scry
