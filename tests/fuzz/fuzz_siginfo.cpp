// siginfo: print_siginfo over any bytes (every si_code family), and the syscalls that read a
// siginfo or a signal set from the tracee.
#include "fuzz_common.hpp"

using namespace scry;
using namespace scry::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<long> kNrs = syscalls_where(Abi::X86_64, [](const SyscallEntry& e) {
    return named(
        e, {"rt_sigqueueinfo", "rt_tgsigqueueinfo", "waitid", "rt_sigtimedwait",
            "pidfd_send_signal", "rt_sigaction", "rt_sigprocmask", "rt_sigsuspend", "rt_sigpending",
            "sigaltstack", "signalfd4", "rt_sigreturn", "kill", "tgkill"});
  });
  FuzzedDataProvider in(data, size);
  if (in.ConsumeBool()) {
    siginfo_t si;
    const auto bytes = in.ConsumeBytes<std::uint8_t>(sizeof si);
    std::memset(&si, 0, sizeof si);
    if (!bytes.empty()) std::memcpy(&si, bytes.data(), bytes.size());
    OutBuf out;
    print_siginfo(out, si);
    if (out.empty() || out.view().front() != '{' || out.view().back() != '}')
      fail("siginfo is not one {...}", out.size(), 0);
    return 0;
  }
  fuzz_one_of(in, kNrs, Abi::X86_64);
  return 0;
}
