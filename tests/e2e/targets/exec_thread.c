/* e2e target: a non-leader thread calls execve("/bin/true"): the kernel
 * makes the execing thread the leader (strace shows the tid switch and
 * "+++ superseded by execve in pid N +++"). */
#include <pthread.h>
#include <unistd.h>

static void *worker(void *arg) {
    (void)arg;
    char *const argv[] = {"true", NULL};
    char *const envp[] = {NULL};
    execve("/bin/true", argv, envp);
    _exit(127);
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0) return 1;
    for (;;) pause(); /* the exec in the thread replaces the whole process */
}
