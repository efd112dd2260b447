// Robustness: every syscall of the table (and some unknown numbers) decoded with random
// arguments over random memory must not crash, hang or read out of bounds (the CI runs this
// under ASan/UBSan). Arguments point into a random region, near its end, or anywhere.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "decode_test_util.hpp"
#include "scry/flags.hpp"

namespace scry::test {
namespace {

// One readable region of random bytes; everything else is unreadable.
class RegionMemory final : public MemoryReader {
 public:
  RegionMemory(std::uint64_t base, std::size_t size, std::mt19937_64& rng)
      : base_(base), bytes_(size) {
    for (auto& b : bytes_) b = static_cast<unsigned char>(rng());
  }
  std::size_t read(std::uint64_t addr, void* buf, std::size_t len) override {
    if (addr < base_ || addr >= base_ + bytes_.size()) return 0;
    std::size_t off = static_cast<std::size_t>(addr - base_);
    std::size_t n = std::min(len, bytes_.size() - off);
    std::memcpy(buf, bytes_.data() + off, n);
    return n;
  }
  // Makes the bytes mostly small numbers and pointers into the region, so that structures and
  // pointer arrays lead somewhere.
  void seed_pointers(std::mt19937_64& rng) {
    for (std::size_t off = 0; off + 8 <= bytes_.size(); off += 8) {
      std::uint64_t v;
      switch (rng() % 5) {
        case 0:
          v = base_ + rng() % bytes_.size();
          break;
        case 1:
          v = rng() % 64;
          break;
        case 2:
          v = 0;
          break;
        default:
          continue;
      }
      std::memcpy(bytes_.data() + off, &v, 8);
    }
  }
  std::uint64_t base() const { return base_; }
  std::size_t size() const { return bytes_.size(); }

 private:
  std::uint64_t base_;
  std::vector<unsigned char> bytes_;
};

std::uint64_t random_arg(std::mt19937_64& rng, const RegionMemory& mem) {
  switch (rng() % 8) {
    case 0:
      return 0;
    case 1:
      return rng() % 16;
    case 2:
      return mem.base() + rng() % mem.size();
    case 3:
      return mem.base() + mem.size() - 1 - rng() % 16;  // near the end
    case 4:
      return rng();
    case 5:
      return static_cast<std::uint64_t>(-static_cast<std::int64_t>(rng() % 4096));
    case 6:
      return mem.base() + (rng() % 64) * 8;
    default:
      return rng() % 0x100000000ull;
  }
}

TEST(DecodeFuzz, EverySyscallWithRandomArgsAndMemory) {
  std::mt19937_64 rng(12345);
  FakeFds fds;
  fds.paths[0] = "/dev/pts/0";
  fds.paths[3] = "/tmp/<weird>\n (deleted)";
  fds.paths[-100] = "/";
  const long count = static_cast<long>(syscall_count(Abi::X86_64));
  std::size_t lines = 0;
  for (int round = 0; round < 12; ++round) {
    RegionMemory mem(0x7f0000000000ull + static_cast<std::uint64_t>(round) * 0x10000,
                     4096 + round * 97, rng);
    if (round % 2 == 0) mem.seed_pointers(rng);
    DecodeOptions opt;
    opt.verbose = round % 3 == 0;
    opt.xmode = static_cast<XMode>(round % 3);
    opt.decode_fds = round % 4 == 1;
    opt.string_limit = round % 5 == 0 ? 0 : static_cast<int>(rng() % 200);
    for (long nr = -2; nr < count + 2; ++nr) {
      for (int rep = 0; rep < 3; ++rep) {
        std::uint64_t a[6];
        for (auto& x : a) x = random_arg(rng, mem);
        const bool err = rng() % 3 == 0;
        std::int64_t ret = err ? -static_cast<std::int64_t>(1 + rng() % 600)
                               : static_cast<std::int64_t>(rng() % 5 == 0 ? rng() : rng() % 512);
        SyscallRun r = run_syscall(mem, nr, {a[0], a[1], a[2], a[3], a[4], a[5]}, ret, err, opt,
                                   &fds, mem.base() + rng() % mem.size());
        ASSERT_FALSE(r.entry.empty());
        ASSERT_EQ(r.exit.back(), ')') << r.line();
        // Output stays bounded whatever the tracee holds.
        ASSERT_LT(r.line().size(), 4u << 20) << nr;
        ++lines;
      }
    }
  }
  EXPECT_GT(lines, 1000u);
}

TEST(DecodeFuzz, EveryKindOverRandomMemory) {
  std::mt19937_64 rng(777);
  RegionMemory mem(0x10000, 8192, rng);
  mem.seed_pointers(rng);
  const std::size_t nkinds = sizeof(kArgKindAtExit) / sizeof(kArgKindAtExit[0]);
  for (std::size_t k = 0; k < nkinds; ++k) {
    for (int rep = 0; rep < 200; ++rep) {
      SyscallCall call;
      call.nr = 0;
      call.entry = syscall_entry(Abi::X86_64, 0);
      for (auto& x : call.args) x = random_arg(rng, mem);
      call.ret = static_cast<std::int64_t>(rng() % 9000);
      call.is_error = rng() % 4 == 0;
      OutBuf out;
      OutBuf aux;
      DecodeOptions opt;
      opt.verbose = rep % 2 == 0;
      DecodeCtx ctx{mem, opt, out, call};
      ctx.exiting = rep % 3 != 0;
      ctx.aux = &aux;
      ArgSpec spec{static_cast<ArgKind>(k), static_cast<std::uint16_t>(rng() % 6)};
      if (spec.kind == ArgKind::Flags || spec.kind == ArgKind::Enum)
        spec.param = static_cast<std::uint16_t>(rng() % kFlagSetCount);
      decode_arg(ctx, spec, random_arg(rng, mem));
      ASSERT_FALSE(out.empty()) << kArgKindNames[k];
    }
  }
}

TEST(DecodeFuzz, SiginfoFromRandomBytes) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 20000; ++i) {
    siginfo_t si;
    auto* p = reinterpret_cast<unsigned char*>(&si);
    for (std::size_t j = 0; j < sizeof si; ++j) p[j] = static_cast<unsigned char>(rng());
    si.si_signo = static_cast<int>(rng() % 70);
    if (rng() % 2) si.si_code = static_cast<int>(rng() % 10) - 7;
    OutBuf out;
    print_siginfo(out, si);
    ASSERT_EQ(out.view().front(), '{');
    ASSERT_EQ(out.view().back(), '}');
  }
}

TEST(DecodeFuzz, QuotingRandomBytes) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 5000; ++i) {
    std::string s(rng() % 100, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    for (XMode x : {XMode::Default, XMode::NonAsciiChars, XMode::NonAscii, XMode::All}) {
      OutBuf out;
      print_quoted(out, s, x, false);
      ASSERT_GE(out.size(), s.size() + 2);
      ASSERT_LE(out.size(), 4 * s.size() + 2);
    }
  }
}

}  // namespace
}  // namespace scry::test
