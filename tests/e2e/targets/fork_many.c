/* e2e target: fork 100 children (each does getppid and _exit(0)), wait for
 * all of them, then run 4 threads doing 10 getppid each, join them, exit 0.
 * Under -f: 100 + 4 + 1 "+++ exited" lines. */
#include <pthread.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define NCHILD 100
#define NTHREAD 4
#define NCALLS 10

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < NCALLS; i++) getppid();
    return NULL;
}

int main(void) {
    for (int i = 0; i < NCHILD; i++) {
        pid_t p = fork();
        if (p < 0) {
            perror("fork");
            return 1;
        }
        if (p == 0) {
            getppid();
            _exit(0);
        }
    }
    for (int i = 0; i < NCHILD; i++) {
        int st;
        if (wait(&st) < 0) {
            perror("wait");
            return 1;
        }
    }
    pthread_t t[NTHREAD];
    for (int i = 0; i < NTHREAD; i++)
        if (pthread_create(&t[i], NULL, worker, NULL) != 0) return 1;
    for (int i = 0; i < NTHREAD; i++) pthread_join(t[i], NULL);
    return 0;
}
