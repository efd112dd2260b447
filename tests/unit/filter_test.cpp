#include <signal.h>

#include <gtest/gtest.h>

#include "scry/syscall_table.hpp"
#include "trace/filter.hpp"

namespace scry::trace {
namespace {

long nr(const char* name) {
  return *syscall_number(Abi::X86_64, name);
}

TEST(Filter, NamesAndNegation) {
  SyscallFilter f;
  ASSERT_TRUE(f.add_trace_expr("openat,close").ok());
  EXPECT_TRUE(f.syscall_selected(nr("openat")));
  EXPECT_TRUE(f.syscall_selected(nr("close")));
  EXPECT_FALSE(f.syscall_selected(nr("read")));
  EXPECT_TRUE(f.is_partial());
  ASSERT_TRUE(f.add_trace_expr("!close").ok());  // the last -e trace= wins, as in strace
  EXPECT_TRUE(f.syscall_selected(nr("read")));
  EXPECT_FALSE(f.syscall_selected(nr("close")));
}

TEST(Filter, ClassesRegexAndOptional) {
  SyscallFilter f;
  ASSERT_TRUE(f.add_trace_expr("%file").ok());
  EXPECT_TRUE(f.syscall_selected(nr("openat")));
  EXPECT_FALSE(f.syscall_selected(nr("getpid")));
  ASSERT_TRUE(f.add_trace_expr("/^getp").ok());
  EXPECT_TRUE(f.syscall_selected(nr("getpid")));
  EXPECT_TRUE(f.syscall_selected(nr("getppid")));
  EXPECT_FALSE(f.syscall_selected(nr("openat")));
  ASSERT_TRUE(f.add_trace_expr("?nosuchcall,read").ok());
  EXPECT_TRUE(f.syscall_selected(nr("read")));
}

TEST(Filter, BadNamesGiveStraceMessage) {
  SyscallFilter f;
  auto r = f.add_trace_expr("openat,foo");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().context, "invalid system call 'foo'");
  EXPECT_EQ(f.add_trace_expr("%bogus").error().context, "invalid system call '%bogus'");
}

TEST(Filter, AllAndNone) {
  SyscallFilter f;
  ASSERT_TRUE(f.add_trace_expr("none").ok());
  EXPECT_FALSE(f.syscall_selected(nr("read")));
  ASSERT_TRUE(f.add_trace_expr("all").ok());
  EXPECT_TRUE(f.syscall_selected(nr("read")));
  EXPECT_FALSE(f.is_partial());
}

TEST(Filter, TokensAsStraceSplitsThem) {
  SyscallFilter f;
  // Empty items are skipped (strtok); "all" is a token too; any number of '?'.
  ASSERT_TRUE(f.add_trace_expr(",openat,,close,").ok());
  EXPECT_TRUE(f.syscall_selected(nr("close")));
  EXPECT_FALSE(f.syscall_selected(nr("read")));
  ASSERT_TRUE(f.add_trace_expr("openat,all").ok());
  EXPECT_TRUE(f.syscall_selected(nr("read")));
  ASSERT_TRUE(f.add_trace_expr("!all,openat").ok());
  EXPECT_FALSE(f.syscall_selected(nr("openat")));
  ASSERT_TRUE(f.add_trace_expr("??nosuchcall,read").ok());
  EXPECT_TRUE(f.syscall_selected(nr("read")));
  // An expression with no item names itself, '!' included.
  EXPECT_EQ(f.add_trace_expr("!").error().context, "invalid system call '!'");
  EXPECT_EQ(f.add_trace_expr(",").error().context, "invalid system call ','");
  EXPECT_EQ(f.add_trace_expr("none,openat").error().context, "invalid system call 'none'");
  EXPECT_EQ(f.add_signal_expr("!,").error().context, "invalid signal '!,'");
  EXPECT_EQ(f.add_status_expr("all,failed").error().context, "invalid status 'all'");
  // Status names in any case, as strace looks them up.
  ASSERT_TRUE(f.add_status_expr("FaIlEd").ok());
  EXPECT_TRUE(f.status_selected(SyscallFilter::kFailed));
  EXPECT_FALSE(f.status_selected(SyscallFilter::kSuccessful));
}

TEST(Filter, NumbersAndRegexErrors) {
  SyscallFilter f;
  ASSERT_TRUE(f.add_trace_expr("0,39").ok());  // read, getpid
  EXPECT_TRUE(f.syscall_selected(nr("read")));
  EXPECT_TRUE(f.syscall_selected(nr("getpid")));
  EXPECT_FALSE(f.syscall_selected(nr("write")));
  EXPECT_EQ(f.add_trace_expr("99999").error().context, "invalid system call '99999'");
  EXPECT_EQ(f.add_trace_expr("3x").error().context, "invalid system call '3x'");
  auto r = f.add_trace_expr("?/[");  // '?' does not excuse a bad pattern
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().context.rfind("regcomp: [: ", 0), 0u) << r.error().context;
}

TEST(Filter, SignalNumbersAreBounded) {
  SyscallFilter f;
  // A number too large for an int used to throw out of std::stoi.
  EXPECT_EQ(f.add_signal_expr("99999999999999").error().context, "invalid signal '99999999999999'");
  ASSERT_TRUE(f.add_signal_expr("!hup,9").ok());
  EXPECT_FALSE(f.signal_selected(SIGHUP));
  EXPECT_FALSE(f.signal_selected(SIGKILL));
  EXPECT_TRUE(f.signal_selected(SIGTERM));
  ASSERT_TRUE(f.add_signal_expr("200").ok());  // strace takes up to 255
}

TEST(Filter, NotAllSelectsNoUnknownNumbers) {
  SyscallFilter f;
  ASSERT_TRUE(f.add_trace_expr("!all").ok());
  EXPECT_FALSE(f.syscall_selected(5000));
  ASSERT_TRUE(f.add_trace_expr("!read").ok());
  EXPECT_TRUE(f.syscall_selected(5000));
}

}  // namespace
}  // namespace scry::trace
