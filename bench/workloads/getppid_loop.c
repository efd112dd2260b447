/* bench workload: N getppid() syscalls (N = argv[1], default 200000). */
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv) {
    long n = bench_n(argc, argv, 200000);
    for (long i = 0; i < n; i++) syscall(SYS_getppid);
    return 0;
}
