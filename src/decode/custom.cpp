// Dispatch to the hand-written decoders of the syscalls the table marks with @NAME. A custom
// decoder is two functions: NAME_entry prints what strace prints at entry and returns a state
// (0..6) that NAME_exit gets back; NAME_exit prints the rest (without the closing ")").
// Rows whose strace output the generic by-kind passes already match use those passes.
#include "decode/custom.hpp"

namespace scry::dec {

int custom_entry(DecodeCtx& ctx) {
  switch (ctx.call.entry->custom) {
    case CustomDecoder::None:
      break;
    case CustomDecoder::Ioctl:
      return ioctl_entry(ctx);
    case CustomDecoder::Fcntl:
      return fcntl_entry(ctx);
    case CustomDecoder::Futex:
      return futex_entry(ctx);
    case CustomDecoder::ArchPrctl:
      return arch_prctl_entry(ctx);
    case CustomDecoder::Clone:
      return clone_entry(ctx);
    case CustomDecoder::Clone3:
      return clone3_entry(ctx);
    case CustomDecoder::Socket:
      return socket_entry(ctx);
    case CustomDecoder::Socketpair:
      return socketpair_entry(ctx);
    case CustomDecoder::Prctl:
      return prctl_entry(ctx);
    case CustomDecoder::Mknod:
    case CustomDecoder::Mknodat:
      return mknod_entry(ctx);
    case CustomDecoder::Mremap:
      return mremap_entry(ctx);
    case CustomDecoder::RestartSyscall:
      return 0;
    case CustomDecoder::RtSigreturn:
      return rt_sigreturn_entry(ctx);
    case CustomDecoder::Select:
    case CustomDecoder::Pselect6:
      return select_entry(ctx);
    case CustomDecoder::Setsockopt:
    case CustomDecoder::Getsockopt:
      return sockopt_entry(ctx);
    case CustomDecoder::Sendmsg:
    case CustomDecoder::Recvmsg:
    case CustomDecoder::Sendmmsg:
    case CustomDecoder::Recvmmsg:
      return msghdr_entry(ctx);
    case CustomDecoder::Personality:
      return personality_entry(ctx);
    case CustomDecoder::Ptrace:
    case CustomDecoder::Syslog:
    case CustomDecoder::Reboot:
    case CustomDecoder::Keyctl:
    case CustomDecoder::Seccomp:
    case CustomDecoder::Bpf:
      return generic_entry(ctx);
  }
  return generic_entry(ctx);
}

void custom_exit(DecodeCtx& ctx, int from) {
  switch (ctx.call.entry->custom) {
    case CustomDecoder::None:
      break;
    case CustomDecoder::Ioctl:
      return ioctl_exit(ctx, from);
    case CustomDecoder::Fcntl:
      return fcntl_exit(ctx, from);
    case CustomDecoder::ArchPrctl:
      return arch_prctl_exit(ctx, from);
    case CustomDecoder::Futex:
    case CustomDecoder::Socket:
    case CustomDecoder::Mknod:
    case CustomDecoder::Mknodat:
    case CustomDecoder::Mremap:
    case CustomDecoder::RestartSyscall:
      return;
    case CustomDecoder::Clone:
      return clone_exit(ctx, from);
    case CustomDecoder::Clone3:
      return clone3_exit(ctx, from);
    case CustomDecoder::Socketpair:
      return socketpair_exit(ctx, from);
    case CustomDecoder::Prctl:
      return prctl_exit(ctx, from);
    case CustomDecoder::RtSigreturn:
      return;
    case CustomDecoder::Select:
    case CustomDecoder::Pselect6:
      return select_exit(ctx, from);
    case CustomDecoder::Setsockopt:
    case CustomDecoder::Getsockopt:
      return sockopt_exit(ctx, from);
    case CustomDecoder::Sendmsg:
    case CustomDecoder::Recvmsg:
    case CustomDecoder::Sendmmsg:
    case CustomDecoder::Recvmmsg:
      return msghdr_exit(ctx, from);
    case CustomDecoder::Personality:
      return personality_exit(ctx, from);
    case CustomDecoder::Ptrace:
    case CustomDecoder::Syslog:
    case CustomDecoder::Reboot:
    case CustomDecoder::Keyctl:
    case CustomDecoder::Seccomp:
    case CustomDecoder::Bpf:
      return generic_exit(ctx, from);
  }
  generic_exit(ctx, from);
}

}  // namespace scry::dec
