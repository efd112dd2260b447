/* scrydb target: the main thread and one worker; the worker calls work() once. */
#include <pthread.h>
#include <stdio.h>

static int shared = 0;

int work(int n) {
    shared += n;
    return shared;
}

static void *worker(void *arg) {
    (void)arg;
    work(7);
    return NULL;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0) return 1;
    pthread_join(t, NULL);
    printf("shared=%d\n", shared);
    return 0;
}
