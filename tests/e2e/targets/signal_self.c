/* e2e target: install a SIGUSR1 handler, raise(SIGUSR1), write "caught\n"
 * if the handler ran, exit 0. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void handler(int sig) {
    (void)sig;
    caught = 1;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0) return 1;
    raise(SIGUSR1);
    if (!caught) return 2;
    if (write(1, "caught\n", 7) != 7) return 3;
    return 0;
}
