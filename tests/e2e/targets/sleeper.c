/* e2e target for -p: loop forever doing nanosleep(100ms) and getppid().
 * Writes "ready\n" to stdout once at start. */
#include <time.h>
#include <unistd.h>

int main(void) {
    const struct timespec ts = {0, 100 * 1000 * 1000};
    if (write(1, "ready\n", 6) != 6) return 1;
    for (;;) {
        nanosleep(&ts, NULL);
        getppid();
    }
}
