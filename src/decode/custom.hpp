// The hand-written decoders (custom_*.cpp), dispatched from custom.cpp.
#pragma once

#include "decode/decode_impl.hpp"

namespace scry::dec {

int ioctl_entry(DecodeCtx& ctx);
void ioctl_exit(DecodeCtx& ctx, int from);
int fcntl_entry(DecodeCtx& ctx);
void fcntl_exit(DecodeCtx& ctx, int from);
int futex_entry(DecodeCtx& ctx);
int arch_prctl_entry(DecodeCtx& ctx);
void arch_prctl_exit(DecodeCtx& ctx, int from);
int clone_entry(DecodeCtx& ctx);
void clone_exit(DecodeCtx& ctx, int from);
int clone3_entry(DecodeCtx& ctx);
void clone3_exit(DecodeCtx& ctx, int from);
int socket_entry(DecodeCtx& ctx);
int socketpair_entry(DecodeCtx& ctx);
void socketpair_exit(DecodeCtx& ctx, int from);
int prctl_entry(DecodeCtx& ctx);
void prctl_exit(DecodeCtx& ctx, int from);
int mknod_entry(DecodeCtx& ctx);
int mremap_entry(DecodeCtx& ctx);
int rt_sigreturn_entry(DecodeCtx& ctx);
int select_entry(DecodeCtx& ctx);
void select_exit(DecodeCtx& ctx, int from);
int personality_entry(DecodeCtx& ctx);
void personality_exit(DecodeCtx& ctx, int from);
int msghdr_entry(DecodeCtx& ctx);  // sendmsg, recvmsg, sendmmsg, recvmmsg
void msghdr_exit(DecodeCtx& ctx, int from);
int sockopt_entry(DecodeCtx& ctx);
void sockopt_exit(DecodeCtx& ctx, int from);
int sendfile_entry(DecodeCtx& ctx);
void sendfile_exit(DecodeCtx& ctx, int from);
int sched_getscheduler_entry(DecodeCtx& ctx);
void sched_getscheduler_exit(DecodeCtx& ctx, int from);
void rt_sigtimedwait_exit(DecodeCtx& ctx, int from);
int rwv2_entry(DecodeCtx& ctx);  // preadv2, pwritev2
void rwv2_exit(DecodeCtx& ctx, int from);
int kcmp_entry(DecodeCtx& ctx);
int mincore_entry(DecodeCtx& ctx);
void mincore_exit(DecodeCtx& ctx, int from);
int seccomp_entry(DecodeCtx& ctx);
void seccomp_exit(DecodeCtx& ctx, int from);
// {len=N, filter=...}: a seccomp filter program (the instructions with -v).
void print_seccomp_fprog(DecodeCtx& ctx, std::uint64_t addr);
int membarrier_entry(DecodeCtx& ctx);
void membarrier_exit(DecodeCtx& ctx, int from);
int ipc_ctl_entry(DecodeCtx& ctx);  // shmctl, semctl, msgctl
void ipc_ctl_exit(DecodeCtx& ctx, int from);
int mq_open_entry(DecodeCtx& ctx);
void mq_timedreceive_exit(DecodeCtx& ctx, int from);
// custom_keys.cpp
int add_key_entry(DecodeCtx& ctx);
int request_key_entry(DecodeCtx& ctx);
int keyctl_entry(DecodeCtx& ctx);
void keyctl_exit(DecodeCtx& ctx, int from);
// custom_admin.cpp
int syslog_entry(DecodeCtx& ctx);
void syslog_exit(DecodeCtx& ctx, int from);
int reboot_entry(DecodeCtx& ctx);
int kexec_load_entry(DecodeCtx& ctx);
int ustat_entry(DecodeCtx& ctx);
int fanotify_init_entry(DecodeCtx& ctx);
int fanotify_mark_entry(DecodeCtx& ctx);
// custom_quota.cpp
int quotactl_entry(DecodeCtx& ctx);
void quotactl_exit(DecodeCtx& ctx, int from);
int quotactl_fd_entry(DecodeCtx& ctx);
void quotactl_fd_exit(DecodeCtx& ctx, int from);
// custom_aio.cpp
int io_setup_entry(DecodeCtx& ctx);
void io_setup_exit(DecodeCtx& ctx, int from);
int io_submit_entry(DecodeCtx& ctx);
int io_cancel_entry(DecodeCtx& ctx);
void io_cancel_exit(DecodeCtx& ctx, int from);
int io_getevents_entry(DecodeCtx& ctx);  // io_getevents, io_pgetevents
void io_getevents_exit(DecodeCtx& ctx, int from);
int get_robust_list_entry(DecodeCtx& ctx);
void get_robust_list_exit(DecodeCtx& ctx, int from);
int landlock_create_ruleset_entry(DecodeCtx& ctx);
void landlock_create_ruleset_exit(DecodeCtx& ctx, int from);
int landlock_add_rule_entry(DecodeCtx& ctx);
int landlock_restrict_self_entry(DecodeCtx& ctx);
int io_uring_setup_entry(DecodeCtx& ctx);
void io_uring_setup_exit(DecodeCtx& ctx, int from);
int io_uring_register_entry(DecodeCtx& ctx);
void io_uring_register_exit(DecodeCtx& ctx, int from);
int perf_event_open_entry(DecodeCtx& ctx);
void perf_event_open_exit(DecodeCtx& ctx, int from);
int bpf_entry(DecodeCtx& ctx);
void bpf_exit(DecodeCtx& ctx, int from);

// What a custom decoder's exit gets when its entry printed everything.
inline constexpr int kAllPrinted = 5;  // < 6: the caller still calls the exit

}  // namespace scry::dec
