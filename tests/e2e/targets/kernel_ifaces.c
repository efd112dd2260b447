/* e2e target: the structure arguments of newer kernel interfaces -- io_uring_setup and
 * io_uring_register, perf_event_open's perf_event_attr, bpf's attribute union, landlock's
 * rulesets and rules, struct timex (adjtimex, clock_adjtime). Raw syscalls with set values,
 * good and bad pointers and odd sizes. Nothing prints values that change from run to run (no
 * bpf ids, no clock readings: adjtimex only runs with a bad pointer unless its result is
 * injected). Whatever the kernel allows or refuses is part of the trace; exits 0. */
#define _GNU_SOURCE
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/landlock.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static void uring(void) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    int fd = (int)syscall(SYS_io_uring_setup, 4, &p);
    syscall(SYS_io_uring_enter, fd, 0, 0, IORING_ENTER_GETEVENTS, NULL, 8);
    syscall(SYS_io_uring_enter, fd, 0, 0, 0x80000000u, NULL, 0);
    int fds[3] = {-1, -2, 0};
    syscall(SYS_io_uring_register, fd, IORING_REGISTER_FILES, fds, 3);
    syscall(SYS_io_uring_register, fd, IORING_UNREGISTER_FILES, NULL, 0);
    char buf[16];
    struct iovec iov = {buf, sizeof buf};
    syscall(SYS_io_uring_register, fd, IORING_REGISTER_BUFFERS, &iov, 1);
    struct io_uring_files_update up = {.offset = 1, .fds = (uintptr_t)fds};
    syscall(SYS_io_uring_register, fd, IORING_REGISTER_FILES_UPDATE, &up, 3);
    unsigned char probe[16 + 8 * 4];
    memset(probe, 0, sizeof probe);
    syscall(SYS_io_uring_register, fd, IORING_REGISTER_PROBE, probe, 4);
    probe[0] = 1;
    syscall(SYS_io_uring_register, fd, IORING_REGISTER_PROBE, probe, 4);
    struct io_uring_restriction r[2];
    memset(r, 0, sizeof r);
    r[0].opcode = IORING_RESTRICTION_SQE_OP;
    r[0].sqe_op = 47;
    r[1].opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
    r[1].sqe_flags = IOSQE_IO_LINK | IOSQE_ASYNC;
    syscall(SYS_io_uring_register, -1, IORING_REGISTER_RESTRICTIONS, r, 2);
    uint32_t workers[2] = {0, 0};
    syscall(SYS_io_uring_register, -1, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
    struct io_uring_rsrc_update ru = {.offset = ~0u, .data = 0};
    syscall(SYS_io_uring_register, -1, IORING_REGISTER_RING_FDS, &ru, 1);
    syscall(SYS_io_uring_register, -1, 24, NULL, 0);
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_ATTACH_WQ | (1u << 12);
    p.wq_fd = (uint32_t)fd;
    p.resv[1] = 5;
    syscall(SYS_io_uring_setup, 2, &p);
    syscall(SYS_io_uring_setup, 2, NULL);
    syscall(SYS_io_uring_setup, 2, (void *)1);
    close(fd);
}

static void perf(void) {
    struct perf_event_attr a;
    memset(&a, 0, sizeof a);
    a.type = PERF_TYPE_SOFTWARE;
    a.size = sizeof a;
    a.config = PERF_COUNT_SW_DUMMY;
    a.disabled = 1;
    a.exclude_kernel = 1;
    int fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd >= 0) close(fd);
    memset(&a, 0, sizeof a);
    a.type = PERF_TYPE_HW_CACHE;
    a.size = PERF_ATTR_SIZE_VER5;
    a.config = 0x12345678ffULL;
    a.sample_type = PERF_SAMPLE_BRANCH_STACK | PERF_SAMPLE_STACK_USER;
    a.branch_sample_type = PERF_SAMPLE_BRANCH_ANY;
    a.use_clockid = 1;
    a.clockid = CLOCK_MONOTONIC;
    a.precise_ip = 3;
    syscall(SYS_perf_event_open, &a, -1, 0, -1, 1ULL << 40);
    a.type = PERF_TYPE_BREAKPOINT;
    a.size = 200;
    a.bp_type = 6;
    syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
    a.size = 32;
    syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
    syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0);
}

static void ebpf(void) {
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.map_type = BPF_MAP_TYPE_ARRAY;
    a.key_size = 4;
    a.value_size = 4;
    a.max_entries = 1;
    strcpy(a.map_name, "e2emap");
    int mfd = (int)syscall(SYS_bpf, BPF_MAP_CREATE, &a, sizeof a);
    syscall(SYS_bpf, BPF_MAP_CREATE, &a, 32);
    uint32_t key = 0, val = 7;
    memset(&a, 0, sizeof a);
    a.map_fd = (uint32_t)mfd;
    a.key = (uintptr_t)&key;
    a.value = (uintptr_t)&val;
    a.flags = BPF_EXIST;
    syscall(SYS_bpf, BPF_MAP_UPDATE_ELEM, &a, sizeof a);
    syscall(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &a, sizeof a);
    struct bpf_insn insns[2] = {{.code = BPF_ALU64 | BPF_MOV | BPF_K, .imm = 0},
                                {.code = BPF_JMP | BPF_EXIT}};
    memset(&a, 0, sizeof a);
    a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
    a.insn_cnt = 2;
    a.insns = (uintptr_t)insns;
    a.license = (uintptr_t)"GPL";
    a.kern_version = 0x050a11;
    int pfd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof a);
    memset(&a, 0, sizeof a);
    a.link_create.prog_fd = (uint32_t)pfd;
    a.link_create.attach_type = BPF_PERF_EVENT;
    a.link_create.perf_event.bpf_cookie = 0x1234;
    syscall(SYS_bpf, BPF_LINK_CREATE, &a, sizeof a);
    memset(&a, 0, sizeof a);
    a.pathname = (uintptr_t)"/nonexistent/e2e";
    a.file_flags = BPF_F_RDONLY;
    syscall(SYS_bpf, BPF_OBJ_GET, &a, sizeof a);
    unsigned char big[160];
    memset(big, 0, sizeof big);
    big[150] = 1;
    syscall(SYS_bpf, BPF_MAP_FREEZE, big, sizeof big);
    syscall(SYS_bpf, BPF_ENABLE_STATS, &a, sizeof a);
    syscall(SYS_bpf, 36, &a, sizeof a);
    syscall(SYS_bpf, BPF_MAP_CREATE, NULL, 0);
    syscall(SYS_bpf, BPF_MAP_CREATE, (void *)1, 72);
    if (pfd >= 0) close(pfd);
    if (mfd >= 0) close(mfd);
}

static void landlock(void) {
    syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    syscall(SYS_landlock_create_ruleset, NULL, 0, 3);
    struct landlock_ruleset_attr ra = {.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE};
    int rfd = (int)syscall(SYS_landlock_create_ruleset, &ra, sizeof ra, 0);
    uint64_t big[2] = {0xffff, 0};
    syscall(SYS_landlock_create_ruleset, big, sizeof big, 0);
    syscall(SYS_landlock_create_ruleset, big, 4, 0);
    struct landlock_path_beneath_attr pb = {.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
                                            .parent_fd = 0};
    syscall(SYS_landlock_add_rule, rfd, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
    syscall(SYS_landlock_add_rule, rfd, 2, &pb, 0);
    syscall(SYS_landlock_restrict_self, -1, 0x100000005ULL);
    if (rfd >= 0) close(rfd);
}

static void timex(void) {
    struct timex t;
    memset(&t, 0, sizeof t);
    t.modes = ADJ_OFFSET_SS_READ;
    t.status = STA_UNSYNC | STA_NANO;
    t.offset = -5;
    t.time.tv_usec = -1;
    t.tai = 37;
    /* Only traced with an injected result (see e2e_test.py): a real call reads the clock. */
    syscall(SYS_adjtimex, &t);
    syscall(SYS_clock_adjtime, CLOCK_REALTIME, &t);
    syscall(SYS_adjtimex, NULL);
    syscall(SYS_clock_adjtime, -1, (void *)1);
}

int main(void) {
    uring();
    perf();
    ebpf();
    landlock();
    timex();
    return 0;
}
