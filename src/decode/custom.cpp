// Dispatch to the hand-written decoders of the syscalls the table marks with @NAME. A custom
// decoder is two functions: NAME_entry prints what strace prints at entry and returns a state
// (0..6) that NAME_exit gets back; NAME_exit prints the rest (without the closing ")").
// Rows whose strace output the generic by-kind passes already match use those passes.
#include "decode/custom.hpp"

namespace scry::dec {
namespace {

struct CustomFns {
  int (*entry)(DecodeCtx&);
  void (*exit)(DecodeCtx&, int);
};

void nothing_at_exit(DecodeCtx&, int) {}
int nothing_at_entry(DecodeCtx&) {
  return 0;
}

// One row per decoder; the switch has no default so that a new @NAME must be listed here.
CustomFns fns_of(CustomDecoder d) {
  switch (d) {
    case CustomDecoder::None:
    case CustomDecoder::Ptrace:
      return {generic_entry, generic_exit};
    case CustomDecoder::Bpf:
      return {bpf_entry, bpf_exit};
    case CustomDecoder::Ioctl:
      return {ioctl_entry, ioctl_exit};
    case CustomDecoder::Fcntl:
      return {fcntl_entry, fcntl_exit};
    case CustomDecoder::Futex:
      return {futex_entry, nothing_at_exit};
    case CustomDecoder::ArchPrctl:
      return {arch_prctl_entry, arch_prctl_exit};
    case CustomDecoder::Clone:
      return {clone_entry, clone_exit};
    case CustomDecoder::Clone3:
      return {clone3_entry, clone3_exit};
    case CustomDecoder::Socket:
      return {socket_entry, nothing_at_exit};
    case CustomDecoder::Socketpair:
      return {socketpair_entry, socketpair_exit};
    case CustomDecoder::Prctl:
      return {prctl_entry, prctl_exit};
    case CustomDecoder::Mknod:
    case CustomDecoder::Mknodat:
      return {mknod_entry, nothing_at_exit};
    case CustomDecoder::Mremap:
      return {mremap_entry, nothing_at_exit};
    case CustomDecoder::RestartSyscall:
      return {nothing_at_entry, nothing_at_exit};
    case CustomDecoder::RtSigreturn:
      return {rt_sigreturn_entry, nothing_at_exit};
    case CustomDecoder::Select:
    case CustomDecoder::Pselect6:
      return {select_entry, select_exit};
    case CustomDecoder::Setsockopt:
    case CustomDecoder::Getsockopt:
      return {sockopt_entry, sockopt_exit};
    case CustomDecoder::Sendmsg:
    case CustomDecoder::Recvmsg:
    case CustomDecoder::Sendmmsg:
    case CustomDecoder::Recvmmsg:
      return {msghdr_entry, msghdr_exit};
    case CustomDecoder::Personality:
      return {personality_entry, personality_exit};
    case CustomDecoder::Sendfile:
      return {sendfile_entry, sendfile_exit};
    case CustomDecoder::SchedGetscheduler:
      return {sched_getscheduler_entry, sched_getscheduler_exit};
    case CustomDecoder::RtSigtimedwait:
      return {generic_entry, rt_sigtimedwait_exit};
    case CustomDecoder::Preadv2:
    case CustomDecoder::Pwritev2:
      return {rwv2_entry, rwv2_exit};
    case CustomDecoder::Kcmp:
      return {kcmp_entry, nothing_at_exit};
    case CustomDecoder::Mincore:
      return {mincore_entry, mincore_exit};
    case CustomDecoder::Seccomp:
      return {seccomp_entry, seccomp_exit};
    case CustomDecoder::Membarrier:
      return {membarrier_entry, membarrier_exit};
    case CustomDecoder::IpcCtl:
      return {ipc_ctl_entry, ipc_ctl_exit};
    case CustomDecoder::MqOpen:
      return {mq_open_entry, nothing_at_exit};
    case CustomDecoder::MqTimedreceive:
      return {generic_entry, mq_timedreceive_exit};
    case CustomDecoder::AddKey:
      return {add_key_entry, nothing_at_exit};
    case CustomDecoder::RequestKey:
      return {request_key_entry, nothing_at_exit};
    case CustomDecoder::Keyctl:
      return {keyctl_entry, keyctl_exit};
    case CustomDecoder::Syslog:
      return {syslog_entry, syslog_exit};
    case CustomDecoder::Reboot:
      return {reboot_entry, nothing_at_exit};
    case CustomDecoder::KexecLoad:
      return {kexec_load_entry, nothing_at_exit};
    case CustomDecoder::Ustat:
      return {ustat_entry, nothing_at_exit};
    case CustomDecoder::FanotifyInit:
      return {fanotify_init_entry, nothing_at_exit};
    case CustomDecoder::FanotifyMark:
      return {fanotify_mark_entry, nothing_at_exit};
    case CustomDecoder::Quotactl:
      return {quotactl_entry, quotactl_exit};
    case CustomDecoder::QuotactlFd:
      return {quotactl_fd_entry, quotactl_fd_exit};
    case CustomDecoder::IoSetup:
      return {io_setup_entry, io_setup_exit};
    case CustomDecoder::IoSubmit:
      return {io_submit_entry, nothing_at_exit};
    case CustomDecoder::IoCancel:
      return {io_cancel_entry, io_cancel_exit};
    case CustomDecoder::IoGetevents:
      return {io_getevents_entry, io_getevents_exit};
    case CustomDecoder::GetRobustList:
      return {get_robust_list_entry, get_robust_list_exit};
    case CustomDecoder::LandlockCreateRuleset:
      return {landlock_create_ruleset_entry, landlock_create_ruleset_exit};
    case CustomDecoder::LandlockAddRule:
      return {landlock_add_rule_entry, nothing_at_exit};
    case CustomDecoder::LandlockRestrictSelf:
      return {landlock_restrict_self_entry, nothing_at_exit};
    case CustomDecoder::IoUringSetup:
      return {io_uring_setup_entry, io_uring_setup_exit};
    case CustomDecoder::IoUringRegister:
      return {io_uring_register_entry, io_uring_register_exit};
    case CustomDecoder::PerfEventOpen:
      return {perf_event_open_entry, perf_event_open_exit};
  }
  return {generic_entry, generic_exit};
}

}  // namespace

int custom_entry(DecodeCtx& ctx) {
  return fns_of(ctx.call.entry->custom).entry(ctx);
}

void custom_exit(DecodeCtx& ctx, int from) {
  fns_of(ctx.call.entry->custom).exit(ctx, from);
}

}  // namespace scry::dec
