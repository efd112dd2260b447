/* scrydb target: write(2) three calls deep, so a catch or a break in libc has a long stack. */
#include <unistd.h>

static const char text[] = "scrydb says hi\n";

void level3(void) { write(1, text, sizeof text - 1); }
void level2(void) { level3(); }
void level1(void) { level2(); }

int main(void) {
    level1();
    getpid();
    return 0;
}
