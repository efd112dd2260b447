// Netlink messages in sendto/recvfrom/sendmsg/recvmsg buffers on netlink sockets. Expected
// strings are real strace 6.1 output (tests/e2e/targets/netlink.c and hand-made buffers).
#include <arpa/inet.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

constexpr std::uint64_t kBuf = 0x10000;
constexpr unsigned kSeq = 1000;

// fd 3: a bound NETLINK_ROUTE socket; fd 4: a netlink socket not bound yet; fd 5: not netlink;
// fd 6: a NETLINK_SOCK_DIAG socket; fd 7: a NETLINK_KOBJECT_UEVENT socket.
class NetlinkFds final : public FdResolver {
 public:
  bool fd_path(int, OutBuf&) override { return false; }
  int netlink_protocol(int fd) override {
    switch (fd) {
      case 3:
        return NETLINK_ROUTE;
      case 4:
        return -1;
      case 6:
        return NETLINK_SOCK_DIAG;
      case 7:
        return NETLINK_KOBJECT_UEVENT;
      default:
        return kNotNetlink;
    }
  }
};

// A buffer of netlink messages built as the e2e target builds them.
class Msgs {
 public:
  Msgs& hdr(unsigned len, unsigned type, unsigned flags, unsigned seq, unsigned pid = 0) {
    last_ = b_.size();
    nlmsghdr h{len, static_cast<std::uint16_t>(type), static_cast<std::uint16_t>(flags), seq, pid};
    return raw(&h, sizeof h);
  }
  template <typename T>
  Msgs& obj(const T& v) {
    return raw(&v, sizeof v);
  }
  Msgs& raw(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    b_.insert(b_.end(), c, c + n);
    return *this;
  }
  Msgs& attr(unsigned type, const void* data, unsigned len) {
    nlattr a{static_cast<std::uint16_t>(NLA_HDRLEN + len), static_cast<std::uint16_t>(type)};
    raw(&a, sizeof a).raw(data, len);
    b_.resize(NLA_ALIGN(b_.size()));
    return *this;
  }
  Msgs& u32(unsigned type, std::uint32_t v) { return attr(type, &v, 4); }
  // Sets the last message's nlmsg_len to what it now holds.
  Msgs& fix() {
    const auto len = static_cast<std::uint32_t>(b_.size() - last_);
    std::memcpy(b_.data() + last_, &len, 4);
    return *this;
  }
  Msgs& zeros(std::size_t n) {
    b_.resize(b_.size() + n);
    return *this;
  }
  std::size_t size() const { return b_.size(); }
  std::vector<unsigned char>& bytes() { return b_; }

 private:
  std::vector<unsigned char> b_;
  std::size_t last_ = 0;
};

std::string sendto_line(Msgs& m, std::uint64_t len, int fd = 3, DecodeOptions opt = {}) {
  FakeMemory mem;
  mem.map(kBuf, m.bytes().data(), m.size());
  NetlinkFds fds;
  return line_of(mem, "sendto", {static_cast<std::uint64_t>(fd), kBuf, len, MSG_DONTWAIT, 0, 0},
                 static_cast<std::int64_t>(len), false, opt, &fds);
}

TEST(DecodeNetlink, RouteRequests) {
  Msgs m;
  m.hdr(0, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, kSeq);
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET;
  ifa.ifa_index = 1;
  m.obj(ifa).fix();
  EXPECT_EQ(
      sendto_line(m, m.size()),
      "sendto(3, [{nlmsg_len=24, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, "
      "nlmsg_seq=1000, nlmsg_pid=0}, {ifa_family=AF_INET, ifa_prefixlen=0, ifa_flags=0, "
      "ifa_scope=RT_SCOPE_UNIVERSE, ifa_index=if_nametoindex(\"lo\")}], 24, MSG_DONTWAIT, "
      "NULL, 0) = 24");

  Msgs l;
  l.hdr(0, RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, kSeq + 1);
  ifinfomsg ifi{};
  ifi.ifi_index = 0x7ffffff0;
  l.obj(ifi).u32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS).fix();
  EXPECT_EQ(
      sendto_line(l, l.size()),
      "sendto(3, [{nlmsg_len=40, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, "
      "nlmsg_seq=1001, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, "
      "ifi_index=2147483632, ifi_flags=0, ifi_change=0}, [{nla_len=8, "
      "nla_type=IFLA_EXT_MASK}, RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS]], 40, "
      "MSG_DONTWAIT, NULL, 0) = 40");

  Msgs r;
  r.hdr(0, RTM_GETROUTE, NLM_F_REQUEST, kSeq + 3);
  rtmsg rt{};
  rt.rtm_family = AF_INET;
  rt.rtm_dst_len = 32;
  rt.rtm_table = RT_TABLE_MAIN;
  rt.rtm_protocol = RTPROT_BOOT;
  rt.rtm_type = RTN_UNICAST;
  rt.rtm_flags = RTM_F_LOOKUP_TABLE;
  const unsigned char dst[4] = {127, 0, 0, 1};
  const unsigned char proto = 6;
  const std::uint16_t port = 0x5000;
  r.obj(rt).attr(RTA_DST, dst, 4).u32(RTA_OIF, 1).u32(RTA_TABLE, 254);
  r.attr(RTA_IP_PROTO, &proto, 1).attr(RTA_DPORT, &port, 2).fix();
  EXPECT_EQ(sendto_line(r, r.size()),
            "sendto(3, [{nlmsg_len=68, nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_REQUEST, "
            "nlmsg_seq=1003, nlmsg_pid=0}, {rtm_family=AF_INET, rtm_dst_len=32, rtm_src_len=0, "
            "rtm_tos=0, rtm_table=RT_TABLE_MAIN, rtm_protocol=RTPROT_BOOT, "
            "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_UNICAST, rtm_flags=RTM_F_LOOKUP_TABLE}, "
            "[[{nla_len=8, nla_type=RTA_DST}, inet_addr(\"127.0.0.1\")], [{nla_len=8, "
            "nla_type=RTA_OIF}, if_nametoindex(\"lo\")], [{nla_len=8, nla_type=RTA_TABLE}, "
            "RT_TABLE_MAIN], [{nla_len=5, nla_type=RTA_IP_PROTO}, 6], [{nla_len=6, "
            "nla_type=RTA_DPORT}, 20480]]], 68, MSG_DONTWAIT, NULL, 0) = 68");

  Msgs n;
  n.hdr(0, RTM_NEWNEIGH, NLM_F_REQUEST | NLM_F_REPLACE | NLM_F_CREATE, kSeq + 4);
  ndmsg nd{};
  nd.ndm_family = AF_INET;
  nd.ndm_ifindex = 0x7ffffff0;
  nd.ndm_state = NUD_PERMANENT;
  nd.ndm_flags = NTF_ROUTER;
  nd.ndm_type = RTN_UNICAST;
  const unsigned char a4[4] = {192, 0, 2, 1};
  const unsigned char mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0xff};
  n.obj(nd).attr(NDA_DST, a4, 4).attr(NDA_LLADDR, mac, 6).fix();
  EXPECT_EQ(sendto_line(n, n.size()),
            "sendto(3, [{nlmsg_len=48, nlmsg_type=RTM_NEWNEIGH, "
            "nlmsg_flags=NLM_F_REQUEST|NLM_F_REPLACE|NLM_F_CREATE, nlmsg_seq=1004, nlmsg_pid=0}, "
            "{ndm_family=AF_INET, ndm_ifindex=2147483632, ndm_state=NUD_PERMANENT, "
            "ndm_flags=NTF_ROUTER, ndm_type=RTN_UNICAST}, [[{nla_len=8, nla_type=NDA_DST}, "
            "inet_addr(\"192.0.2.1\")], [{nla_len=10, nla_type=NDA_LLADDR}, "
            "02:00:5e:10:20:ff]]], 48, MSG_DONTWAIT, NULL, 0) = 48");
}

// RTM_NEWADDR with attributes of every kind, some of them odd.
Msgs newaddr() {
  Msgs m;
  m.hdr(0, RTM_NEWADDR, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, kSeq + 2);
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET;
  ifa.ifa_prefixlen = 24;
  ifa.ifa_flags = IFA_F_SECONDARY | IFA_F_NODAD;
  ifa.ifa_scope = RT_SCOPE_LINK;
  ifa.ifa_index = 0x7ffffff0;
  const unsigned char a4[4] = {192, 0, 2, 1};
  const ifa_cacheinfo ci{100, 200, 300, 400};
  const std::uint32_t fl = IFA_F_NOPREFIXROUTE | IFA_F_MANAGETEMPADDR;
  m.obj(ifa).attr(IFA_LOCAL, a4, 4).attr(IFA_ADDRESS, a4, 4).attr(IFA_LABEL, "dummy0", 7);
  m.u32(IFA_FLAGS, fl).attr(IFA_CACHEINFO, &ci, sizeof ci).attr(0x77, "\x01\x02\x03", 3);
  m.attr(IFA_LOCAL, a4, 2).u32(IFA_FLAGS | NLA_F_NESTED, fl).fix();
  return m;
}

constexpr const char* kNewaddrHead =
    "sendto(3, [{nlmsg_len=104, nlmsg_type=RTM_NEWADDR, "
    "nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, nlmsg_seq=1002, "
    "nlmsg_pid=0}, {ifa_family=AF_INET, ifa_prefixlen=24, ifa_flags=IFA_F_SECONDARY|IFA_F_NODAD, "
    "ifa_scope=RT_SCOPE_LINK, ifa_index=2147483632}, [[{nla_len=8, nla_type=IFA_LOCAL}, "
    "inet_addr(\"192.0.2.1\")], [{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr(\"192.0.2.1\")], "
    "[{nla_len=11, nla_type=IFA_LABEL}, \"dummy0\"], [{nla_len=8, nla_type=IFA_FLAGS}, "
    "IFA_F_MANAGETEMPADDR|IFA_F_NOPREFIXROUTE], [{nla_len=20, nla_type=IFA_CACHEINFO}, "
    "{ifa_prefered=100, ifa_valid=200, cstamp=300, tstamp=400}], [{nla_len=7, nla_type=0x77 /* "
    "IFA_??? */}, \"\\x01\\x02\\x03\"], [{nla_len=6, nla_type=IFA_LOCAL}, \"\\xc0\\x00\"], ";

TEST(DecodeNetlink, AttributesAndLyingLengths) {
  Msgs m = newaddr();
  EXPECT_EQ(sendto_line(m, m.size()),
            std::string(kNewaddrHead) +
                "[{nla_len=8, nla_type=NLA_F_NESTED|IFA_FLAGS}, "
                "IFA_F_MANAGETEMPADDR|IFA_F_NOPREFIXROUTE]]], 104, MSG_DONTWAIT, NULL, 0) = 104");
  // The last attribute claims more than the message holds, then the message more than the buffer.
  const std::uint16_t big = 200;
  std::memcpy(m.bytes().data() + m.size() - 8, &big, 2);
  const std::string tail =
      "[{nla_len=200, nla_type=NLA_F_NESTED|IFA_FLAGS}, "
      "IFA_F_MANAGETEMPADDR|IFA_F_NOPREFIXROUTE]]], 104, MSG_DONTWAIT, NULL, 0) = 104";
  EXPECT_EQ(sendto_line(m, m.size()), std::string(kNewaddrHead) + tail);
  const std::uint32_t huge = 4000;
  std::memcpy(m.bytes().data(), &huge, 4);
  std::string line = std::string(kNewaddrHead) + tail;
  line.replace(line.find("nlmsg_len=104"), 13, "nlmsg_len=4000");
  EXPECT_EQ(sendto_line(m, m.size()), line);
}

TEST(DecodeNetlink, HostileFraming) {
  Msgs zero;
  zero.zeros(40);
  EXPECT_EQ(sendto_line(zero, 16),
            "sendto(3, {nlmsg_len=0, nlmsg_type=0 /* NLMSG_??? */, nlmsg_flags=0, nlmsg_seq=0, "
            "nlmsg_pid=0}, 16, MSG_DONTWAIT, NULL, 0) = 16");
  EXPECT_EQ(sendto_line(zero, 40),
            "sendto(3, {nlmsg_len=0, nlmsg_type=0 /* NLMSG_??? */, nlmsg_flags=0, nlmsg_seq=0, "
            "nlmsg_pid=0}, 40, MSG_DONTWAIT, NULL, 0) = 40");
  Msgs huge;
  huge.hdr(0xfffffff0u, RTM_GETLINK, NLM_F_REQUEST, kSeq + 6).zeros(24);
  EXPECT_EQ(sendto_line(huge, 40),
            "sendto(3, [{nlmsg_len=4294967280, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, "
            "nlmsg_seq=1006, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, "
            "ifi_index=0, ifi_flags=0, ifi_change=0}, {nla_len=0, nla_type=IFLA_UNSPEC}], 40, "
            "MSG_DONTWAIT, NULL, 0) = 40");
  EXPECT_EQ(sendto_line(huge, 10),
            "sendto(3, \"\\xf0\\xff\\xff\\xff\\x12\\x00\\x01\\x00\\xee\\x03\", 10, MSG_DONTWAIT, "
            "NULL, 0) = 10");
  // A length that wraps when aligned ends the array.
  Msgs wrap;
  wrap.hdr(0xffffffffu, NLMSG_NOOP, 0, 1).zeros(24);
  EXPECT_EQ(sendto_line(wrap, 40),
            "sendto(3, [{nlmsg_len=4294967295, nlmsg_type=NLMSG_NOOP, nlmsg_flags=0, "
            "nlmsg_seq=1, nlmsg_pid=0}, \"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
            "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"], 40, "
            "MSG_DONTWAIT, NULL, 0) = 40");

  Msgs two;
  two.hdr(16, NLMSG_NOOP, 0, kSeq + 7).hdr(20, NLMSG_DONE, NLM_F_MULTI, kSeq + 8).zeros(4 + 7);
  EXPECT_EQ(sendto_line(two, 43),
            "sendto(3, [{nlmsg_len=16, nlmsg_type=NLMSG_NOOP, nlmsg_flags=0, nlmsg_seq=1007, "
            "nlmsg_pid=0}, [{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, "
            "nlmsg_seq=1008, nlmsg_pid=0}, 0], \"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"], 43, "
            "MSG_DONTWAIT, NULL, 0) = 43");

  Msgs many;
  for (unsigned i = 0; i < 40; ++i) many.hdr(16, NLMSG_NOOP, 0, i);
  std::string expect = "sendto(3, [";
  for (unsigned i = 0; i < 32; ++i)
    expect +=
        "{nlmsg_len=16, nlmsg_type=NLMSG_NOOP, nlmsg_flags=0, nlmsg_seq=" + std::to_string(i) +
        ", nlmsg_pid=0}, ";
  EXPECT_EQ(sendto_line(many, 640), expect + "...], 640, MSG_DONTWAIT, NULL, 0) = 640");
  DecodeOptions verbose;
  verbose.verbose = true;
  EXPECT_NE(sendto_line(many, 640, 3, verbose).find("nlmsg_seq=39, nlmsg_pid=0}], 640"),
            std::string::npos);

  Msgs odd;
  odd.hdr(17, 0x3ff, 0x8000, kSeq + 10).raw("\xff", 1);
  EXPECT_EQ(sendto_line(odd, 17),
            "sendto(3, [{nlmsg_len=17, nlmsg_type=0x3ff /* RTM_??? */, nlmsg_flags=0x8000 /* "
            "NLM_F_??? */, nlmsg_seq=1010, nlmsg_pid=0}, {family=0xff /* AF_??? */}], 17, "
            "MSG_DONTWAIT, NULL, 0) = 17");
  Msgs shortmsg;
  shortmsg.hdr(20, RTM_NEWLINK, 0, 7).raw("\x02\x00\x00\x00", 4);
  EXPECT_EQ(sendto_line(shortmsg, 20),
            "sendto(3, [{nlmsg_len=20, nlmsg_type=RTM_NEWLINK, nlmsg_flags=0, nlmsg_seq=7, "
            "nlmsg_pid=0}, {ifi_family=AF_INET, ...}], 20, MSG_DONTWAIT, NULL, 0) = 20");
}

TEST(DecodeNetlink, Flags) {
  const struct {
    unsigned type, flags;
    const char* text;
  } cases[] = {
      {RTM_DELLINK, NLM_F_REQUEST | 0x300, "NLM_F_REQUEST|NLM_F_NONREC|NLM_F_BULK"},
      {RTM_GETLINK, NLM_F_REQUEST | 0x500, "NLM_F_REQUEST|NLM_F_ROOT|NLM_F_ATOMIC"},
      {RTM_NEWLINK, NLM_F_REQUEST | 0x920,
       "NLM_F_REQUEST|NLM_F_DUMP_FILTERED|NLM_F_REPLACE|NLM_F_APPEND"},
      {RTM_DELACTION, 0x100, "NLM_F_ROOT"},
      {RTM_SETLINK, 0x100, "0x100 /* NLM_F_??? */"},
  };
  for (const auto& c : cases) {
    Msgs m;
    m.hdr(16, c.type, c.flags, 7);
    const std::string line = sendto_line(m, 16);
    EXPECT_NE(line.find(std::string("nlmsg_flags=") + c.text + ", nlmsg_seq"), std::string::npos)
        << line;
  }
}

TEST(DecodeNetlink, Errors) {
  // Payloads shorter than struct nlmsgerr print as bytes.
  Msgs e4;
  e4.hdr(20, NLMSG_ERROR, 0, kSeq + 9).raw("\xff\xff\xff\xff", 4);
  EXPECT_EQ(sendto_line(e4, 20),
            "sendto(3, [{nlmsg_len=20, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=1009, "
            "nlmsg_pid=0}, \"\\xff\\xff\\xff\\xff\"], 20, MSG_DONTWAIT, NULL, 0) = 20");
  auto head = [](unsigned len) {
    return "sendto(3, [{nlmsg_len=" + std::to_string(len) +
           ", nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=7, nlmsg_pid=0}, ";
  };
  const std::string getlink16 =
      "{nlmsg_len=16, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=7, "
      "nlmsg_pid=0}";
  Msgs e20;
  e20.hdr(36, NLMSG_ERROR, 0, 7).raw("\xfe\xff\xff\xff", 4).hdr(16, RTM_GETLINK, NLM_F_REQUEST, 7);
  EXPECT_EQ(sendto_line(e20, 36),
            head(36) + "{error=-ENOENT, msg=" + getlink16 + "}], 36, MSG_DONTWAIT, NULL, 0) = 36");
  e20.zeros(4);
  std::memcpy(e20.bytes().data(), "\x28", 1);
  EXPECT_EQ(sendto_line(e20, 40), head(40) + "[{error=-ENOENT, msg=" + getlink16 +
                                      "}, {nla_len=0, nla_type=NLMSGERR_ATTR_UNUSED}]], 40, "
                                      "MSG_DONTWAIT, NULL, 0) = 40");
  // The echoed message whole (not capped).
  Msgs full;
  full.hdr(52, NLMSG_ERROR, 0, 7).raw("\xfe\xff\xff\xff", 4);
  full.hdr(32, RTM_GETLINK, NLM_F_REQUEST, 7).zeros(16);
  EXPECT_EQ(sendto_line(full, 52),
            head(52) +
                "{error=-ENOENT, msg=[{nlmsg_len=32, nlmsg_type=RTM_GETLINK, "
                "nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=7, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, "
                "ifi_type=ARPHRD_NETROM, ifi_index=0, ifi_flags=0, ifi_change=0}]}], 52, "
                "MSG_DONTWAIT, NULL, 0) = 52");
  // Capped, with extended ack attributes; error values without a name print as numbers.
  for (const auto& [err, text] :
       {std::pair<int, const char*>{0, "0"}, {5, "5"}, {-5000, "-5000"}}) {
    Msgs c;
    c.hdr(44, NLMSG_ERROR, NLM_F_CAPPED, 7).obj(err);
    c.hdr(100, RTM_GETADDR, NLM_F_REQUEST | NLM_F_ROOT, 7).u32(NLMSGERR_ATTR_OFFS, 12);
    EXPECT_EQ(sendto_line(c, 44),
              "sendto(3, [{nlmsg_len=44, nlmsg_type=NLMSG_ERROR, nlmsg_flags=NLM_F_CAPPED, "
              "nlmsg_seq=7, nlmsg_pid=0}, [{error=" +
                  std::string(text) +
                  ", msg={nlmsg_len=100, nlmsg_type=RTM_GETADDR, "
                  "nlmsg_flags=NLM_F_REQUEST|NLM_F_ROOT, nlmsg_seq=7, nlmsg_pid=0}}, [{nla_len=8, "
                  "nla_type=NLMSGERR_ATTR_OFFS}, 12]]], 44, MSG_DONTWAIT, NULL, 0) = 44");
  }
  // Errors echoing errors echoing errors...: bounded, and the line ends.
  Msgs deep;
  for (int i = 0; i < 200; ++i) {
    deep.hdr(16 + 20 * static_cast<unsigned>(200 - i), NLMSG_ERROR, 0, 7).zeros(4);
  }
  deep.hdr(16, NLMSG_NOOP, 0, 7);
  std::string line = sendto_line(deep, deep.size());
  EXPECT_TRUE(line.starts_with(
      "sendto(3, [{nlmsg_len=4016, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=7, "
      "nlmsg_pid=0}, {error=0, msg=[{nlmsg_len=3996, nlmsg_type=NLMSG_ERROR, "))
      << line;
  EXPECT_TRUE(line.ends_with("}]}]}]}], 4016, MSG_DONTWAIT, NULL, 0) = 4016")) << line;
  std::size_t levels = 0;
  for (std::size_t at = 0; (at = line.find("{error=0, msg=", at)) != std::string::npos; ++at)
    ++levels;
  EXPECT_EQ(levels, 200u);
  // Deeper than the bound: the innermost echoes print as bytes, and the line still ends.
  Msgs deeper;
  for (int i = 0; i < 400; ++i) {
    deeper.hdr(16 + 20 * static_cast<unsigned>(400 - i), NLMSG_ERROR, 0, 7).zeros(4);
  }
  deeper.hdr(16, NLMSG_NOOP, 0, 7);
  line = sendto_line(deeper, deeper.size());
  EXPECT_TRUE(line.ends_with("}]}]}], 8016, MSG_DONTWAIT, NULL, 0) = 8016")) << line;
}

TEST(DecodeNetlink, AttributeValues) {
  Msgs m;
  m.hdr(0, RTM_NEWLINK, 0, 7).zeros(16);
  const unsigned char mtu12[8] = {1, 0, 0, 0, 2, 0, 0, 0};
  m.attr(IFLA_MTU, mtu12, 8).attr(IFLA_IFNAME, "abcd", 4);
  m.u32(IFLA_MTU | NLA_F_NET_BYTEORDER, 0).u32(IFLA_MTU | NLA_F_NET_BYTEORDER | NLA_F_NESTED, 0);
  m.attr(IFLA_IFNAME, "", 0).attr(IFLA_MTU, "\0\0", 2).attr(IFLA_IFNAME, "x", 1);
  m.attr(IFLA_ADDRESS, "\0\0\0\0\0\0", 6).attr(IFLA_BROADCAST, "\0\0\0", 3);
  Msgs kind;
  kind.attr(IFLA_INFO_KIND, "veth", 4);
  m.attr(IFLA_LINKINFO, kind.bytes().data(), static_cast<unsigned>(kind.size()));
  m.attr(IFLA_STATS, "\0\0\0\0\0\0\0\0", 8).attr(IFLA_MTU, "", 0);
  // The last attribute: nla_len 3.
  m.bytes()[m.size() - 4] = 3;
  m.fix();
  EXPECT_EQ(sendto_line(m, m.size()),
            "sendto(3, [{nlmsg_len=136, nlmsg_type=RTM_NEWLINK, nlmsg_flags=0, nlmsg_seq=7, "
            "nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
            "ifi_flags=0, ifi_change=0}, [[{nla_len=12, nla_type=IFLA_MTU}, 1], [{nla_len=8, "
            "nla_type=IFLA_IFNAME}, \"abcd\"...], [{nla_len=8, "
            "nla_type=NLA_F_NET_BYTEORDER|IFLA_MTU}, 0], [{nla_len=8, "
            "nla_type=NLA_F_NESTED|NLA_F_NET_BYTEORDER|IFLA_MTU}, 0], {nla_len=4, "
            "nla_type=IFLA_IFNAME}, [{nla_len=6, nla_type=IFLA_MTU}, \"\\x00\\x00\"], "
            "[{nla_len=5, nla_type=IFLA_IFNAME}, \"x\"...], [{nla_len=10, "
            "nla_type=IFLA_ADDRESS}, 00:00:00:00:00:00], [{nla_len=7, nla_type=IFLA_BROADCAST}, "
            "00:00:00], [{nla_len=12, nla_type=IFLA_LINKINFO}, [{nla_len=8, "
            "nla_type=IFLA_INFO_KIND}, \"veth\"...]], [{nla_len=12, nla_type=IFLA_STATS}, "
            "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"], {nla_len=3, nla_type=IFLA_MTU}]], "
            "136, MSG_DONTWAIT, NULL, 0) = 136");
  Msgs tiny;
  tiny.hdr(38, RTM_NEWLINK, 0, 7).zeros(16).raw("\x02\x00\x03\x00\x00\x00", 6);
  EXPECT_EQ(sendto_line(tiny, 38),
            "sendto(3, [{nlmsg_len=38, nlmsg_type=RTM_NEWLINK, nlmsg_flags=0, nlmsg_seq=7, "
            "nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
            "ifi_flags=0, ifi_change=0}, {nla_len=2, nla_type=IFLA_IFNAME}], 38, MSG_DONTWAIT, "
            "NULL, 0) = 38");
  std::memcpy(tiny.bytes().data(), "\x23", 1);
  EXPECT_EQ(sendto_line(tiny, 35),
            "sendto(3, [{nlmsg_len=35, nlmsg_type=RTM_NEWLINK, nlmsg_flags=0, nlmsg_seq=7, "
            "nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
            "ifi_flags=0, ifi_change=0}, \"\\x02\\x00\\x03\"], 35, MSG_DONTWAIT, NULL, 0) = 35");
}

TEST(DecodeNetlink, UnreadableMemory) {
  FakeMemory mem;
  NetlinkFds fds;
  EXPECT_EQ(line_of(mem, "sendto", {3, 0x10, 40, MSG_DONTWAIT, 0, 0}, -14, true, {}, &fds),
            "sendto(3, 0x10, 40, MSG_DONTWAIT, NULL, 0) = -1 EFAULT (Bad address)");
  // The attributes after the ifaddrmsg are at an unmapped address.
  Msgs m;
  m.hdr(40, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, kSeq + 11).raw("\x02\0\0\0\0\0\0\0", 8);
  mem.map(0x2000 - 24, m.bytes().data(), m.size());
  EXPECT_EQ(line_of(mem, "sendto", {3, 0x2000 - 24, 40, MSG_DONTWAIT, 0, 0}, -14, true, {}, &fds),
            "sendto(3, [{nlmsg_len=40, nlmsg_type=RTM_GETADDR, "
            "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1011, nlmsg_pid=0}, "
            "{ifa_family=AF_INET, ifa_prefixlen=0, ifa_flags=0, ifa_scope=RT_SCOPE_UNIVERSE, "
            "ifa_index=0}, 0x2000], 40, MSG_DONTWAIT, NULL, 0) = -1 EFAULT (Bad address)");
  // The second message of an array, and the second attribute of a list.
  Msgs noop;
  noop.hdr(16, NLMSG_NOOP, 0, 7);
  mem.map(0x3000 - 16, noop.bytes().data(), noop.size());
  EXPECT_EQ(line_of(mem, "sendto", {3, 0x3000 - 16, 40, 0, 0, 0}, 40, false, {}, &fds),
            "sendto(3, [{nlmsg_len=16, nlmsg_type=NLMSG_NOOP, nlmsg_flags=0, nlmsg_seq=7, "
            "nlmsg_pid=0}, ... /* 0x3000 */], 40, 0, NULL, 0) = 40");
  Msgs link;
  link.hdr(44, RTM_NEWLINK, 0, 7).zeros(16).u32(IFLA_MTU, 0);
  mem.map(0x4000 - 40, link.bytes().data(), link.size());
  EXPECT_EQ(line_of(mem, "sendto", {3, 0x4000 - 40, 44, 0, 0, 0}, 44, false, {}, &fds),
            "sendto(3, [{nlmsg_len=44, nlmsg_type=RTM_NEWLINK, nlmsg_flags=0, nlmsg_seq=7, "
            "nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
            "ifi_flags=0, ifi_change=0}, [[{nla_len=8, nla_type=IFLA_MTU}, 0], ... /* 0x4000 "
            "*/]], 44, 0, NULL, 0) = 44");
  // A header cut by the end of the mapping prints the address, as strace's short read does.
  mem.map(0x5000 - 8, "\x28\0\0\0\0\0\0\0", 8);
  EXPECT_EQ(line_of(mem, "sendto", {3, 0x5000 - 8, 40, 0, 0, 0}, 40, false, {}, &fds),
            "sendto(3, 0x4ff8, 40, 0, NULL, 0) = 40");
}

TEST(DecodeNetlink, SocketsAndProtocols) {
  Msgs m;
  m.hdr(20, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 9).raw("\x11\0\0\0", 4);
  // Not a netlink socket: the bytes, as for any socket.
  EXPECT_EQ(sendto_line(m, 20, 5),
            "sendto(5, \"\\24\\0\\0\\0\\22\\0\\1\\3\\t\\0\\0\\0\\0\\0\\0\\0\\21\\0\\0\\0\", 20, "
            "MSG_DONTWAIT, NULL, 0) = 20");
  // A netlink socket whose protocol is not known yet: the types are not named, the payload is
  // bytes; -e verbose=none prints the address only.
  EXPECT_EQ(
      sendto_line(m, 20, 4),
      "sendto(4, [{nlmsg_len=20, nlmsg_type=0x12 /* NLMSG_??? */, "
      "nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=9, nlmsg_pid=0}, \"\\x11\\x00\\x00\\x00\"], "
      "20, MSG_DONTWAIT, NULL, 0) = 20");
  DecodeOptions quiet;
  quiet.struct_verbose = false;
  EXPECT_EQ(sendto_line(m, 20, 3, quiet).substr(0, 20), "sendto(3, \"\\24\\0\\0\\0");
  // The glibc getaddrinfo/if_nameindex request: an rtgenmsg, shorter than ifaddrmsg.
  Msgs g;
  g.hdr(20, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, 9).raw("\0\0\0\0", 4);
  EXPECT_EQ(sendto_line(g, 20),
            "sendto(3, [{nlmsg_len=20, nlmsg_type=RTM_GETADDR, "
            "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=9, nlmsg_pid=0}, "
            "{ifa_family=AF_UNSPEC, ...}], 20, MSG_DONTWAIT, NULL, 0) = 20");
}

TEST(DecodeNetlink, Recvmsg) {
  FakeMemory mem;
  NetlinkFds fds;
  Msgs reply;
  reply.hdr(20, NLMSG_DONE, NLM_F_MULTI | NLM_F_DUMP_FILTERED, 1013, 6060561).zeros(4);
  mem.map(kBuf, reply.bytes().data(), reply.size());
  iovec iov{reinterpret_cast<void*>(kBuf), 32768};
  mem.map_obj(0x2000, iov);
  sockaddr_nl nl{};
  nl.nl_family = AF_NETLINK;
  mem.map_obj(0x3000, nl);
  msghdr mh{};
  mh.msg_name = reinterpret_cast<void*>(0x3000);
  mh.msg_namelen = sizeof nl;
  mh.msg_iov = reinterpret_cast<iovec*>(0x2000);
  mh.msg_iovlen = 1;
  mem.map_obj(0x4000, mh);
  EXPECT_EQ(line_of(mem, "recvmsg", {3, 0x4000, 0}, 20, false, {}, &fds),
            "recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, "
            "msg_namelen=12, msg_iov=[{iov_base=[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, "
            "nlmsg_flags=NLM_F_MULTI|NLM_F_DUMP_FILTERED, nlmsg_seq=1013, nlmsg_pid=6060561}, 0], "
            "iov_len=32768}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 20");
  // Without an AF_NETLINK address strace prints the data as a string, even on a netlink socket.
  mh.msg_name = nullptr;
  mh.msg_namelen = 0;
  mem.map_obj(0x4000, mh);
  EXPECT_EQ(line_of(mem, "recvmsg", {3, 0x4000, 0}, 20, false, {}, &fds),
            "recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"\\24\\0\\0\\0\\3\\0\\\""
            "\\0\\365\\3\\0\\0\\21z\\\\\\0\\0\\0\\0\\0\", iov_len=32768}], msg_iovlen=1, "
            "msg_controllen=0, msg_flags=0}, 0) = 20");
  // recvfrom: the data up to the return value.
  EXPECT_EQ(line_of(mem, "recvfrom", {3, kBuf, 32768, 0, 0, 0}, 20, false, {}, &fds),
            "recvfrom(3, [{nlmsg_len=20, nlmsg_type=NLMSG_DONE, "
            "nlmsg_flags=NLM_F_MULTI|NLM_F_DUMP_FILTERED, nlmsg_seq=1013, nlmsg_pid=6060561}, 0], "
            "32768, 0, NULL, NULL) = 20");
}

TEST(DecodeNetlink, Rules) {
  Msgs m;
  m.hdr(0, RTM_NEWRULE, NLM_F_MULTI, 7, 14922);
  fib_rule_hdr r{};
  r.family = AF_INET;
  r.table = RT_TABLE_MAIN;
  r.action = FR_ACT_TO_TBL;
  const unsigned char kernel = RTPROT_KERNEL;
  m.obj(r).u32(FRA_TABLE, RT_TABLE_MAIN).u32(FRA_SUPPRESS_PREFIXLEN, 0xffffffff);
  m.attr(FRA_PROTOCOL, &kernel, 1).u32(FRA_PRIORITY, 32766).fix();
  EXPECT_EQ(sendto_line(m, m.size()),
            "sendto(3, [{nlmsg_len=60, nlmsg_type=RTM_NEWRULE, nlmsg_flags=NLM_F_MULTI, "
            "nlmsg_seq=7, nlmsg_pid=14922}, {family=AF_INET, dst_len=0, src_len=0, tos=0, "
            "table=RT_TABLE_MAIN, action=FR_ACT_TO_TBL, flags=0}, [[{nla_len=8, "
            "nla_type=FRA_TABLE}, RT_TABLE_MAIN], [{nla_len=8, nla_type=FRA_SUPPRESS_PREFIXLEN}, "
            "4294967295], [{nla_len=5, nla_type=FRA_PROTOCOL}, RTPROT_KERNEL], [{nla_len=8, "
            "nla_type=FRA_PRIORITY}, 32766]]], 60, MSG_DONTWAIT, NULL, 0) = 60");
}

TEST(DecodeNetlink, LinkAfSpecAndXdp) {
  Msgs inet;
  const std::int32_t conf[3] = {0, 1, -1};
  inet.attr(IFLA_INET_CONF, conf, sizeof conf);
  Msgs inet6;
  const std::int32_t conf6[2] = {0, 64};
  inet6.u32(IFLA_INET6_FLAGS, 0x80000000u).attr(IFLA_INET6_CONF, conf6, sizeof conf6);
  const unsigned char mode = 0;
  inet6.attr(IFLA_INET6_ADDR_GEN_MODE, &mode, 1);
  Msgs spec;
  spec.attr(AF_INET, inet.bytes().data(), static_cast<unsigned>(inet.size()));
  spec.attr(AF_INET6, inet6.bytes().data(), static_cast<unsigned>(inet6.size()));
  Msgs xdp;
  xdp.attr(IFLA_XDP_ATTACHED, &mode, 1);
  Msgs m;
  m.hdr(0, RTM_NEWLINK, 0, 7).zeros(16);
  m.attr(IFLA_XDP, xdp.bytes().data(), static_cast<unsigned>(xdp.size()));
  m.attr(IFLA_AF_SPEC, spec.bytes().data(), static_cast<unsigned>(spec.size())).fix();
  EXPECT_EQ(sendto_line(m, m.size()),
            "sendto(3, [{nlmsg_len=100, nlmsg_type=RTM_NEWLINK, nlmsg_flags=0, nlmsg_seq=7, "
            "nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
            "ifi_flags=0, ifi_change=0}, [[{nla_len=12, nla_type=IFLA_XDP}, [{nla_len=5, "
            "nla_type=IFLA_XDP_ATTACHED}, XDP_ATTACHED_NONE]], [{nla_len=56, "
            "nla_type=IFLA_AF_SPEC}, [[{nla_len=20, nla_type=AF_INET}, [{nla_len=16, "
            "nla_type=IFLA_INET_CONF}, [[IPV4_DEVCONF_FORWARDING-1]=0, "
            "[IPV4_DEVCONF_MC_FORWARDING-1]=1, [IPV4_DEVCONF_PROXY_ARP-1]=-1]]], [{nla_len=32, "
            "nla_type=AF_INET6}, [[{nla_len=8, nla_type=IFLA_INET6_FLAGS}, IF_READY], "
            "[{nla_len=12, nla_type=IFLA_INET6_CONF}, [[DEVCONF_FORWARDING]=0, "
            "[DEVCONF_HOPLIMIT]=64]], [{nla_len=5, nla_type=IFLA_INET6_ADDR_GEN_MODE}, "
            "IN6_ADDR_GEN_MODE_EUI64]]]]]]], 100, MSG_DONTWAIT, NULL, 0) = 100");
}

TEST(DecodeNetlink, NexthopsNetconfNeighbours) {
  Msgs nh;
  nh.hdr(24, RTM_GETNEXTHOP, NLM_F_REQUEST | NLM_F_DUMP, 9).zeros(8);
  EXPECT_EQ(sendto_line(nh, 24),
            "sendto(3, [{nlmsg_len=24, nlmsg_type=RTM_GETNEXTHOP, "
            "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=9, nlmsg_pid=0}, "
            "{nh_family=AF_UNSPEC, nh_scope=RT_SCOPE_UNIVERSE, nh_protocol=RTPROT_UNSPEC, "
            "nh_flags=0}], 24, MSG_DONTWAIT, NULL, 0) = 24");
  Msgs nc;
  nc.hdr(0, RTM_NEWNETCONF, NLM_F_MULTI, 9, 18606).raw("\x02\0\0\0", 4);
  nc.u32(NETCONFA_IFINDEX, 0xffffffff).u32(NETCONFA_FORWARDING, 0).fix();
  EXPECT_EQ(sendto_line(nc, nc.size()),
            "sendto(3, [{nlmsg_len=36, nlmsg_type=RTM_NEWNETCONF, nlmsg_flags=NLM_F_MULTI, "
            "nlmsg_seq=9, nlmsg_pid=18606}, {ncm_family=AF_INET}, [[{nla_len=8, "
            "nla_type=NETCONFA_IFINDEX}, 4294967295], [{nla_len=8, "
            "nla_type=NETCONFA_FORWARDING}, 0]]], 36, MSG_DONTWAIT, NULL, 0) = 36");
  Msgs nd;
  nd.hdr(28, RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, 9).zeros(12);
  EXPECT_NE(sendto_line(nd, 28).find("{ndm_family=AF_UNSPEC, ndm_ifindex=0, ndm_state=NUD_NONE, "
                                     "ndm_flags=0, ndm_type=RTN_UNSPEC}"),
            std::string::npos);
}

TEST(DecodeNetlink, Uevents) {
  Msgs plain;
  plain.raw("add@/devices/x\0ACTION=add\0", 26);
  EXPECT_EQ(sendto_line(plain, 26, 7),
            "sendto(7, \"add@/devices/x\\0ACTION=add\\0\", 26, MSG_DONTWAIT, NULL, 0) = 26");
  Msgs udev;
  udev.raw("libudev\0\xfe\xed\xca\xfe", 12).zeros(52);
  const std::string header =
      "{prefix=\"libudev\", magic=htonl(0xfeedcafe), header_size=0, properties_off=0, "
      "properties_len=0, filter_subsystem_hash=htonl(0), filter_devtype_hash=htonl(0), "
      "filter_tag_bloom_hi=htonl(0), filter_tag_bloom_lo=htonl(0)}";
  EXPECT_EQ(sendto_line(udev, 40, 7), "sendto(7, " + header + ", 40, MSG_DONTWAIT, NULL, 0) = 40");
  EXPECT_EQ(sendto_line(udev, 41, 7),
            "sendto(7, [" + header + ", \"\\0\"], 41, MSG_DONTWAIT, NULL, 0) = 41");
  EXPECT_EQ(sendto_line(udev, 39, 7).substr(0, 22), "sendto(7, \"libudev\\0\\3");
  udev.bytes()[7] = 1;  // not libudev's prefix
  EXPECT_EQ(sendto_line(udev, 64, 7).substr(0, 22), "sendto(7, \"libudev\\1\\3");
}

TEST(DecodeNetlink, SockDiag) {
  Msgs in;
  in.hdr(0, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 2);
  inet_diag_req_v2 req{};
  req.sdiag_family = AF_INET;
  req.sdiag_protocol = IPPROTO_TCP;
  req.idiag_ext =
      (1 << (INET_DIAG_MEMINFO - 1)) | (1 << (INET_DIAG_INFO - 1)) | (1 << (INET_DIAG_TOS - 1));
  req.idiag_states = 1 << 10 | 1 | 1 << 12 | 1 << 13;
  req.id.idiag_sport = htons(1);
  req.id.idiag_src[0] = htonl(0x7f000001);
  in.obj(req).fix();
  EXPECT_EQ(sendto_line(in, in.size(), 6),
            "sendto(6, [{nlmsg_len=72, nlmsg_type=SOCK_DIAG_BY_FAMILY, "
            "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=2, nlmsg_pid=0}, "
            "{sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, "
            "idiag_ext=1<<(INET_DIAG_MEMINFO-1)|1<<(INET_DIAG_INFO-1)|1<<(INET_DIAG_TOS-1), "
            "idiag_states=1<<TCP_LISTEN|1<<TCP_NEW_SYN_RECV|0x2001, id={idiag_sport=htons(1), "
            "idiag_dport=htons(0), idiag_src=inet_addr(\"127.0.0.1\"), "
            "idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[0, 0]}}], 72, "
            "MSG_DONTWAIT, NULL, 0) = 72");

  Msgs nl;
  nl.hdr(0, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI, 3, 12273);
  netlink_diag_msg m{};
  m.ndiag_family = AF_NETLINK;
  m.ndiag_type = SOCK_RAW;
  m.ndiag_protocol = NETLINK_ROUTE;
  m.ndiag_state = 7;
  m.ndiag_portid = 6060563;
  m.ndiag_ino = 1408159;
  m.ndiag_cookie[0] = 5688;
  const std::uint32_t mem[9] = {0, 212992, 0, 212992, 0, 0, 0, 0, 0};
  nl.obj(m).attr(NETLINK_DIAG_MEMINFO, mem, sizeof mem).u32(NETLINK_DIAG_FLAGS, 0).fix();
  EXPECT_EQ(sendto_line(nl, nl.size(), 6),
            "sendto(6, [{nlmsg_len=92, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, "
            "nlmsg_seq=3, nlmsg_pid=12273}, {ndiag_family=AF_NETLINK, ndiag_type=SOCK_RAW, "
            "ndiag_protocol=NETLINK_ROUTE, ndiag_state=TCP_CLOSE, ndiag_portid=6060563, "
            "ndiag_dst_portid=0, ndiag_dst_group=0, ndiag_ino=1408159, ndiag_cookie=[5688, 0]}, "
            "[[{nla_len=40, nla_type=NETLINK_DIAG_MEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, "
            "[SK_MEMINFO_RCVBUF]=212992, [SK_MEMINFO_WMEM_ALLOC]=0, [SK_MEMINFO_SNDBUF]=212992, "
            "[SK_MEMINFO_FWD_ALLOC]=0, [SK_MEMINFO_WMEM_QUEUED]=0, [SK_MEMINFO_OPTMEM]=0, "
            "[SK_MEMINFO_BACKLOG]=0, [SK_MEMINFO_DROPS]=0]], [{nla_len=8, "
            "nla_type=NETLINK_DIAG_FLAGS}, 0]]], 92, MSG_DONTWAIT, NULL, 0) = 92");

  // inet_diag_msg's INET_DIAG_SOCKOPT: the set bits, every bit with -v.
  Msgs so;
  so.hdr(0, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI, 2, 1);
  inet_diag_msg im{};
  im.idiag_family = AF_INET;
  im.idiag_state = 10;
  so.obj(im).attr(INET_DIAG_SOCKOPT, "\x52\x00", 2).fix();
  const std::string head =
      "sendto(6, [{nlmsg_len=96, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, "
      "nlmsg_seq=2, nlmsg_pid=1}, {idiag_family=AF_INET, idiag_state=TCP_LISTEN, idiag_timer=0, "
      "idiag_retrans=0, id={idiag_sport=htons(0), idiag_dport=htons(0), "
      "idiag_src=inet_addr(\"0.0.0.0\"), idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, "
      "idiag_cookie=[0, 0]}, idiag_expires=0, idiag_rqueue=0, idiag_wqueue=0, idiag_uid=0, "
      "idiag_inode=0}, [{nla_len=6, nla_type=INET_DIAG_SOCKOPT}, ";
  EXPECT_EQ(sendto_line(so, so.size(), 6),
            head + "{is_icsk=1, mc_loop=1, mc_all=1}]], 96, MSG_DONTWAIT, NULL, 0) = 96");
  DecodeOptions verbose;
  verbose.verbose = true;
  EXPECT_EQ(sendto_line(so, so.size(), 6, verbose),
            head +
                "{recverr=0, is_icsk=1, freebind=0, hdrincl=0, mc_loop=1, transparent=0, "
                "mc_all=1, nodefrag=0, bind_address_no_port=0, recverr_rfc4884=0, "
                "defer_connect=0, unused=0 /* bits 3..8 */}]], 96, MSG_DONTWAIT, NULL, 0) = 96");

  Msgs odd;
  odd.hdr(24, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 4).raw("\x77\x01\x02\x03\0\0\0\0", 8);
  EXPECT_EQ(sendto_line(odd, 24, 6),
            "sendto(6, [{nlmsg_len=24, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST, "
            "nlmsg_seq=4, nlmsg_pid=0}, {family=0x77 /* AF_??? */, "
            "data=\"\\x01\\x02\\x03\\x00\\x00\\x00\\x00\"}], 24, MSG_DONTWAIT, NULL, 0) = 24");
  odd.bytes()[16] = AF_PACKET;
  EXPECT_EQ(sendto_line(odd, 24, 6),
            "sendto(6, [{nlmsg_len=24, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST, "
            "nlmsg_seq=4, nlmsg_pid=0}, {sdiag_family=AF_PACKET, ...}], 24, MSG_DONTWAIT, NULL, "
            "0) = 24");
}

}  // namespace
}  // namespace scry::test

namespace scry::test {
namespace {

// IFLA_PROP_LIST inside IFLA_PROP_LIST inside ...: the kernel nests only IFLA_ALT_IFNAME there,
// so the chain is decoded one level deep, and nested attributes stop at kMaxNlaDepth anyway.
TEST(DecodeNetlink, ForgedNestingIsBounded) {
  constexpr int kDepth = 2000;
  Msgs m;
  m.hdr(0, RTM_NEWLINK, NLM_F_REQUEST, kSeq).obj(ifinfomsg{});
  // kDepth nested headers, each enclosing the rest of the buffer.
  for (int i = 0; i < kDepth; ++i) {
    const auto len = static_cast<std::uint16_t>(NLA_HDRLEN * (kDepth - i));
    nlattr a{len, static_cast<std::uint16_t>(IFLA_PROP_LIST | NLA_F_NESTED)};
    m.raw(&a, sizeof a);
  }
  m.fix();
  const std::string line = sendto_line(m, m.size());
  EXPECT_LT(line.size(), 4096u) << line;
  EXPECT_TRUE(line.ends_with(", MSG_DONTWAIT, NULL, 0) = " + std::to_string(m.size()))) << line;
}

}  // namespace
}  // namespace scry::test
