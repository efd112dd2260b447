// adjtimex / clock_adjtime (struct timex and the TIME_* state) and landlock: good, partly
// mapped and bad-pointer input. Expected strings are strace 6.1's output for the same calls.
#include <sys/timex.h>

#include <cstring>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::int64_t kEfault = -14;
constexpr std::int64_t kEinval = -22;
constexpr std::uint64_t kPage = 0x10000000;
constexpr std::uint64_t kEnd = 0x10001000;  // the first unmapped byte after kPage's page

FakeMemory page() {
  FakeMemory mem;
  static const unsigned char zeros[4096] = {};
  mem.map(kPage, zeros, sizeof zeros);
  return mem;
}

TEST(DecodeTimex, AdjtimexAndState) {
  FakeMemory mem = page();
  struct timex t;
  std::memset(&t, 0, sizeof t);
  t.modes = ADJ_OFFSET_SS_READ;
  t.offset = -5;
  t.maxerror = 16000000;
  t.status = STA_UNSYNC | STA_NANO | 0x100000;
  t.constant = 2;
  t.time.tv_sec = 1;
  t.time.tv_usec = -1;
  t.tick = 10000;
  t.shift = -1;
  t.tai = 37;
  mem.map_obj(kPage, t);
  const std::string body =
      "{modes=ADJ_OFFSET_SS_READ, offset=-5, freq=0, maxerror=16000000, esterror=0, "
      "status=STA_UNSYNC|STA_NANO|0x100000, constant=2, precision=0, tolerance=0, "
      "time={tv_sec=1, tv_usec=18446744073709551615}, tick=10000, ppsfreq=0, jitter=0, "
      "shift=-1, stabil=0, jitcnt=0, calcnt=0, errcnt=0, stbcnt=0, tai=37}";
  EXPECT_EQ(line_of(mem, "adjtimex", {kPage}, 5), "adjtimex(" + body + ") = 5 (TIME_ERROR)");
  EXPECT_EQ(line_of(mem, "clock_adjtime", {0, kPage}, 0),
            "clock_adjtime(CLOCK_REALTIME, " + body + ") = 0 (TIME_OK)");
  // A state without a name prints alone; a failed call prints the address only.
  EXPECT_EQ(line_of(mem, "adjtimex", {kPage}, 42), "adjtimex(" + body + ") = 42");
  EXPECT_EQ(line_of(mem, "adjtimex", {kPage}, kEinval, true),
            "adjtimex(0x10000000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "adjtimex", {0}, kEfault, true),
            "adjtimex(NULL) = -1 EFAULT (Bad address)");
  // Unknown mode bits only: the number and the ADJ_??? comment.
  t.modes = 0x10000;
  mem.map_obj(kPage, t);
  EXPECT_NE(line_of(mem, "adjtimex", {kPage}, 1).find("modes=0x10000 /* ADJ_??? */"),
            std::string::npos);
  // 207 of the 208 bytes readable: the address, and no state name (strace's rule).
  mem.map(kEnd - 207, &t, 207);
  EXPECT_EQ(line_of(mem, "adjtimex", {kEnd - 207}, 1), "adjtimex(0x10000f31) = 1");
  DecodeOptions raw;
  raw.xlat = XlatStyle::Raw;
  t.modes = ADJ_OFFSET_SS_READ;
  mem.map_obj(kPage, t);
  EXPECT_NE(line_of(mem, "adjtimex", {kPage}, 4, false, raw).find("modes=0xa001, "),
            std::string::npos);
  EXPECT_NE(line_of(mem, "adjtimex", {kPage}, 4, false, raw).find(") = 4 (TIME_WAIT)"),
            std::string::npos);
}

}  // namespace
}  // namespace scry::test
