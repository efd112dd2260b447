/* Forks, vforks, threads and threads that fork at once: every new task and every parent must
 * see the affinity mask the program started with (scry's fork placement narrows a parent's
 * mask for the length of the call, and must never let the tracee see it). Prints "bad=N". */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static cpu_set_t start_mask;
static atomic_int bad;

static int mask_as_started(void) {
    cpu_set_t m;
    return sched_getaffinity(0, sizeof m, &m) == 0 && CPU_EQUAL(&m, &start_mask);
}

static void check_child(pid_t p) {
    int st;
    if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0) bad++;
    if (!mask_as_started()) bad++;
}

static void *thread_check(void *arg) {
    if (!mask_as_started()) bad++;
    return arg;
}

static void *forker(void *arg) {
    for (int i = 0; i < 100; i++) {
        pid_t p = fork();
        if (p == 0) _exit(mask_as_started() ? 0 : 1);
        check_child(p);
    }
    return arg;
}

int main(void) {
    if (sched_getaffinity(0, sizeof start_mask, &start_mask) != 0) return 2;
    for (int i = 0; i < 200; i++) {
        pid_t p = fork();
        if (p == 0) _exit(mask_as_started() ? 0 : 1);
        check_child(p);
    }
    for (int i = 0; i < 100; i++) {
        pid_t p = vfork();
        if (p == 0) _exit(mask_as_started() ? 0 : 1);
        check_child(p);
    }
    for (int i = 0; i < 20; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, thread_check, NULL) != 0 || pthread_join(t, NULL) != 0) bad++;
    }
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        if (pthread_create(&t[i], NULL, forker, NULL) != 0) return 2;
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    printf("bad=%d\n", (int)bad);
    return bad != 0;
}
