/* e2e target: 4 threads, each opening/reading/closing /etc/hostname and
 * calling getppid a few times; the main thread joins them and exits 0. */
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#define NTHREAD 4

static void *worker(void *arg) {
    (void)arg;
    char buf[16];
    for (int i = 0; i < 3; i++) {
        int fd = open("/etc/hostname", O_RDONLY);
        if (fd >= 0) {
            if (read(fd, buf, sizeof buf) < 0) buf[0] = 0;
            close(fd);
        }
        getppid();
    }
    return NULL;
}

int main(void) {
    pthread_t t[NTHREAD];
    for (int i = 0; i < NTHREAD; i++)
        if (pthread_create(&t[i], NULL, worker, NULL) != 0) return 1;
    for (int i = 0; i < NTHREAD; i++) pthread_join(t[i], NULL);
    return 0;
}
