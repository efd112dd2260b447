/* e2e target: abort() -> killed by SIGABRT ("(core dumped)" depends on the
 * core-file limit: the tests run it with RLIMIT_CORE = 0). */
#include <stdlib.h>

int main(void) {
    abort();
}
