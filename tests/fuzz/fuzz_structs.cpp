// Struct kinds: every syscall whose row reads a structure or an array (stat, timespec, rlimit,
// sigaction, pollfd, epoll_event, rusage, sched_attr, cpu masks, ...), and the i386 table.
#include "fuzz_common.hpp"

using namespace scry;
using namespace scry::fuzz;

namespace {

bool reads_struct(const SyscallEntry& e) {
  for (int i = 0; i < e.nargs; ++i) {
    switch (e.args[static_cast<std::size_t>(i)].kind) {
      case ArgKind::Int:
      case ArgKind::Uint:
      case ArgKind::Long:
      case ArgKind::Ulong:
      case ArgKind::Hex:
      case ArgKind::Oct:
      case ArgKind::Ptr:
      case ArgKind::Fd:
      case ArgKind::Dirfd:
      case ArgKind::Pid:
      case ArgKind::Uid:
      case ArgKind::Mode:
      case ArgKind::Off:
      case ArgKind::Signum:
      case ArgKind::Flags:
      case ArgKind::Enum:
      case ArgKind::OpenFlags:
      case ArgKind::MmapFlags:
      case ArgKind::CloneFlags:
        break;
      default:
        return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<long> kNrs = syscalls_where(Abi::X86_64, reads_struct);
  static const std::vector<long> kI386 = syscalls_where(Abi::I386, reads_struct);
  FuzzedDataProvider in(data, size);
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) {
    fuzz_one_of(in, kI386, Abi::I386);
  } else {
    fuzz_one_of(in, kNrs, Abi::X86_64);
  }
  return 0;
}
