/* bench workload: N write(fd of /dev/null, 1 byte) (N = argv[1], default 200000). */
#include <fcntl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv) {
    long n = bench_n(argc, argv, 200000);
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0) return 1;
    for (long i = 0; i < n; i++)
        if (write(fd, "x", 1) != 1) return 1;
    close(fd);
    return 0;
}
