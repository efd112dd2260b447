/* e2e target: kill itself with SIGKILL. */
#include <signal.h>
#include <unistd.h>

int main(void) {
    raise(SIGKILL);
    pause();
    return 0;
}
