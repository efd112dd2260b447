#include "args.hpp"

#include <errno.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "trace/format_args.hpp"

namespace scry::cli {

using trace::TraceOptions;

namespace {

// -e abbrev=/verbose=/raw=SET: a syscall set with -e trace='s syntax.
scry::Result<void> add_syscall_qualifier(std::optional<scry::trace::SyscallFilter>& set,
                                         std::string_view val) {
  if (!set) set.emplace();
  return set->add_trace_expr(val);
}

// -e quiet=SET: strace's message names, "all", "none", optionally after '!'.
unsigned parse_quiet(std::string_view val) {
  using O = scry::trace::TraceOptions;
  static constexpr struct {
    std::string_view name;
    unsigned bit;
  } kNames[] = {{"attach", O::kQuietAttach},
                {"exit", O::kQuietExit},
                {"exits", O::kQuietExit},
                {"path-resolution", O::kQuietPathResolve},
                {"personality", O::kQuietPersonality},
                {"superseded", O::kQuietSuperseded},
                {"thread-execve", O::kQuietSuperseded}};
  unsigned set = 0;
  scry::trace::TokenList list;
  auto bad = scry::trace::parse_tokens(val, list, [&](std::string_view tok) {
    for (const auto& n : kNames) {
      if (scry::trace::iequals(n.name, tok)) {
        set |= n.bit;
        return true;
      }
    }
    return false;
  });
  if (bad) die("invalid quiet '" + std::string(*bad) + "'");
  if (list.all) set = O::kQuietAll;
  return list.invert ? O::kQuietAll & ~set : set;
}

// -e read=/write=/trace-fds=SET: "all", "none", or fd numbers, optionally after '!'.
scry::trace::FdSet parse_fd_set(std::string_view val) {
  scry::trace::FdSet set;
  scry::trace::TokenList list;
  auto bad = scry::trace::parse_tokens(val, list, [&](std::string_view tok) {
    const long fd = scry::trace::parse_small_uint(tok, 0x7fffffff);
    if (fd < 0) return false;
    set.fds.push_back(static_cast<int>(fd));
    return true;
  });
  if (bad) die("invalid descriptor '" + std::string(*bad) + "'");
  set.invert = list.invert != list.all;
  return set;
}

}  // namespace

[[noreturn]] void die_usage(const std::string& msg) {
  // As strace, messages name the program as it was invoked (program_invocation_name).
  std::fprintf(stderr, "%s: %s\nTry '%s -h' for more information.\n", program_invocation_name,
               msg.c_str(), program_invocation_name);
  std::exit(1);
}

[[noreturn]] void die(const std::string& msg) {
  warn(msg.c_str());
  std::exit(1);
}

void warn(const char* msg) {
  std::fprintf(stderr, "%s: %s\n", program_invocation_name, msg);
}

bool parse_int(const char* s, long& out) {
  if (s == nullptr || *s == '\0') return false;
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(s, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  out = v;
  return true;
}

void add_pids(TraceOptions& opt, const char* arg) {
  std::string_view list(arg);
  std::size_t pos = 0;
  for (;;) {
    std::size_t sep = list.find_first_of(", ", pos);
    std::string tok(list.substr(pos, sep == std::string_view::npos ? list.npos : sep - pos));
    if (!tok.empty()) {
      long pid = 0;
      if (!parse_int(tok.c_str(), pid) || pid <= 0 || pid > 0x7fffffff)
        die("Invalid process id: '" + tok + "'");
      if (pid == ::getpid()) die("I'm sorry, I can't let you do that, Dave.");
      opt.attach.push_back(static_cast<pid_t>(pid));
    }
    if (sep == std::string_view::npos) break;
    pos = sep + 1;
  }
}

void set_decode_fds(TraceOptions& opt, std::string_view list) {
  static constexpr struct {
    std::string_view name;
    std::uint8_t bit;
  } kNames[] = {{"path", scry::kFdPath},
                {"socket", scry::kFdSocket},
                {"dev", scry::kFdDev},
                {"pidfd", scry::kFdPidfd}};
  constexpr std::uint8_t kAll = scry::kFdPath | scry::kFdSocket | scry::kFdDev | scry::kFdPidfd;
  std::uint8_t what = 0;
  scry::trace::TokenList tokens;
  auto bad = scry::trace::parse_tokens(list, tokens, [&](std::string_view tok) {
    for (const auto& n : kNames) {
      if (scry::trace::iequals(tok, n.name)) {
        what |= n.bit;
        return true;
      }
    }
    return false;
  });
  if (bad) die("invalid decode-fds '" + std::string(*bad) + "'");  // strace: no help line
  if (tokens.all) what = kAll;
  if (tokens.invert) what = kAll & static_cast<std::uint8_t>(~what);
  opt.decode.fd_decode = what;
  opt.decode.decode_fds = what != 0;
}

// --decode-pids=LIST (and -Y): comm prints "<comm>" after pids. pidns (pids as seen in the
// tracer's namespace too) adds nothing while tracer and tracee share one, the case handled.
void set_decode_pids(TraceOptions& opt, std::string_view list) {
  bool comm = false;
  scry::trace::TokenList tokens;
  auto bad = scry::trace::parse_tokens(list, tokens, [&](std::string_view tok) {
    const bool is_comm = scry::trace::iequals(tok, "comm");
    comm |= is_comm;
    return is_comm || scry::trace::iequals(tok, "pidns");
  });
  if (bad) die("invalid decode-pids '" + std::string(*bad) + "'");  // the item, as strace
  opt.decode.decode_pid_comm = (comm || tokens.all) != tokens.invert;
}

void apply_expr(TraceOptions& opt, const char* arg) {
  std::string_view e(arg);
  auto eq = e.find('=');
  std::string_view key = eq == std::string_view::npos ? std::string_view("trace") : e.substr(0, eq);
  std::string_view val = eq == std::string_view::npos ? e : e.substr(eq + 1);
  if (key == "t") key = "trace";
  if (key == "s" || key == "signals") key = "signal";
  scry::Result<void> r;
  if (key == "trace") {
    r = opt.filter.add_trace_expr(val);
  } else if (key == "signal") {
    r = opt.filter.add_signal_expr(val);
  } else if (key == "abbrev" || key == "a") {
    r = add_syscall_qualifier(opt.abbrev, val);
    opt.decode.verbose = val == "none" || val == "!all";
  } else if (key == "verbose" || key == "v") {
    r = add_syscall_qualifier(opt.verbose, val);
  } else if (key == "raw" || key == "x") {
    r = add_syscall_qualifier(opt.raw, val);
  } else if (key == "read" || key == "reads" || key == "r") {
    opt.read_fds = parse_fd_set(val);
  } else if (key == "write" || key == "writes" || key == "w") {
    opt.write_fds = parse_fd_set(val);
  } else if (key == "trace-fds" || key == "trace-fd" || key == "fd" || key == "fds") {
    opt.paths.set_fds(parse_fd_set(val));
  } else if (key == "decode-fds" || key == "decode-fd") {
    set_decode_fds(opt, val);
  } else if (key == "decode-pids" || key == "decode-pid") {
    set_decode_pids(opt, val);
  } else if (key == "status") {
    r = opt.filter.add_status_expr(val);
  } else if (key == "inject" || key == "fault") {
    std::string warning;
    r = opt.inject.add(val, key == "fault", &warning);
    if (!warning.empty()) warn(warning.c_str());
  } else if (key == "kvm") {
    // KVM_RUN exit reasons: scry prints no KVM vcpu state, so the one value is taken as is.
    if (val != "vcpu") die("invalid -e kvm= argument: '" + std::string(val) + "'");
  } else if (key == "quiet" || key == "silent" || key == "silence" || key == "q") {
    opt.quiet = parse_quiet(val);
    opt.quiet_given = true;
  } else {
    // strace reads an unknown qualifier as a syscall list: "invalid system call 'foo=bar'".
    r = opt.filter.add_trace_expr(e);
  }
  if (!r) die(r.error().context);
}

int parse_interruptible(const char* arg) {
  static constexpr const char* kNames[] = {"anywhere", "waiting", "never", "never_tstp"};
  const std::string_view v(arg);
  for (int i = 0; i < 4; ++i)
    if (v == kNames[i] || (v.size() == 1 && v[0] == '1' + i)) return i + 1;
  die_usage(std::string("invalid -I argument: '") + arg + "'");
}

int precision_arg(const char* arg, const char* option) {
  if (arg == nullptr) return 6;
  const int digits = scry::trace::parse_time_precision(arg);
  if (digits < 0) die_usage(std::string("invalid ") + option + " argument: '" + arg + "'");
  return digits;
}

const option* find_long_option(const option* opts, std::string_view name) {
  name = name.substr(0, name.find('='));
  const option* found = nullptr;
  int prefixed = 0;
  for (const option* o = opts; o->name != nullptr; ++o) {
    if (name == o->name) return o;
    if (std::string_view(o->name).starts_with(name)) {
      found = o;
      ++prefixed;
    }
  }
  return prefixed == 1 ? found : nullptr;
}

bool is_decode_fds_expr(std::string_view expr) {
  const std::string_view key = expr.substr(0, expr.find('='));
  return key == "decode-fds" || key == "decode-fd";
}

}  // namespace scry::cli
