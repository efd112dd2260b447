// String quoting, -s cutting, -x/-xx, paths and buffers read from (fake) tracee memory.
#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

std::string quoted(std::string_view s, XMode x = XMode::Default, bool cut = false) {
  OutBuf out;
  print_quoted(out, s, x, cut);
  return std::string(out.view());
}

TEST(DecodeStrings, EscapesLikeStrace) {
  EXPECT_EQ(quoted("hello"), "\"hello\"");
  EXPECT_EQ(quoted("a\tb\nc\vd\fe\rf"), "\"a\\tb\\nc\\vd\\fe\\rf\"");
  EXPECT_EQ(quoted("q\"b\\"), "\"q\\\"b\\\\\"");
  // Octal, shortest form unless the next byte is an octal digit.
  EXPECT_EQ(quoted(std::string_view("\177ELF\2\1\1\3\0\0", 10)), "\"\\177ELF\\2\\1\\1\\3\\0\\0\"");
  EXPECT_EQ(quoted(std::string_view("\0012", 2)), "\"\\0012\"");
  EXPECT_EQ(quoted(std::string_view("\0018", 2)), "\"\\18\"");
  EXPECT_EQ(quoted("\x80\xff"), "\"\\200\\377\"");
  // Real strace: write(1, "ab\1c\0012\tz\177\200\377", 11)
  EXPECT_EQ(quoted(std::string_view("ab\001c\0012\tz\177\200\377", 11)),
            "\"ab\\1c\\0012\\tz\\177\\200\\377\"");
  EXPECT_EQ(quoted("x", XMode::Default, true), "\"x\"...");
}

TEST(DecodeStrings, HexModes) {
  // strace -x: the whole string in hex when any byte is not printable ASCII or whitespace.
  EXPECT_EQ(quoted("r2.bin", XMode::NonAscii), "\"r2.bin\"");
  EXPECT_EQ(quoted("a\tb\n", XMode::NonAscii), "\"a\\tb\\n\"");
  EXPECT_EQ(quoted(std::string_view("ab\001c\0012\tz\177\200\377", 11), XMode::NonAscii),
            "\"\\x61\\x62\\x01\\x63\\x01\\x32\\x09\\x7a\\x7f\\x80\\xff\"");
  // strace -xx: everything.
  EXPECT_EQ(quoted("r2.bin", XMode::All), "\"\\x72\\x32\\x2e\\x62\\x69\\x6e\"");
  // --strings-in-hex=non-ascii-chars: printed as by default, the escapes in hex (always two
  // digits) instead of octal. Real strace 6.1: write(1, "ab\x01c\x012\tz\x7f\x80\xff\"\\\n", 14)
  EXPECT_EQ(quoted(std::string_view("ab\001c\0012\tz\177\200\377\"\\\n", 14), XMode::NonAsciiChars),
            "\"ab\\x01c\\x012\\tz\\x7f\\x80\\xff\\\"\\\\\\n\"");
  EXPECT_EQ(quoted("r2.bin", XMode::NonAsciiChars), "\"r2.bin\"");
}

TEST(DecodeStrings, WriteBufferCutAtLimit) {
  FakeMemory mem;
  mem.map(0x1000, std::string_view("ab\001c\0012\tz\177\200\377", 11));
  EXPECT_EQ(line_of(mem, "write", {1, 0x1000, 11}, 11),
            "write(1, \"ab\\1c\\0012\\tz\\177\\200\\377\", 11) = 11");
  DecodeOptions s4;
  s4.string_limit = 4;
  EXPECT_EQ(line_of(mem, "write", {1, 0x1000, 11}, 11, false, s4),
            "write(1, \"ab\\1c\"..., 11) = 11");
  DecodeOptions s0;
  s0.string_limit = 0;
  EXPECT_EQ(line_of(mem, "write", {1, 0x1000, 11}, 11, false, s0), "write(1, \"\"..., 11) = 11");
}

TEST(DecodeStrings, ReadPrintsReturnedBytesOrAddressOnError) {
  FakeMemory mem;
  mem.map(0x2000, std::string_view(
                      "\177ELF\2\1\1\3\0\0\0\0\0\0\0\0\3\0>\0\1\0\0\0\20t\2\0\0\0\0\0xyz", 35));
  EXPECT_EQ(line_of(mem, "read", {3, 0x2000, 832}, 832),
            "read(3, "
            "\"\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>"
            "\\0\\1\\0\\0\\0\\20t\\2\\0\\0\\0\\0\\0\""
            "..., 832) = 832");
  EXPECT_EQ(line_of(mem, "read", {0, 0x5590d56126b0, 1024}, -512, true),
            "read(0, 0x5590d56126b0, 1024) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
  EXPECT_EQ(line_of(mem, "read", {3, 0x2000, 4096}, 0), "read(3, \"\", 4096) = 0");
}

TEST(DecodeStrings, BufferPartlyMappedPrintsAddress) {
  FakeMemory mem;
  mem.map(0x3000, "abcd");
  // Needs 10 bytes, only 4 mapped: strace's umoven fails and it prints the address.
  EXPECT_EQ(line_of(mem, "write", {1, 0x3000, 10}, 10), "write(1, 0x3000, 10) = 10");
  EXPECT_EQ(line_of(mem, "write", {1, 0, 10}, -14, true),
            "write(1, NULL, 10) = -1 EFAULT (Bad address)");
}

TEST(DecodeStrings, PathsAreNotCutBySLimit) {
  FakeMemory mem;
  mem.map_cstr(0x4000, "/usr/share/locale/locale.alias");
  DecodeOptions s4;
  s4.string_limit = 4;
  EXPECT_EQ(
      line_of(mem, "openat", {static_cast<std::uint64_t>(-100), 0x4000, 0x80000}, 3, false, s4),
      "openat(AT_FDCWD, \"/usr/share/locale/locale.alias\", O_RDONLY|O_CLOEXEC) = 3");
}

TEST(DecodeStrings, UnterminatedPathAndUnreadablePath) {
  FakeMemory mem;
  std::string long_path(5000, 'a');
  mem.map(0x10000, long_path);  // no NUL within PATH_MAX
  std::string got = line_of(mem, "chdir", {0x10000}, 0);
  EXPECT_EQ(got, "chdir(\"" + std::string(4095, 'a') + "\"...) = 0");
  EXPECT_EQ(line_of(mem, "chdir", {0xdead0000}, -14, true),
            "chdir(0xdead0000) = -1 EFAULT (Bad address)");
  // A string running into an unmapped page before its NUL is unreadable as a whole.
  mem.map(0x20ffc, "abcd");
  EXPECT_EQ(line_of(mem, "chdir", {0x20ffc}, 0), "chdir(0x20ffc) = 0");
  // ... but one ending just before the unmapped page is fine.
  mem.map_cstr(0x30ffc, "abc");
  EXPECT_EQ(line_of(mem, "chdir", {0x30ffc}, 0), "chdir(\"abc\") = 0");
}

TEST(DecodeStrings, CStringsCutAtLimit) {
  FakeMemory mem;
  mem.map_cstr(0x5000, "0123456789");
  OutBuf out;
  SyscallCall call;
  DecodeOptions opt;
  opt.string_limit = 4;
  DecodeCtx ctx{mem, opt, out, call};
  print_cstring(ctx, 0x5000, -1);
  EXPECT_EQ(out.view(), "\"0123\"...");
  out.clear();
  opt.string_limit = 10;
  print_cstring(ctx, 0x5000, -1);
  EXPECT_EQ(out.view(), "\"0123456789\"");
  out.clear();
  print_cstring(ctx, 0, -1);
  EXPECT_EQ(out.view(), "NULL");
  out.clear();
  print_cstring(ctx, 0x9999, -1);
  EXPECT_EQ(out.view(), "0x9999");
  out.clear();
  print_buffer(ctx, 0x5000, 3);
  EXPECT_EQ(out.view(), "\"012\"");
}

TEST(DecodeStrings, GetrandomPrintsBytesInHexLikeStrace) {
  // Real strace: getrandom's buffer in hex whatever the bytes (QUOTE_FORCE_HEX).
  FakeMemory mem;
  mem.map(0x6000, std::string_view("\x40\xea\x6d\x49\xd6\x13\x07\x33", 8));
  EXPECT_EQ(line_of(mem, "getrandom", {0x6000, 8, 1}, 8),
            "getrandom(\"\\x40\\xea\\x6d\\x49\\xd6\\x13\\x07\\x33\", 8, GRND_NONBLOCK) = 8");
}

}  // namespace
}  // namespace scry::test
