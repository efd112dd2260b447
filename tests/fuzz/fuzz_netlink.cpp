// Netlink messages: sendto/recvfrom/sendmsg/recvmsg on a netlink socket (fds 6 to 9 of FuzzFds),
// the buffer mostly at the start of the memory so that the input's bytes are the messages:
// nlmsghdr chains, NLMSG_ERROR echoes, NETLINK_ROUTE and sock_diag payloads and their attributes,
// with lying lengths and unmapped holes. (sendmmsg/recvmmsg reach the same msghdr code; fuzz_net
// covers them.)
#include "fuzz_common.hpp"

using namespace scry;
using namespace scry::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<long> kNrs = syscalls_where(Abi::X86_64, [](const SyscallEntry& e) {
    return named(e, {"sendto", "recvfrom", "sendmsg", "recvmsg"});
  });
  FuzzedDataProvider in(data, size);
  const long nr = kNrs[in.ConsumeIntegralInRange<std::size_t>(0, kNrs.size() - 1)];
  const int fd = in.ConsumeIntegralInRange<int>(6, 9);
  const bool at_start = in.ConsumeBool();
  FuzzCall fc;
  FuzzMemory mem = consume_call(in, nr, Abi::X86_64, fc);
  fc.call.args[0] = static_cast<std::uint64_t>(fd);
  if (at_start) fc.call.args[1] = FuzzMemory::kBase;
  decode_call(mem, fc);
  return 0;
}
