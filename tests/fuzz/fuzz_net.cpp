// Sockets: sockaddr of every family, msghdr/mmsghdr with control messages, socket options.
#include "fuzz_common.hpp"

using namespace scry;
using namespace scry::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<long> kNrs = syscalls_where(Abi::X86_64, [](const SyscallEntry& e) {
    return uses_kind(e, {ArgKind::Sockaddr, ArgKind::Osockaddr}) ||
           named(e,
                 {"sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "getsockopt", "setsockopt",
                  "socket", "socketpair", "shutdown", "sendto", "recvfrom", "accept", "accept4"});
  });
  FuzzedDataProvider in(data, size);
  fuzz_one_of(in, kNrs, Abi::X86_64);
  return 0;
}
