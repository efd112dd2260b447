/* e2e target: block in read() on a pipe; a SIGALRM (SA_RESTART handler)
 * interrupts it: strace shows "read(...) = ? ERESTARTSYS", the signal, the
 * handler's write to the pipe and rt_sigreturn, then the restarted read
 * returning the byte.  The timer is 200 ms (setitimer rather than alarm(1),
 * to keep the test fast; it delivers the same SIGALRM). */
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int pfd[2];

static void handler(int sig) {
    (void)sig;
    if (write(pfd[1], "x", 1) != 1) _exit(3);
}

int main(void) {
    if (pipe(pfd) != 0) return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGALRM, &sa, NULL) != 0) return 1;
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_usec = 200 * 1000;
    if (setitimer(ITIMER_REAL, &it, NULL) != 0) return 1;
    char c;
    ssize_t n = read(pfd[0], &c, 1);
    return (n == 1 && c == 'x') ? 0 : 2;
}
