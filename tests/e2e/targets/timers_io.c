/* e2e target: POSIX timers and timerfds (sigevent and itimerspec structures),
 * sched_getscheduler's policy name, the loff_t offsets of sendfile, splice and
 * copy_file_range, and SOL_NETLINK socket options. Raw syscalls, so that the
 * arguments are exactly the ones written here. No timer ever fires (the armed
 * ones are seconds away, or SIGEV_NONE), no signal handler is installed.
 * Exits 0 whatever the calls return: failures are part of the trace. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef TFD_TIMER_ABSTIME
#define TFD_TIMER_ABSTIME 1
#endif
#ifndef TFD_CLOEXEC
#define TFD_CLOEXEC 02000000
#endif

/* The kernel's struct sigevent (64 bytes; strace reads the first 32). */
struct ksigevent {
    uint64_t value;
    int signo;
    int notify;
    uint64_t function; /* the thread id for SIGEV_THREAD_ID */
    uint64_t attributes;
    char pad[32];
};

static void sigev(struct ksigevent *s, uint64_t value, int signo, int notify) {
    memset(s, 0, sizeof *s);
    s->value = value;
    s->signo = signo;
    s->notify = notify;
}

static void timers(void) {
    struct ksigevent s;
    int id = -1;
    struct itimerspec its, old, cur;

    sigev(&s, 0, SIGALRM, SIGEV_SIGNAL);
    syscall(SYS_timer_create, CLOCK_REALTIME, &s, &id);          /* timer 0 */
    sigev(&s, 42, SIGUSR1, SIGEV_SIGNAL);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &s, &id);         /* timer 1 */
    sigev(&s, 0, 0, SIGEV_NONE);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &s, &id);         /* timer 2 */
    sigev(&s, 0, SIGUSR2, SIGEV_THREAD_ID);
    s.function = (uint64_t)syscall(SYS_gettid);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &s, &id);         /* timer 3 */
    sigev(&s, 0, SIGUSR1, SIGEV_THREAD);
    s.function = 0x1000;
    s.attributes = 0x2000;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &s, &id);
    sigev(&s, 0, 99, 77);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &s, &id);         /* EINVAL */
    syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &id);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)1, &id);  /* EFAULT */

    memset(&its, 0, sizeof its);
    its.it_value.tv_sec = 5;
    syscall(SYS_timer_settime, 0, 0, &its, NULL);
    its.it_interval.tv_sec = 1;
    its.it_interval.tv_nsec = 500;
    its.it_value.tv_sec = 100;
    syscall(SYS_timer_settime, 2, 0, &its, &old);  /* old: disarmed, zeros */
    syscall(SYS_timer_gettime, 2, &cur);
    memset(&its, 0, sizeof its);
    syscall(SYS_timer_settime, 2, TIMER_ABSTIME, &its, &old);
    syscall(SYS_timer_gettime, 2, &cur);           /* disarmed again */
    syscall(SYS_timer_settime, 0, 3, &its, &old);  /* TIMER_ABSTIME|0x2 */
    syscall(SYS_timer_settime, 0, 0, NULL, &old);
    syscall(SYS_timer_settime, 0, 0, &its, (void *)2);
    syscall(SYS_timer_gettime, 9999, &cur);
    syscall(SYS_timer_gettime, 0, NULL);
    for (int t = 0; t < 4; t++) syscall(SYS_timer_delete, t);
}

static void timerfds(void) {
    struct itimerspec its, old, cur;
    int fd = (int)syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC);

    memset(&its, 0, sizeof its);
    its.it_interval.tv_sec = 1;
    its.it_interval.tv_nsec = 500;
    its.it_value.tv_sec = 100;
    syscall(SYS_timerfd_settime, fd, 0, &its, NULL);
    syscall(SYS_timerfd_gettime, fd, &cur);
    memset(&its, 0, sizeof its);
    syscall(SYS_timerfd_settime, fd, TFD_TIMER_ABSTIME, &its, &old);
    syscall(SYS_timerfd_gettime, fd, &cur);
    syscall(SYS_timerfd_settime, fd, 0, NULL, &old);
    syscall(SYS_timerfd_settime, 99, 0, &its, &old);
    syscall(SYS_timerfd_gettime, 99, &cur);
    close(fd);
}

static void scheduler(void) {
    struct sched_param sp;
    memset(&sp, 0, sizeof sp);
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_setscheduler, 0, SCHED_BATCH, &sp);
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_setscheduler, 0, SCHED_IDLE, &sp);
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_getscheduler, -1);
}

static void offsets(void) {
    int in = (int)syscall(SYS_memfd_create, "timers_io_in", 0);
    int out = (int)syscall(SYS_memfd_create, "timers_io_out", 0);
    int p[2] = {-1, -1};
    int64_t off = 0, off2 = 0;

    if (write(in, "abcdefghijklmnop", 16) != 16) return;
    syscall(SYS_sendfile, out, in, &off, 10);   /* [0] => [10] */
    syscall(SYS_sendfile, out, in, &off, 10);   /* [10] => [16] */
    syscall(SYS_sendfile, out, in, &off, 10);   /* [16]: nothing sent */
    lseek(in, 0, SEEK_SET);
    syscall(SYS_sendfile, out, in, NULL, 3);
    syscall(SYS_sendfile, out, in, (void *)8, 3);
    syscall(SYS_sendfile, 99, in, &off, 3);
    off = -5;
    syscall(SYS_sendfile, out, in, &off, 3);

    off = 2;
    off2 = 0;
    syscall(SYS_copy_file_range, in, &off, out, &off2, 5, 0);
    syscall(SYS_copy_file_range, in, NULL, out, NULL, 5, 0);
    off = -1;
    syscall(SYS_copy_file_range, in, &off, out, (void *)8, 5, 0);

    if (pipe2(p, 0) != 0) return;
    off = 1;
    syscall(SYS_splice, in, &off, p[1], NULL, 4, 0);
    off2 = 3;
    syscall(SYS_splice, p[0], NULL, out, &off2, 4, 1 /* SPLICE_F_MOVE */);
    off = -7;
    syscall(SYS_splice, in, &off, p[1], (void *)16, 4, 0);
    close(p[0]);
    close(p[1]);
    close(in);
    close(out);
}

static void netlink_options(void) {
    int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    int one = 1, v = 0;
    uint32_t groups[4] = {0, 0, 0, 0};
    socklen_t len;

    setsockopt(s, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
    setsockopt(s, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof one);
    setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &one, sizeof one);
    setsockopt(s, SOL_NETLINK, NETLINK_PKTINFO, &one, 8);
    setsockopt(s, SOL_NETLINK, NETLINK_PKTINFO, &one, 2);
    setsockopt(s, SOL_NETLINK, 100, &one, sizeof one);
    len = sizeof v;
    getsockopt(s, SOL_NETLINK, NETLINK_EXT_ACK, &v, &len);
    len = 8;
    getsockopt(s, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &v, &len);
    len = sizeof groups;
    getsockopt(s, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups, &len);
    len = sizeof v;
    getsockopt(s, SOL_NETLINK, NETLINK_NO_ENOBUFS, &v, &len);
    close(s);
}

int main(void) {
    timers();
    timerfds();
    scheduler();
    offsets();
    netlink_options();
    return 0;
}
