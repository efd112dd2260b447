// System V IPC and POSIX message queues as strace 6.1 prints them: shmctl/semctl/msgctl (the
// structure the command reads or fills), mq_open (mode and attributes with O_CREAT only) and
// mq_timedreceive, and the argument kinds of the family: IPC keys, shmget/semget/msgget flags with
// the permission bits in octal, semop's sembuf arrays, msgsnd/msgrcv's msgbuf, struct mq_attr.
// The layouts are the kernel's 64-bit ones (x86_64 always uses IPC_64).
#include <fcntl.h>
#include <linux/ipc.h>
#include <linux/mqueue.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>

#include <cstring>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {

constexpr std::uint32_t kPermMask = 0777;

const FlagSet& set_of(ArgSpec spec) {
  return flag_set(static_cast<FlagSetId>(spec.param));
}

bool any_named(const FlagSet& set, std::uint64_t flags) {
  for (std::size_t i = 0; i < set.count; ++i) {
    const std::uint64_t v = set.names[i].value;
    if (v != 0 && (flags & v) == v) return true;
  }
  return false;
}

// --- the *ctl structures -------------------------------------------------------------------------

enum class Ipc : std::uint8_t { Shm, Sem, Msg };

Ipc ipc_of(const DecodeCtx& ctx) {
  const char* name = ctx.call.entry->name;
  if (std::strncmp(name, "shm", 3) == 0) return Ipc::Shm;
  if (std::strncmp(name, "sem", 3) == 0) return Ipc::Sem;
  return Ipc::Msg;
}

// struct ipc64_perm: all of it for *_STAT, what IPC_SET changes otherwise.
void print_ipc_perm(OutBuf& out, const ipc64_perm& p, bool stat) {
  Fields f(out);
  print_uid(f.f("uid"), p.uid);
  print_uid(f.f("gid"), p.gid);
  print_03o(f.f("mode"), p.mode);
  if (stat) {
    f.f("key").put_udec(static_cast<std::uint32_t>(p.key));
    print_uid(f.f("cuid"), p.cuid);
    print_uid(f.f("cgid"), p.cgid);
  }
  f.end();
}

void print_shmid_ds(DecodeCtx& ctx, std::uint64_t addr, bool stat) {
  shmid64_ds ds{};
  static_assert(sizeof ds == 112);
  if (!umove_or_printaddr(ctx, addr, ds)) return;
  Fields f(ctx.out);
  print_ipc_perm(f.f("shm_perm"), ds.shm_perm, stat);
  if (stat) {
    f.f("shm_segsz").put_udec(ds.shm_segsz);
    f.f("shm_cpid");
    print_pid(ctx, ds.shm_cpid);
    f.f("shm_lpid");
    print_pid(ctx, ds.shm_lpid);
    f.f("shm_nattch").put_udec(ds.shm_nattch);
    f.f("shm_atime").put_dec(ds.shm_atime);
    f.f("shm_dtime").put_dec(ds.shm_dtime);
    f.f("shm_ctime").put_dec(ds.shm_ctime);
  }
  f.end();
}

void print_semid_ds(DecodeCtx& ctx, std::uint64_t addr, bool stat) {
  semid64_ds ds{};
  static_assert(sizeof ds == 104);
  if (!umove_or_printaddr(ctx, addr, ds)) return;
  Fields f(ctx.out);
  print_ipc_perm(f.f("sem_perm"), ds.sem_perm, stat);
  if (stat) {
    f.f("sem_otime").put_dec(ds.sem_otime);
    f.f("sem_ctime").put_dec(ds.sem_ctime);
    f.f("sem_nsems").put_udec(ds.sem_nsems);
  }
  f.end();
}

void print_msqid_ds(DecodeCtx& ctx, std::uint64_t addr, bool stat) {
  msqid64_ds ds{};
  static_assert(sizeof ds == 120);
  if (!umove_or_printaddr(ctx, addr, ds)) return;
  Fields f(ctx.out);
  print_ipc_perm(f.f("msg_perm"), ds.msg_perm, stat);
  if (stat) {
    f.f("msg_stime").put_dec(ds.msg_stime);
    f.f("msg_rtime").put_dec(ds.msg_rtime);
    f.f("msg_ctime").put_dec(ds.msg_ctime);
    f.f("msg_qnum").put_udec(ds.msg_qnum);
  }
  f.f("msg_qbytes").put_udec(ds.msg_qbytes);
  if (stat) {
    // Plain numbers: strace gives these pids no -Y comm.
    f.f("msg_lspid").put_dec(ds.msg_lspid);
    f.f("msg_lrpid").put_dec(ds.msg_lrpid);
  }
  f.end();
}

void print_ds(DecodeCtx& ctx, Ipc ipc, std::uint64_t addr, bool stat) {
  switch (ipc) {
    case Ipc::Shm:
      print_shmid_ds(ctx, addr, stat);
      return;
    case Ipc::Sem:
      print_semid_ds(ctx, addr, stat);
      return;
    case Ipc::Msg:
      print_msqid_ds(ctx, addr, stat);
      return;
  }
}

void print_shminfo(DecodeCtx& ctx, std::uint64_t addr) {
  shminfo64 i{};
  if (!umove_or_printaddr(ctx, addr, i)) return;
  Fields f(ctx.out);
  f.f("shmmax").put_udec(i.shmmax);
  f.f("shmmin").put_udec(i.shmmin);
  f.f("shmmni").put_udec(i.shmmni);
  f.f("shmseg").put_udec(i.shmseg);
  f.f("shmall").put_udec(i.shmall);
  f.end();
}

void print_shm_info(DecodeCtx& ctx, std::uint64_t addr) {
  shm_info i{};
  if (!umove_or_printaddr(ctx, addr, i)) return;
  Fields f(ctx.out);
  f.f("used_ids").put_dec(i.used_ids);
  f.f("shm_tot").put_udec(i.shm_tot);
  f.f("shm_rss").put_udec(i.shm_rss);
  f.f("shm_swp").put_udec(i.shm_swp);
  f.f("swap_attempts").put_udec(i.swap_attempts);
  f.f("swap_successes").put_udec(i.swap_successes);
  f.end();
}

void print_seminfo(DecodeCtx& ctx, std::uint64_t addr) {
  seminfo i{};
  if (!umove_or_printaddr(ctx, addr, i)) return;
  Fields f(ctx.out);
  f.f("semmap").put_dec(i.semmap);
  f.f("semmni").put_dec(i.semmni);
  f.f("semmns").put_dec(i.semmns);
  f.f("semmnu").put_dec(i.semmnu);
  f.f("semmsl").put_dec(i.semmsl);
  f.f("semopm").put_dec(i.semopm);
  f.f("semume").put_dec(i.semume);
  f.f("semusz").put_dec(i.semusz);
  f.f("semvmx").put_dec(i.semvmx);
  f.f("semaem").put_dec(i.semaem);
  f.end();
}

void print_msginfo(DecodeCtx& ctx, std::uint64_t addr) {
  msginfo i{};
  if (!umove_or_printaddr(ctx, addr, i)) return;
  Fields f(ctx.out);
  f.f("msgpool").put_dec(i.msgpool);
  f.f("msgmap").put_dec(i.msgmap);
  f.f("msgmax").put_dec(i.msgmax);
  f.f("msgmnb").put_dec(i.msgmnb);
  f.f("msgmni").put_dec(i.msgmni);
  f.f("msgssz").put_dec(i.msgssz);
  f.f("msgtql").put_dec(i.msgtql);
  f.f("msgseg").put_udec(i.msgseg);
  f.end();
}

// What a *ctl command does with its buffer argument.
enum class CtlArg : std::uint8_t {
  Addr,     // nothing to decode: the address (or semctl's union value)
  SetIn,    // IPC_SET: the structure read at entry
  StatOut,  // IPC_STAT, *_STAT, *_STAT_ANY: the structure filled by the kernel
  InfoOut,  // IPC_INFO, SEM_INFO, MSG_INFO: the limits
  ShmInfo,  // SHM_INFO: struct shm_info
};

CtlArg ctl_arg(Ipc ipc, std::uint32_t cmd) {
  const std::uint32_t c = cmd & ~std::uint32_t{IPC_64};  // strace decodes IPC_64|IPC_SET as IPC_SET
  if (c == IPC_SET) return CtlArg::SetIn;
  if (c == IPC_STAT) return CtlArg::StatOut;
  if (c == IPC_INFO) return CtlArg::InfoOut;
  // The numbers overlap between the families (SHM_STAT == MSG_STAT_ANY, SHM_LOCK == MSG_STAT).
  switch (ipc) {
    case Ipc::Shm:
      if (c == SHM_STAT || c == SHM_STAT_ANY) return CtlArg::StatOut;
      return c == SHM_INFO ? CtlArg::ShmInfo : CtlArg::Addr;
    case Ipc::Sem:
      if (c == SEM_STAT || c == SEM_STAT_ANY) return CtlArg::StatOut;
      return c == SEM_INFO ? CtlArg::InfoOut : CtlArg::Addr;
    case Ipc::Msg:
      if (c == MSG_STAT || c == MSG_STAT_ANY) return CtlArg::StatOut;
      return c == MSG_INFO ? CtlArg::InfoOut : CtlArg::Addr;
  }
  return CtlArg::Addr;
}

// The command: "IPC_STAT", "IPC_64|IPC_STAT", "0xff /* SHM_??? */".
void print_ctl_cmd(OutBuf& out, const FlagSet& set, std::uint32_t cmd, Ipc ipc) {
  if ((cmd & IPC_64) != 0) {
    print_xlat_raw(out, IPC_64, "IPC_64");
    out.put('|');
    cmd &= ~std::uint32_t{IPC_64};
  }
  const char* dflt = ipc == Ipc::Shm ? "SHM_???" : ipc == Ipc::Sem ? "SEM_???" : "MSG_???";
  printxval(out, &set, cmd, dflt);
}

// The *ctl argument that follows the command (shmctl's and msgctl's 2, semctl's 3).
int ctl_cmd_index(const DecodeCtx& ctx) {
  return ctx.call.entry->nargs - 2;
}

constexpr int kCtlAtExit = 1;

}  // namespace

// shmctl(id, cmd, buf), semctl(id, num, cmd, arg), msgctl(id, cmd, buf): IPC_SET's structure at
// entry, what the kernel fills at exit (the address when the call failed), else the address.
int ipc_ctl_entry(DecodeCtx& ctx) {
  const SyscallEntry& e = *ctx.call.entry;
  const auto& a = ctx.call.args;
  OutBuf& out = ctx.out;
  const auto ci = static_cast<std::size_t>(ctl_cmd_index(ctx));
  for (std::size_t i = 0; i < ci; ++i) {
    print_arg(ctx, e.args[i], a[i]);
    out.put(", ");
  }
  const Ipc ipc = ipc_of(ctx);
  const auto cmd = static_cast<std::uint32_t>(a[ci]);
  print_ctl_cmd(out, set_of(e.args[ci]), cmd, ipc);
  out.put(", ");
  const std::uint64_t addr = a[ci + 1];
  switch (ctl_arg(ipc, cmd)) {
    case CtlArg::Addr:
      print_addr(out, addr);
      return kAllPrinted;
    case CtlArg::SetIn:
      print_ds(ctx, ipc, addr, false);
      return kAllPrinted;
    case CtlArg::StatOut:
    case CtlArg::InfoOut:
    case CtlArg::ShmInfo:
      break;
  }
  return kCtlAtExit;
}

void ipc_ctl_exit(DecodeCtx& ctx, int from) {
  if (from != kCtlAtExit) return;
  const auto ci = static_cast<std::size_t>(ctl_cmd_index(ctx));
  const Ipc ipc = ipc_of(ctx);
  const std::uint64_t addr = ctx.call.args[ci + 1];
  switch (ctl_arg(ipc, static_cast<std::uint32_t>(ctx.call.args[ci]))) {
    case CtlArg::Addr:
    case CtlArg::SetIn:
      return;
    case CtlArg::StatOut:
      print_ds(ctx, ipc, addr, true);
      return;
    case CtlArg::ShmInfo:
      print_shm_info(ctx, addr);
      return;
    case CtlArg::InfoOut:
      switch (ipc) {
        case Ipc::Shm:
          print_shminfo(ctx, addr);
          return;
        case Ipc::Sem:
          print_seminfo(ctx, addr);
          return;
        case Ipc::Msg:
          print_msginfo(ctx, addr);
          return;
      }
  }
}

// mq_open(name, flags[, mode, attr]): the mode and the attributes only with O_CREAT.
int mq_open_entry(DecodeCtx& ctx) {
  const SyscallEntry& e = *ctx.call.entry;
  const auto& a = ctx.call.args;
  OutBuf& out = ctx.out;
  const std::size_t n = (a[1] & O_CREAT) != 0 ? e.nargs : 2u;
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0) out.put(", ");
    print_arg(ctx, e.args[i], a[i]);
  }
  return kAllPrinted;
}

// mq_timedreceive: the arguments by kind; the timeout, read by the kernel at entry, prints even
// when the call failed (strace clears the error around it).
void mq_timedreceive_exit(DecodeCtx& ctx, int from) {
  const SyscallEntry& e = *ctx.call.entry;
  const auto& a = ctx.call.args;
  const std::size_t last = e.nargs - 1u;
  for (auto i = static_cast<std::size_t>(from); i < last; ++i) {
    print_arg(ctx, e.args[i], a[i]);
    ctx.out.put(", ");
  }
  ctx.exiting = false;
  print_arg(ctx, e.args[last], a[last]);
  ctx.exiting = true;
}

// --- argument kinds ------------------------------------------------------------------------------

// key_t: IPC_PRIVATE, else its 32 bits in hex ("0xffffffff" for -1).
void print_ipc_key(OutBuf& out, std::uint64_t key) {
  printxval(out, &flag_set(FlagSetId::ipc_key), static_cast<std::uint32_t>(key), nullptr);
}

// shmget/semget/msgget flags: the named flags, shmget's huge page size, then the permissions in
// octal: "IPC_CREAT|IPC_EXCL|21<<SHM_HUGE_SHIFT|0600", "000". shmget always puts a '|' after the
// flags ("0x8000|000"); semget and msgget only after a name or in -X raw ("0x8000000"), as
// strace's printflags return value decides there.
void print_ipc_flags(OutBuf& out, std::uint64_t value, bool shm) {
  const FlagSet& set = flag_set(shm ? FlagSetId::shmget : FlagSetId::ipc_get);
  const auto flags = static_cast<std::uint32_t>(value);
  constexpr unsigned kHugeShift = 26;  // SHM_HUGE_SHIFT
  constexpr std::uint32_t kHugeMask = 0x3fu << kHugeShift;
  std::uint32_t rest = flags & ~kPermMask;
  const std::uint32_t huge = shm ? rest & kHugeMask : 0;
  rest &= ~huge;
  if (rest != 0) {
    printflags(out, &set, rest, nullptr);
    if (shm || xlat_style() == XlatStyle::Raw || any_named(set, rest)) out.put('|');
  }
  if (huge != 0) {
    out.put_udec(huge >> kHugeShift);
    out.put("<<");
    print_xlat_text(out, kHugeShift, ValFmt::Udec, "SHM_HUGE_SHIFT");
    out.put('|');
  }
  print_03o(out, flags & kPermMask);
}

void print_sembufs(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t count) {
  const FlagSet& flg = flag_set(FlagSetId::sem_flg);
  OutBuf& out = ctx.out;
  print_array(ctx, addr, static_cast<std::uint32_t>(count), sizeof(sembuf),
              [&](const unsigned char* p) {
                sembuf b{};
                std::memcpy(&b, p, sizeof b);
                out.put("{sem_num=");
                out.put_udec(b.sem_num);
                out.put(", sem_op=");
                out.put_dec(b.sem_op);
                out.put(", sem_flg=");
                printflags(out, &flg, static_cast<std::uint16_t>(b.sem_flg), "SEM_???");
                out.put('}');
                return true;
              });
}

void print_msgbuf(DecodeCtx& ctx, std::uint64_t addr, std::uint64_t len) {
  // strace reads a whole struct msgbuf (mtype and the first mtext bytes, 16 in all) before it
  // looks at mtext: a shorter readable buffer prints as its address.
  msgbuf m{};
  static_assert(sizeof m == 16);
  if (!umove_or_printaddr(ctx, addr, m)) return;
  OutBuf& out = ctx.out;
  out.put("{mtype=");
  out.put_dec(m.mtype);
  out.put(", mtext=");
  printstrn(ctx, addr + offsetof(msgbuf, mtext), len);
  out.put('}');
}

void print_mq_attr(DecodeCtx& ctx, std::uint64_t addr) {
  mq_attr attr{};
  static_assert(sizeof attr == 64);
  if (!umove_or_printaddr(ctx, addr, attr)) return;
  Fields f(ctx.out);
  printflags(f.f("mq_flags"), &flag_set(FlagSetId::mq_attr_flags),
             static_cast<std::uint64_t>(attr.mq_flags), "O_???");
  f.f("mq_maxmsg").put_dec(attr.mq_maxmsg);
  f.f("mq_msgsize").put_dec(attr.mq_msgsize);
  f.f("mq_curmsgs").put_dec(attr.mq_curmsgs);
  f.end();
}

}  // namespace scry::dec
