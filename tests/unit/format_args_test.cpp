// The values of --absolute-timestamps=, --relative-timestamps=, --syscall-times= and
// --strings-in-hex=, as strace 6.1 reads them.
#include <gtest/gtest.h>

#include "trace/format_args.hpp"

namespace scry::trace {
namespace {

using output::TsFormat;

struct Ts {
  TsFormat fmt = TsFormat::None;
  int digits = 0;
  bool ok = true;
};

// Applies each --absolute-timestamps=ARG in turn, as repeated options do.
Ts absolute(std::initializer_list<const char*> args) {
  Ts ts;
  for (const char* a : args) ts.ok = ts.ok && parse_absolute_timestamps(a, ts.fmt, ts.digits);
  return ts;
}

TEST(FormatArgs, Precisions) {
  EXPECT_EQ(parse_time_precision("s"), 0);
  EXPECT_EQ(parse_time_precision("ms"), 3);
  EXPECT_EQ(parse_time_precision("US"), 6);
  EXPECT_EQ(parse_time_precision("ns"), 9);
  EXPECT_EQ(parse_time_precision(""), -1);
  EXPECT_EQ(parse_time_precision("sec"), -1);
  EXPECT_EQ(parse_time_precision("precision:ms"), -1);  // only --absolute-timestamps has these
}

TEST(FormatArgs, AbsoluteTimestamps) {
  auto check = [](Ts ts, TsFormat fmt, int digits) {
    EXPECT_TRUE(ts.ok);
    EXPECT_EQ(ts.fmt, fmt);
    EXPECT_EQ(ts.digits, digits);
  };
  check(absolute({"unix,ns"}), TsFormat::Unix, 9);
  check(absolute({"ns,unix"}), TsFormat::Unix, 9);
  check(absolute({"ms"}), TsFormat::Time, 3);  // a precision alone: the time of day
  check(absolute({""}), TsFormat::Time, 0);
  check(absolute({","}), TsFormat::Time, 0);
  check(absolute({"unix,,us"}), TsFormat::Unix, 6);
  check(absolute({"format:unix,precision:us"}), TsFormat::Unix, 6);
  check(absolute({"Format:UNIX"}), TsFormat::Unix, 0);
  check(absolute({"unix,ns,ms"}), TsFormat::Unix, 3);  // the later item wins
  check(absolute({"none,ms"}), TsFormat::None, 3);
  // Repeated options: each keeps what the earlier ones set, except that one naming no format
  // turns "none" into "time" (strace 6.1: none, then =ms prints 03:48:45.278).
  check(absolute({"unix", "ms"}), TsFormat::Unix, 3);
  check(absolute({"none", "ms"}), TsFormat::Time, 3);
  check(absolute({"unix,ms", "none"}), TsFormat::None, 3);
  for (const char* bad : {"foo", "format:foo", "precision:foo", "unix,foo", "precision:", "format:",
                          "time:ms", "format:ms", "precision:unix", "sec", "1"})
    EXPECT_FALSE(absolute({bad}).ok) << bad;
}

TEST(FormatArgs, StringsInHex) {
  EXPECT_EQ(parse_strings_in_hex("all"), XMode::All);
  EXPECT_EQ(parse_strings_in_hex("ALL"), XMode::All);
  EXPECT_EQ(parse_strings_in_hex("non-ascii"), XMode::NonAscii);
  EXPECT_EQ(parse_strings_in_hex("non-ascii-chars"), XMode::NonAsciiChars);
  EXPECT_EQ(parse_strings_in_hex("none"), XMode::Default);
  EXPECT_FALSE(parse_strings_in_hex("").has_value());
  EXPECT_FALSE(parse_strings_in_hex("foo").has_value());
}

TEST(FormatArgs, SecondsAtEachPrecision) {
  auto secs = [](std::uint64_t ns, int digits, int width) {
    OutBuf out;
    output::put_seconds(out, ns, digits, width);
    return std::string(out.view());
  };
  // strace: -T "<0.000008834>" (ns), -r "     0.000" (ms), "     0" (s).
  EXPECT_EQ(secs(8834, 9, 0), "0.000008834");
  EXPECT_EQ(secs(8834, 6, 0), "0.000008");
  EXPECT_EQ(secs(1999999999, 3, 6), "     1.999");
  EXPECT_EQ(secs(1999999999, 0, 6), "     1");
  EXPECT_EQ(secs(12345678901234, 6, 6), " 12345.678901");
}

}  // namespace
}  // namespace scry::trace
