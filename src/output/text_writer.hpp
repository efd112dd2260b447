// TextWriter: strace's line discipline. It owns which task's line is open, ends it with
// " <unfinished ...>" when another task prints, resumes it with "<... NAME resumed>", writes
// the pid prefix and aligns "= RET" at column 40.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "output/sink.hpp"
#include "scry/decode.hpp"
#include "scry/out_buf.hpp"

namespace scry::output {

// -t/-tt/-ttt/--absolute-timestamps: no timestamp, the time of day, or seconds since the epoch.
enum class TsFormat : std::uint8_t { None, Time, Unix };

// ns as seconds with `digits` decimals (0, 3, 6 or 9, truncated), the seconds right-aligned in
// `width` columns: strace's "%*ld.%0*ld" of -r, -T and the absolute timestamps.
void put_seconds(OutBuf& out, std::uint64_t ns, int digits, int width = 0);

struct WriterOptions {
  std::string outfile;          // -o FILE ("" = stderr)
  bool per_task_files = false;  // -ff with -o
  bool follow = false;          // -f: prefix lines with the pid in -o files
  bool always_show_pid = false;
  TsFormat ts_format = TsFormat::None;  // -t, -tt, -ttt, --absolute-timestamps
  int ts_digits = 0;                    // their precision: 0 (s), 3 (ms), 6 (us), 9 (ns)
  bool relative = false;                // -r
  int relative_digits = 6;              // --relative-timestamps=PRECISION, as ts_digits
  bool muted = false;                   // -c: no trace lines, only the summary (write_raw)
  bool append = false;                  // -A: append to -o files instead of truncating them
  bool show_syscall_nr = false;         // -n
  bool show_ip = false;                 // -i
  std::size_t acolumn = 40;             // -a COLUMN: where "= RET" is aligned
};

class TextWriter {
 public:
  explicit TextWriter(WriterOptions opt);
  ~TextWriter();
  // Opens the output; false (with errno set) when -o FILE cannot be created.
  bool open();

  // What -n and -i print before the next lines: the task's latest syscall number and the
  // instruction pointer (unknown: "[????????????????]").
  void set_line_context(long nr, std::uint64_t ip, bool ip_known) {
    ctx_nr_ = nr;
    ctx_ip_ = ip;
    ctx_ip_known_ = ip_known;
  }
  bool wants_line_context() const { return opt_.show_syscall_nr || opt_.show_ip; }

  // The number of live tasks: strace adds "[pid N] " to stderr lines only while it is > 1.
  void set_task_count(std::size_t n) { ntasks_ = n; }
  // -Y: the pid prefix gets the task's "<comm>" from names.
  // -Y: reads a task's comm now and keeps it for the lines printed after the task is gone
  // (a new task is read at once: it may exit before it prints a line of its own).
  void load_comm(pid_t tid);
  void set_pid_names(FdResolver* names, XMode xmode) {
    pid_names_ = names;
    pid_names_xmode_ = xmode;
  }

  // A syscall entry: "name(args" (text), the line stays open.
  void syscall_entry(pid_t tid, std::string_view text);
  // The syscall exit of the task's open call. `rest` is the exit-phase text including ")",
  // `ret` the text after "= ".
  void syscall_exit(pid_t tid, std::string_view name, std::string_view rest, std::string_view ret);
  // A task died or exec'd away mid-syscall: "<... name resumed>) = ?", or with
  // `unfinished` (the call still had arguments to print at its exit, as strace marks it)
  // "name(args <unfinished ...>) = ?".
  void syscall_vanished(pid_t tid, std::string_view name, bool unfinished);
  // A whole line such as "--- SIGCHLD {...} ---" or "+++ exited with 0 +++" (no newline given).
  void line(pid_t tid, std::string_view text);
  // Text that is not tied to a task line (messages like "scry: Process N attached" go to stderr
  // separately; this is for lines inside the trace output).
  // Text outside the trace lines (the -c summary table): to the main output, or stderr
  // with -ff.
  void write_raw(std::string_view text);
  // Whole lines that follow the task's latest line as they are, without a prefix (-k's stack
  // frames, " > ...\n" each).
  void trailer(pid_t tid, std::string_view lines);
  // Ends the task's open line with " <unfinished ...>" (-b execve lets the task go).
  void unfinished(pid_t tid);
  // The task is detached with its syscall line open: " <detached ...>".
  void detached(pid_t tid);
  void forget_task(pid_t tid);  // the task is gone: close its -ff file
  // A non-leader thread's execve made it the leader: a line it left open ends with
  // " <pid changed to NEW_TID ...>", as strace ends it.
  void pid_changed(pid_t old_tid, pid_t new_tid);
  void flush();

 private:
  OutputSink& sink_for(pid_t tid);
  void leader(pid_t tid, OutputSink& s);  // ends another task's open line, prints the prefix
  void end_open_line_of_other(pid_t tid);
  void put_comm(pid_t tid);

  WriterOptions opt_;
  std::unique_ptr<OutputSink> main_;
  std::unordered_map<pid_t, std::unique_ptr<OutputSink>> per_task_;
  pid_t open_tid_ = 0;  // whose line is open (its last text did not end the line), 0: none
  std::size_t ntasks_ = 1;
  long ctx_nr_ = 0;
  std::uint64_t ctx_ip_ = 0;
  bool ctx_ip_known_ = false;
  FdResolver* pid_names_ = nullptr;                   // not owned
  std::unordered_map<pid_t, std::string> last_comm_;  // -Y: "<comm>" per live task
  XMode pid_names_xmode_ = XMode::Default;
  OutBuf scratch_;
  std::uint64_t last_line_ns_ = 0;  // -r: CLOCK_MONOTONIC of the previous line, 0: none yet
};

}  // namespace scry::output
