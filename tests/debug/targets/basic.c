/* scrydb target: three nested calls, a global to watch, a loop to step through. */
#include <stdio.h>
#include <string.h>

int counter = 0;
long big = 0x1122334455667788;
char message[] = "hello, scrydb";

int leaf(int x) {
    int y = x * 2;
    counter += y;
    return y + 1;
}

int middle(int x) {
    int r = leaf(x + 1);
    return r * 3;
}

int outer(int x) {
    int s = 0;
    for (int i = 0; i < 2; i++)
        s += middle(x + i);
    return s;
}

int main(void) {
    int total = outer(5);
    counter = 42;
    printf("total=%d counter=%d len=%zu\n", total, counter, strlen(message));
    return 0;
}
