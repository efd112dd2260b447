/* scrydb target: raises SIGUSR1 (handled) then SIGUSR2 (handled); prints what the handler saw. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t got = 0;

static void on_signal(int sig) { got += sig; }

int main(void) {
    signal(SIGUSR1, on_signal);
    signal(SIGUSR2, on_signal);
    raise(SIGUSR1);
    raise(SIGUSR2);
    printf("got=%d\n", (int)got);
    return 0;
}
