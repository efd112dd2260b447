#include "trace/summary.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "scry/decode.hpp"
#include "scry/syscall_table.hpp"

namespace scry::trace {

Result<Summary::SortBy> Summary::parse_sort(std::string_view name) {
  static constexpr struct {
    const char* name;
    SortBy by;
  } kNames[] = {
      {"time", SortBy::Time},        {"time_total", SortBy::Time},  {"total_time", SortBy::Time},
      {"min-time", SortBy::MinTime}, {"min_time", SortBy::MinTime}, {"max-time", SortBy::MaxTime},
      {"max_time", SortBy::MaxTime}, {"avg-time", SortBy::AvgTime}, {"avg_time", SortBy::AvgTime},
      {"calls", SortBy::Calls},      {"count", SortBy::Calls},      {"errors", SortBy::Errors},
      {"error", SortBy::Errors},     {"name", SortBy::Name},        {"syscall", SortBy::Name},
      {"nothing", SortBy::Nothing},  {"none", SortBy::Nothing}};
  for (const auto& n : kNames)
    if (name == n.name) return n.by;
  return Error{0, "invalid sortby: '" + std::string(name) + "'"};
}

void Summary::record(long nr, std::uint64_t ns, bool error) {
  if (nr < 0 || nr >= 4096) return;
  if (rows_.size() <= static_cast<std::size_t>(nr)) rows_.resize(static_cast<std::size_t>(nr) + 1);
  Row& r = rows_[static_cast<std::size_t>(nr)];
  ++r.calls;
  r.errors += error ? 1 : 0;
  r.ns += ns;
  r.min_ns = std::min(r.min_ns, ns);
  r.max_ns = std::max(r.max_ns, ns);
}

void Summary::print(OutBuf& out, SortBy sort) const {
  std::vector<std::size_t> order;
  for (std::size_t nr = 0; nr < rows_.size(); ++nr)
    if (rows_[nr].calls != 0) order.push_back(nr);
  auto name_of = [](std::size_t nr) {
    const SyscallEntry* e = syscall_entry(Abi::X86_64, static_cast<long>(nr));
    OutBuf b;
    print_syscall_name(b, static_cast<long>(nr), e);
    return std::string(b.view());
  };
  // Ties keep syscall-number order, as strace's (stable) sort does.
  auto key = [&](std::size_t nr) -> double {
    const Row& r = rows_[nr];
    switch (sort) {
      case SortBy::Time:
        return static_cast<double>(r.ns);
      case SortBy::MinTime:
        return static_cast<double>(r.min_ns);
      case SortBy::MaxTime:
        return static_cast<double>(r.max_ns);
      case SortBy::AvgTime:
        return static_cast<double>(r.ns) / static_cast<double>(r.calls);
      case SortBy::Calls:
        return static_cast<double>(r.calls);
      case SortBy::Errors:
        return static_cast<double>(r.errors);
      case SortBy::Name:
      case SortBy::Nothing:
        return 0;
    }
    return 0;
  };
  if (sort == SortBy::Name) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return name_of(a) < name_of(b); });
  } else if (sort != SortBy::Nothing) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  }

  std::uint64_t total_ns = 0, total_calls = 0, total_errors = 0;
  for (std::size_t nr : order) {
    total_ns += rows_[nr].ns;
    total_calls += rows_[nr].calls;
    total_errors += rows_[nr].errors;
  }
  char line[256];
  auto row = [&](double pct, std::uint64_t ns, std::uint64_t calls, std::uint64_t errors,
                 const std::string& name) {
    // strace: "%6.2f %11.6f %11lu %9lu %9.lu %s"; the errors column is blank for 0.
    std::uint64_t us_per_call = calls != 0 ? ns / 1000 / calls : 0;
    int n = std::snprintf(line, sizeof line, "%6.2f %11.6f %11lu %9lu ", pct,
                          static_cast<double>(ns) / 1e9, static_cast<unsigned long>(us_per_call),
                          static_cast<unsigned long>(calls));
    if (errors != 0)
      n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), "%9lu ",
                         static_cast<unsigned long>(errors));
    else
      n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), "%9s ", "");
    out.put(std::string_view(line, static_cast<std::size_t>(n)));
    out.put(name);
    out.put('\n');
  };
  out.put("% time     seconds  usecs/call     calls    errors syscall\n");
  out.put("------ ----------- ----------- --------- --------- ----------------\n");
  for (std::size_t nr : order) {
    const Row& r = rows_[nr];
    double pct =
        total_ns != 0 ? 100.0 * static_cast<double>(r.ns) / static_cast<double>(total_ns) : 0;
    row(pct, r.ns, r.calls, r.errors, name_of(nr));
  }
  out.put("------ ----------- ----------- --------- --------- ----------------\n");
  row(100.0, total_ns, total_calls, total_errors, "total");
}

}  // namespace scry::trace
