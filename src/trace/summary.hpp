// -c / -C: strace's per-syscall summary table (calls, errors, time), printed at the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scry/out_buf.hpp"
#include "scry/result.hpp"

namespace scry::trace {

class Summary {
 public:
  enum class SortBy : std::uint8_t {
    Time,
    MinTime,
    MaxTime,
    AvgTime,
    Calls,
    Errors,
    Name,
    Nothing
  };
  // The table's columns (-U), headed "% time", "seconds", "shortest", "longest",
  // "usecs/call", "calls", "errors", "syscall".
  enum class Column : std::uint8_t {
    TimePercent,
    TotalTime,
    MinTime,
    MaxTime,
    AvgTime,
    Calls,
    Errors,
    Name
  };
  using Columns = std::vector<Column>;
  // strace's default: time-percent, total-time, avg-time, calls, errors, name.
  static const Columns& default_columns();

  // -S: strace 6.1's column names and aliases (time, total-time, min-time, shortest, ...),
  // and nothing/none. Error: "invalid sortby: 'NAME'".
  static Result<SortBy> parse_sort(std::string_view name);
  // -U: a comma-separated list of column names; the name column is added at the end when
  // missing. Errors as strace words them: "unknown column name: 'X'", "call summary column
  // has been provided more than once: 'X' (-U option residual: 'X,...')".
  static Result<Columns> parse_columns(std::string_view list);
  // -O OVERHEAD[UNIT]: a non-negative integer or decimal number and a unit s, ms, us or ns
  // (microseconds without one), in nanoseconds; nullopt for what strace refuses.
  static std::optional<std::uint64_t> parse_overhead(std::string_view text);

  // -O: subtracted from every call's time, which stops at zero.
  void set_overhead(std::uint64_t ns) { overhead_ns_ = ns; }
  // Records one syscall that returned (or vanished): its time in ns and whether it failed.
  void record(long nr, std::uint64_t ns, bool error);
  // Appends the table (header, one row per syscall made, the total) to out, with strace's
  // column widths (each as wide as its header or its widest value).
  void print(OutBuf& out, SortBy sort, const Columns& columns = default_columns()) const;

 private:
  struct Row {
    std::uint64_t calls = 0, errors = 0, ns = 0;
    std::uint64_t min_ns = UINT64_MAX, max_ns = 0;
  };
  std::vector<Row> rows_;  // indexed by syscall number
  std::uint64_t overhead_ns_ = 0;
};

}  // namespace scry::trace
