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

// "field=N" for the unsigned fields of the quota structures.
void put_u(OutBuf& out, const char* name, std::uint64_t v) {
  out.put(name);
  out.put('=');
  out.put_udec(v);
}

void put_d(OutBuf& out, const char* name, std::int64_t v) {
  out.put(name);
  out.put('=');
  out.put_dec(v);
}

// struct if_dqblk / if_nextdqblk (next: with dqb_id, which -v prints last and the abbreviated
// form before its "...").
template <typename Dqblk>
void print_dqblk(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const valid = find_set("quota_dqb_valid");
  Dqblk d{};
  if (!umove_or_printaddr(ctx, addr, d)) return;
  OutBuf& out = ctx.out;
  put_u(out, "{dqb_bhardlimit", d.dqb_bhardlimit);
  put_u(out, ", dqb_bsoftlimit", d.dqb_bsoftlimit);
  put_u(out, ", dqb_curspace", d.dqb_curspace);
  put_u(out, ", dqb_ihardlimit", d.dqb_ihardlimit);
  put_u(out, ", dqb_isoftlimit", d.dqb_isoftlimit);
  put_u(out, ", dqb_curinodes", d.dqb_curinodes);
  if (ctx.opt.verbose) {
    put_u(out, ", dqb_btime", d.dqb_btime);
    put_u(out, ", dqb_itime", d.dqb_itime);
    out.put(", dqb_valid=");
    printflags(out, valid, d.dqb_valid, "QIF_???");
  }
  if constexpr (requires { d.dqb_id; }) {
    put_u(out, ", dqb_id", d.dqb_id);
  }
  if (!ctx.opt.verbose) out.put(", ...");
  out.put('}');
}

void print_dqinfo(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const flags = find_set("quota_dqi_flags");
  static const FlagSet* const valid = find_set("quota_dqi_valid");
  if_dqinfo d{};
  if (!umove_or_printaddr(ctx, addr, d)) return;
  OutBuf& out = ctx.out;
  put_u(out, "{dqi_bgrace", d.dqi_bgrace);
  put_u(out, ", dqi_igrace", d.dqi_igrace);
  out.put(", dqi_flags=");
  printflags(out, flags, d.dqi_flags, "DQF_???");
  out.put(", dqi_valid=");
  printflags(out, valid, d.dqi_valid, "IIF_???");
  out.put('}');
}

void print_fs_disk_quota(DecodeCtx& ctx, std::uint64_t addr) {
  static const FlagSet* const flags = find_set("xfs_dqblk_flags");
  fs_disk_quota d{};
  if (!umove_or_printaddr(ctx, addr, d)) return;
  OutBuf& out = ctx.out;
  put_d(out, "{d_version", d.d_version);
  out.put(", d_flags=");
  printflags(out, flags, static_cast<std::uint8_t>(d.d_flags), "FS_???_QUOTA");
  out.put(", d_fieldmask=");
  out.put_hex(d.d_fieldmask);
  put_u(out, ", d_id", d.d_id);
  put_u(out, ", d_blk_hardlimit", d.d_blk_hardlimit);
  put_u(out, ", d_blk_softlimit", d.d_blk_softlimit);
  put_u(out, ", d_ino_hardlimit", d.d_ino_hardlimit);
  put_u(out, ", d_ino_softlimit", d.d_ino_softlimit);
  put_u(out, ", d_bcount", d.d_bcount);
  put_u(out, ", d_icount", d.d_icount);
  if (!ctx.opt.verbose) {
    out.put(", ...}");
    return;
  }
  put_d(out, ", d_itimer", d.d_itimer);
  put_d(out, ", d_btimer", d.d_btimer);
  put_u(out, ", d_iwarns", d.d_iwarns);
  put_u(out, ", d_bwarns", d.d_bwarns);
  put_u(out, ", d_rtb_hardlimit", d.d_rtb_hardlimit);
  put_u(out, ", d_rtb_softlimit", d.d_rtb_softlimit);
  put_u(out, ", d_rtbcount", d.d_rtbcount);
  put_d(out, ", d_rtbtimer", d.d_rtbtimer);
  put_u(out, ", d_rtbwarns", d.d_rtbwarns);
  out.put('}');
}

template <typename Qfilestat>
void print_qfilestat(OutBuf& out, const char* name, const Qfilestat& f) {
  out.put(name);
  put_u(out, "={qfs_ino", f.qfs_ino);
  put_u(out, ", qfs_nblks", f.qfs_nblks);
  put_u(out, ", qfs_nextents", f.qfs_nextents);
  out.put('}');
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
  put_d(out, "{qs_version", s.qs_version);
  if (!ctx.opt.verbose) {
    out.put(", ...}");
    return;
  }
  out.put(", qs_flags=");
  printflags(out, flags, s.qs_flags, "FS_QUOTA_???");
  if constexpr (kStatv) put_u(out, ", qs_incoredqs", s.qs_incoredqs);
  print_qfilestat(out, ", qs_uquota", s.qs_uquota);
  print_qfilestat(out, ", qs_gquota", s.qs_gquota);
  if constexpr (kStatv) {
    print_qfilestat(out, ", qs_pquota", s.qs_pquota);
  } else {
    put_u(out, ", qs_incoredqs", s.qs_incoredqs);
  }
  put_d(out, ", qs_btimelimit", s.qs_btimelimit);
  put_d(out, ", qs_itimelimit", s.qs_itimelimit);
  put_d(out, ", qs_rtbtimelimit", s.qs_rtbtimelimit);
  put_u(out, ", qs_bwarnlimit", s.qs_bwarnlimit);
  put_u(out, ", qs_iwarnlimit", s.qs_iwarnlimit);
  out.put('}');
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
