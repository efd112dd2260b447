/* bench workload: N forks, one at a time; each child _exit(0)s and the parent
 * waitpid()s for it (N = argv[1], default 2000: a fork costs ~1000 syscalls'
 * worth of tracer work, so bench.py passes its own N). */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv) {
    long n = bench_n(argc, argv, 2000);
    for (long i = 0; i < n; i++) {
        pid_t p = fork();
        if (p < 0) return 1;
        if (p == 0) _exit(0);
        int st;
        if (waitpid(p, &st, 0) != p) return 1;
    }
    return 0;
}
