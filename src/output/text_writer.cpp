#include "output/text_writer.hpp"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>

namespace scry::output {

namespace {
constexpr std::uint64_t kNsPerSec = 1000000000u;
constexpr std::uint64_t kPow10[] = {1,      10,      100,      1000,      10000,
                                    100000, 1000000, 10000000, 100000000, 1000000000};

// ".FFF": the first `digits` decimals of a second (nothing for 0 digits).
void put_fraction(OutBuf& out, std::uint64_t nsec, int digits) {
  if (digits <= 0) return;
  char buf[16];
  const int n = std::snprintf(buf, sizeof buf, ".%0*lu", digits,
                              static_cast<unsigned long>(nsec / kPow10[9 - digits]));
  out.put(std::string_view(buf, static_cast<std::size_t>(n)));
}
}  // namespace

void put_seconds(OutBuf& out, std::uint64_t ns, int digits, int width) {
  char buf[32];
  const int n =
      std::snprintf(buf, sizeof buf, "%*lu", width, static_cast<unsigned long>(ns / kNsPerSec));
  out.put(std::string_view(buf, static_cast<std::size_t>(n)));
  put_fraction(out, ns % kNsPerSec, digits);
}

TextWriter::TextWriter(WriterOptions opt) : opt_(std::move(opt)) {}

TextWriter::~TextWriter() {
  flush();
}

bool TextWriter::open() {
  if (opt_.per_task_files) return true;  // files are created per task on first use
  if (opt_.outfile.empty()) {
    main_ = std::make_unique<OutputSink>(STDERR_FILENO, false);
    return true;
  }
  int fd = ::open(opt_.outfile.c_str(),
                  O_WRONLY | O_CREAT | (opt_.append ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  main_ = std::make_unique<OutputSink>(fd, true);
  return true;
}

OutputSink& TextWriter::sink_for(pid_t tid) {
  if (!opt_.per_task_files) return *main_;
  auto it = per_task_.find(tid);
  if (it != per_task_.end()) return *it->second;
  std::string name = opt_.outfile + "." + std::to_string(tid);
  int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | (opt_.append ? O_APPEND : O_TRUNC) | O_CLOEXEC,
                  0666);
  auto sink = std::make_unique<OutputSink>(fd < 0 ? STDERR_FILENO : fd, fd >= 0);
  return *per_task_.emplace(tid, std::move(sink)).first->second;
}

void TextWriter::end_open_line_of_other(pid_t tid) {
  (void)tid;
  if (opt_.per_task_files || open_tid_ == 0) return;
  main_->write(" <unfinished ...>\n");
  open_tid_ = 0;
}

void TextWriter::load_comm(pid_t tid) {
  if (pid_names_ == nullptr) return;
  thread_local OutBuf comm;
  comm.clear();
  print_pid_comm(comm, tid, pid_names_, pid_names_xmode_);
  if (!comm.view().empty()) last_comm_[tid].assign(comm.view());
}

// -Y: the task's "<comm>", read afresh; once the task is reaped, the last one read
// ("+++ exited with 0 +++"), as strace prints it.
void TextWriter::put_comm(pid_t tid) {
  if (pid_names_ == nullptr) return;
  load_comm(tid);
  if (auto it = last_comm_.find(tid); it != last_comm_.end()) scratch_.put(it->second);
}

void TextWriter::leader(pid_t tid, OutputSink& s) {
  end_open_line_of_other(tid);
  scratch_.clear();
  if (!opt_.per_task_files) {
    if (!opt_.outfile.empty() && (opt_.follow || opt_.always_show_pid)) {
      // strace's "%-5d "
      std::size_t before = scratch_.size();
      scratch_.put_dec(tid);
      put_comm(tid);
      while (scratch_.size() - before < 5) scratch_.put(' ');
      scratch_.put(' ');
    } else if (opt_.outfile.empty() && (ntasks_ > 1 || opt_.always_show_pid)) {
      // strace's "[pid %5u] "
      scratch_.put("[pid ");
      char num[16];
      int n = std::snprintf(num, sizeof num, "%5d", tid);
      scratch_.put(std::string_view(num, static_cast<std::size_t>(n)));
      put_comm(tid);
      scratch_.put("] ");
    }
  }
  if (opt_.ts_format != TsFormat::None) {
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    if (opt_.ts_format == TsFormat::Time) {
      tm local{};
      ::localtime_r(&ts.tv_sec, &local);
      char buf[32];
      const std::size_t n = ::strftime(buf, sizeof buf, "%H:%M:%S", &local);
      scratch_.put(std::string_view(buf, n));
    } else {
      scratch_.put_dec(ts.tv_sec);
    }
    put_fraction(scratch_, static_cast<std::uint64_t>(ts.tv_nsec), opt_.ts_digits);
    scratch_.put(' ');
  }
  if (opt_.relative) {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    const std::uint64_t now =
        static_cast<std::uint64_t>(ts.tv_sec) * kNsPerSec + static_cast<std::uint64_t>(ts.tv_nsec);
    if (last_line_ns_ == 0) last_line_ns_ = now;
    // With an absolute timestamp too: "12:00:00 (+     0.000123) ", as strace.
    const bool both = opt_.ts_format != TsFormat::None;
    if (both) scratch_.put("(+");
    put_seconds(scratch_, now - last_line_ns_, opt_.relative_digits, 6);
    scratch_.put(both ? ") " : " ");
    last_line_ns_ = now;
  }
  if (opt_.show_syscall_nr) {  // -n: "[ 231] ", the task's latest syscall
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "[%4ld] ", ctx_nr_);
    scratch_.put(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  if (opt_.show_ip) {  // -i: "[00007f11eddd5267] "
    char buf[32];
    int n = ctx_ip_known_
                ? std::snprintf(buf, sizeof buf, "[%016lx] ", static_cast<unsigned long>(ctx_ip_))
                : std::snprintf(buf, sizeof buf, "[????????????????] ");
    scratch_.put(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  s.write(scratch_.view());
}

void TextWriter::syscall_entry(pid_t tid, std::string_view text) {
  if (opt_.muted) return;
  OutputSink& s = sink_for(tid);
  leader(tid, s);
  s.write(text);
  open_tid_ = tid;
}

void TextWriter::syscall_exit(pid_t tid, std::string_view name, std::string_view rest,
                              std::string_view ret) {
  if (opt_.muted) return;
  OutputSink& s = sink_for(tid);
  if (!opt_.per_task_files && open_tid_ != tid) {
    leader(tid, s);
    scratch_.clear();
    scratch_.put("<... ");
    scratch_.put(name);
    scratch_.put(" resumed>");
    s.write(scratch_.view());
  }
  scratch_.clear();
  scratch_.put(rest);
  scratch_.put(' ');
  std::size_t col = s.column() + scratch_.size();
  if (col < opt_.acolumn) scratch_.str().append(opt_.acolumn - col, ' ');
  scratch_.put("= ");
  scratch_.put(ret);
  scratch_.put('\n');
  s.write(scratch_.view());
  open_tid_ = 0;
}

void TextWriter::syscall_vanished(pid_t tid, std::string_view name, bool unfinished) {
  syscall_exit(tid, name, unfinished ? " <unfinished ...>)" : ")", "?");
}

void TextWriter::line(pid_t tid, std::string_view text) {
  if (opt_.muted) return;
  OutputSink& s = sink_for(tid);
  leader(tid, s);
  scratch_.clear();
  scratch_.put(text);
  scratch_.put('\n');
  s.write(scratch_.view());
}

void TextWriter::write_raw(std::string_view text) {
  if (main_) {
    main_->write(text);
    return;
  }
  OutputSink err(STDERR_FILENO, false);
  err.write(text);
}

void TextWriter::trailer(pid_t tid, std::string_view lines) {
  if (opt_.muted || lines.empty()) return;
  sink_for(tid).write(lines);
}

void TextWriter::unfinished(pid_t tid) {
  if (opt_.muted || (open_tid_ != tid && !opt_.per_task_files)) return;
  sink_for(tid).write(" <unfinished ...>\n");
  open_tid_ = 0;
}

void TextWriter::detached(pid_t tid) {
  if (opt_.muted) return;
  if (open_tid_ != tid && !opt_.per_task_files) return;
  sink_for(tid).write(" <detached ...>\n");
  open_tid_ = 0;
}

void TextWriter::pid_changed(pid_t old_tid, pid_t new_tid) {
  if (opt_.muted || open_tid_ != old_tid) return;
  char buf[48];
  const int n = std::snprintf(buf, sizeof buf, " <pid changed to %d ...>\n", new_tid);
  sink_for(old_tid).write(std::string_view(buf, static_cast<std::size_t>(n)));
  open_tid_ = 0;
}

void TextWriter::forget_task(pid_t tid) {
  // A line the task left open ends as strace ends it ("execve(... <unfinished ...>" before
  // "+++ superseded by execve ..."), not glued to whatever is written next.
  if (open_tid_ == tid) unfinished(tid);
  last_comm_.erase(tid);
  if (!opt_.per_task_files) return;
  per_task_.erase(tid);
}

void TextWriter::flush() {
  if (main_) main_->flush();
  for (auto& [tid, s] : per_task_) s->flush();
}

}  // namespace scry::output
