/* Process ids in arguments, return values and siginfo: kill/tgkill/getpid/fork, waitid and
 * rt_sigtimedwait's siginfo, rt_sigqueueinfo/pidfd_send_signal's, F_SETOWN and getpriority's
 * pid; -Y names them. SIGCHLD stays blocked so that no signal line races the child's exit. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigdelset(&set, SIGCHLD);
    pid_t me = getpid();
    kill(me, 0);
    kill(0, 0);
    syscall(SYS_tgkill, me, syscall(SYS_gettid), 0);
    getpriority(PRIO_PROCESS, (id_t)me);
    getpriority(PRIO_PGRP, 0);

    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = me;
    si.si_value.sival_int = 42;
    syscall(SYS_rt_sigqueueinfo, me, SIGUSR1, &si);
    siginfo_t got;
    struct timespec ts = {1, 0};
    syscall(SYS_rt_sigtimedwait, &set, &got, &ts, 8);
    int pfd = (int)syscall(SYS_pidfd_open, me, 0);
    syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 0);
    syscall(SYS_rt_sigtimedwait, &set, NULL, NULL, 8);
    ts.tv_sec = 0;
    ts.tv_nsec = 1000;
    syscall(SYS_rt_sigtimedwait, &set, &got, &ts, 8); /* EAGAIN: the timeout still shows */

    int p[2];
    if (pipe(p) == 0) {
        fcntl(p[0], F_SETOWN, me);
        close(p[0]);
        close(p[1]);
    }
    pid_t c = fork();
    if (c == 0) _exit(3);
    syscall(SYS_waitid, P_PID, c, &got, WEXITED | WNOWAIT, NULL);
    struct rusage ru;
    syscall(SYS_waitid, P_PID, c, &got, WEXITED, &ru);
    syscall(SYS_waitid, P_ALL, 0, &got, WEXITED | WNOHANG, NULL);
    close(pfd);
    return 0;
}
