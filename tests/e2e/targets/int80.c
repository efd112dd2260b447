// A 64-bit program that makes 32-bit syscalls with int $0x80: getpid (20), write (4) to stdout
// and, after one 64-bit getpid (39) through `syscall`, exit (1). strace decodes them with its
// i386 table and announces each switch: "[ Process PID=N runs in 32 bit mode. ]".
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>

int main(void) {
  // int $0x80 sees 32-bit pointers: the text must sit below 4 GiB (the program is PIE).
  char* msg = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
                   -1, 0);
  if (msg == MAP_FAILED) return 2;
  memcpy(msg, "int80\n", 6);
  long ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");  // getpid
  __asm__ volatile("int $0x80"
                   : "=a"(ret)
                   : "a"(4L), "b"(1L), "c"(msg), "d"(6L)
                   : "memory");  // write(1, msg, 6)
  __asm__ volatile("syscall" : "=a"(ret) : "a"(39L) : "rcx", "r11", "memory");  // getpid
  __asm__ volatile("int $0x80" : : "a"(1L), "b"(0L) : "memory");  // exit(0)
  return (int)ret;
}
