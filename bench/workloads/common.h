/* Shared helper for the bench workloads: N from argv[1], default 200000. */
#ifndef SCRY_BENCH_COMMON_H
#define SCRY_BENCH_COMMON_H
#include <stdlib.h>

static inline long bench_n(int argc, char **argv, long dflt) {
    if (argc > 1) {
        char *end;
        long n = strtol(argv[1], &end, 10);
        if (*end == '\0' && n >= 0) return n;
    }
    return dflt;
}
#endif
