/* scrydb target for attach: prints "ready", then loops in tick() until killed. */
#include <stdio.h>
#include <unistd.h>

volatile unsigned long ticks = 0;

void tick(void) {
    ticks++;
    usleep(10000);
}

int main(void) {
    printf("ready\n");
    fflush(stdout);
    for (;;) tick();
}
