// adjtimex / clock_adjtime (struct timex and the TIME_* state) and landlock: good, partly
// mapped and bad-pointer input. Expected strings are strace 6.1's output for the same calls.
#include <sys/timex.h>

#include <cstring>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

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

TEST(DecodeLandlock, CreateRuleset) {
  FakeMemory mem = page();
  const std::uint64_t attr[2] = {0x4, 0};
  mem.map_obj(kPage, attr);
  FakeFds fds;
  fds.paths[3] = "anon_inode:[landlock-ruleset]";
  DecodeOptions y;
  y.decode_fds = true;
  EXPECT_EQ(line_of(mem, "landlock_create_ruleset", {kPage, 8, 0}, 3, false, y, &fds),
            "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_READ_FILE}, 8, 0) = "
            "3<anon_inode:[landlock-ruleset]>");
  // The version query returns a number, not an fd.
  EXPECT_EQ(line_of(mem, "landlock_create_ruleset", {0, 0, 1}, 3, false, y, &fds),
            "landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) = 3");
  // ERRATA (Linux 6.15) is unknown to strace 6.1.
  EXPECT_EQ(line_of(mem, "landlock_create_ruleset", {0, 0, 3}, kEinval, true),
            "landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION|0x2) = -1 EINVAL "
            "(Invalid argument)");
  EXPECT_EQ(line_of(mem, "landlock_create_ruleset", {0, 0, 0x10}, kEinval, true),
            "landlock_create_ruleset(NULL, 0, 0x10 /* LANDLOCK_CREATE_RULESET_??? */) = -1 "
            "EINVAL (Invalid argument)");
  // Larger than the structure: "...", smaller: the address.
  EXPECT_EQ(line_of(mem, "landlock_create_ruleset", {kPage, 16, 0}, 5),
            "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_READ_FILE, ...}, 16, 0) "
            "= 5");
  EXPECT_EQ(line_of(mem, "landlock_create_ruleset", {kPage, 4, 0}, kEinval, true),
            "landlock_create_ruleset(0x10000000, 4, 0) = -1 EINVAL (Invalid argument)");
  const std::uint64_t many = 0xffff;
  mem.map_obj(kPage + 64, many);
  EXPECT_NE(line_of(mem, "landlock_create_ruleset", {kPage + 64, 8, 0}, 4)
                .find("LANDLOCK_ACCESS_FS_REFER|0xc000}"),
            std::string::npos);
  mem.map(kEnd - 4, attr, 4);
  EXPECT_EQ(line_of(mem, "landlock_create_ruleset", {kEnd - 4, 8, 0}, kEfault, true),
            "landlock_create_ruleset(0x10000ffc, 8, 0) = -1 EFAULT (Bad address)");
}

TEST(DecodeLandlock, AddRuleAndRestrict) {
  FakeMemory mem = page();
  unsigned char pb[12];
  const std::uint64_t allowed = 0x7;
  const std::int32_t parent = 7;
  std::memcpy(pb, &allowed, 8);
  std::memcpy(pb + 8, &parent, 4);
  mem.map(kPage, pb, sizeof pb);
  EXPECT_EQ(line_of(mem, "landlock_add_rule", {3, 1, kPage, 0}, 0),
            "landlock_add_rule(3, LANDLOCK_RULE_PATH_BENEATH, {allowed_access="
            "LANDLOCK_ACCESS_FS_EXECUTE|LANDLOCK_ACCESS_FS_WRITE_FILE|"
            "LANDLOCK_ACCESS_FS_READ_FILE, parent_fd=7}, 0) = 0");
  EXPECT_EQ(line_of(mem, "landlock_add_rule", {3, 2, kPage, 0}, kEinval, true),
            "landlock_add_rule(3, 0x2 /* LANDLOCK_RULE_??? */, 0x10000000, 0) = -1 EINVAL "
            "(Invalid argument)");
  // Flags are 32-bit hex; 8 of the 12 bytes readable: the address.
  mem.map(kEnd - 8, pb, 8);
  EXPECT_EQ(line_of(mem, "landlock_add_rule", {3, 1, kEnd - 8, 0xffffffff00000005}, kEfault, true),
            "landlock_add_rule(3, LANDLOCK_RULE_PATH_BENEATH, 0x10000ff8, 0x5) = -1 EFAULT "
            "(Bad address)");
  EXPECT_EQ(line_of(mem, "landlock_restrict_self", {3, 0x100000005}, 0),
            "landlock_restrict_self(3, 0x5) = 0");
  DecodeOptions raw;
  raw.xlat = XlatStyle::Raw;
  EXPECT_EQ(line_of(mem, "landlock_add_rule", {3, 1, kPage, 0}, 0, false, raw),
            "landlock_add_rule(3, 0x1, {allowed_access=0x7, parent_fd=7}, 0) = 0");
}

}  // namespace
}  // namespace scry::test
