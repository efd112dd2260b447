/* bench helper, not a workload: runs argv[1..] under a seccomp filter that allows every
 * syscall (SECCOMP_FILTER_FLAG_SPEC_ALLOW, as scry installs it), with no tracer. What this
 * costs over the untraced run is the kernel's price of having any filter at all: the floor of
 * a seccomp-filtered trace (bench.py's "seccomp floor" column). */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: seccomp_allow PROG [ARGS]\n");
        return 2;
    }
    struct sock_filter allow[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    struct sock_fprog prog = {1, allow};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog) != 0) {
        perror("seccomp_allow: seccomp");
        return 2;
    }
    execvp(argv[1], argv + 1);
    perror("seccomp_allow: exec");
    return 127;
}
