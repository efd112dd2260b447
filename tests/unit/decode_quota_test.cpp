// quotactl and quotactl_fd. Expected strings are strace 6.1 output (the addresses are the fake
// memory's; the successful reads were checked with strace's -e inject=quotactl:retval=0).
#include <linux/dqblk_xfs.h>
#include <linux/quota.h>

#include <gtest/gtest.h>

#include <cstring>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::uint64_t qcmd(std::uint32_t cmd, std::uint32_t type) {
  return (cmd << 8) | type;
}

DecodeOptions verbose() {
  DecodeOptions o;
  o.verbose = true;
  return o;
}

TEST(DecodeQuota, CommandWord) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/dev/null");
  auto q = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
               DecodeOptions opt = {}) { return line_of(mem, "quotactl", args, ret, err, opt); };
  EXPECT_EQ(q({qcmd(Q_GETQUOTA, USRQUOTA), 0x1000, 0, 0}, -15, true),
            "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/dev/null\", 0, NULL) = -1 ENOTBLK (Block "
            "device required)");
  EXPECT_EQ(q({qcmd(Q_GETQUOTA, 7), 0x1000, 5, 0x2000}, -22, true),
            "quotactl(QCMD(Q_GETQUOTA, 0x7 /* ???QUOTA */), \"/dev/null\", 5, 0x2000) = -1 EINVAL "
            "(Invalid argument)");
  EXPECT_EQ(q({0xffffffff, 0x1000, 5, 0x2000}, -22, true, with_xlat(XlatStyle::Verbose)),
            "quotactl(4294967295 /* QCMD(0xffffff /* Q_??? */, 0xff /* ???QUOTA */) */, "
            "\"/dev/null\", 5, 0x2000) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(q({qcmd(Q_GETQUOTA, USRQUOTA), 0x1000, 0, 0}, -15, true, with_xlat(XlatStyle::Raw)),
            "quotactl(2147485440, \"/dev/null\", 0, NULL) = -1 ENOTBLK (Block device required)");
  // The Linux 2.4 commands are named but not decoded.
  EXPECT_EQ(q({qcmd(0x0400, USRQUOTA), 0x1000, kNeg(-1), 0x2000}, -15, true),
            "quotactl(QCMD(Q_V1_SETQUOTA, USRQUOTA), \"/dev/null\", -1, 0x2000) = -1 ENOTBLK "
            "(Block device required)");
  EXPECT_EQ(q({qcmd(0x1200, USRQUOTA), 0x1000, kNeg(-2), 0x2000}, -15, true),
            "quotactl(QCMD(0x1200 /* Q_??? */, USRQUOTA), \"/dev/null\", 4294967294, 0x2000) = -1 "
            "ENOTBLK (Block device required)");
  EXPECT_EQ(q({0x1234567800000000 | qcmd(Q_SYNC, USRQUOTA), 0, 0, 0x2000}, 0),
            "quotactl(QCMD(Q_SYNC, USRQUOTA), NULL) = 0");
  EXPECT_EQ(q({qcmd(Q_QUOTAOFF, GRPQUOTA), 0x1000, 5, 0x2000}, -15, true),
            "quotactl(QCMD(Q_QUOTAOFF, GRPQUOTA), \"/dev/null\") = -1 ENOTBLK (Block device "
            "required)");
  EXPECT_EQ(q({qcmd(Q_QUOTAON, USRQUOTA), 0x1000, 0x100000004, 0x1000}, -15, true),
            "quotactl(QCMD(Q_QUOTAON, USRQUOTA), \"/dev/null\", QFMT_VFS_V1, \"/dev/null\") = -1 "
            "ENOTBLK (Block device required)");
  EXPECT_EQ(q({qcmd(Q_QUOTAON, USRQUOTA), 0x1000, 99, 0}, -15, true, with_xlat(XlatStyle::Verbose)),
            "quotactl(2147484160 /* QCMD(Q_QUOTAON, USRQUOTA) */, \"/dev/null\", 0x63 /* "
            "QFMT_VFS_??? */, NULL) = -1 ENOTBLK (Block device required)");
  EXPECT_EQ(line_of(mem, "quotactl_fd", {3, qcmd(Q_SYNC, USRQUOTA), 5, 0}, 0),
            "quotactl_fd(3, QCMD(Q_SYNC, USRQUOTA)) = 0");
  EXPECT_EQ(line_of(mem, "quotactl_fd", {kNeg(-1), qcmd(Q_QUOTAON, USRQUOTA), 2, 0x1000}, -9, true),
            "quotactl_fd(-1, QCMD(Q_QUOTAON, USRQUOTA), QFMT_VFS_V0, \"/dev/null\") = -1 EBADF "
            "(Bad file descriptor)");
}

TEST(DecodeQuota, VfsStructures) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/dev/null");
  if_dqblk dq{};
  dq.dqb_bhardlimit = 1000;
  dq.dqb_curspace = 4096;
  dq.dqb_btime = 1700000000;
  dq.dqb_valid = QIF_ALL;
  mem.map_obj(0x2000, dq);
  if_nextdqblk nd{};
  nd.dqb_bhardlimit = 1;
  nd.dqb_valid = 0x40;
  nd.dqb_id = 4075545821u;
  mem.map_obj(0x3000, nd);
  if_dqinfo di{};
  di.dqi_bgrace = 100;
  di.dqi_igrace = 200;
  di.dqi_flags = 0xff;
  di.dqi_valid = 0x10;
  mem.map_obj(0x4000, di);
  const std::uint32_t fmt = 77;
  mem.map_obj(0x5000, fmt);
  auto q = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
               DecodeOptions opt = {}) { return line_of(mem, "quotactl", args, ret, err, opt); };
  SyscallRun r =
      run_syscall(mem, nr_of("quotactl"), {qcmd(Q_GETQUOTA, USRQUOTA), 0x1000, 0, 0x2000}, 0);
  EXPECT_EQ(r.entry, "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/dev/null\", 0, ");
  EXPECT_EQ(r.line(),
            "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/dev/null\", 0, {dqb_bhardlimit=1000, "
            "dqb_bsoftlimit=0, dqb_curspace=4096, dqb_ihardlimit=0, dqb_isoftlimit=0, "
            "dqb_curinodes=0, ...}) = 0");
  EXPECT_EQ(q({qcmd(Q_GETQUOTA, USRQUOTA), 0x1000, 0, 0x2000}, 0, false, verbose()),
            "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/dev/null\", 0, {dqb_bhardlimit=1000, "
            "dqb_bsoftlimit=0, dqb_curspace=4096, dqb_ihardlimit=0, dqb_isoftlimit=0, "
            "dqb_curinodes=0, dqb_btime=1700000000, dqb_itime=0, dqb_valid=QIF_BLIMITS|QIF_SPACE|"
            "QIF_ILIMITS|QIF_INODES|QIF_BTIME|QIF_ITIME}) = 0");
  EXPECT_EQ(q({qcmd(Q_GETQUOTA, GRPQUOTA), 0x1000, 1000, 0x2000}, -15, true),
            "quotactl(QCMD(Q_GETQUOTA, GRPQUOTA), \"/dev/null\", 1000, 0x2000) = -1 ENOTBLK (Block "
            "device required)");
  EXPECT_EQ(q({qcmd(Q_SETQUOTA, USRQUOTA), 0x1000, 5, 0x2000}, -15, true),
            "quotactl(QCMD(Q_SETQUOTA, USRQUOTA), \"/dev/null\", 5, {dqb_bhardlimit=1000, "
            "dqb_bsoftlimit=0, dqb_curspace=4096, dqb_ihardlimit=0, dqb_isoftlimit=0, "
            "dqb_curinodes=0, ...}) = -1 ENOTBLK (Block device required)");
  EXPECT_EQ(q({qcmd(Q_GETNEXTQUOTA, GRPQUOTA), 0x1000, 1000, 0x3000}, 0),
            "quotactl(QCMD(Q_GETNEXTQUOTA, GRPQUOTA), \"/dev/null\", 1000, {dqb_bhardlimit=1, "
            "dqb_bsoftlimit=0, dqb_curspace=0, dqb_ihardlimit=0, dqb_isoftlimit=0, "
            "dqb_curinodes=0, dqb_id=4075545821, ...}) = 0");
  EXPECT_EQ(q({qcmd(Q_GETNEXTQUOTA, GRPQUOTA), 0x1000, 1000, 0x3000}, 0, false, verbose()),
            "quotactl(QCMD(Q_GETNEXTQUOTA, GRPQUOTA), \"/dev/null\", 1000, {dqb_bhardlimit=1, "
            "dqb_bsoftlimit=0, dqb_curspace=0, dqb_ihardlimit=0, dqb_isoftlimit=0, "
            "dqb_curinodes=0, dqb_btime=0, dqb_itime=0, dqb_valid=0x40 /* QIF_??? */, "
            "dqb_id=4075545821}) = 0");
  EXPECT_EQ(q({qcmd(Q_SETINFO, GRPQUOTA), 0x1000, 5, 0x4000}, -15, true),
            "quotactl(QCMD(Q_SETINFO, GRPQUOTA), \"/dev/null\", {dqi_bgrace=100, dqi_igrace=200, "
            "dqi_flags=DQF_ROOT_SQUASH|0xfe, dqi_valid=0x10 /* IIF_??? */}) = -1 ENOTBLK (Block "
            "device required)");
  EXPECT_EQ(q({qcmd(Q_GETINFO, USRQUOTA), 0x1000, 5, 0x4000}, 0, false, with_xlat(XlatStyle::Raw)),
            "quotactl(2147484928, \"/dev/null\", {dqi_bgrace=100, dqi_igrace=200, dqi_flags=0xff, "
            "dqi_valid=0x10}) = 0");
  EXPECT_EQ(q({qcmd(Q_GETINFO, USRQUOTA), 0x1000, 5, 0}, 0),
            "quotactl(QCMD(Q_GETINFO, USRQUOTA), \"/dev/null\", NULL) = 0");
  EXPECT_EQ(q({qcmd(Q_GETFMT, USRQUOTA), 0x1000, 0, 0x5000}, 0),
            "quotactl(QCMD(Q_GETFMT, USRQUOTA), \"/dev/null\", [0x4d /* QFMT_VFS_??? */]) = 0");
  EXPECT_EQ(q({qcmd(Q_GETFMT, USRQUOTA), 0x1000, 0, 8}, 0),
            "quotactl(QCMD(Q_GETFMT, USRQUOTA), \"/dev/null\", 0x8) = 0");
  // A structure that runs off the end of readable memory: the address.
  EXPECT_EQ(q({qcmd(Q_SETQUOTA, USRQUOTA), 0x1000, 5, 0x2000 + sizeof dq - 8}, -15, true),
            "quotactl(QCMD(Q_SETQUOTA, USRQUOTA), \"/dev/null\", 5, 0x2040) = -1 ENOTBLK (Block "
            "device required)");
}

TEST(DecodeQuota, XfsStructures) {
  FakeMemory mem;
  mem.map_cstr(0x1000, "/dev/null");
  fs_disk_quota fq{};
  fq.d_version = 1;
  fq.d_flags = FS_GROUP_QUOTA;
  fq.d_fieldmask = 0xffff;
  fq.d_id = 7;
  fq.d_itimer = -5;
  fq.d_iwarns = 3;
  mem.map_obj(0x2000, fq);
  fs_quota_stat qs{};
  qs.qs_version = 1;
  qs.qs_flags = FS_QUOTA_UDQ_ACCT | FS_QUOTA_PDQ_ENFD;
  qs.qs_uquota.qfs_ino = 12;
  qs.qs_uquota.qfs_nblks = 3;
  qs.qs_uquota.qfs_nextents = 2;
  qs.qs_incoredqs = 5;
  qs.qs_btimelimit = 604800;
  mem.map_obj(0x3000, qs);
  fs_quota_statv sv{};
  sv.qs_version = 1;
  sv.qs_flags = 0x1ff;
  sv.qs_uquota.qfs_ino = 99;
  sv.qs_gquota.qfs_nblks = 77;
  sv.qs_rtbtimelimit = 3;
  mem.map_obj(0x4000, sv);
  const std::uint32_t flags[2] = {FS_QUOTA_UDQ_ACCT | FS_QUOTA_UDQ_ENFD, 0xffff};
  mem.map_obj(0x5000, flags);
  auto q = [&](std::initializer_list<std::uint64_t> args, std::int64_t ret, bool err = false,
               DecodeOptions opt = {}) { return line_of(mem, "quotactl", args, ret, err, opt); };
  EXPECT_EQ(q({qcmd(Q_XGETQUOTA, GRPQUOTA), 0x1000, 7, 0x2000}, 0),
            "quotactl(QCMD(Q_XGETQUOTA, GRPQUOTA), \"/dev/null\", 7, {d_version=1, "
            "d_flags=FS_GROUP_QUOTA, d_fieldmask=0xffff, d_id=7, d_blk_hardlimit=0, "
            "d_blk_softlimit=0, d_ino_hardlimit=0, d_ino_softlimit=0, d_bcount=0, d_icount=0, "
            "...}) = 0");
  EXPECT_EQ(q({qcmd(Q_XSETQLIM, USRQUOTA), 0x1000, 7, 0x2000}, -15, true, verbose()),
            "quotactl(QCMD(Q_XSETQLIM, USRQUOTA), \"/dev/null\", 7, {d_version=1, "
            "d_flags=FS_GROUP_QUOTA, d_fieldmask=0xffff, d_id=7, d_blk_hardlimit=0, "
            "d_blk_softlimit=0, d_ino_hardlimit=0, d_ino_softlimit=0, d_bcount=0, d_icount=0, "
            "d_itimer=-5, d_btimer=0, d_iwarns=3, d_bwarns=0, d_rtb_hardlimit=0, "
            "d_rtb_softlimit=0, d_rtbcount=0, d_rtbtimer=0, d_rtbwarns=0}) = -1 ENOTBLK (Block "
            "device required)");
  EXPECT_EQ(q({qcmd(Q_XGETNEXTQUOTA, USRQUOTA), 0x1000, 5, 0x2000}, -15, true),
            "quotactl(QCMD(Q_XGETNEXTQUOTA, USRQUOTA), \"/dev/null\", 5, 0x2000) = -1 ENOTBLK "
            "(Block device required)");
  EXPECT_EQ(q({qcmd(Q_XGETQSTAT, USRQUOTA), 0x1000, 0, 0x3000}, 0),
            "quotactl(QCMD(Q_XGETQSTAT, USRQUOTA), \"/dev/null\", {qs_version=1, ...}) = 0");
  EXPECT_EQ(q({qcmd(Q_XGETQSTAT, USRQUOTA), 0x1000, 0, 0x3000}, 0, false, verbose()),
            "quotactl(QCMD(Q_XGETQSTAT, USRQUOTA), \"/dev/null\", {qs_version=1, "
            "qs_flags=FS_QUOTA_UDQ_ACCT|FS_QUOTA_PDQ_ENFD, qs_uquota={qfs_ino=12, qfs_nblks=3, "
            "qfs_nextents=2}, qs_gquota={qfs_ino=0, qfs_nblks=0, qfs_nextents=0}, "
            "qs_incoredqs=5, qs_btimelimit=604800, qs_itimelimit=0, qs_rtbtimelimit=0, "
            "qs_bwarnlimit=0, qs_iwarnlimit=0}) = 0");
  EXPECT_EQ(q({qcmd(Q_XGETQSTATV, USRQUOTA), 0x1000, 0, 0x4000}, 0, false, verbose()),
            "quotactl(QCMD(Q_XGETQSTATV, USRQUOTA), \"/dev/null\", {qs_version=1, "
            "qs_flags=FS_QUOTA_UDQ_ACCT|FS_QUOTA_UDQ_ENFD|FS_QUOTA_GDQ_ACCT|FS_QUOTA_GDQ_ENFD|"
            "FS_QUOTA_PDQ_ACCT|FS_QUOTA_PDQ_ENFD|0x1c0, qs_incoredqs=0, qs_uquota={qfs_ino=99, "
            "qfs_nblks=0, qfs_nextents=0}, qs_gquota={qfs_ino=0, qfs_nblks=77, qfs_nextents=0}, "
            "qs_pquota={qfs_ino=0, qfs_nblks=0, qfs_nextents=0}, qs_btimelimit=0, "
            "qs_itimelimit=0, qs_rtbtimelimit=3, qs_bwarnlimit=0, qs_iwarnlimit=0}) = 0");
  EXPECT_EQ(q({qcmd(Q_XGETQSTATV, USRQUOTA), 0x1000, 0, 8}, 0),
            "quotactl(QCMD(Q_XGETQSTATV, USRQUOTA), \"/dev/null\", 0x8) = 0");
  EXPECT_EQ(q({qcmd(Q_XQUOTAON, USRQUOTA), 0x1000, 5, 0x5000}, -15, true),
            "quotactl(QCMD(Q_XQUOTAON, USRQUOTA), \"/dev/null\", [FS_QUOTA_UDQ_ACCT|"
            "FS_QUOTA_UDQ_ENFD]) = -1 ENOTBLK (Block device required)");
  EXPECT_EQ(q({qcmd(Q_XQUOTARM, USRQUOTA), 0x1000, 5, 0x5004}, -15, true),
            "quotactl(QCMD(Q_XQUOTARM, USRQUOTA), \"/dev/null\", [FS_USER_QUOTA|FS_PROJ_QUOTA|"
            "FS_GROUP_QUOTA|0xfff8]) = -1 ENOTBLK (Block device required)");
  EXPECT_EQ(
      q({qcmd(Q_XQUOTARM, USRQUOTA), 0x1000, 5, 0x5004}, -15, true, with_xlat(XlatStyle::Verbose)),
      "quotactl(5768704 /* QCMD(Q_XQUOTARM, USRQUOTA) */, \"/dev/null\", [0xffff /* "
      "FS_USER_QUOTA|FS_PROJ_QUOTA|FS_GROUP_QUOTA|0xfff8 */]) = -1 ENOTBLK (Block device "
      "required)");
  EXPECT_EQ(q({qcmd(Q_XQUOTAOFF, USRQUOTA), 0x1000, 5, 0}, -15, true),
            "quotactl(QCMD(Q_XQUOTAOFF, USRQUOTA), \"/dev/null\", NULL) = -1 ENOTBLK (Block device "
            "required)");
  EXPECT_EQ(q({qcmd(Q_XQUOTASYNC, USRQUOTA), 0x1000, 5, 0x5000}, -15, true),
            "quotactl(QCMD(Q_XQUOTASYNC, USRQUOTA), \"/dev/null\") = -1 ENOTBLK (Block device "
            "required)");
}

}  // namespace
}  // namespace scry::test
