// quotactl and quotactl_fd: QCMD(cmd, type), then the id and the address as the command uses
// them (VFS and XFS quota structures), as strace 6.1 prints them.
#include <linux/dqblk_xfs.h>
#include <linux/quota.h>

#include "decode/custom.hpp"

namespace scry::dec {

namespace {

constexpr unsigned kSubCmdShift = 8;
constexpr std::uint32_t kSubCmdMask = 0xff;

void next(OutBuf& out) {
  out.put(", ");
}

// QCMD(Q_GETQUOTA, USRQUOTA); -X raw: the unsigned number; -X verbose: both.
void print_qcmd(OutBuf& out, std::uint32_t qcmd) {
  static const FlagSet* const cmds = find_set("quota_cmd");
  static const FlagSet* const types = find_set("quota_type");
  print_styled(out, qcmd, ValFmt::Udec, [&](OutBuf& o) {
    const XlatStyle saved = xlat_style();
    set_xlat_style(XlatStyle::Abbrev);
    o.put("QCMD(");
    printxval(o, cmds, qcmd >> kSubCmdShift, "Q_???");
    o.put(", ");
    printxval(o, types, qcmd & kSubCmdMask, "???QUOTA");
    o.put(')');
    set_xlat_style(saved);
    return true;
  });
}

// struct if_dqblk / if_nextdqblk (next: with dqb_id, which -v prints last and the abbreviated
// form before its "...").
template <typename Dqblk>
void print_dqblk(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const valid = find_set("quota_dqb_valid");
  Dqblk d{};
  if (!umove_or_printaddr(ctx, addr, d)) return;
  OutBuf& out = ctx.out;
  Fields f(out);
  f.f("dqb_bhardlimit").put_udec(d.dqb_bhardlimit);
  f.f("dqb_bsoftlimit").put_udec(d.dqb_bsoftlimit);
  f.f("dqb_curspace").put_udec(d.dqb_curspace);
  f.f("dqb_ihardlimit").put_udec(d.dqb_ihardlimit);
  f.f("dqb_isoftlimit").put_udec(d.dqb_isoftlimit);
  f.f("dqb_curinodes").put_udec(d.dqb_curinodes);
  if (ctx.opt.verbose) {
    f.f("dqb_btime").put_udec(d.dqb_btime);
    f.f("dqb_itime").put_udec(d.dqb_itime);
    f.f("dqb_valid");
    printflags(out, valid, d.dqb_valid, "QIF_???");
  }
  if constexpr (requires { d.dqb_id; }) {
    f.f("dqb_id").put_udec(d.dqb_id);
  }
  if (!ctx.opt.verbose) f.more();
  f.end();
}

void print_dqinfo(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const flags = find_set("quota_dqi_flags");
  static const FlagSet* const valid = find_set("quota_dqi_valid");
  if_dqinfo d{};
  if (!umove_or_printaddr(ctx, addr, d)) return;
  OutBuf& out = ctx.out;
  Fields f(out);
  f.f("dqi_bgrace").put_udec(d.dqi_bgrace);
  f.f("dqi_igrace").put_udec(d.dqi_igrace);
  f.f("dqi_flags");
  printflags(out, flags, d.dqi_flags, "DQF_???");
  f.f("dqi_valid");
  printflags(out, valid, d.dqi_valid, "IIF_???");
  f.end();
}

void print_fs_disk_quota(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const flags = find_set("xfs_dqblk_flags");
  fs_disk_quota d{};
  if (!umove_or_printaddr(ctx, addr, d)) return;
  OutBuf& out = ctx.out;
  Fields f(out);
  f.f("d_version").put_dec(d.d_version);
  f.f("d_flags");
  printflags(out, flags, static_cast<std::uint8_t>(d.d_flags), "FS_???_QUOTA");
  f.f("d_fieldmask");
  out.put_hex(d.d_fieldmask);
  f.f("d_id").put_udec(d.d_id);
  f.f("d_blk_hardlimit").put_udec(d.d_blk_hardlimit);
  f.f("d_blk_softlimit").put_udec(d.d_blk_softlimit);
  f.f("d_ino_hardlimit").put_udec(d.d_ino_hardlimit);
  f.f("d_ino_softlimit").put_udec(d.d_ino_softlimit);
  f.f("d_bcount").put_udec(d.d_bcount);
  f.f("d_icount").put_udec(d.d_icount);
  if (!ctx.opt.verbose) {
    f.more();
    f.end();
    return;
  }
  f.f("d_itimer").put_dec(d.d_itimer);
  f.f("d_btimer").put_dec(d.d_btimer);
  f.f("d_iwarns").put_udec(d.d_iwarns);
  f.f("d_bwarns").put_udec(d.d_bwarns);
  f.f("d_rtb_hardlimit").put_udec(d.d_rtb_hardlimit);
  f.f("d_rtb_softlimit").put_udec(d.d_rtb_softlimit);
  f.f("d_rtbcount").put_udec(d.d_rtbcount);
  f.f("d_rtbtimer").put_dec(d.d_rtbtimer);
  f.f("d_rtbwarns").put_udec(d.d_rtbwarns);
  f.end();
}

template <typename Qfilestat>
void print_qfilestat(OutBuf& out, const Qfilestat& q) {
  Fields f(out);
  f.f("qfs_ino").put_udec(q.qfs_ino);
  f.f("qfs_nblks").put_udec(q.qfs_nblks);
  f.f("qfs_nextents").put_udec(q.qfs_nextents);
  f.end();
}

// struct fs_quota_stat (Q_XGETQSTAT) and struct fs_quota_statv (Q_XGETQSTATV): the same fields in
// their own orders; abbreviated to the version.
template <typename Stat>
void print_quota_stat(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const flags = find_set("xfs_quota_flags");
  constexpr bool kStatv = requires(Stat s) {
    s.qs_pquota;
  };
  Stat s{};
  if (!umove_or_printaddr(ctx, addr, s)) return;
  OutBuf& out = ctx.out;
  Fields f(out);
  f.f("qs_version").put_dec(s.qs_version);
  if (!ctx.opt.verbose) {
    f.more();
    f.end();
    return;
  }
  f.f("qs_flags");
  printflags(out, flags, s.qs_flags, "FS_QUOTA_???");
  if constexpr (kStatv) f.f("qs_incoredqs").put_udec(s.qs_incoredqs);
  print_qfilestat(f.f("qs_uquota"), s.qs_uquota);
  print_qfilestat(f.f("qs_gquota"), s.qs_gquota);
  if constexpr (kStatv) {
    print_qfilestat(f.f("qs_pquota"), s.qs_pquota);
  } else {
    f.f("qs_incoredqs").put_udec(s.qs_incoredqs);
  }
  f.f("qs_btimelimit").put_dec(s.qs_btimelimit);
  f.f("qs_itimelimit").put_dec(s.qs_itimelimit);
  f.f("qs_rtbtimelimit").put_dec(s.qs_rtbtimelimit);
  f.f("qs_bwarnlimit").put_udec(s.qs_bwarnlimit);
  f.f("qs_iwarnlimit").put_udec(s.qs_iwarnlimit);
  f.end();
}

// "[FLAGS]": the u32 Q_XQUOTAON/OFF/RM read at entry.
void print_xfs_flags_ptr(DecodeCtx& ctx, std::uint64_t addr, const char* set_name,
                         const char* dflt) {
  std::uint32_t v = 0;
  if (!umove_or_printaddr(ctx, addr, v)) return;
  ctx.out.put('[');
  printflags(ctx.out, find_set(set_name), v, dflt);
  ctx.out.put(']');
}

// The command's arguments after the special file: entry part. Returns kAllPrinted, or 0 when the
// exit prints a structure the kernel wrote.
int quota_args_entry(DecodeCtx& ctx, std::uint32_t qcmd, std::uint64_t id, std::uint64_t addr) {
  static const FlagSet* const formats = find_set("quota_format");
  OutBuf& out = ctx.out;
  switch (qcmd >> kSubCmdShift) {
    case Q_SYNC:
    case Q_QUOTAOFF:
    case Q_XQUOTASYNC:
      return kAllPrinted;
    case Q_QUOTAON:
      next(out);
      printxval(out, formats, static_cast<std::uint32_t>(id), "QFMT_VFS_???");
      next(out);
      printpath(ctx, addr);
      return kAllPrinted;
    case Q_GETQUOTA:
    case Q_GETNEXTQUOTA:
    case Q_XGETQUOTA:
    case Q_XGETNEXTQUOTA:
      next(out);
      print_uid(out, static_cast<unsigned>(id));
      next(out);
      return 0;
    case Q_GETINFO:
    case Q_GETFMT:
    case Q_XGETQSTAT:
    case Q_XGETQSTATV:
      next(out);
      return 0;
    case Q_SETQUOTA:
      next(out);
      print_uid(out, static_cast<unsigned>(id));
      next(out);
      print_dqblk<if_dqblk>(ctx, addr);
      return kAllPrinted;
    case Q_XSETQLIM:
      next(out);
      print_uid(out, static_cast<unsigned>(id));
      next(out);
      print_fs_disk_quota(ctx, addr);
      return kAllPrinted;
    case Q_SETINFO:
      next(out);
      print_dqinfo(ctx, addr);
      return kAllPrinted;
    case Q_XQUOTAON:
    case Q_XQUOTAOFF:
      next(out);
      print_xfs_flags_ptr(ctx, addr, "xfs_quota_flags", "FS_QUOTA_???");
      return kAllPrinted;
    case Q_XQUOTARM:
      next(out);
      print_xfs_flags_ptr(ctx, addr, "xfs_dqblk_flags", "FS_???_QUOTA");
      return kAllPrinted;
    default:
      next(out);
      print_uid(out, static_cast<unsigned>(id));
      next(out);
      print_addr(out, addr);
      return kAllPrinted;
  }
}

void quota_args_exit(DecodeCtx& ctx, std::uint32_t qcmd, std::uint64_t addr) {
  switch (qcmd >> kSubCmdShift) {
    case Q_GETQUOTA:
      print_dqblk<if_dqblk>(ctx, addr);
      return;
    case Q_GETNEXTQUOTA:
      print_dqblk<if_nextdqblk>(ctx, addr);
      return;
    case Q_XGETQUOTA:
    case Q_XGETNEXTQUOTA:
      print_fs_disk_quota(ctx, addr);
      return;
    case Q_GETINFO:
      print_dqinfo(ctx, addr);
      return;
    case Q_GETFMT: {
      static const FlagSet* const formats = find_set("quota_format");
      std::uint32_t fmt = 0;
      if (!umove_or_printaddr(ctx, addr, fmt)) return;
      ctx.out.put('[');
      printxval(ctx.out, formats, fmt, "QFMT_VFS_???");
      ctx.out.put(']');
      return;
    }
    case Q_XGETQSTAT:
      print_quota_stat<fs_quota_stat>(ctx, addr);
      return;
    case Q_XGETQSTATV:
      print_quota_stat<fs_quota_statv>(ctx, addr);
      return;
    default:
      return;
  }
}

}  // namespace

// quotactl(cmd, special, id, addr)
int quotactl_entry(DecodeCtx& ctx) {
  const auto& a = ctx.call.args;
  const auto qcmd = static_cast<std::uint32_t>(a[0]);
  print_qcmd(ctx.out, qcmd);
  next(ctx.out);
  printpath(ctx, a[1]);
  return quota_args_entry(ctx, qcmd, a[2], a[3]);
}

void quotactl_exit(DecodeCtx& ctx, int from) {
  if (from == 0)
    quota_args_exit(ctx, static_cast<std::uint32_t>(ctx.call.args[0]), ctx.call.args[3]);
}

// quotactl_fd(fd, cmd, id, addr)
int quotactl_fd_entry(DecodeCtx& ctx) {
  const auto& a = ctx.call.args;
  const auto qcmd = static_cast<std::uint32_t>(a[1]);
  printfd(ctx, static_cast<int>(a[0]));
  next(ctx.out);
  print_qcmd(ctx.out, qcmd);
  return quota_args_entry(ctx, qcmd, a[2], a[3]);
}

void quotactl_fd_exit(DecodeCtx& ctx, int from) {
  if (from == 0)
    quota_args_exit(ctx, static_cast<std::uint32_t>(ctx.call.args[1]), ctx.call.args[3]);
}

}  // namespace scry::dec
