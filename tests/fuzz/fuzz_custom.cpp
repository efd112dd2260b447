// The hand-written decoders (ioctl, fcntl, futex, clone/clone3, prctl, ptrace, bpf, select,
// keyctl, ...): every row with an @decoder.
#include "fuzz_common.hpp"

using namespace scry;
using namespace scry::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<long> kNrs = syscalls_where(
      Abi::X86_64, [](const SyscallEntry& e) { return e.custom != CustomDecoder::None; });
  FuzzedDataProvider in(data, size);
  fuzz_one_of(in, kNrs, Abi::X86_64);
  return 0;
}
