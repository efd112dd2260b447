/* e2e target: write "hi\n" to stdout and exit 0. */
#include <unistd.h>

int main(void) {
    static const char msg[] = "hi\n";
    if (write(1, msg, sizeof msg - 1) != (ssize_t)(sizeof msg - 1)) return 1;
    return 0;
}
