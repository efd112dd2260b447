#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/seccomp.h>

#include "trace/seccomp_filter.hpp"

namespace scry::trace {
namespace {

TEST(SeccompFilter, TracesExactlyTheSelectedSyscalls) {
  std::bitset<1024> traced;
  traced.set(257);  // openat
  traced.set(2);    // open
  traced.set(3);
  auto prog = build_seccomp_filter(traced);
  for (std::uint32_t nr = 0; nr < 1024; ++nr) {
    std::uint32_t want = traced[nr] ? SECCOMP_RET_TRACE : SECCOMP_RET_ALLOW;
    ASSERT_EQ(run_seccomp_filter(prog, AUDIT_ARCH_X86_64, nr), want) << nr;
  }
  EXPECT_EQ(run_seccomp_filter(prog, AUDIT_ARCH_X86_64, 5000), SECCOMP_RET_TRACE);
  EXPECT_EQ(run_seccomp_filter(prog, AUDIT_ARCH_X86_64, 0x40000001), SECCOMP_RET_TRACE);
  EXPECT_EQ(run_seccomp_filter(prog, AUDIT_ARCH_I386, 0), SECCOMP_RET_TRACE);
}

TEST(SeccompFilter, InvertedWhenMostAreTraced) {
  std::bitset<1024> traced;
  traced.set();
  traced.reset(39);  // getpid
  traced.reset(110);
  auto prog = build_seccomp_filter(traced);
  EXPECT_LT(prog.size(), 30u);
  for (std::uint32_t nr = 0; nr < 1024; ++nr) {
    std::uint32_t want = traced[nr] ? SECCOMP_RET_TRACE : SECCOMP_RET_ALLOW;
    ASSERT_EQ(run_seccomp_filter(prog, AUDIT_ARCH_X86_64, nr), want) << nr;
  }
}

}  // namespace
}  // namespace scry::trace
