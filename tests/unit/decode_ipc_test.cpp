// System V IPC (shmget/semget/msgget, shmctl/semctl/msgctl, semop/semtimedop, msgsnd/msgrcv)
// and POSIX message queues (mq_open, mq_getsetattr, mq_notify, mq_timedreceive): good, partly
// mapped and bad-pointer input. Expected strings are real strace 6.1 output of a program making
// these calls (addresses are the fake memory's).
#include <fcntl.h>
#include <linux/ipc.h>
#include <linux/mqueue.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::int64_t kEnomsg = -42;
constexpr std::int64_t kEagain = -11;
constexpr std::uint64_t kBuf = 0x10000;      // a structure
constexpr std::uint64_t kStr = 0x20000;      // a name
constexpr std::uint64_t kTs = 0x30000;       // a timespec
constexpr std::uint64_t kPageEnd = 0x40000;  // nothing is mapped from here on

ipc64_perm perm(std::uint32_t mode, int key = 0) {
  ipc64_perm p{};
  p.key = key;
  p.mode = mode;
  return p;
}

TEST(DecodeIpc, GetFlagsAndKeys) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "shmget", {0, 4096, IPC_CREAT | 0600}, 18),
            "shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600) = 18");
  EXPECT_EQ(line_of(mem, "shmget", {0, 4096, 0}, 19), "shmget(IPC_PRIVATE, 4096, 000) = 19");
  EXPECT_EQ(line_of(mem, "shmget",
                    {0x1234, 4096,
                     IPC_CREAT | IPC_EXCL | SHM_HUGETLB | SHM_NORESERVE | (21u << 26) | 0777},
                    -17, true),
            "shmget(0x1234, 4096, IPC_CREAT|IPC_EXCL|SHM_HUGETLB|SHM_NORESERVE|21<<SHM_HUGE_SHIFT|"
            "0777) = -1 EEXIST (File exists)");
  EXPECT_EQ(line_of(mem, "shmget", {0xffffffffffffffff, 0, SHM_NORESERVE | 0400}, -2, true),
            "shmget(0xffffffff, 0, SHM_NORESERVE|0400) = -1 ENOENT (No such file or directory)");
  EXPECT_EQ(line_of(mem, "shmget", {0x1235, 4096, 21u << 26}, -2, true),
            "shmget(0x1235, 4096, 21<<SHM_HUGE_SHIFT|000) = -1 ENOENT (No such file or directory)");
  // shmget separates unnamed flags from the mode; semget and msgget do not (strace 6.1).
  EXPECT_EQ(line_of(mem, "shmget", {0x80000000, 4096, 0x8000}, -2, true),
            "shmget(0x80000000, 4096, 0x8000|000) = -1 ENOENT (No such file or directory)");
  EXPECT_EQ(line_of(mem, "semget", {0x1235, 1, 0x8000}, -2, true),
            "semget(0x1235, 1, 0x8000000) = -1 ENOENT (No such file or directory)");
  EXPECT_EQ(line_of(mem, "semget", {0, 1, IPC_CREAT | IPC_EXCL | IPC_NOWAIT | 0x8000 | 0666}, 18),
            "semget(IPC_PRIVATE, 1, IPC_CREAT|IPC_EXCL|IPC_NOWAIT|0x8000|0666) = 18");
  EXPECT_EQ(line_of(mem, "msgget", {0x777, 0}, -2, true),
            "msgget(0x777, 000) = -1 ENOENT (No such file or directory)");
  EXPECT_EQ(line_of(mem, "msgget", {0, IPC_CREAT | 0600}, 17),
            "msgget(IPC_PRIVATE, IPC_CREAT|0600) = 17");

  const DecodeOptions raw = with_xlat(XlatStyle::Raw);
  EXPECT_EQ(line_of(mem, "shmget", {0, 4096, IPC_CREAT | 0600}, 18, false, raw),
            "shmget(0, 4096, 0x200|0600) = 18");
  EXPECT_EQ(line_of(mem, "shmget", {0x1234, 4096, 0x1e00 | (21u << 26) | 0777}, 1, false, raw),
            "shmget(0x1234, 4096, 0x1e00|21<<26|0777) = 1");
  EXPECT_EQ(line_of(mem, "semget", {0x1235, 1, 0x8000}, 1, false, raw),
            "semget(0x1235, 1, 0x8000|000) = 1");
  const DecodeOptions verbose = with_xlat(XlatStyle::Verbose);
  EXPECT_EQ(line_of(mem, "shmget", {0x1234, 4096, 0x1e00 | (21u << 26) | 0777}, 1, false, verbose),
            "shmget(0x1234, 4096, 0x1e00 /* IPC_CREAT|IPC_EXCL|SHM_HUGETLB|SHM_NORESERVE */|"
            "21<<26 /* SHM_HUGE_SHIFT */|0777) = 1");
  EXPECT_EQ(line_of(mem, "msgget", {0, IPC_CREAT | 0600}, 1, false, verbose),
            "msgget(0 /* IPC_PRIVATE */, 0x200 /* IPC_CREAT */|0600) = 1");
  EXPECT_EQ(line_of(mem, "semget", {0x1235, 1, 0x8000}, 1, false, verbose),
            "semget(0x1235, 1, 0x8000000) = 1");
}

TEST(DecodeIpc, Shmctl) {
  FakeMemory mem;
  shmid64_ds ds{};
  ds.shm_perm = perm(0600);
  ds.shm_segsz = 4096;
  ds.shm_cpid = 32477;
  ds.shm_ctime = 1795418438;
  mem.map_obj(kBuf, ds);
  constexpr const char* kStat =
      "{shm_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, shm_segsz=4096, "
      "shm_cpid=32477, shm_lpid=0, shm_nattch=0, shm_atime=0, shm_dtime=0, shm_ctime=1795418438}";
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_STAT, kBuf}, 0),
            std::string("shmctl(18, IPC_STAT, ") + kStat + ") = 0");
  EXPECT_EQ(line_of(mem, "shmctl", {0, SHM_STAT_ANY, kBuf}, 0),
            std::string("shmctl(0, SHM_STAT_ANY, ") + kStat + ") = 0");
  SyscallRun r = run_syscall(mem, nr_of("shmctl"), {18, IPC_STAT, kBuf}, 0);
  EXPECT_EQ(r.entry, "shmctl(18, IPC_STAT, ");  // the structure waits for the exit
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_SET, kBuf}, 0),
            "shmctl(18, IPC_SET, {shm_perm={uid=0, gid=0, mode=0600}}) = 0");
  // Failed, NULL, a bad pointer: the address.
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_STAT, kBuf}, kEinval, true),
            "shmctl(18, IPC_STAT, 0x10000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_STAT, 0}, kEfault, true),
            "shmctl(18, IPC_STAT, NULL) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_SET, 1}, kEfault, true),
            "shmctl(18, IPC_SET, 0x1) = -1 EFAULT (Bad address)");
  // IPC_SET reads the whole shmid64_ds (112 bytes): 48 readable bytes are not enough.
  mem.map(kPageEnd - 48, &ds, 48);
  EXPECT_EQ(line_of(mem, "shmctl", {0, IPC_SET, kPageEnd - 48}, kEfault, true),
            "shmctl(0, IPC_SET, 0x3ffd0) = -1 EFAULT (Bad address)");
  // Every bit of the 32-bit mode, -1 ids.
  shmid64_ds ff;
  std::memset(&ff, 0xff, sizeof ff);
  mem.map_obj(kBuf + 0x1000, ff);
  EXPECT_EQ(line_of(mem, "shmctl", {0, IPC_SET, kBuf + 0x1000}, kEinval, true),
            "shmctl(0, IPC_SET, {shm_perm={uid=-1, gid=-1, mode=037777777777}}) = -1 EINVAL "
            "(Invalid argument)");
  // Commands without a structure; IPC_64; unknown commands.
  EXPECT_EQ(line_of(mem, "shmctl", {18, SHM_LOCK, 0}, 0), "shmctl(18, SHM_LOCK, NULL) = 0");
  EXPECT_EQ(line_of(mem, "shmctl", {18, 0xff, kBuf}, kEinval, true),
            "shmctl(18, 0xff /* SHM_??? */, 0x10000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_64 | IPC_STAT, kBuf}, kEinval, true),
            "shmctl(18, IPC_64|IPC_STAT, 0x10000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_64, 0}, kEinval, true),
            "shmctl(18, IPC_64|IPC_RMID, NULL) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(
      line_of(mem, "shmctl", {18, IPC_64 | 0xff, 0}, kEinval, true, with_xlat(XlatStyle::Raw)),
      "shmctl(18, 0x100|0xff, NULL) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_64, 0}, kEinval, true, with_xlat(XlatStyle::Verbose)),
            "shmctl(18, 0x100 /* IPC_64 */|0 /* IPC_RMID */, NULL) = -1 EINVAL (Invalid argument)");
  // The limits.
  shminfo64 si{};
  si.shmmax = 18446744073692774399u;
  si.shmmin = 1;
  si.shmmni = 4096;
  si.shmseg = 4096;
  si.shmall = 18446744073692774399u;
  mem.map_obj(kBuf + 0x2000, si);
  EXPECT_EQ(line_of(mem, "shmctl", {0, IPC_INFO, kBuf + 0x2000}, 20),
            "shmctl(0, IPC_INFO, {shmmax=18446744073692774399, shmmin=1, shmmni=4096, "
            "shmseg=4096, shmall=18446744073692774399}) = 20");
  shm_info in{};
  in.used_ids = 4;
  in.shm_tot = 4;
  mem.map_obj(kBuf + 0x3000, in);
  EXPECT_EQ(line_of(mem, "shmctl", {0, SHM_INFO, kBuf + 0x3000}, 20),
            "shmctl(0, SHM_INFO, {used_ids=4, shm_tot=4, shm_rss=0, shm_swp=0, swap_attempts=0, "
            "swap_successes=0}) = 20");
  // -e verbose=none: the address.
  DecodeOptions quiet;
  quiet.struct_verbose = false;
  EXPECT_EQ(line_of(mem, "shmctl", {18, IPC_STAT, kBuf}, 0, false, quiet),
            "shmctl(18, IPC_STAT, 0x10000) = 0");
}

TEST(DecodeIpc, Semctl) {
  FakeMemory mem;
  semid64_ds ds{};
  ds.sem_perm = perm(0600);
  ds.sem_otime = 1795418438;
  ds.sem_ctime = 1795418438;
  ds.sem_nsems = 3;
  mem.map_obj(kBuf, ds);
  EXPECT_EQ(line_of(mem, "semctl", {17, 0, IPC_STAT, kBuf}, 0),
            "semctl(17, 0, IPC_STAT, {sem_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, "
            "sem_otime=1795418438, sem_ctime=1795418438, sem_nsems=3}) = 0");
  EXPECT_EQ(line_of(mem, "semctl", {17, 0, IPC_SET, kBuf}, 0),
            "semctl(17, 0, IPC_SET, {sem_perm={uid=0, gid=0, mode=0600}}) = 0");
  EXPECT_EQ(line_of(mem, "semctl", {17, 0, IPC_64 | IPC_SET, kBuf}, kEinval, true),
            "semctl(17, 0, IPC_64|IPC_SET, {sem_perm={uid=0, gid=0, mode=0600}}) = -1 EINVAL "
            "(Invalid argument)");
  // The union argument of the other commands prints as it is.
  EXPECT_EQ(line_of(mem, "semctl", {17, 1, SETVAL, 0x7ffe00000005}, 0),
            "semctl(17, 1, SETVAL, 0x7ffe00000005) = 0");
  EXPECT_EQ(line_of(mem, "semctl", {17, 0, GETALL, kBuf}, 0), "semctl(17, 0, GETALL, 0x10000) = 0");
  EXPECT_EQ(line_of(mem, "semctl", {17, 1, GETVAL, 0}, 5), "semctl(17, 1, GETVAL, NULL) = 5");
  EXPECT_EQ(line_of(mem, "semctl", {17, 0, 0xff, 1}, kEinval, true),
            "semctl(17, 0, 0xff /* SEM_??? */, 0x1) = -1 EINVAL (Invalid argument)");
  seminfo si{};
  si.semmap = 1024000000;
  si.semmni = 32000;
  si.semmns = 1024000000;
  si.semmnu = 1024000000;
  si.semmsl = 32000;
  si.semopm = 500;
  si.semume = 500;
  si.semusz = 2;
  si.semvmx = 32767;
  si.semaem = 4;
  mem.map_obj(kBuf + 0x1000, si);
  EXPECT_EQ(line_of(mem, "semctl", {0, 0, SEM_INFO, kBuf + 0x1000}, 18),
            "semctl(0, 0, SEM_INFO, {semmap=1024000000, semmni=32000, semmns=1024000000, "
            "semmnu=1024000000, semmsl=32000, semopm=500, semume=500, semusz=2, semvmx=32767, "
            "semaem=4}) = 18");
  EXPECT_EQ(line_of(mem, "semctl", {0, 0, SEM_STAT, kBuf}, kEinval, true),
            "semctl(0, 0, SEM_STAT, 0x10000) = -1 EINVAL (Invalid argument)");
}

TEST(DecodeIpc, Msgctl) {
  FakeMemory mem;
  msqid64_ds ds{};
  ds.msg_perm = perm(0600, static_cast<int>(0x80000000u));
  ds.msg_stime = ds.msg_rtime = ds.msg_ctime = 1795418438;
  ds.msg_cbytes = 99;  // not printed
  ds.msg_qbytes = 16384;
  ds.msg_lspid = ds.msg_lrpid = 32477;
  mem.map_obj(kBuf, ds);
  EXPECT_EQ(line_of(mem, "msgctl", {17, IPC_STAT, kBuf}, 0),
            "msgctl(17, IPC_STAT, {msg_perm={uid=0, gid=0, mode=0600, key=2147483648, cuid=0, "
            "cgid=0}, msg_stime=1795418438, msg_rtime=1795418438, msg_ctime=1795418438, "
            "msg_qnum=0, msg_qbytes=16384, msg_lspid=32477, msg_lrpid=32477}) = 0");
  EXPECT_EQ(line_of(mem, "msgctl", {17, IPC_SET, kBuf}, 0),
            "msgctl(17, IPC_SET, {msg_perm={uid=0, gid=0, mode=0600}, msg_qbytes=16384}) = 0");
  msginfo mi{};
  mi.msgpool = 512000;
  mi.msgmap = 16384;
  mi.msgmax = 8192;
  mi.msgmnb = 16384;
  mi.msgmni = 32000;
  mi.msgssz = 16;
  mi.msgtql = 16384;
  mi.msgseg = 65535;
  // A msginfo that ends where the memory does: readable, all 32 bytes of it.
  mem.map(kPageEnd - sizeof mi, &mi, sizeof mi);
  EXPECT_EQ(line_of(mem, "msgctl", {0, MSG_INFO, kPageEnd - sizeof mi}, 17),
            "msgctl(0, MSG_INFO, {msgpool=512000, msgmap=16384, msgmax=8192, msgmnb=16384, "
            "msgmni=32000, msgssz=16, msgtql=16384, msgseg=65535}) = 17");
  EXPECT_EQ(line_of(mem, "msgctl", {0, IPC_INFO, kPageEnd - 30}, 17),
            "msgctl(0, IPC_INFO, 0x3ffe2) = 17");
  EXPECT_EQ(line_of(mem, "msgctl", {-1ull, IPC_STAT, kBuf}, kEinval, true),
            "msgctl(-1, IPC_STAT, 0x10000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "msgctl", {17, IPC_RMID, 0}, 0, false, with_xlat(XlatStyle::Raw)),
            "msgctl(17, 0, NULL) = 0");
}

TEST(DecodeIpc, Semop) {
  FakeMemory mem;
  const sembuf ops[3] = {
      {0, 1, IPC_NOWAIT}, {1, 2, SEM_UNDO}, {2, 0, SEM_UNDO | IPC_NOWAIT | 0x10}};
  mem.map(kBuf, ops, sizeof ops);
  EXPECT_EQ(line_of(mem, "semop", {17, kBuf, 3}, 0),
            "semop(17, [{sem_num=0, sem_op=1, sem_flg=IPC_NOWAIT}, {sem_num=1, sem_op=2, "
            "sem_flg=SEM_UNDO}, {sem_num=2, sem_op=0, sem_flg=SEM_UNDO|IPC_NOWAIT|0x10}], 3) = 0");
  const std::int64_t ts[2] = {0, 1000};
  mem.map(kTs, ts, sizeof ts);
  EXPECT_EQ(line_of(mem, "semtimedop", {17, kBuf + 12, 1, kTs}, 0),
            "semtimedop(17, [{sem_num=2, sem_op=0, sem_flg=SEM_UNDO|IPC_NOWAIT|0x10}], 1, "
            "{tv_sec=0, tv_nsec=1000}) = 0");
  EXPECT_EQ(line_of(mem, "semtimedop", {17, kBuf, 1, 1}, kEfault, true),
            "semtimedop(17, [{sem_num=0, sem_op=1, sem_flg=IPC_NOWAIT}], 1, 0x1) = -1 EFAULT "
            "(Bad address)");
  EXPECT_EQ(line_of(mem, "semop", {17, 0, 1}, kEfault, true),
            "semop(17, NULL, 1) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "semop", {17, 1, 1}, kEfault, true),
            "semop(17, 0x1, 1) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "semop", {17, kBuf, 0}, kEinval, true),
            "semop(17, [], 0) = -1 EINVAL (Invalid argument)");
  // The array runs into unmapped memory; a count far beyond it reads no further.
  mem.map(kPageEnd - 6, ops, 6);
  EXPECT_EQ(line_of(mem, "semop", {17, kPageEnd - 6, 1000000}, -7, true),
            "semop(17, [{sem_num=0, sem_op=1, sem_flg=IPC_NOWAIT}, ... /* 0x40000 */], 1000000) "
            "= -1 E2BIG (Argument list too long)");
  // -s caps the elements printed.
  sembuf many[40];
  for (sembuf& b : many) b = {0, 1, 0};
  mem.map(kBuf + 0x1000, many, sizeof many);
  DecodeOptions s2;
  s2.string_limit = 2;
  EXPECT_EQ(line_of(mem, "semop", {17, kBuf + 0x1000, 40}, 0, false, s2),
            "semop(17, [{sem_num=0, sem_op=1, sem_flg=0}, {sem_num=0, sem_op=1, sem_flg=0}, ...], "
            "40) = 0");
  EXPECT_EQ(line_of(mem, "semop", {17, kBuf, 1}, 0, false, with_xlat(XlatStyle::Verbose)),
            "semop(17, [{sem_num=0, sem_op=1, sem_flg=0x800 /* IPC_NOWAIT */}], 1) = 0");
  const sembuf odd = {0, -1, 0x10};
  mem.map(kBuf + 0x2000, &odd, sizeof odd);
  EXPECT_EQ(line_of(mem, "semop", {17, kBuf + 0x2000, 1}, kEinval, true),
            "semop(17, [{sem_num=0, sem_op=-1, sem_flg=0x10 /* SEM_??? */}], 1) = -1 EINVAL "
            "(Invalid argument)");
}

struct Msg {
  std::int64_t mtype;
  char mtext[64];
};

TEST(DecodeIpc, MsgsndMsgrcv) {
  FakeMemory mem;
  Msg m{1, "abc"};
  mem.map_obj(kBuf, m);
  EXPECT_EQ(line_of(mem, "msgsnd", {9, kBuf, 4, IPC_NOWAIT}, 0),
            "msgsnd(9, {mtype=1, mtext=\"abc\\0\"}, 4, IPC_NOWAIT) = 0");
  Msg long_msg{2, {}};
  constexpr char kText[] = "hello\1\377 world, this is a longer message!!!!";
  std::memcpy(long_msg.mtext, kText, sizeof kText);
  mem.map_obj(kBuf + 0x1000, long_msg);
  EXPECT_EQ(line_of(mem, "msgsnd", {9, kBuf + 0x1000, 45, 0}, 0),
            "msgsnd(9, {mtype=2, mtext=\"hello\\1\\377 world, this is a longer \"...}, 45, 0) = 0");
  DecodeOptions hex;
  hex.xmode = XMode::NonAscii;
  EXPECT_EQ(line_of(mem, "msgsnd", {9, kBuf, 4, IPC_NOWAIT}, 0, false, hex),
            "msgsnd(9, {mtype=1, mtext=\"\\x61\\x62\\x63\\x00\"}, 4, IPC_NOWAIT) = 0");
  // A length far beyond the memory: the -s limit bounds the read.
  EXPECT_EQ(line_of(mem, "msgsnd", {9, kBuf, 1ull << 40, 0}, kEinval, true),
            "msgsnd(9, {mtype=1, mtext=\"abc\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"
            "\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"...}, 1099511627776, 0) = -1 EINVAL (Invalid "
            "argument)");
  EXPECT_EQ(line_of(mem, "msgsnd", {9, 0, 4, 0}, kEfault, true),
            "msgsnd(9, NULL, 4, 0) = -1 EFAULT (Bad address)");
  // strace reads 16 bytes (a struct msgbuf) first: 10 readable bytes print as the address.
  mem.map(kPageEnd - 10, &m, 10);
  EXPECT_EQ(line_of(mem, "msgsnd", {9, kPageEnd - 10, 2, 0}, 0), "msgsnd(9, 0x3fff6, 2, 0) = 0");
  // The header reads but mtext does not.
  mem.map(kPageEnd - 16, &m, 16);
  EXPECT_EQ(line_of(mem, "msgsnd", {9, kPageEnd - 16, 20, 0}, kEfault, true),
            "msgsnd(9, {mtype=1, mtext=0x3fff8}, 20, 0) = -1 EFAULT (Bad address)");

  // msgrcv: at exit, mtext's length is msgsz whatever the call returned; the address on error.
  SyscallRun r = run_syscall(mem, nr_of("msgrcv"), {9, kBuf + 0x1000, 10, 2, 010000 | 04000}, 10);
  EXPECT_EQ(r.entry, "msgrcv(9, ");
  EXPECT_EQ(r.line(),
            "msgrcv(9, {mtype=2, mtext=\"hello\\1\\377 wo\"}, 10, 2, MSG_NOERROR|IPC_NOWAIT) = 10");
  EXPECT_EQ(line_of(mem, "msgrcv", {9, kBuf, 64, 0, IPC_NOWAIT}, 4),
            "msgrcv(9, {mtype=1, mtext=\"abc\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"
            "\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"...}, 64, 0, IPC_NOWAIT) = 4");
  EXPECT_EQ(line_of(mem, "msgrcv", {9, kBuf, 64, -5ull, 020000 | IPC_NOWAIT}, kEnomsg, true),
            "msgrcv(9, 0x10000, 64, -5, MSG_EXCEPT|IPC_NOWAIT) = -1 ENOMSG (No message of "
            "desired type)");
  Msg empty{7, {}};
  mem.map_obj(kBuf + 0x2000, empty);
  EXPECT_EQ(line_of(mem, "msgrcv", {9, kBuf + 0x2000, 0, 0, 010000 | IPC_NOWAIT}, 0),
            "msgrcv(9, {mtype=7, mtext=\"\"}, 0, 0, MSG_NOERROR|IPC_NOWAIT) = 0");
}

TEST(DecodeIpc, MqOpenAndAttributes) {
  FakeMemory mem;
  mem.map_cstr(kStr, "scryq");
  mq_attr a{};
  a.mq_maxmsg = 4;
  a.mq_msgsize = 16;
  mem.map_obj(kBuf, a);
  EXPECT_EQ(line_of(mem, "mq_open", {kStr, O_RDWR | O_CREAT, 0600, kBuf}, 3),
            "mq_open(\"scryq\", O_RDWR|O_CREAT, 0600, {mq_flags=0, mq_maxmsg=4, mq_msgsize=16, "
            "mq_curmsgs=0}) = 3");
  EXPECT_EQ(line_of(mem, "mq_open", {kStr, O_RDONLY, 0600, kBuf}, 4),
            "mq_open(\"scryq\", O_RDONLY) = 4");
  EXPECT_EQ(line_of(mem, "mq_open", {0, O_WRONLY, 0, 0}, kEfault, true),
            "mq_open(NULL, O_WRONLY) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "mq_open", {kStr, O_RDWR | O_CREAT, 0100644, 0}, 5),
            "mq_open(\"scryq\", O_RDWR|O_CREAT, 0100644, NULL) = 5");
  // The name is a path: not cut at -s.
  mem.map_cstr(kStr + 0x100, "scry_a_rather_long_queue_name_0123456789");
  DecodeOptions s8;
  s8.string_limit = 8;
  EXPECT_EQ(line_of(mem, "mq_open", {kStr + 0x100, O_RDONLY, 0, 0}, 6, false, s8),
            "mq_open(\"scry_a_rather_long_queue_name_0123456789\", O_RDONLY) = 6");
  // struct mq_attr is 64 bytes: 32 readable ones print as the address.
  mem.map(kPageEnd - 32, &a, 32);
  EXPECT_EQ(line_of(mem, "mq_open", {kStr, O_RDWR | O_CREAT, 0600, kPageEnd - 32}, kEfault, true),
            "mq_open(\"scryq\", O_RDWR|O_CREAT, 0600, 0x3ffe0) = -1 EFAULT (Bad address)");

  mq_attr n{};
  n.mq_flags = O_NONBLOCK | 1;
  n.mq_maxmsg = 5;
  n.mq_msgsize = 6;
  n.mq_curmsgs = 7;
  mem.map_obj(kBuf + 0x1000, n);
  EXPECT_EQ(line_of(mem, "mq_getsetattr", {4, kBuf + 0x1000, 0}, kEinval, true),
            "mq_getsetattr(4, {mq_flags=O_NONBLOCK|0x1, mq_maxmsg=5, mq_msgsize=6, mq_curmsgs=7}, "
            "NULL) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "mq_getsetattr", {4, kBuf + 0x1000, 0}, kEinval, true,
                    with_xlat(XlatStyle::Verbose)),
            "mq_getsetattr(4, {mq_flags=0x801 /* O_NONBLOCK|0x1 */, mq_maxmsg=5, mq_msgsize=6, "
            "mq_curmsgs=7}, NULL) = -1 EINVAL (Invalid argument)");
  n.mq_flags = 1;
  mem.map_obj(kBuf + 0x2000, n);
  EXPECT_EQ(line_of(mem, "mq_getsetattr", {4, kBuf + 0x2000, 0}, kEinval, true),
            "mq_getsetattr(4, {mq_flags=0x1 /* O_??? */, mq_maxmsg=5, mq_msgsize=6, "
            "mq_curmsgs=7}, NULL) = -1 EINVAL (Invalid argument)");
  // The old attributes print at exit, the address when the call failed.
  SyscallRun r = run_syscall(mem, nr_of("mq_getsetattr"), {3, 0, kBuf}, 0);
  EXPECT_EQ(r.entry, "mq_getsetattr(3, NULL, ");
  EXPECT_EQ(r.line(),
            "mq_getsetattr(3, NULL, {mq_flags=0, mq_maxmsg=4, mq_msgsize=16, mq_curmsgs=0}) = 0");
  EXPECT_EQ(line_of(mem, "mq_getsetattr", {99, kBuf + 0x1000, kBuf}, -9, true),
            "mq_getsetattr(99, {mq_flags=O_NONBLOCK|0x1, mq_maxmsg=5, mq_msgsize=6, mq_curmsgs=7}, "
            "0x10000) = -1 EBADF (Bad file descriptor)");
}

TEST(DecodeIpc, MqNotifyAndTimedreceive) {
  FakeMemory mem;
  struct {
    std::uint64_t value;
    std::int32_t signo;
    std::int32_t notify;
    std::uint64_t function;
    std::uint64_t attributes;
  } sev{0x1234, 10, 0, 0, 0};
  mem.map_obj(kBuf, sev);
  EXPECT_EQ(line_of(mem, "mq_notify", {3, kBuf}, 0),
            "mq_notify(3, {sigev_value={sival_int=4660, sival_ptr=0x1234}, sigev_signo=SIGUSR1, "
            "sigev_notify=SIGEV_SIGNAL}) = 0");
  EXPECT_EQ(line_of(mem, "mq_notify", {3, 0}, 0), "mq_notify(3, NULL) = 0");
  EXPECT_EQ(line_of(mem, "mq_notify", {3, 1}, kEfault, true),
            "mq_notify(3, 0x1) = -1 EFAULT (Bad address)");

  const std::int64_t ts[2] = {0, 5000};
  mem.map(kTs, ts, sizeof ts);
  mem.map(kBuf + 0x1000, "hello", 6);
  const std::uint32_t prio = 3;
  mem.map_obj(kBuf + 0x2000, prio);
  EXPECT_EQ(line_of(mem, "mq_timedreceive", {3, kBuf + 0x1000, 64, kBuf + 0x2000, kTs}, 6),
            "mq_timedreceive(3, \"hello\\0\", 64, [3], {tv_sec=0, tv_nsec=5000}) = 6");
  // Failed: the buffer and the priority as addresses, the timeout (read at entry) decoded.
  EXPECT_EQ(
      line_of(mem, "mq_timedreceive", {3, kBuf + 0x1000, 64, kBuf + 0x2000, kTs}, kEagain, true),
      "mq_timedreceive(3, 0x11000, 64, 0x12000, {tv_sec=0, tv_nsec=5000}) = -1 EAGAIN "
      "(Resource temporarily unavailable)");
}

}  // namespace
}  // namespace scry::test
