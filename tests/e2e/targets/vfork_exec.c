/* e2e target: vfork, the child execs /bin/true, the parent waits; exit 0. */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t p = vfork();
    if (p < 0) return 1;
    if (p == 0) {
        char *const argv[] = {"true", NULL};
        char *const envp[] = {NULL};
        execve("/bin/true", argv, envp);
        _exit(127);
    }
    int st;
    if (waitpid(p, &st, 0) != p) return 1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
