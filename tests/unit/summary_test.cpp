#include <gtest/gtest.h>

#include "scry/syscall_table.hpp"
#include "trace/summary.hpp"

namespace scry::trace {
namespace {

long nr(const char* name) {
  return *syscall_number(Abi::X86_64, name);
}

TEST(Summary, StraceLayoutSortedByTime) {
  Summary s;
  for (int i = 0; i < 39; ++i) s.record(nr("openat"), 17385, i < 19);
  for (int i = 0; i < 30; ++i) s.record(nr("mmap"), 22033, false);
  s.record(nr("execve"), 0, false);
  OutBuf out;
  s.print(out, Summary::SortBy::Time);
  EXPECT_EQ(out.view(),
            "% time     seconds  usecs/call     calls    errors syscall\n"
            "------ ----------- ----------- --------- --------- ----------------\n"
            " 50.64    0.000678          17        39        19 openat\n"
            " 49.36    0.000661          22        30           mmap\n"
            "  0.00    0.000000           0         1           execve\n"
            "------ ----------- ----------- --------- --------- ----------------\n"
            "100.00    0.001339          19        70        19 total\n");
}

TEST(Summary, CallsTiesKeepSyscallNumberOrder) {
  Summary s;
  s.record(nr("statx"), 1000, false);
  s.record(nr("getuid"), 1000, false);
  s.record(nr("close"), 1000, false);
  s.record(nr("close"), 1000, false);
  OutBuf out;
  s.print(out, Summary::SortBy::Calls);
  auto v = std::string(out.view());
  EXPECT_LT(v.find("close"), v.find("getuid"));
  EXPECT_LT(v.find("getuid"), v.find("statx"));
}

TEST(Summary, SortNames) {
  EXPECT_TRUE(Summary::parse_sort("calls").ok());
  EXPECT_TRUE(Summary::parse_sort("avg-time").ok());
  EXPECT_EQ(Summary::parse_sort("bogus").error().context, "invalid sortby: 'bogus'");
  // strace 6.1 sorts by any column name (-U's aliases), or by nothing.
  EXPECT_EQ(*Summary::parse_sort("shortest"), Summary::SortBy::MinTime);
  EXPECT_EQ(*Summary::parse_sort("time-max"), Summary::SortBy::MaxTime);
  EXPECT_EQ(*Summary::parse_sort("time_percent"), Summary::SortBy::Time);
  EXPECT_EQ(*Summary::parse_sort("syscall-name"), Summary::SortBy::Name);
  EXPECT_EQ(*Summary::parse_sort("count"), Summary::SortBy::Calls);
  EXPECT_EQ(*Summary::parse_sort("none"), Summary::SortBy::Nothing);
  EXPECT_FALSE(Summary::parse_sort("total").ok());
  EXPECT_FALSE(Summary::parse_sort("wall-total").ok());  // newer than 6.1
}

TEST(Summary, ColumnNames) {
  using C = Summary::Column;
  auto cols = Summary::parse_columns("calls,time-percent,shortest,longest,time_avg,total-time");
  ASSERT_TRUE(cols.ok());
  EXPECT_EQ(*cols, (Summary::Columns{C::Calls, C::TimePercent, C::MinTime, C::MaxTime, C::AvgTime,
                                     C::TotalTime, C::Name}));
  EXPECT_EQ(*Summary::parse_columns("syscall,errors"), (Summary::Columns{C::Name, C::Errors}));
  EXPECT_EQ(Summary::parse_columns("foo").error().context, "unknown column name: 'foo'");
  EXPECT_EQ(Summary::parse_columns("calls,").error().context, "unknown column name: ''");
  EXPECT_EQ(Summary::parse_columns("none").error().context, "unknown column name: 'none'");
  EXPECT_EQ(Summary::parse_columns("CALLS").error().context, "unknown column name: 'CALLS'");
  EXPECT_EQ(Summary::parse_columns("calls,count,name").error().context,
            "call summary column has been provided more than once: 'count' "
            "(-U option residual: 'count,name')");
}

TEST(Summary, Overhead) {
  EXPECT_EQ(Summary::parse_overhead("10"), 10000u);  // microseconds by default
  EXPECT_EQ(Summary::parse_overhead("1.5ms"), 1500000u);
  EXPECT_EQ(Summary::parse_overhead("1e3"), 1000000u);
  EXPECT_EQ(Summary::parse_overhead("2s"), 2000000000u);
  EXPECT_EQ(Summary::parse_overhead("5ns"), 5u);
  EXPECT_EQ(Summary::parse_overhead("1.9ns"), 1u);  // truncated
  EXPECT_EQ(Summary::parse_overhead(" 5"), 5000u);  // strtoll skips the blank
  EXPECT_EQ(Summary::parse_overhead("+5"), 5000u);
  EXPECT_EQ(Summary::parse_overhead("-0"), 0u);
  EXPECT_EQ(Summary::parse_overhead("1.5e-3s"), 1500000u);
  for (const char* bad :
       {"", "-1", "foo", "10xs", "5 ", "1S", "1MS", "0x10", "inf", "nan", "1e400", "5e", ".", "+"})
    EXPECT_FALSE(Summary::parse_overhead(bad).has_value()) << bad;
}

TEST(Summary, OverheadComesOffEachCallDownToZero) {
  Summary s;
  s.set_overhead(1000);
  s.record(nr("read"), 3500, false);
  s.record(nr("read"), 600, false);  // 0, not negative
  s.record(nr("close"), 900, true);
  OutBuf out;
  s.print(out, Summary::SortBy::Name,
          {Summary::Column::Name, Summary::Column::Calls, Summary::Column::MinTime,
           Summary::Column::MaxTime, Summary::Column::TotalTime, Summary::Column::Errors});
  EXPECT_EQ(out.view(),
            "syscall              calls shortest  longest     seconds    errors\n"
            "---------------- --------- -------- -------- ----------- ---------\n"
            "close                    1 0.000000 0.000000    0.000000         1\n"
            "read                     2 0.000000 0.000003    0.000003          \n"
            "---------------- --------- -------- -------- ----------- ---------\n"
            "total                    3 0.000000 0.000003    0.000003         1\n");
}

TEST(Summary, ColumnsWidenForLongNamesAndTheNameColumnEnds) {
  Summary s;
  for (int i = 0; i < 3; ++i) s.record(nr("sched_get_priority_max"), 2000, false);
  s.record(nr("openat"), 9000, true);
  OutBuf out;
  s.print(out, Summary::SortBy::Calls,
          {Summary::Column::Calls, Summary::Column::AvgTime, Summary::Column::Name});
  EXPECT_EQ(out.view(),
            "    calls  usecs/call syscall\n"
            "--------- ----------- -----------------------\n"
            "        3           2 sched_get_priority_max\n"
            "        1           9 openat\n"
            "--------- ----------- -----------------------\n"
            "        4           3 total\n");
}

TEST(Summary, NothingCountedPrintsNoTable) {
  Summary s;
  OutBuf out;
  s.print(out, Summary::SortBy::Time);
  EXPECT_EQ(out.view(), "");
}

}  // namespace
}  // namespace scry::trace
