#include "trace/summary.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "scry/decode.hpp"
#include "scry/syscall_table.hpp"

namespace scry::trace {

namespace {

using Column = Summary::Column;
using SortBy = Summary::SortBy;

constexpr std::uint64_t kNsPerSec = 1000000000u;

// strace 6.1's names for the columns, shared by -U and -S; "none"/"nothing" only sort.
struct ColumnAlias {
  const char* name;
  bool is_column;
  Column column;
};
constexpr ColumnAlias kAliases[] = {
    {"time", true, Column::TimePercent},
    {"time_percent", true, Column::TimePercent},
    {"time-percent", true, Column::TimePercent},
    {"time_total", true, Column::TotalTime},
    {"time-total", true, Column::TotalTime},
    {"total_time", true, Column::TotalTime},
    {"total-time", true, Column::TotalTime},
    {"min_time", true, Column::MinTime},
    {"min-time", true, Column::MinTime},
    {"shortest", true, Column::MinTime},
    {"time_min", true, Column::MinTime},
    {"time-min", true, Column::MinTime},
    {"longest", true, Column::MaxTime},
    {"max_time", true, Column::MaxTime},
    {"max-time", true, Column::MaxTime},
    {"time_max", true, Column::MaxTime},
    {"time-max", true, Column::MaxTime},
    {"avg_time", true, Column::AvgTime},
    {"avg-time", true, Column::AvgTime},
    {"time_avg", true, Column::AvgTime},
    {"time-avg", true, Column::AvgTime},
    {"calls", true, Column::Calls},
    {"count", true, Column::Calls},
    {"error", true, Column::Errors},
    {"errors", true, Column::Errors},
    {"name", true, Column::Name},
    {"syscall", true, Column::Name},
    {"syscall_name", true, Column::Name},
    {"syscall-name", true, Column::Name},
    {"none", false, Column::Name},
    {"nothing", false, Column::Name},
};

// strace's ts_float: seconds as a double, from the whole seconds and the nanoseconds apart.
double ts_float(std::uint64_t ns) {
  return static_cast<double>(ns / kNsPerSec) + static_cast<double>(ns % kNsPerSec) / 1e9;
}

std::size_t num_chars(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::size_t num_chars(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = std::vsnprintf(nullptr, 0, fmt, ap);
  va_end(ap);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

// One printf'd cell appended to out.
void cell(OutBuf& out, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void cell(OutBuf& out, const char* fmt, ...) {
  char buf[128];
  va_list ap;
  va_start(ap, fmt);
  int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0) out.put(std::string_view(buf, std::min(static_cast<std::size_t>(n), sizeof buf - 1)));
}

}  // namespace

const Summary::Columns& Summary::default_columns() {
  static const Columns kDefault = {Column::TimePercent, Column::TotalTime, Column::AvgTime,
                                   Column::Calls,       Column::Errors,    Column::Name};
  return kDefault;
}

Result<Summary::SortBy> Summary::parse_sort(std::string_view name) {
  for (const auto& a : kAliases) {
    if (name != a.name) continue;
    if (!a.is_column) return SortBy::Nothing;
    switch (a.column) {
      case Column::TimePercent:
      case Column::TotalTime:
        return SortBy::Time;
      case Column::MinTime:
        return SortBy::MinTime;
      case Column::MaxTime:
        return SortBy::MaxTime;
      case Column::AvgTime:
        return SortBy::AvgTime;
      case Column::Calls:
        return SortBy::Calls;
      case Column::Errors:
        return SortBy::Errors;
      case Column::Name:
        return SortBy::Name;
    }
  }
  return Error{0, "invalid sortby: '" + std::string(name) + "'"};
}

Result<Summary::Columns> Summary::parse_columns(std::string_view list) {
  Columns cols;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t comma = list.find(',', pos);
    const std::string_view tok =
        list.substr(pos, comma == std::string_view::npos ? list.npos : comma - pos);
    const ColumnAlias* found = nullptr;
    for (const auto& a : kAliases) {
      if (a.is_column && tok == a.name) {
        found = &a;
        break;
      }
    }
    if (found == nullptr) return Error{0, "unknown column name: '" + std::string(tok) + "'"};
    if (std::find(cols.begin(), cols.end(), found->column) != cols.end())
      return Error{0, std::string("call summary column has been provided more than once: '") +
                          found->name + "' (-U option residual: '" + std::string(list.substr(pos)) +
                          "')"};
    cols.push_back(found->column);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  // The table means nothing without the names.
  if (std::find(cols.begin(), cols.end(), Column::Name) == cols.end()) cols.push_back(Column::Name);
  return cols;
}

std::optional<std::uint64_t> Summary::parse_overhead(std::string_view text) {
  const std::string s(text);
  // As strace: a decimal number when more of the text looks like one than like an integer.
  const std::size_t float_len = std::strspn(s.c_str(), "eE.-+0123456789");
  const std::size_t int_len = std::strspn(s.c_str(), "+0123456789");
  const bool is_float = float_len > int_len;
  char* end = nullptr;
  double fval = 0;
  long long ival = 0;
  errno = 0;
  if (is_float)
    fval = std::strtod(s.c_str(), &end);
  else
    ival = std::strtoll(s.c_str(), &end, 10);
  if (end == s.c_str() || errno != 0 || fval < 0 || ival < 0) return std::nullopt;
  static constexpr struct {
    const char* suffix;
    std::uint64_t ns;
  } kUnits[] = {{"", 1000}, {"s", kNsPerSec}, {"ms", 1000000}, {"us", 1000}, {"ns", 1}};
  for (const auto& u : kUnits) {
    if (std::strcmp(end, u.suffix) != 0) continue;
    const std::uint64_t per_sec = kNsPerSec / u.ns;  // units in a second
    if (is_float) {
      const double secs = fval / static_cast<double>(per_sec);
      if (secs >= 1.8e10) return UINT64_MAX;  // centuries: every call's time becomes 0
      const auto whole = static_cast<std::uint64_t>(secs);
      const auto frac = static_cast<std::uint64_t>((fval - static_cast<double>(whole * per_sec)) *
                                                   static_cast<double>(u.ns));
      return whole * kNsPerSec + frac % kNsPerSec;
    }
    const auto v = static_cast<std::uint64_t>(ival);
    if (v / per_sec >= UINT64_MAX / kNsPerSec) return UINT64_MAX;
    return v / per_sec * kNsPerSec + v % per_sec * u.ns;
  }
  return std::nullopt;
}

void Summary::record(long nr, std::uint64_t ns, bool error) {
  if (nr < 0 || nr >= 4096) return;
  if (rows_.size() <= static_cast<std::size_t>(nr)) rows_.resize(static_cast<std::size_t>(nr) + 1);
  ns = ns > overhead_ns_ ? ns - overhead_ns_ : 0;
  Row& r = rows_[static_cast<std::size_t>(nr)];
  ++r.calls;
  r.errors += error ? 1 : 0;
  r.ns += ns;
  r.min_ns = std::min(r.min_ns, ns);
  r.max_ns = std::max(r.max_ns, ns);
}

void Summary::print(OutBuf& out, SortBy sort, const Columns& columns) const {
  std::vector<std::size_t> order;
  std::vector<std::string> names(rows_.size());
  std::uint64_t total_ns = 0, total_calls = 0, total_errors = 0;
  std::uint64_t min_ns = UINT64_MAX, min_max_ns = 0, max_ns = 0, avg_max_ns = 0;
  std::size_t name_max = 0;
  for (std::size_t nr = 0; nr < rows_.size(); ++nr) {
    const Row& r = rows_[nr];
    if (r.calls == 0) continue;
    order.push_back(nr);
    OutBuf b;
    print_syscall_name(b, static_cast<long>(nr), syscall_entry(Abi::X86_64, static_cast<long>(nr)));
    names[nr] = std::string(b.view());
    name_max = std::max(name_max, names[nr].size());
    total_ns += r.ns;
    total_calls += r.calls;
    total_errors += r.errors;
    min_ns = std::min(min_ns, r.min_ns);
    min_max_ns = std::max(min_max_ns, r.min_ns);
    max_ns = std::max(max_ns, r.max_ns);
    avg_max_ns = std::max(avg_max_ns, r.ns / r.calls);
  }
  if (order.empty()) return;  // strace prints no table when nothing was counted
  // Ties keep syscall-number order, as strace's (stable) sort does.
  auto key = [&](std::size_t nr) -> std::uint64_t {
    const Row& r = rows_[nr];
    switch (sort) {
      case SortBy::Time:
        return r.ns;
      case SortBy::MinTime:
        return r.min_ns;
      case SortBy::MaxTime:
        return r.max_ns;
      case SortBy::AvgTime:
        return r.ns / r.calls;  // strace compares the averages truncated to nanoseconds
      case SortBy::Calls:
        return r.calls;
      case SortBy::Errors:
        return r.errors;
      case SortBy::Name:
      case SortBy::Nothing:
        return 0;
    }
    return 0;
  };
  if (sort == SortBy::Name) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
  } else if (sort != SortBy::Nothing) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  }

  const double cum = ts_float(total_ns);
  auto avg_us = [](std::uint64_t avg_ns) {
    return static_cast<unsigned long>(ts_float(avg_ns) * 1e6);
  };
  // Each column is as wide as its header or its widest value (strace's widths).
  auto width = [&](Column c) -> int {
    std::size_t w = 0;
    switch (c) {
      case Column::TimePercent:
        w = 6;
        break;
      case Column::TotalTime:
        w = std::max<std::size_t>(11, num_chars("%.6f", cum));
        break;
      case Column::MinTime:
        w = std::max<std::size_t>(8, num_chars("%lu.000000", min_max_ns / kNsPerSec));
        break;
      case Column::MaxTime:
        w = std::max<std::size_t>(7, num_chars("%lu.000000", max_ns / kNsPerSec));
        break;
      case Column::AvgTime:
        w = std::max<std::size_t>(11, num_chars("%lu", avg_us(avg_max_ns)));
        break;
      case Column::Calls:
        w = std::max<std::size_t>(9, num_chars("%lu", total_calls));
        break;
      case Column::Errors:
        w = std::max<std::size_t>(9, num_chars("%lu", total_errors));
        break;
      case Column::Name:
        w = std::max<std::size_t>(16, name_max + 1);
        break;
    }
    return static_cast<int>(w);
  };
  static constexpr const char* kHeaders[] = {"% time",     "seconds", "shortest", "longest",
                                             "usecs/call", "calls",   "errors",   "syscall"};
  const std::size_t last = columns.size() - 1;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i != 0) out.put(' ');
    const char* h = kHeaders[static_cast<int>(columns[i])];
    if (columns[i] != Column::Name)
      cell(out, "%*s", width(columns[i]), h);
    else if (i == last)
      out.put(h);
    else
      cell(out, "%-*s", width(columns[i]), h);
  }
  out.put('\n');
  auto divider = [&] {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i != 0) out.put(' ');
      for (int j = width(columns[i]); j > 0; --j) out.put('-');
    }
    out.put('\n');
  };
  divider();
  auto row = [&](double pct, std::uint64_t ns, std::uint64_t lo, std::uint64_t hi,
                 unsigned long avg, std::uint64_t calls, std::uint64_t errors,
                 std::string_view name) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i != 0) out.put(' ');
      const int w = width(columns[i]);
      switch (columns[i]) {
        case Column::TimePercent:
          cell(out, "%*.2f", w, pct);
          break;
        case Column::TotalTime:
          cell(out, "%*.6f", w, ts_float(ns));
          break;
        case Column::MinTime:
          cell(out, "%*.6f", w, ts_float(lo));
          break;
        case Column::MaxTime:
          cell(out, "%*.6f", w, ts_float(hi));
          break;
        case Column::AvgTime:
          cell(out, "%*lu", w, avg);
          break;
        case Column::Calls:
          cell(out, "%*lu", w, static_cast<unsigned long>(calls));
          break;
        case Column::Errors:  // "%*.0lu": blank for 0
          cell(out, "%*.0lu", w, static_cast<unsigned long>(errors));
          break;
        case Column::Name:
          if (i == last) {
            out.put(name);
          } else {
            out.put(name);
            for (std::size_t j = name.size(); j < static_cast<std::size_t>(w); ++j) out.put(' ');
          }
          break;
      }
    }
    out.put('\n');
  };
  for (std::size_t nr : order) {
    const Row& r = rows_[nr];
    double pct = 100.0 * ts_float(r.ns);
    if (pct != 0) pct /= cum;  // as strace: 0 of a 0 total is 0, not NaN
    row(pct, r.ns, r.min_ns, r.max_ns, avg_us(r.ns / r.calls), r.calls, r.errors, names[nr]);
  }
  divider();
  const unsigned long total_avg =
      total_calls != 0 ? static_cast<unsigned long>(cum / static_cast<double>(total_calls) * 1e6)
                       : 0;
  row(100.0, total_ns, min_ns, max_ns, total_avg, total_calls, total_errors, "total");
}

}  // namespace scry::trace
