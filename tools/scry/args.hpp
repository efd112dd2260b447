// The command line's value parsers and refusals: each bad value ends scry with strace's message
// ("strace: ..." as "scry: ...") and exit status 1.
#pragma once

#include <getopt.h>

#include <string>
#include <string_view>

#include "trace/options.hpp"

namespace scry::cli {

// "scry: MSG" and "Try 'scry -h' for more information.", exit 1 (strace's error_msg_and_help).
[[noreturn]] void die_usage(const std::string& msg);
// "scry: MSG", exit 1 (strace's error_msg_and_die).
[[noreturn]] void die(const std::string& msg);
// "scry: MSG" and on (strace's error_msg).
void warn(const char* msg);

// A whole decimal long; false for anything else.
bool parse_int(const char* s, long& out);
// -p PID[,PID...] (also blank-separated).
void add_pids(trace::TraceOptions& opt, const char* arg);
// --decode-fds=LIST (and -y, -yy).
void set_decode_fds(trace::TraceOptions& opt, std::string_view list);
// --decode-pids=LIST (and -Y, -e decode-pids=).
void set_decode_pids(trace::TraceOptions& opt, std::string_view list);
// -e KEY=VALUE (and --KEY=VALUE).
void apply_expr(trace::TraceOptions& opt, const char* arg);
// Whether -e EXPR is -e decode-fds=SET (strace refuses it with -y, as --decode-fds).
bool is_decode_fds_expr(std::string_view expr);
// -I: 1 anywhere, 2 waiting (fatal signals end the trace), 3 never (they are left to the
// program; the default with -o FILE PROG), 4 never_tstp (SIGTSTP too).
int parse_interruptible(const char* arg);
// -r/-T (arg nullptr: microseconds) and --relative-timestamps=/--syscall-times=PRECISION
// (`option` names the option in the message): decimals 0, 3, 6 or 9.
int precision_arg(const char* arg, const char* option);
// The long option `name` (up to any '=') names: exactly, or as the unique prefix of one.
const option* find_long_option(const option* opts, std::string_view name);

}  // namespace scry::cli
