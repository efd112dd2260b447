// The socket ioctls (struct ifreq, struct ifconf) and the terminal ioctls in the -X styles, as
// strace 6.1 prints them.
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cstring>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

struct IfReq {
  char name[16];
  unsigned char u[24];
};
static_assert(sizeof(IfReq) == 40);

IfReq ifreq_named(const char* name) {
  IfReq r{};
  std::strncpy(r.name, name, sizeof r.name);
  return r;
}

TEST(DecodeSockIoctl, GetRequestsPrintTheNameAtEntryAndTheFieldAtExit) {
  FakeMemory mem;
  IfReq r = ifreq_named("lo");
  mem.map_obj(0x1000, r);
  auto run =
      run_syscall(mem, nr_of("ioctl"), {6, SIOCGIFFLAGS, 0x1000}, 0, false, {}, nullptr, 0, [&] {
        const std::uint16_t flags = 0x49;  // IFF_UP|IFF_LOOPBACK|IFF_RUNNING
        std::memcpy(r.u, &flags, 2);
        mem.map_obj(0x1000, r);
      });
  EXPECT_EQ(run.entry, "ioctl(6, SIOCGIFFLAGS, {ifr_name=\"lo\"");
  EXPECT_EQ(
      run.line(),
      "ioctl(6, SIOCGIFFLAGS, {ifr_name=\"lo\", ifr_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING}) = 0");
  EXPECT_EQ(
      line_of(mem, "ioctl", {6, SIOCGIFFLAGS, 0x1000}, 0, false, with_xlat(XlatStyle::Verbose)),
      "ioctl(6, 0x8913 /* SIOCGIFFLAGS */, {ifr_name=\"lo\", ifr_flags=0x49 /* "
      "IFF_UP|IFF_LOOPBACK|IFF_RUNNING */}) = 0");
  // A failed call: only what the entry printed.
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGIFINDEX, 0x1000}, -19, true),
            "ioctl(6, SIOCGIFINDEX, {ifr_name=\"lo\"}) = -1 ENODEV (No such device)");
  // SIOCGIFNAME: the index in, the name out.
  IfReq byindex{};
  const int index = 1;
  std::memcpy(byindex.u, &index, 4);
  mem.map_obj(0x2000, byindex);
  run = run_syscall(mem, nr_of("ioctl"), {6, SIOCGIFNAME, 0x2000}, 0, false, {}, nullptr, 0, [&] {
    std::strcpy(byindex.name, "lo");
    mem.map_obj(0x2000, byindex);
  });
  EXPECT_EQ(run.line(), "ioctl(6, SIOCGIFNAME, {ifr_ifindex=1, ifr_name=\"lo\"}) = 0");
  // Unreadable, NULL: the address.
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGIFMTU, 0x9000}, 0), "ioctl(6, SIOCGIFMTU, 0x9000) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGIFMTU, 0}, -14, true),
            "ioctl(6, SIOCGIFMTU, NULL) = -1 EFAULT (Bad address)");
}

TEST(DecodeSockIoctl, SetRequests) {
  FakeMemory mem;
  IfReq r = ifreq_named("eth0");
  const std::uint16_t ether = 1;  // ARPHRD_ETHER
  std::memcpy(r.u, &ether, 2);
  const unsigned char mac[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
  std::memcpy(r.u + 2, mac, 6);
  mem.map_obj(0x1000, r);
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCSIFHWADDR, 0x1000}, 0),
            "ioctl(6, SIOCSIFHWADDR, {ifr_name=\"eth0\", ifr_hwaddr={sa_family=ARPHRD_ETHER, "
            "sa_data=02:11:22:33:44:55}}) = 0");
  EXPECT_EQ(
      line_of(mem, "ioctl", {6, SIOCSIFHWADDR, 0x1000}, 0, false, with_xlat(XlatStyle::Raw)),
      "ioctl(6, 0x8924, {ifr_name=\"eth0\", ifr_hwaddr={sa_family=0x1, "
      "sa_data=\"\\x02\\x11\\x22\\x33\\x44\\x55\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"}}) = 0");
  const int mtu = 1500;
  std::memcpy(r.u, &mtu, 4);
  mem.map_obj(0x1000, r);
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCSIFMTU, 0x1000}, 0),
            "ioctl(6, SIOCSIFMTU, {ifr_name=\"eth0\", ifr_mtu=1500}) = 0");
  // A name without its NUL: 15 characters and "...".
  IfReq full{};
  std::memset(full.name, 'B', sizeof full.name);
  mem.map_obj(0x2000, full);
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCSIFTXQLEN, 0x2000}, 0),
            "ioctl(6, SIOCSIFTXQLEN, {ifr_name=\"BBBBBBBBBBBBBBB\"..., ifr_qlen=0}) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCSIFFLAGS, 1}, -14, true),
            "ioctl(6, SIOCSIFFLAGS, 0x1) = -1 EFAULT (Bad address)");
  mem.map_cstr(0x3000, "br0");
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCBRADDBR, 0x3000}, 0),
            "ioctl(6, SIOCBRADDBR, \"br0\") = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGSTAMP_OLD, 0}, -2, true),
            "ioctl(6, SIOCGSTAMP_OLD, NULL) = -1 ENOENT (No such file or directory)");
  // Not decoded: the argument in hex.
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCPROTOPRIVATE, 0}, -14, true),
            "ioctl(6, SIOCPROTOPRIVATE, 0) = -1 EFAULT (Bad address)");
  const int owner = 1;
  mem.map_obj(0x4000, owner);
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGPGRP, 0x4000}, 0), "ioctl(6, SIOCGPGRP, [1]) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCATMARK, 0x4000}, -25, true),
            "ioctl(6, SIOCATMARK, 0x4000) = -1 ENOTTY (Inappropriate ioctl for device)");
}

TEST(DecodeSockIoctl, Ifconf) {
  FakeMemory mem;
  struct {
    std::int32_t len;
    std::uint32_t pad;
    std::uint64_t buf;
  } ifc{200, 0, 0x2000};
  mem.map_obj(0x1000, ifc);
  IfReq lo = ifreq_named("lo");
  const std::uint16_t inet = AF_INET;
  std::memcpy(lo.u, &inet, 2);
  const unsigned char addr[4] = {127, 0, 0, 1};
  std::memcpy(lo.u + 4, addr, 4);
  mem.map_obj(0x2000, lo);
  auto run =
      run_syscall(mem, nr_of("ioctl"), {6, SIOCGIFCONF, 0x1000}, 0, false, {}, nullptr, 0, [&] {
        ifc.len = 40;
        mem.map_obj(0x1000, ifc);
      });
  EXPECT_EQ(run.line(),
            "ioctl(6, SIOCGIFCONF, {ifc_len=200 /* 5 * sizeof(struct ifreq) */ => 40 /* 1 * "
            "sizeof(struct ifreq) */, ifc_buf=[{ifr_name=\"lo\", ifr_addr={sa_family=AF_INET, "
            "sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}]}) = 0");
  // The size query: ifc_buf NULL, the length at exit only.
  ifc = {0, 0, 0};
  mem.map_obj(0x1000, ifc);
  run = run_syscall(mem, nr_of("ioctl"), {6, SIOCGIFCONF, 0x1000}, 0, false, {}, nullptr, 0, [&] {
    ifc.len = 80;
    mem.map_obj(0x1000, ifc);
  });
  EXPECT_EQ(run.line(),
            "ioctl(6, SIOCGIFCONF, {ifc_len=80 /* 2 * sizeof(struct ifreq) */, ifc_buf=NULL}) = 0");
  // A failed call: the buffer's address.
  ifc = {40, 0, 1};
  mem.map_obj(0x1000, ifc);
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGIFCONF, 0x1000}, -14, true),
            "ioctl(6, SIOCGIFCONF, {ifc_len=40 /* 1 * sizeof(struct ifreq) */, ifc_buf=0x1}) = -1 "
            "EFAULT (Bad address)");
  // A negative length: no element count (the buffer's address, as strace's print_array).
  ifc = {-40, 0, 0x2000};
  mem.map_obj(0x1000, ifc);
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGIFCONF, 0x1000}, 0),
            "ioctl(6, SIOCGIFCONF, {ifc_len=-40, ifc_buf=0x2000}) = 0");
  // Unreadable at exit: what the entry read.
  ifc = {40, 0, 0x2000};
  mem.map_obj(0x1000, ifc);
  run = run_syscall(mem, nr_of("ioctl"), {6, SIOCGIFCONF, 0x1000}, 0, false, {}, nullptr, 0,
                    [&] { mem.unmap(0x1000, sizeof ifc); });
  EXPECT_EQ(
      run.line(),
      "ioctl(6, SIOCGIFCONF, {ifc_len=40 /* 1 * sizeof(struct ifreq) */, ifc_buf=0x2000}) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {6, SIOCGIFCONF, 0x1000}, -14, true),
            "ioctl(6, SIOCGIFCONF, 0x1000) = -1 EFAULT (Bad address)");
  // -e verbose=none: struct ifconf still shows, its array as the address.
  mem.map_obj(0x1000, ifc);
  DecodeOptions quiet;
  quiet.struct_verbose = false;
  EXPECT_EQ(
      line_of(mem, "ioctl", {6, SIOCGIFCONF, 0x1000}, 0, false, quiet),
      "ioctl(6, SIOCGIFCONF, {ifc_len=40 /* 1 * sizeof(struct ifreq) */, ifc_buf=0x2000}) = 0");
}

TEST(DecodeSockIoctl, TermiosXStyles) {
  FakeMemory mem;
  termios t{};
  t.c_iflag = ICRNL | IXON;
  t.c_oflag = OPOST | ONLCR | CR2 | XTABS;
  t.c_cflag = B9600 | (B4800 << IBSHIFT) | CS8 | CREAD;
  t.c_lflag = ISIG;
  t.c_line = 3;
  mem.map_obj(0x1000, t);
  EXPECT_EQ(
      line_of(mem, "ioctl", {4, TCSETS, 0x1000}, 0),
      "ioctl(4, SNDCTL_TMR_START or TCSETS, {c_iflag=ICRNL|IXON, "
      "c_oflag=NL0|CR2|XTABS|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B9600|B4800<<IBSHIFT|CS8|CREAD, "
      "c_lflag=ISIG, ...}) = 0");
  EXPECT_EQ(
      line_of(mem, "ioctl", {4, TCSETS, 0x1000}, 0, false, with_xlat(XlatStyle::Verbose)),
      "ioctl(4, 0x5402 /* SNDCTL_TMR_START or TCSETS */, {c_iflag=0x500 /* ICRNL|IXON */, "
      "c_oflag=0 /* NL0 */|0x400 /* CR2 */|0x1800 /* XTABS */|0 /* BS0 */|0 /* VT0 */|0 /* "
      "FF0 */|0x5 /* OPOST|ONLCR */, c_cflag=0xd /* B9600 */|0xc /* B4800 */<<0x10 /* IBSHIFT "
      "*/|0x30 /* CS8 */|0x80 /* CREAD */, c_lflag=0x1 /* ISIG */, ...}) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {4, TCSETS, 0x1000}, 0, false, with_xlat(XlatStyle::Raw)),
            "ioctl(4, 0x5402, {c_iflag=0x500, c_oflag=0|0x400|0x1800|0|0|0|0x5, "
            "c_cflag=0xd|0xc<<0x10|0x30|0x80, c_lflag=0x1, ...}) = 0");
  DecodeOptions v;
  v.verbose = true;
  const std::string line = line_of(mem, "ioctl", {4, TCSETS, 0x1000}, 0, false, v);
  EXPECT_NE(line.find("c_line=N_PPP, c_cc=[[VINTR]=0, "), std::string::npos) << line;
  // All zero: the flags print nothing where strace prints nothing.
  const termios zero{};
  mem.map_obj(0x1000, zero);
  EXPECT_EQ(line_of(mem, "ioctl", {4, TCSETS, 0x1000}, 0),
            "ioctl(4, SNDCTL_TMR_START or TCSETS, {c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, "
            "c_cflag=B0|CS5|, c_lflag=, ...}) = 0");
}

TEST(DecodeSockIoctl, TermiosOtherRequests) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "ioctl", {4, TCFLSH, TCIFLUSH}, 0, false, with_xlat(XlatStyle::Verbose)),
            "ioctl(4, 0x540b /* TCFLSH */, 0 /* TCIFLUSH */) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {4, TCXONC, TCOON}, 0, false, with_xlat(XlatStyle::Raw)),
            "ioctl(4, 0x540a, 0x1) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {4, TCXONC, 9}, -22, true),
            "ioctl(4, TCXONC, 0x9 /* TC??? */) = -1 EINVAL (Invalid argument)");
  const unsigned modem = 0x2 | 0x4 | 0x10000;  // TIOCM_DTR|TIOCM_RTS and an unknown bit
  mem.map_obj(0x1000, modem);
  EXPECT_EQ(line_of(mem, "ioctl", {4, TIOCMSET, 0x1000}, 0),
            "ioctl(4, TIOCMSET, [TIOCM_DTR|TIOCM_RTS|0x10000]) = 0");
  EXPECT_EQ(line_of(mem, "ioctl", {4, TIOCMSET, 0x1000}, 0, false, with_xlat(XlatStyle::Verbose)),
            "ioctl(4, 0x5418 /* TIOCMSET */, [0x10006 /* TIOCM_DTR|TIOCM_RTS|0x10000 */]) = 0");
  // struct termios2: termios and, with -v, the speeds.
  struct {
    std::uint32_t flags[4];
    std::uint8_t line;
    std::uint8_t cc[19];
    std::uint32_t ispeed, ospeed;
  } t2{{0, 0, B38400 | CS8, 0}, 0, {}, 38400, 38400};
  mem.map_obj(0x2000, t2);
  EXPECT_EQ(line_of(mem, "ioctl", {4, TCGETS2, 0x2000}, 0),
            "ioctl(4, TCGETS2, {c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, "
            "c_cflag=B38400|CS8|, c_lflag=, ...}) = 0");
  DecodeOptions v;
  v.verbose = true;
  const std::string line = line_of(mem, "ioctl", {4, TCSETS2, 0x2000}, 0, false, v);
  EXPECT_NE(line.find("[18]=0], c_ispeed=38400, c_ospeed=38400}) = 0"), std::string::npos) << line;
  EXPECT_EQ(line_of(mem, "ioctl", {4, TCGETS2, 0x2000}, -25, true),
            "ioctl(4, TCGETS2, 0x2000) = -1 ENOTTY (Inappropriate ioctl for device)");
}

}  // namespace
}  // namespace scry::test
