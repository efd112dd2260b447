/* bench workload: N openat("/etc/passwd") + close (N = argv[1], default 200000). */
#include <fcntl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv) {
    long n = bench_n(argc, argv, 200000);
    for (long i = 0; i < n; i++) {
        int fd = openat(AT_FDCWD, "/etc/passwd", O_RDONLY | O_CLOEXEC);
        if (fd < 0) return 1;
        close(fd);
    }
    return 0;
}
