// -c / -C: strace's per-syscall summary table (calls, errors, time), printed at the end.
#pragma once

#include <cstdint>
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
  // strace's -S names: time, min-time, max-time, avg-time, calls, errors, name, nothing.
  static Result<SortBy> parse_sort(std::string_view name);

  // Records one syscall that returned (or vanished): its time in ns and whether it failed.
  void record(long nr, std::uint64_t ns, bool error);
  // Appends the table (header, one row per syscall made, the total) to out.
  void print(OutBuf& out, SortBy sort) const;
  bool empty() const { return rows_.empty(); }

 private:
  struct Row {
    std::uint64_t calls = 0, errors = 0, ns = 0;
    std::uint64_t min_ns = UINT64_MAX, max_ns = 0;
  };
  std::vector<Row> rows_;  // indexed by syscall number
};

}  // namespace scry::trace
