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
}

}  // namespace
}  // namespace scry::trace
