/* bench helper (not a workload): peak_rss OUTFILE PROG [ARGS...]
 * Runs PROG as a child of this small process and writes the child's
 * ru_maxrss (KiB) to OUTFILE, then exits like the child.  bench.py uses it
 * for the untraced programs' peak RSS: a child forked straight from Python
 * would report Python's own RSS (the high-water mark of the pre-exec mm is
 * kept in the process's maxrss). */
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: peak_rss OUTFILE PROG [ARGS...]\n");
        return 2;
    }
    pid_t p = fork();
    if (p < 0) return 2;
    if (p == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(p, &st, 0, &ru) != p) return 2;
    FILE *f = fopen(argv[1], "w");
    if (!f) return 2;
    fprintf(f, "%ld\n", ru.ru_maxrss);
    fclose(f);
    if (WIFSIGNALED(st)) {
        signal(WTERMSIG(st), SIG_DFL);
        raise(WTERMSIG(st));
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 2;
}
