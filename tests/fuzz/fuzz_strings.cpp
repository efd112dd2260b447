// Strings and quoting: print_quoted over raw bytes, print_cstring/print_buffer over hostile
// memory, and the syscalls whose arguments are strings, paths, buffers and string arrays.
#include "fuzz_common.hpp"

using namespace scry;
using namespace scry::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<long> kNrs = syscalls_where(Abi::X86_64, [](const SyscallEntry& e) {
    return uses_kind(e, {ArgKind::Path, ArgKind::Str, ArgKind::Buf, ArgKind::Obuf, ArgKind::Ostr,
                         ArgKind::Argv, ArgKind::Envp, ArgKind::Iovec, ArgKind::Oiovec});
  });
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: {
      const auto x = static_cast<XMode>(in.ConsumeIntegralInRange<int>(0, 2));
      const bool cut = in.ConsumeBool();
      const std::string s = in.ConsumeRemainingBytesAsString();
      OutBuf out;
      print_quoted(out, s, x, cut);
      // Every byte prints as at most \xNN; two quotes and "..." around them.
      if (out.size() > 4 * s.size() + 5 || out.size() < s.size() + 2)
        fail("quoted length out of range", out.size(), s.size());
      return 0;
    }
    case 1: {
      FuzzCall fc;
      FuzzMemory mem = consume_call(in, 0, Abi::X86_64, fc);
      OutBuf out;
      DecodeCtx ctx{mem, fc.opt, out, fc.call};
      print_cstring(ctx, fc.call.args[0], static_cast<long>(fc.call.args[1] % 70000) - 1);
      mem.reset_budget();
      print_buffer(ctx, fc.call.args[2], fc.call.args[3]);
      return 0;
    }
    default:
      fuzz_one_of(in, kNrs, in.ConsumeBool() ? Abi::X86_64 : Abi::I386);
      return 0;
  }
}
