// scry: strace's command line on scry's tracer. This file only parses and wires.
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "args.hpp"
#include "output/text_writer.hpp"
#include "trace/format_args.hpp"
#include "trace/options.hpp"
#include "trace/tracer.hpp"

extern char** environ;

namespace {

using scry::cli::add_pids;
using scry::cli::apply_expr;
using scry::cli::die;
using scry::cli::die_usage;
using scry::cli::find_long_option;
using scry::cli::parse_int;
using scry::cli::parse_interruptible;
using scry::cli::precision_arg;
using scry::cli::set_decode_fds;
using scry::cli::set_decode_pids;
using scry::cli::warn;
using scry::trace::TraceOptions;

void usage() {
  std::printf(
      "Usage: scry [-dDffhiqqrtttTvVxxyyYzZ] [-a COLUMN] [-e EXPR]... [-o FILE] [-s STRSIZE]\n"
      "            [-X FORMAT] [-O OVERHEAD] [-S SORTBY] [-U COLUMNS] [--decode-fds=SET]\n"
      "            [-p PID]... [--seccomp-bpf] { -p PID | [-E VAR=VAL]... PROG [ARGS] }\n"
      "\n"
      "scry traces the system calls and signals of a program, with strace's options and output.\n"
      "\n"
      "  -e trace=SET     trace only these syscalls (names, !, /regex, ?name, %%class)\n"
      "  -e signal=SET    show only these signals\n"
      "  -f               follow forks, vforks and clones\n"
      "  -ff              with -o FILE: one file per process, FILE.PID\n"
      "  -o FILE          write the trace to FILE instead of stderr\n"
      "  -p PID           attach to PID (and all its threads); may be repeated or PID,PID\n"
      "  -E VAR=VAL, -E VAR  set or remove VAR in the program's environment\n"
      "  -u USER          run the program as USER (its uid, gid and groups)\n"
      "  -b execve        detach from a task when it calls execve\n"
      "  --kill-on-exit   kill the tracees when scry exits instead of detaching them\n"
      "  --low-latency    hold /dev/cpu_dma_latency at 0 while tracing: idle CPUs poll instead\n"
      "                   of halting (much faster -f tracing of several tasks on a VM; power)\n"
      "  -s STRSIZE       print at most STRSIZE bytes of strings (default 32)\n"
      "  -v               print structures unabbreviated\n"
      "  -x, -xx          print non-ASCII (-x) or all (-xx) string bytes in hex\n"
      "  --strings-in-hex[=all|non-ascii|non-ascii-chars|none]  the same (all: -xx,\n"
      "                   non-ascii: -x); non-ascii-chars: escapes in hex instead of octal\n"
      "  -y, -yy          print paths of fds (-y); and sockets, devices, pidfds (-yy)\n"
      "  -D, --daemonize[=grandchild|pgroup|session]\n"
      "                   run the tracer as a grandchild (-DD: own process group, -DDD: own\n"
      "                   session); PROG keeps scry's pid and parent\n"
      "  --decode-fds=SET what -y decodes: path, socket, dev, pidfd, all, none\n"
      "  -Y, --decode-pids=comm\n"
      "                   print command names after pids: 1234<sh>\n"
      "  -X FORMAT        constants as raw numbers, abbrev (names) or verbose (both)\n"
      "  -a COLUMN        align return values at COLUMN (default 40)\n"
      "  -e abbrev=SET, -e verbose=SET, -e raw=SET   per-syscall abbreviation, structure\n"
      "                   decoding, and undecoded (hex) output\n"
      "  -e read=FDS, -e write=FDS   hex dumps of the data read from / written to FDS\n"
      "  -t, -tt, -ttt    prefix lines with the wall time (seconds, microseconds, epoch)\n"
      "  --absolute-timestamps[=[[format:]FORMAT][,[precision:]PRECISION]]  the same, with\n"
      "                   FORMAT none, time (default) or unix, PRECISION s (default), ms, us\n"
      "                   or ns (-t: time,s; -tt: time,us; -ttt: unix,us); alias --timestamps\n"
      "  -r, --relative-timestamps[=PRECISION]  prefix lines with the time since the\n"
      "                   previous line (PRECISION s, ms, us (default) or ns)\n"
      "  -T, --syscall-times[=PRECISION]  show the time spent in each syscall (as -r)\n"
      "  -i, -n           print the instruction pointer (-i), the syscall number (-n)\n"
      "  -k               print the user-space stack after each syscall and signal\n"
      "  -A               append to the -o file instead of truncating it\n"
      "  -z, -Z           show only syscalls that succeeded (-z) or failed (-Z)\n"
      "  -c, -C           count time, calls and errors per syscall: instead of (-c) or as\n"
      "                   well as (-C) the trace; -S SORTBY (time, calls, errors, name, ...),\n"
      "                   -w wall-clock time instead of system time\n"
      "  -U COLUMNS       the summary's columns: time-percent, total-time, min-time,\n"
      "                   max-time, avg-time, calls, errors, name (--summary-columns=)\n"
      "  -O OVERHEAD[UNIT]  take OVERHEAD (UNIT s, ms, us (default) or ns) off each call's\n"
      "                   time in the summary (--summary-syscall-overhead=)\n"
      "  -e status=SET    successful, failed, unfinished, unavailable, detached\n"
      "  -P PATH          show only syscalls that access PATH (repeatable)\n"
      "  -e trace-fds=SET show only syscalls that use one of the fds in SET\n"
      "  -e inject=SET[:error=ERRNO|:retval=VALUE][:signal=SIG][:syscall=NAME]\n"
      "     [:delay_enter=DELAY][:delay_exit=DELAY][:poke_enter=@argN=HEX,...]\n"
      "     [:poke_exit=@argN=HEX,...][:when=FIRST[..LAST][+[STEP]]]\n"
      "                   tamper with these (traced) syscalls; -e fault=SET[:error=ERRNO]\n"
      "                   [:when=EXPR] fails them (ENOSYS by default)\n"
      "  -I INTERRUPTIBLE when SIGINT, SIGTERM, SIGHUP... end the trace: anywhere, waiting,\n"
      "                   never (the default with -o FILE PROG), never_tstp\n"
      "  -q, -qq          suppress attach/detach messages (-q) and exit lines too (-qq)\n"
      "  -V               print the version\n"
      "  -h               print this help\n");
}

// strace looks the program up in PATH itself, so that "Can't stat" comes from the tracer.
std::string resolve_program(const std::string& name) {
  struct stat st {};
  if (name.find('/') != std::string::npos) {
    if (::stat(name.c_str(), &st) != 0) die("Can't stat '" + name + "': " + ::strerror(errno));
    return name;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t pos = 0;
  for (;;) {
    std::size_t sep = dirs.find(':', pos);
    std::string dir(dirs.substr(pos, sep == std::string_view::npos ? dirs.npos : sep - pos));
    std::string cand = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (::stat(cand.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) != 0)
      return cand;
    if (sep == std::string_view::npos) break;
    pos = sep + 1;
  }
  die("Can't stat '" + name + "': No such file or directory");
}

std::vector<std::string> build_env(const std::vector<std::string>& changes) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  for (const auto& c : changes) {
    auto eq = c.find('=');
    std::string name = c.substr(0, eq);
    std::erase_if(env, [&](const std::string& v) {
      return v.compare(0, name.size(), name) == 0 && v.size() > name.size() &&
             v[name.size()] == '=';
    });
    if (eq != std::string::npos) env.push_back(c);
  }
  return env;
}

void on_fatal_signal(int sig) {
  scry::trace::Tracer::request_stop(sig);
}
void on_ignored_signal(int) {}

void install_signal_handlers(int interruptible, std::vector<int>* ignored) {
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking wait must return EINTR
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) {
    // An ignored signal (a background job's SIGINT) stays ignored for the traced program,
    // which gets it back in ptrace::launch; scry itself still detaches on it, as strace.
    struct sigaction old {};
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) ignored->push_back(sig);
    // As strace with -o FILE PROG (its -I never): the fatal signals are for the program, not
    // the tracer, which traces on until the program ends. A handler that does nothing, not
    // SIG_IGN: an ignored signal would stay ignored in the program across its execve, a
    // handled one is reset to the default.
    struct sigaction act = sa;
    if (interruptible >= 3) act.sa_handler = on_ignored_signal;
    sigaction(sig, &act, nullptr);
  }
  if (interruptible == 4) {
    struct sigaction act = sa;
    act.sa_handler = on_ignored_signal;
    sigaction(SIGTSTP, &act, nullptr);
  }
}

// Ends scry the way its tracee ended: the same exit code, or death by the same signal.
[[noreturn]] void exit_like(int status) {
  if (status < 0x100) std::exit(status);
  int sig = status & 0x7f;
  std::fflush(nullptr);
  rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  ::kill(::getpid(), sig);
  std::exit(0x80 | sig);
}

}  // namespace

int main(int argc, char** argv) {
  TraceOptions opt;
  std::vector<std::string> env_changes;
  int ff = 0;
  int z_count = 0;          // -z and -Z given
  int seccomp_choice = -1;  // default: on whenever the filter leaves syscalls out
  int interruptible = 0;    // -I
  enum {
    kSeccomp = 0x100,
    kNoSeccomp,
    kAlwaysShowPid,
    kDecodeFds,
    kKillOnExit,
    kExpr,
    kLowLatency,
    kAbsTimestamps,
    kRelTimestamps,
    kSyscallTimes,
    kStringsInHex,
    kOverhead,
    kDaemonize,
    kPidnsTranslation
  };
  int d_count = 0;        // -D, -DD, -DDD
  int daemonize_arg = 0;  // --daemonize[=grandchild|pgroup|session]
  // -t/-x and their long forms, which strace refuses together (checked after the PROG check).
  int t_count = 0, x_count = 0;
  bool ts_long = false, x_long = false;
  scry::XMode x_long_mode = scry::XMode::Default;
  int y_count = 0;
  bool decode_fds_long = false;  // --decode-fds or -e decode-fds=: strace refuses it with -y
  int q_count = 0;
  std::vector<std::pair<std::string, std::string>> resolved_paths;  // -P: reported after -q
  static const option longopts[] = {
      {"help", no_argument, nullptr, 'h'},
      {"version", no_argument, nullptr, 'V'},
      {"output", required_argument, nullptr, 'o'},
      {"attach", required_argument, nullptr, 'p'},
      {"env", required_argument, nullptr, 'E'},
      {"string-limit", required_argument, nullptr, 's'},
      {"follow-forks", no_argument, nullptr, 'f'},
      {"output-separately", no_argument, nullptr, 'F' + 0x200},
      {"seccomp-bpf", no_argument, nullptr, kSeccomp},
      {"kill-on-exit", no_argument, nullptr, kKillOnExit},
      {"interruptible", required_argument, nullptr, 'I'},
      {"low-latency", no_argument, nullptr, kLowLatency},
      {"daemonize", optional_argument, nullptr, kDaemonize},
      {"daemonized", optional_argument, nullptr, kDaemonize},
      {"daemonised", optional_argument, nullptr, kDaemonize},
      {"pidns-translation", no_argument, nullptr, kPidnsTranslation},
      {"debug", no_argument, nullptr, 'd'},
      {"stack-traces", no_argument, nullptr, 'k'},
      {"no-seccomp-bpf", no_argument, nullptr, kNoSeccomp},
      {"always-show-pid", no_argument, nullptr, kAlwaysShowPid},
      {"syscall-times", optional_argument, nullptr, kSyscallTimes},
      {"absolute-timestamps", optional_argument, nullptr, kAbsTimestamps},
      {"timestamps", optional_argument, nullptr, kAbsTimestamps},
      {"relative-timestamps", optional_argument, nullptr, kRelTimestamps},
      {"strings-in-hex", optional_argument, nullptr, kStringsInHex},
      {"summary-columns", required_argument, nullptr, 'U'},
      {"summary-syscall-overhead", required_argument, nullptr, kOverhead},
      {"decode-fds", optional_argument, nullptr, kDecodeFds},
      {"columns", required_argument, nullptr, 'a'},
      {"no-abbrev", no_argument, nullptr, 'v'},
      {"const-print-style", required_argument, nullptr, 'X'},
      {"summary-only", no_argument, nullptr, 'c'},
      {"summary", no_argument, nullptr, 'C'},
      {"summary-sort-by", required_argument, nullptr, 'S'},
      {"summary-wall-clock", no_argument, nullptr, 'w'},
      {"successful-only", no_argument, nullptr, 'z'},
      {"failed-only", no_argument, nullptr, 'Z'},
      {"failing-only", no_argument, nullptr, 'Z'},
      {"trace-path", required_argument, nullptr, 'P'},
      {"user", required_argument, nullptr, 'u'},
      {"detach-on", required_argument, nullptr, 'b'},
      {"instruction-pointer", no_argument, nullptr, 'i'},
      {"syscall-number", no_argument, nullptr, 'n'},
      {"output-append-mode", no_argument, nullptr, 'A'},
      // --KEY=VALUE is -e KEY=VALUE.
      {"trace", required_argument, nullptr, kExpr},
      {"trace-fds", required_argument, nullptr, kExpr},
      {"decode-pids", required_argument, nullptr, kExpr},
      {"kvm", required_argument, nullptr, kExpr},
      {"signal", required_argument, nullptr, kExpr},
      {"signals", required_argument, nullptr, kExpr},
      {"status", required_argument, nullptr, kExpr},
      {"abbrev", required_argument, nullptr, kExpr},
      {"verbose", required_argument, nullptr, kExpr},
      {"raw", required_argument, nullptr, kExpr},
      {"read", required_argument, nullptr, kExpr},
      {"write", required_argument, nullptr, kExpr},
      {"inject", required_argument, nullptr, kExpr},
      {"fault", required_argument, nullptr, kExpr},
      {"quiet", optional_argument, nullptr, kExpr},
      {"silent", optional_argument, nullptr, kExpr},
      {"silence", optional_argument, nullptr, kExpr},
      {nullptr, 0, nullptr, 0},
  };
  opterr = 0;
  int c;
  int longidx = -1;
  while ((c = getopt_long(argc, argv, "+hVdfo:p:E:s:e:vxyYqtrTX:zZP:a:cCS:U:O:wu:b:inAkI:D",
                          longopts, &longidx)) != -1) {
    long n = 0;
    switch (c) {
      case 'h':
        usage();
        return 0;
      case 'V':
        std::printf("scry -- version 0.1.0\n");
        return 0;
      case 'f':
        ++ff;
        break;
      case 'F' + 0x200:
        ff = 2;
        break;
      case 'o':
        opt.writer.outfile = optarg;
        break;
      case 'p':
        add_pids(opt, optarg);
        break;
      case 'E':
        env_changes.emplace_back(optarg);
        break;
      case 's':
        if (!parse_int(optarg, n) || n < 0 || n > 0x7fffffff)
          die_usage(std::string("invalid -s argument: '") + optarg + "'");
        opt.decode.string_limit = static_cast<int>(n);
        break;
      case 'e':
        decode_fds_long = decode_fds_long || scry::cli::is_decode_fds_expr(optarg);
        apply_expr(opt, optarg);
        break;
      case 'v':
        apply_expr(opt, "abbrev=none");
        break;
      case 'x':
        ++x_count;
        break;
      case kStringsInHex: {
        x_long = true;
        auto mode = scry::trace::parse_strings_in_hex(optarg != nullptr ? optarg : "all");
        if (!mode) die_usage(std::string("invalid --strings-in-hex argument: '") + optarg + "'");
        x_long_mode = *mode;
        break;
      }
      case 'y':
        set_decode_fds(opt, ++y_count == 1 ? "path" : "all");
        break;
      case kDecodeFds:
        decode_fds_long = true;
        set_decode_fds(opt, optarg != nullptr ? optarg : "all");
        break;
      case 'Y':
        set_decode_pids(opt, "comm");
        break;
      case 'D':
        ++d_count;
        break;
      case kDaemonize: {
        const std::string_view v = optarg != nullptr ? optarg : "grandchild";
        if (v == "grandchild") {
          daemonize_arg = 1;
        } else if (v == "pgroup" || v == "pgrp") {
          daemonize_arg = 2;
        } else if (v == "session") {
          daemonize_arg = 3;
        } else {
          die_usage(std::string("invalid --") + longopts[longidx].name + " argument: '" +
                    std::string(v) + "'");
        }
        break;
      }
      case 'a':
        if (!parse_int(optarg, n) || n < 0 || n > 0x7fffffff)
          die_usage(std::string("invalid -a argument: '") + optarg + "'");
        opt.writer.acolumn = static_cast<std::size_t>(n);
        break;
      case 'q':
        ++q_count;
        break;
      case 't':
        ++t_count;
        break;
      case kAbsTimestamps:
        ts_long = true;
        if (optarg == nullptr)
          opt.writer.ts_format = scry::output::TsFormat::Time;
        else if (!scry::trace::parse_absolute_timestamps(optarg, opt.writer.ts_format,
                                                         opt.writer.ts_digits))
          die_usage(std::string("invalid --") + longopts[longidx].name + " argument: '" + optarg +
                    "'");
        break;
      case 'r':
      case kRelTimestamps:
        opt.writer.relative = true;
        opt.writer.relative_digits =
            precision_arg(c == 'r' ? nullptr : optarg, "--relative-timestamps");
        break;
      case 'T':
      case kSyscallTimes:
        opt.syscall_times = true;
        opt.syscall_times_digits = precision_arg(c == 'T' ? nullptr : optarg, "--syscall-times");
        break;
      case 'c':
        opt.summary = TraceOptions::SummaryMode::Only;
        break;
      case 'i':
        opt.writer.show_ip = true;
        break;
      case 'k':
        opt.stack_trace = true;
        break;
      case 'I':
        interruptible = parse_interruptible(optarg);
        break;
      case 'n':
        opt.writer.show_syscall_nr = true;
        break;
      case 'A':
        opt.writer.append = true;
        break;
      case 'u': {
        const passwd* pw = ::getpwnam(optarg);
        if (pw == nullptr) die(std::string("Cannot find user '") + optarg + "'");
        opt.run_as_user = optarg;
        opt.run_as_uid = pw->pw_uid;
        opt.run_as_gid = pw->pw_gid;
        break;
      }
      case 'b':
        if (std::string_view(optarg) != "execve" && std::string_view(optarg) != "execveat")
          die(std::string("Syscall '") + optarg + "' for -b isn't supported");
        opt.detach_on_execve = true;
        break;
      case kKillOnExit:
        opt.kill_on_exit = true;
        break;
      case kLowLatency:
        opt.low_latency = true;
        break;
      case kExpr: {
        const std::string key = longopts[longidx].name;
        if (optarg == nullptr) {  // --quiet without a set is -q
          ++q_count;
          break;
        }
        apply_expr(opt, (key + "=" + optarg).c_str());
        break;
      }
      case 'C':
        opt.summary = TraceOptions::SummaryMode::Both;
        break;
      case 'w':
        opt.summary_wall = true;
        break;
      case 'S': {
        auto by = scry::trace::Summary::parse_sort(optarg);
        if (!by) die_usage(by.error().context);
        opt.summary_sort = *by;
        break;
      }
      case 'U': {
        auto cols = scry::trace::Summary::parse_columns(optarg);
        if (!cols) die_usage(cols.error().context);
        opt.summary_columns = std::move(*cols);
        break;
      }
      case 'O':
      case kOverhead: {
        auto ns = scry::trace::Summary::parse_overhead(optarg);
        if (!ns)
          die_usage(std::string("invalid ") + (c == 'O' ? "-O" : "--summary-syscall-overhead") +
                    " argument: '" + optarg + "'");
        opt.summary_overhead_ns = *ns;
        break;
      }
      case 'X': {
        const std::string_view x(optarg);
        if (x == "raw") {
          opt.decode.xlat = scry::XlatStyle::Raw;
        } else if (x == "abbrev") {
          opt.decode.xlat = scry::XlatStyle::Abbrev;
        } else if (x == "verbose") {
          opt.decode.xlat = scry::XlatStyle::Verbose;
        } else {
          die_usage(std::string("invalid -X argument: '") + optarg + "'");
        }
        break;
      }
      case 'z':
        apply_expr(opt, "status=successful");
        ++z_count;
        break;
      case 'Z':
        apply_expr(opt, "status=failed");
        ++z_count;
        break;
      case 'P': {
        std::string resolved = opt.paths.add(optarg);
        if (!resolved.empty()) resolved_paths.emplace_back(optarg, resolved);
        break;
      }
      case kSeccomp:
        seccomp_choice = 1;
        break;
      case kNoSeccomp:
        seccomp_choice = 0;
        break;
      case kPidnsTranslation:  // --decode-pids=pidns
        set_decode_pids(opt, "pidns");
        break;
      case 'd':  // strace's debug output of its own workings: scry has none to give
        break;
      case kAlwaysShowPid:
        opt.writer.always_show_pid = true;
        break;
      case '?':
      default:
        if (std::strncmp(argv[optind - 1], "--", 2) == 0) {
          // As getopt words it for strace: the long option named in full.
          const option* o = find_long_option(longopts, argv[optind - 1] + 2);
          if (o != nullptr && o->has_arg == required_argument)
            die_usage(std::string("option '--") + o->name + "' requires an argument");
        } else if (optopt != 0 && optopt < 0x100) {
          if (std::strchr("ops:eEXPaSUOub", optopt) != nullptr)
            die_usage(std::string("option requires an argument -- '") + static_cast<char>(optopt) +
                      "'");
          die_usage(std::string("invalid option -- '") + static_cast<char>(optopt) + "'");
        }
        die_usage(std::string("unrecognized option '") + argv[optind - 1] + "'");
    }
  }
  for (int i = optind; i < argc; ++i) opt.command.emplace_back(argv[i]);
  if (opt.command.empty() && opt.attach.empty()) die_usage("must have PROG [ARGS] or -p PID");
  if (z_count > 1)
    warn(
        "Only the last of -z/--successful-only/-Z/--failed-only options will take effect. "
        "See status qualifier for more complex filters.");
  using O = scry::trace::TraceOptions;
  // As strace, before -q is applied (so -qqq leaves this message alone).
  if ((opt.quiet & O::kQuietPathResolve) == 0) {
    for (const auto& [path, resolved] : resolved_paths)
      std::fprintf(stderr, "%s: Requested path \"%s\" resolved into \"%s\"\n",
                   program_invocation_name, path.c_str(), resolved.c_str());
  }
  // -o FILE PROG implies -q unless a quiet set was given; -q and -e quiet= exclude each other.
  if (!opt.writer.outfile.empty() && !opt.command.empty() && q_count == 0 && !opt.quiet_given)
    q_count = 1;
  if (q_count > 0 && opt.quiet_given)
    die("-q and -e quiet/--quiet cannot be provided simultaneously");
  // -q: attach,personality; -qq: and exit; -qqq: all (strace's levels).
  if (q_count >= 3)
    opt.quiet |= O::kQuietAll;
  else if (q_count > 0)
    opt.quiet |= O::kQuietAttach | O::kQuietPersonality | (q_count == 2 ? O::kQuietExit : 0u);
  if (d_count > 3)
    die_usage("Too many -D's (" + std::to_string(d_count) + "), maximum supported -D count is 3");
  if (d_count != 0 && daemonize_arg != 0)
    die("-D and --daemonize cannot be provided simultaneously");
  opt.daemonize = d_count != 0 ? d_count : daemonize_arg;
  if (opt.daemonize != 0 && opt.command.empty())
    die_usage("PROG [ARGS] must be specified with -D/--daemonize");
  if (t_count > 0 && ts_long) die("-t and --absolute-timestamps cannot be provided simultaneously");
  if (x_count > 0 && x_long) die("-x and --strings-in-hex cannot be provided simultaneously");
  if (y_count > 0 && decode_fds_long) die("-y and --decode-fds cannot be provided simultaneously");
  if (t_count > 0) {  // -t: time,s; -tt: time,us; -ttt: unix,us
    opt.writer.ts_format =
        t_count >= 3 ? scry::output::TsFormat::Unix : scry::output::TsFormat::Time;
    opt.writer.ts_digits = t_count >= 2 ? 6 : 0;
  }
  if (x_count > 0) opt.decode.xmode = x_count >= 2 ? scry::XMode::All : scry::XMode::NonAscii;
  if (x_long) opt.decode.xmode = x_long_mode;
  if (ff >= 2 && opt.writer.outfile.empty()) ff = 1;  // -ff without -o is -f
  opt.follow = ff >= 1;
  opt.writer.muted = opt.summary == TraceOptions::SummaryMode::Only;
  if (opt.stack_trace && opt.summary == TraceOptions::SummaryMode::Only) {
    warn("-k/--stack-traces has no effect with -c/--summary-only");
    opt.stack_trace = false;
  }
  if (opt.stack_trace) {
    if (const char* err = scry::trace::StackTracer::load_error())
      die(std::string("-k/--stack-traces: cannot load libdw: ") + err);
  }
  if (opt.paths.active()) {
    opt.filter.keep_only([](long nr) {
      return scry::trace::PathFilter::shape_of(scry::Abi::X86_64, nr) !=
             scry::trace::PathFilter::Shape::None;
    });
  }
  // -k keeps every syscall stopping by default: strace refreshes its view of the mappings on
  // every mmap/munmap/mprotect, traced or not. An explicit --seccomp-bpf is still honoured.
  opt.seccomp_bpf =
      seccomp_choice == 1 || (seccomp_choice < 0 && opt.filter.is_partial() && !opt.stack_trace);
  if (seccomp_choice == 1 && !opt.filter.is_partial()) {
    warn(
        "Seccomp filter is requested but there are no syscalls to filter.  "
        "See -e trace to filter syscalls.");
    opt.seccomp_bpf = false;
  }
  // The filter is inherited by every child. Without -f the tracer keeps the children it does
  // not show (see Tracer::follow_silently_); a child that -b execve lets go would keep the
  // filter with no tracer, and its "traced" syscalls would fail with ENOSYS.
  if (opt.detach_on_execve) opt.seccomp_bpf = false;
  // An injected signal is queued as the task leaves its syscall-entry stop; a seccomp stop
  // cannot carry one, so the calls must stop at their entries.
  if (opt.inject.any_signal()) opt.seccomp_bpf = false;
  opt.writer.follow = opt.follow;
  opt.writer.per_task_files = ff >= 2;
  if (!opt.command.empty()) {
    opt.resolved_path = resolve_program(opt.command[0]);
    opt.env = build_env(env_changes);
  }

  scry::output::TextWriter writer(opt.writer);
  if (!writer.open()) die("Can't fopen '" + opt.writer.outfile + "': " + ::strerror(errno));
  if (interruptible == 0)
    interruptible = !opt.command.empty() && !opt.writer.outfile.empty() ? 3 : 2;
  install_signal_handlers(interruptible, &opt.ignored_signals);
  signal(SIGCHLD, SIG_DFL);

  scry::trace::Tracer tracer(opt, writer);
  int status = tracer.run();
  writer.flush();
  exit_like(status);
}
