#include <errno.h>
#include <signal.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scry/syscall_table.hpp"
#include "trace/inject.hpp"

namespace scry::trace {
namespace {

long nr(const char* name) {
  return *syscall_number(Abi::X86_64, name);
}

// The invocations (1..limit) a spec tampers with.
std::vector<unsigned> due_list(const InjectSpec& s, unsigned limit = 12) {
  std::vector<unsigned> out;
  for (unsigned n = 1; n <= limit; ++n)
    if (s.due(n)) out.push_back(n);
  return out;
}

const InjectSpec& parsed(InjectTable& t, const char* expr, bool fault = false) {
  std::string warning;
  auto r = t.add(expr, fault, &warning);
  EXPECT_TRUE(r.ok()) << expr << ": " << (r.ok() ? "" : r.error().context);
  static const InjectSpec kNone;
  const InjectSpec* s = t.find(nr("chdir"));
  return s != nullptr ? *s : kNone;
}

TEST(Inject, ErrorRetvalSignalAndDefaults) {
  InjectTable t;
  const InjectSpec& e = parsed(t, "chdir:error=ENOENT");
  EXPECT_TRUE(e.has_error);
  EXPECT_EQ(e.error, ENOENT);
  EXPECT_EQ(due_list(e, 3), (std::vector<unsigned>{1, 2, 3}));  // every call by default
  EXPECT_EQ(t.find(nr("openat")), nullptr);

  InjectTable t2;
  const InjectSpec& r = parsed(t2, "chdir:retval=0x10:signal=usr1");
  EXPECT_TRUE(r.has_retval);
  EXPECT_EQ(r.retval, 16u);
  EXPECT_EQ(r.signal, SIGUSR1);
  EXPECT_TRUE(t2.any_signal());

  InjectTable t3;
  const InjectSpec& f = parsed(t3, "chdir", true);  // -e fault=: ENOSYS
  EXPECT_EQ(f.error, ENOSYS);
  InjectTable t4;
  EXPECT_EQ(parsed(t4, "chdir:error=eio").error, EIO);  // names in any case
  InjectTable t5;
  EXPECT_EQ(parsed(t5, "chdir:error=ERESTARTSYS").error, 512);
}

TEST(Inject, WhenExpressions) {
  struct Case {
    const char* when;
    std::vector<unsigned> due;
  } cases[] = {
      {"3", {3}},
      {"+2", {2}},
      {"2..4", {2, 3, 4}},
      {"3+", {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
      {"2+3", {2, 5, 8, 11}},
      {"1..7+3", {1, 4, 7}},
      {"2..5+", {2, 3, 4, 5}},
  };
  for (const auto& c : cases) {
    InjectTable t;
    const std::string expr = std::string("chdir:error=EIO:when=") + c.when;
    EXPECT_EQ(due_list(parsed(t, expr.c_str())), c.due) << c.when;
  }
  InjectTable t;
  EXPECT_EQ(due_list(parsed(t, "chdir:error=EIO:when=2:when=5")), (std::vector<unsigned>{5}));
}

TEST(Inject, DelaysAndPokes) {
  InjectTable t;
  const InjectSpec& s =
      parsed(t, "chdir:delay_enter=1.5ms:delay_exit=7:poke_enter=@arg1=2f00,@arg3=AB");
  EXPECT_EQ(s.delay_enter_ns, 1500000u);
  EXPECT_EQ(s.delay_exit_ns, 7000u);  // microseconds without a unit
  ASSERT_EQ(s.poke_enter.size(), 2u);
  EXPECT_EQ(s.poke_enter[0].arg, 1);
  EXPECT_EQ(s.poke_enter[0].bytes, std::string("/\0", 2));
  EXPECT_EQ(s.poke_enter[1].arg, 3);
  EXPECT_EQ(s.poke_enter[1].bytes, "\xab");
  EXPECT_TRUE(t.any_delay());
}

TEST(Inject, LaterExpressionsReplaceEarlierOnes) {
  InjectTable t;
  std::string w;
  ASSERT_TRUE(t.add("chdir,openat:error=EIO", false, &w).ok());
  ASSERT_TRUE(t.add("openat:retval=3", false, &w).ok());
  EXPECT_TRUE(t.find(nr("chdir"))->has_error);
  EXPECT_TRUE(t.find(nr("openat"))->has_retval);
  EXPECT_EQ(t.find(-1), nullptr);
  ASSERT_TRUE(t.add("chdir:signal=USR1", false, &w).ok());
  EXPECT_TRUE(t.any_signal());
  ASSERT_TRUE(t.add("chdir:error=EIO", false, &w).ok());  // the signal's spec is no longer used
  EXPECT_FALSE(t.any_signal());
  ASSERT_TRUE(t.add("!chdir:error=EPERM", false, &w).ok());  // unknown numbers too
  ASSERT_NE(t.find(-1), nullptr);
  EXPECT_EQ(t.find(-1)->error, EPERM);
}

TEST(Inject, RefusedAsStraceRefusesThem) {
  const char* bad[] = {
      "chdir",                 // no action
      "chdir:when=2",          // still no action
      "chdir:syscall=getpid",  // a replacement is no action either
      "chdir:error=FOO",
      "chdir:error=0",
      "chdir:error=4096",
      "chdir:error=0x5",
      "chdir:error=EIO:retval=1",
      "chdir:retval=1:retval=2",
      "chdir:retval=",
      "chdir:retval=99999999999999999999",
      "chdir:signal=0",
      "chdir:signal=65",
      "chdir:signal=FOO",
      "chdir:signal=USR1:signal=USR2",
      "chdir:syscall=chdir:error=EIO",  // not a pure syscall
      "chdir:syscall=nosuch:error=EIO",
      "chdir:when=0:error=EIO",
      "chdir:when=65536:error=EIO",
      "chdir:when=2..1:error=EIO",
      "chdir:when=1..65535:error=EIO",
      "chdir:when=1..:error=EIO",
      "chdir:when=1+0:error=EIO",
      "chdir:when=1+65536:error=EIO",
      "chdir:delay_enter=x",
      "chdir:delay_enter=1h",
      "chdir:delay_enter=-1",
      "chdir:delay_enter=1:delay_enter=2",
      "chdir:poke_enter=",
      "chdir:poke_enter=@arg8=00",
      "chdir:poke_enter=@arg0=00",
      "chdir:poke_enter=@arg1=0",
      "chdir:poke_enter=@arg1=zz",
      "chdir:poke_enter=arg1=00",
      "chdir:poke_enter=@arg1=00,@arg1=11",
      "chdir:poke_enter=@arg1=00:poke_enter=@arg2=00",
      "chdir:foo=1",
  };
  for (const char* expr : bad) {
    InjectTable t;
    auto r = t.add(expr, false, nullptr);
    ASSERT_FALSE(r.ok()) << expr;
    EXPECT_EQ(r.error().context, std::string("invalid inject argument '") + expr + "'");
  }
  InjectTable t;
  auto r = t.add("chdir:retval=1", true, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().context, "invalid fault argument 'chdir:retval=1'");
  r = t.add("chdir:signal=USR1", true, nullptr);
  EXPECT_FALSE(r.ok());
  r = t.add("nosuch:error=EIO", false, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().context, "invalid system call 'nosuch'");
  // 1024 bytes is the most one poke takes.
  EXPECT_TRUE(
      t.add(("chdir:poke_enter=@arg1=" + std::string(2048, 'a')).c_str(), false, nullptr).ok());
  EXPECT_FALSE(
      t.add(("chdir:poke_enter=@arg1=" + std::string(2050, 'a')).c_str(), false, nullptr).ok());
}

TEST(Inject, RetvalWarnings) {
  struct Case {
    const char* expr;
    const char* warning;
  } cases[] = {
      {"chdir:retval=-1",
       "Inadvertent injection of error 1 is possible for retval=18446744073709551615"},
      {"chdir:retval=4294967295",
       "Inadvertent injection of error 1 is possible in compat personality for retval=4294967295"},
      {"chdir:retval=4294967296",
       "Injected return value 4294967296 will be clipped to 0 in compat personality"},
      {"chdir:retval=-4096",
       "Injected return value 18446744073709547520 will be clipped to 4294963200 in compat "
       "personality"},
      {"chdir:retval=5", ""},
  };
  for (const auto& c : cases) {
    InjectTable t;
    std::string w;
    ASSERT_TRUE(t.add(c.expr, false, &w).ok()) << c.expr;
    EXPECT_EQ(w, c.warning) << c.expr;
  }
}

}  // namespace
}  // namespace scry::trace
