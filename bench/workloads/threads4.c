/* bench workload: 4 pthreads, each doing N/4 getppid() (N = argv[1], default 200000). */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"

#define NTHREAD 4

static long per_thread;

static void *worker(void *arg) {
    (void)arg;
    for (long i = 0; i < per_thread; i++) syscall(SYS_getppid);
    return NULL;
}

int main(int argc, char **argv) {
    per_thread = bench_n(argc, argv, 200000) / NTHREAD;
    pthread_t t[NTHREAD];
    for (int i = 0; i < NTHREAD; i++)
        if (pthread_create(&t[i], NULL, worker, NULL) != 0) return 1;
    for (int i = 0; i < NTHREAD; i++) pthread_join(t[i], NULL);
    return 0;
}
