// Socket addresses in the -X styles, struct sockaddr_ll, socket()'s protocols, the option
// names and values of setsockopt/getsockopt, and control messages, as strace 6.1 prints them.
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "decode_test_util.hpp"

namespace scry::test {
namespace {

sockaddr_in loopback_in(std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

TEST(DecodeSock, SockaddrInXStyles) {
  FakeMemory mem;
  const sockaddr_in a = loopback_in(80);
  mem.map_obj(0x1000, a);
  EXPECT_EQ(line_of(mem, "bind", {3, 0x1000, 16}, 0),
            "bind(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, "
            "16) = 0");
  EXPECT_EQ(line_of(mem, "bind", {3, 0x1000, 16}, 0, false, with_xlat(XlatStyle::Raw)),
            "bind(3, {sa_family=0x2, sin_port=\"\\x00\\x50\", sin_addr=\"\\x7f\\x00\\x00\\x01\"}, "
            "16) = 0");
  EXPECT_EQ(line_of(mem, "bind", {3, 0x1000, 16}, 0, false, with_xlat(XlatStyle::Verbose)),
            "bind(3, {sa_family=0x2 /* AF_INET */, sin_port=\"\\x00\\x50\" /* htons(80) */, "
            "sin_addr=\"\\x7f\\x00\\x00\\x01\" /* inet_addr(\"127.0.0.1\") */}, 16) = 0");
}

TEST(DecodeSock, SockaddrIn6XStyles) {
  FakeMemory mem;
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_port = htons(53);
  a.sin6_flowinfo = htonl(5);
  a.sin6_scope_id = 4000000;  // no such interface: the number
  inet_pton(AF_INET6, "fe80::1", &a.sin6_addr);
  mem.map_obj(0x1000, a);
  EXPECT_EQ(line_of(mem, "connect", {3, 0x1000, 28}, 0),
            "connect(3, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(5), "
            "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=4000000}, 28) = 0");
  EXPECT_EQ(
      line_of(mem, "connect", {3, 0x1000, 24}, 0, false, with_xlat(XlatStyle::Verbose)),
      "connect(3, {sa_family=0xa /* AF_INET6 */, sin6_port=\"\\x00\\x35\" /* htons(53) */, "
      "sin6_flowinfo=\"\\x00\\x00\\x00\\x05\" /* htonl(5) */, "
      "sin6_addr=\"\\xfe\\x80\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
      "\\x01\" /* inet_pton(AF_INET6, \"fe80::1\") */}, 24) = 0");
  EXPECT_EQ(
      line_of(mem, "connect", {3, 0x1000, 24}, 0, false, with_xlat(XlatStyle::Raw)),
      "connect(3, {sa_family=0xa, sin6_port=\"\\x00\\x35\", "
      "sin6_flowinfo=\"\\x00\\x00\\x00\\x05\", "
      "sin6_addr=\"\\xfe\\x80\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
      "\\x01\"}, 24) = 0");
}

TEST(DecodeSock, SockaddrLl) {
  FakeMemory mem;
  unsigned char big[128] = {};
  sockaddr_ll ll{};
  ll.sll_family = AF_PACKET;
  ll.sll_protocol = htons(ETH_P_ALL);
  ll.sll_ifindex = 4000000;
  ll.sll_hatype = 1;  // ARPHRD_ETHER
  ll.sll_pkttype = PACKET_BROADCAST;
  ll.sll_halen = 10;
  std::memset(ll.sll_addr, 0xab, sizeof ll.sll_addr);
  ll.sll_addr[0] = 0;
  std::memcpy(big, &ll, sizeof ll);
  big[20] = 1;
  mem.map(0x1000, big, sizeof big);
  // The address runs past sll_addr into the bytes read; past them, "...".
  EXPECT_EQ(line_of(mem, "bind", {3, 0x1000, 21}, 0),
            "bind(3, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=4000000, "
            "sll_hatype=ARPHRD_ETHER, sll_pkttype=PACKET_BROADCAST, sll_halen=10, "
            "sll_addr=[00, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0x1, ...]}, 21) = 0");
  EXPECT_EQ(line_of(mem, "bind", {3, 0x1000, 20}, 0, false, with_xlat(XlatStyle::Verbose)),
            "bind(3, {sa_family=0x11 /* AF_PACKET */, sll_protocol=\"\\x00\\x03\" "
            "/* htons(ETH_P_ALL) */, sll_ifindex=4000000, sll_hatype=0x1 /* ARPHRD_ETHER */, "
            "sll_pkttype=0x1 /* PACKET_BROADCAST */, sll_halen=10, sll_addr=[00, 0xab, 0xab, "
            "0xab, 0xab, 0xab, 0xab, 0xab, ...]}, 20) = 0");
  // Shorter than a sockaddr_ll: the bytes.
  EXPECT_EQ(line_of(mem, "bind", {3, 0x1000, 8}, 0),
            "bind(3, {sa_family=AF_PACKET, sa_data=\"\\0\\3\\0\\t=\\0\"}, 8) = 0");
}

TEST(DecodeSock, OtherFamilies) {
  FakeMemory mem;
  // AF_VSOCK: reserved1 and svm_zero only when set.
  unsigned char vm[16] = {};
  vm[0] = AF_VSOCK;
  const std::uint32_t cid = 2, port = 0xffffffffu;
  std::memcpy(vm + 4, &port, 4);
  std::memcpy(vm + 8, &cid, 4);
  vm[12] = 0x81;
  vm[13] = 1;
  mem.map(0x1000, vm, sizeof vm);
  EXPECT_EQ(line_of(mem, "connect", {3, 0x1000, 16}, 0),
            "connect(3, {sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HOST, svm_port=VMADDR_PORT_ANY, "
            "svm_flags=VMADDR_FLAG_TO_HOST|0x80, svm_zero=\"\\x01\\x00\\x00\"}, 16) = 0");
  EXPECT_EQ(line_of(mem, "connect", {3, 0x1000, 15}, 0),
            "connect(3, {sa_family=AF_VSOCK, "
            "sa_data=\"\\0\\0\\377\\377\\377\\377\\2\\0\\0\\0\\201\\1\\0\"}, "
            "15) = 0");
  // AF_ALG: the flags always with their number (under -X raw, only it).
  unsigned char alg[88] = {};
  alg[0] = AF_ALG;
  std::memcpy(alg + 2, "hash", 4);
  const std::uint32_t feat = 0x1000;
  std::memcpy(alg + 16, &feat, 4);
  std::memcpy(alg + 24, "sha256", 6);
  mem.map(0x2000, alg, sizeof alg);
  EXPECT_EQ(line_of(mem, "bind", {3, 0x2000, 88}, 0),
            "bind(3, {sa_family=AF_ALG, salg_type=\"hash\", salg_feat=0x1000 /* "
            "CRYPTO_ALG_KERN_DRIVER_ONLY */, salg_mask=0, salg_name=\"sha256\"}, 88) = 0");
  EXPECT_EQ(line_of(mem, "bind", {3, 0x2000, 88}, 0, false, with_xlat(XlatStyle::Raw)),
            "bind(3, {sa_family=0x26, salg_type=\"hash\", salg_feat=0x1000, salg_mask=0, "
            "salg_name=\"sha256\"}, 88) = 0");
  // AF_XDP: the fd only with XDP_SHARED_UMEM, else in hex when set.
  unsigned char xdp[16] = {};
  xdp[0] = AF_XDP;
  xdp[2] = 0x40;
  xdp[12] = 9;
  mem.map(0x3000, xdp, sizeof xdp);
  EXPECT_EQ(line_of(mem, "bind", {3, 0x3000, 16}, 0),
            "bind(3, {sa_family=AF_XDP, sxdp_flags=0x40 /* XDP_??? */, sxdp_ifindex=0, "
            "sxdp_queue_id=0, sxdp_shared_umem_fd=0x9}, 16) = 0");
  // AF_IPX.
  const unsigned char ipx[16] = {AF_IPX, 0, 0, 7, 0, 0, 0, 1, 1, 0, 3, 4, 5, 6, 4, 3};
  mem.map(0x4000, ipx, sizeof ipx);
  EXPECT_EQ(line_of(mem, "bind", {3, 0x4000, 16}, 0),
            "bind(3, {sa_family=AF_IPX, sipx_port=htons(7), sipx_network=htonl(0x1), "
            "sipx_node=[0x1, 00, 0x3, 0x4, 0x5, 0x6], sipx_type=0x4, sipx_zero=0x3}, 16) = 0");
}

TEST(DecodeSock, SocketProtocols) {
  FakeMemory mem;
  EXPECT_EQ(line_of(mem, "socket", {AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)}, 3),
            "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 3");
  EXPECT_EQ(line_of(mem, "socket", {AF_PACKET, SOCK_RAW, htons(0x1234)}, 3),
            "socket(AF_PACKET, SOCK_RAW, htons(0x1234 /* ETH_P_??? */)) = 3");
  EXPECT_EQ(line_of(mem, "socket", {AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP)}, 3, false,
                    with_xlat(XlatStyle::Verbose)),
            "socket(0x11 /* AF_PACKET */, 0x2 /* SOCK_DGRAM */, htons(0x800 /* ETH_P_IP */)) = 3");
  // AF_AX25's protocols always print as the number and the name.
  EXPECT_EQ(line_of(mem, "socket", {AF_AX25, SOCK_DGRAM, 0xcc}, 3),
            "socket(AF_AX25, SOCK_DGRAM, 0xcc /* AX25_P_IP */) = 3");
  EXPECT_EQ(line_of(mem, "socket", {AF_BLUETOOTH, SOCK_RAW, 1}, 3),
            "socket(AF_BLUETOOTH, SOCK_RAW, BTPROTO_HCI) = 3");
  // strace 6.1 names AF_IRDA's protocols with the CAN names.
  EXPECT_EQ(line_of(mem, "socket", {AF_IRDA, SOCK_RAW, 1}, 3),
            "socket(AF_IRDA, SOCK_RAW, CAN_RAW) = 3");
  // socketpair's protocol is a number.
  EXPECT_EQ(line_of(mem, "socketpair", {AF_INET, SOCK_STREAM, IPPROTO_TCP, 0x1000}, -95, true),
            "socketpair(AF_INET, SOCK_STREAM, 6, 0x1000) = -1 EOPNOTSUPP (Operation not "
            "supported)");
}

TEST(DecodeSock, OptionNames) {
  FakeMemory mem;
  const int len = 4;
  mem.map_obj(0x2000, len);
  // 26 is SO_ATTACH_FILTER to setsockopt and SO_GET_FILTER to getsockopt.
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, 26, 0, 0}, -14, true),
            "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, NULL, 0) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "getsockopt", {3, SOL_SOCKET, 26, 0x1000, 0x2000}, -14, true),
            "getsockopt(3, SOL_SOCKET, SO_GET_FILTER, 0x1000, [4]) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_IP, 64, 0, 0}, -14, true),
            "setsockopt(3, SOL_IP, IPT_SO_SET_REPLACE, NULL, 0) = -1 EFAULT (Bad address)");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_PACKET, 99, 0, 0}, -14, true),
            "setsockopt(3, SOL_PACKET, 0x63 /* PACKET_??? */, NULL, 0) = -1 EFAULT (Bad "
            "address)");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, 40, 0, 0, 0}, -14, true),
            "setsockopt(3, AF_VSOCK, SO_VM_SOCKETS_BUFFER_SIZE, NULL, 0) = -1 EFAULT (Bad "
            "address)");
  // SOL_UDPLITE's names strace does not know: the number.
  EXPECT_EQ(line_of(mem, "setsockopt", {3, 136, 10, 0, 0}, -14, true),
            "setsockopt(3, SOL_UDPLITE, 10, NULL, 0) = -1 EFAULT (Bad address)");
  EXPECT_EQ(
      line_of(mem, "setsockopt", {3, SOL_SOCKET, 76, 0, 0}, -14, true, with_xlat(XlatStyle::Raw)),
      "setsockopt(3, 0x1, 0x4c, NULL, 0) = -1 EFAULT (Bad address)");
}

TEST(DecodeSock, SetsockoptStructures) {
  FakeMemory mem;
  // ip_mreqn: printed as its ip_mreq part.
  const std::uint32_t mreqn[3] = {inet_addr("239.1.1.1"), 0, 1};
  mem.map_obj(0x1000, mreqn);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_IP, IP_ADD_MEMBERSHIP, 0x1000, 12}, 0),
            "setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr(\"239.1.1.1\"), "
            "imr_interface=inet_addr(\"0.0.0.0\")}, 12) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_IP, IP_ADD_MEMBERSHIP, 0x1000, 4}, -22, true),
            "setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, 0x1000, 4) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_IP, IP_DROP_MEMBERSHIP, 0x9000, 8}, -14, true),
            "setsockopt(3, SOL_IP, IP_DROP_MEMBERSHIP, 0x9000, 8) = -1 EFAULT (Bad address)");
  struct {
    unsigned char addr[16];
    std::uint32_t ifindex;
  } m6{};
  inet_pton(AF_INET6, "ff02::1:3", m6.addr);
  m6.ifindex = 4000000;
  mem.map_obj(0x1100, m6);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_IPV6, IPV6_ADD_MEMBERSHIP, 0x1100, 20}, 0),
            "setsockopt(3, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, \"ff02::1:3\", "
            "&ipv6mr_multiaddr), ipv6mr_interface=4000000}, 20) = 0");
  // group_req: exactly its size, else the address.
  unsigned char gr[136] = {};
  const sockaddr_in g = loopback_in(0);
  std::memcpy(gr + 8, &g, sizeof g);
  mem.map(0x1200, gr, sizeof gr);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_IP, MCAST_JOIN_GROUP, 0x1200, 136}, 0),
            "setsockopt(3, SOL_IP, MCAST_JOIN_GROUP, {gr_interface=0, gr_group={sa_family=AF_INET, "
            "sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}, 136) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_IP, MCAST_JOIN_GROUP, 0x1200, 8}, -22, true),
            "setsockopt(3, SOL_IP, MCAST_JOIN_GROUP, 0x1200, 8) = -1 EINVAL (Invalid argument)");
  const std::uint32_t req[4] = {4096, 4, 2048, 8};
  mem.map_obj(0x1300, req);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_PACKET, PACKET_RX_RING, 0x1300, 16}, 0),
            "setsockopt(3, SOL_PACKET, PACKET_RX_RING, {tp_block_size=4096, tp_block_nr=4, "
            "tp_frame_size=2048, tp_frame_nr=8}, 16) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_PACKET, PACKET_RX_RING, 0x1300, 28}, 0),
            "setsockopt(3, SOL_PACKET, PACKET_RX_RING, 0x1300, 28) = 0");
  // int-like SOL_SOCKET options shorter than an int: the address; others: the bytes.
  mem.map(0x1400, "ab", 2);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_RCVBUF, 0x1400, 2}, -22, true),
            "setsockopt(3, SOL_SOCKET, SO_RCVBUF, 0x1400, 2) = -1 EINVAL (Invalid argument)");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_BINDTODEVICE, 0x1400, 2}, 0),
            "setsockopt(3, SOL_SOCKET, SO_BINDTODEVICE, \"ab\", 2) = 0");
  const int two = 2;
  mem.map_obj(0x1500, two);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, 74, 0x1500, 4}, 0),
            "setsockopt(3, SOL_SOCKET, SO_TXREHASH, [2 /* SOCK_TXREHASH_??? */], 4) = 0");
}

TEST(DecodeSock, PacketMreqAndMacText) {
  FakeMemory mem;
  packet_mreq m{};
  m.mr_ifindex = 4000000;
  m.mr_type = PACKET_MR_MULTICAST;
  m.mr_alen = 6;
  const unsigned char mac[6] = {1, 0, 0x5e, 0, 0, 1};
  std::memcpy(m.mr_address, mac, sizeof mac);
  mem.map_obj(0x1000, m);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_PACKET, PACKET_ADD_MEMBERSHIP, 0x1000, 16}, 0),
            "setsockopt(3, SOL_PACKET, PACKET_ADD_MEMBERSHIP, {mr_ifindex=4000000, "
            "mr_type=PACKET_MR_MULTICAST, mr_alen=6, mr_address=01:00:5e:00:00:01}, 16) = 0");
  // A zero-length address shows the last one formatted, as strace's static buffer does.
  m.mr_alen = 0;
  m.mr_type = 9;
  mem.map_obj(0x1000, m);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_PACKET, PACKET_DROP_MEMBERSHIP, 0x1000, 16}, 0),
            "setsockopt(3, SOL_PACKET, PACKET_DROP_MEMBERSHIP, {mr_ifindex=4000000, "
            "mr_type=0x9 /* PACKET_MR_??? */, mr_alen=0, mr_address=01:00:5e:00:00:01}, 16) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_PACKET, PACKET_ADD_MEMBERSHIP, 0x1000, 16}, 0, false,
                    with_xlat(XlatStyle::Raw)),
            "setsockopt(3, 0x107, 0x1, {mr_ifindex=4000000, mr_type=0x9, mr_alen=0, "
            "mr_address=\"\"}, 16) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_PACKET, PACKET_ADD_MEMBERSHIP, 0x1000, 12}, 0),
            "setsockopt(3, SOL_PACKET, PACKET_ADD_MEMBERSHIP, 0x1000, 12) = 0");
}

TEST(DecodeSock, IcmpFilter) {
  FakeMemory mem;
  const std::uint32_t some = (1u << 0) | (1u << 3) | (1u << 8);
  mem.map_obj(0x1000, some);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_RAW, 1, 0x1000, 4}, 0),
            "setsockopt(3, SOL_RAW, ICMP_FILTER, [ICMP_ECHOREPLY ICMP_DEST_UNREACH ICMP_ECHO], 4) "
            "= 0");
  const std::uint32_t most = ~1u;
  mem.map_obj(0x1000, most);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_RAW, 1, 0x1000, 4}, 0, false,
                    with_xlat(XlatStyle::Verbose)),
            "setsockopt(3, 0xff /* SOL_RAW */, 0x1 /* ICMP_FILTER */, ~[0 /* ICMP_ECHOREPLY */], "
            "4) = 0");
  // Two bytes: the rest stays set.
  const std::uint32_t high = 0x80040000u;
  mem.map_obj(0x1000, high);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_RAW, 1, 0x1000, 2}, 0),
            "setsockopt(3, SOL_RAW, ICMP_FILTER, [ICMP_INFO_REPLY ICMP_ADDRESS ICMP_ADDRESSREPLY "
            "0x13 /* ICMP_??? */ 0x14 /* ICMP_??? */ 0x15 /* ICMP_??? */ 0x16 /* ICMP_??? */ "
            "0x17 /* ICMP_??? */ 0x18 /* ICMP_??? */ 0x19 /* ICMP_??? */ 0x1a /* ICMP_??? */ "
            "0x1b /* ICMP_??? */ 0x1c /* ICMP_??? */ 0x1d /* ICMP_??? */ 0x1e /* ICMP_??? */ "
            "0x1f /* ICMP_??? */], 2) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_RAW, 1, 0x1000, 0}, 0),
            "setsockopt(3, SOL_RAW, ICMP_FILTER, 0x1000, 0) = 0");
}

TEST(DecodeSock, SocketFilterProgram) {
  FakeMemory mem;
  const sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_H | BPF_ABS, static_cast<std::uint32_t>(SKF_AD_OFF + SKF_AD_PROTOCOL)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x800, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, 0xffff),
      BPF_STMT(BPF_MISC | BPF_TAX, 0),
      BPF_STMT(0xffff, 0),
  };
  mem.map(0x2000, code, sizeof code);
  struct {
    std::uint16_t len;
    std::uint16_t pad[3];
    std::uint64_t filter;
  } prog{5, {}, 0x2000};
  mem.map_obj(0x1000, prog);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_ATTACH_FILTER, 0x1000, 16}, 0),
            "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=5, filter=0x2000}, 16) = 0");
  DecodeOptions v;
  v.verbose = true;
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_ATTACH_FILTER, 0x1000, 16}, 0, false, v),
            "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=5, filter=["
            "BPF_STMT(BPF_LD|BPF_H|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL), "
            "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x800, 0, 0x1), BPF_STMT(BPF_RET|BPF_K, 0xffff), "
            "BPF_STMT(BPF_MISC|BPF_TAX, 0), "
            "BPF_STMT(BPF_MISC|0xf8 /* BPF_??? */|0xff00 /* BPF_??? */, 0)]}, 16) = 0");
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_ATTACH_FILTER, 0x1000, 8}, 0),
            "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, 0x1000, 8) = 0");
  // A huge count over unreadable memory: the address.
  prog.len = 0xffff;
  prog.filter = 0x7000;
  mem.map_obj(0x1000, prog);
  EXPECT_EQ(line_of(mem, "setsockopt", {3, SOL_SOCKET, SO_ATTACH_FILTER, 0x1000, 16}, 0, false, v),
            "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=65535, filter=0x7000}, 16) = 0");
  // getsockopt(SO_GET_FILTER): the length is the number of instructions.
  const int n = 1;
  mem.map_obj(0x3000, n);
  EXPECT_EQ(line_of(mem, "getsockopt", {3, SOL_SOCKET, 26, 0x2000, 0x3000}, 0, false, v),
            "getsockopt(3, SOL_SOCKET, SO_GET_FILTER, [BPF_STMT(BPF_LD|BPF_H|BPF_ABS, "
            "SKF_AD_OFF+SKF_AD_PROTOCOL)], [1]) = 0");
}

TEST(DecodeSock, GetsockoptStructures) {
  FakeMemory mem;
  const std::uint32_t cred[3] = {0, 0xffffffffu, 0xffffffffu};
  mem.map_obj(0x1000, cred);
  int len = 12;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(line_of(mem, "getsockopt", {8, SOL_SOCKET, SO_PEERCRED, 0x1000, 0x2000}, 0),
            "getsockopt(8, SOL_SOCKET, SO_PEERCRED, {pid=0, uid=-1, gid=-1}, [12]) = 0");
  // A field cut short prints as its bytes.
  const std::int32_t linger[2] = {1, 3};
  mem.map_obj(0x1000, linger);
  len = 6;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(line_of(mem, "getsockopt", {8, SOL_SOCKET, SO_LINGER, 0x1000, 0x2000}, 0),
            "getsockopt(8, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=\"\\x03\\x00\"}, [6]) = 0");
  const std::uint32_t stats[3] = {7, 1, 0};
  mem.map_obj(0x1000, stats);
  len = 16;
  mem.map_obj(0x2000, len);
  auto run =
      run_syscall(mem, nr_of("getsockopt"), {8, SOL_PACKET, PACKET_STATISTICS, 0x1000, 0x2000}, 0,
                  false, {}, nullptr, 0, [&] {
                    const int rlen = 12;
                    mem.map_obj(0x2000, rlen);
                  });
  EXPECT_EQ(run.line(),
            "getsockopt(8, SOL_PACKET, PACKET_STATISTICS, {tp_packets=7, tp_drops=1, "
            "tp_freeze_q_cnt=0}, [16 => 12]) = 0");
  // SO_ERROR by name, in the -X styles; shorter than an int: the bytes.
  const int err = 111;
  mem.map_obj(0x1000, err);
  len = 4;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(
      line_of(mem, "getsockopt", {8, SOL_SOCKET, SO_ERROR, 0x1000, 0x2000}, 0, false,
              with_xlat(XlatStyle::Verbose)),
      "getsockopt(8, 0x1 /* SOL_SOCKET */, 0x4 /* SO_ERROR */, [111 /* ECONNREFUSED */], [4]) "
      "= 0");
  len = 2;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(line_of(mem, "getsockopt", {8, SOL_SOCKET, SO_RCVBUF, 0x1000, 0x2000}, 0),
            "getsockopt(8, SOL_SOCKET, SO_RCVBUF, \"\\x6f\\x00\", [2]) = 0");
  // A forged length: the address.
  len = -1;
  mem.map_obj(0x2000, len);
  EXPECT_EQ(line_of(mem, "getsockopt", {8, SOL_SOCKET, SO_LINGER, 0x1000, 0x2000}, 0),
            "getsockopt(8, SOL_SOCKET, SO_LINGER, 0x1000, [-1]) = 0");
}

// A control buffer of one message of `type` at `level` with the data.
std::vector<unsigned char> cmsg(int level, int type, const void* data, std::size_t len) {
  std::vector<unsigned char> b((16 + len + 7) & ~std::size_t{7});
  const std::uint64_t clen = 16 + len;
  std::memcpy(b.data(), &clen, 8);
  std::memcpy(b.data() + 8, &level, 4);
  std::memcpy(b.data() + 12, &type, 4);
  std::memcpy(b.data() + 16, data, len);
  return b;
}

std::string sendmsg_control(FakeMemory& mem, const std::vector<unsigned char>& c,
                            DecodeOptions opt = {}) {
  mem.map(0x5000, c.data(), c.size());
  struct {
    std::uint64_t name;
    std::uint32_t namelen, pad0;
    std::uint64_t iov, iovlen, control, controllen;
    std::int32_t flags;
    std::uint32_t pad1;
  } m{0, 0, 0, 0, 0, 0x5000, c.size(), 0, 0};
  mem.map_obj(0x4000, m);
  const std::string line = line_of(mem, "sendmsg", {3, 0x4000, 0}, 0, false, opt);
  const std::size_t b = line.find("msg_control=");
  const std::size_t e = line.find(", msg_controllen=");
  return b == std::string::npos || e == std::string::npos ? line : line.substr(b, e - b);
}

TEST(DecodeSock, IpControlMessages) {
  FakeMemory mem;
  const int ttl = 9;
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_IP, IP_TTL, &ttl, 4)),
            "msg_control=[{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[9]}]");
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_IP, IP_TTL, &ttl, 4), with_xlat(XlatStyle::Verbose)),
            "msg_control=[{cmsg_len=20, cmsg_level=0 /* SOL_IP */, cmsg_type=0x2 /* IP_TTL */, "
            "cmsg_data=[9]}]");
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_IP, IP_TTL, &ttl, 2)),
            "msg_control=[{cmsg_len=18, cmsg_level=SOL_IP, cmsg_type=IP_TTL}]");
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_IP, 99, &ttl, 4)),
            "msg_control=[{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=0x63 /* IP_??? */}]");
  const unsigned char opts[3] = {0x10, 0, 2};
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_IP, IP_RETOPTS, opts, 3)),
            "msg_control=[{cmsg_len=19, cmsg_level=SOL_IP, cmsg_type=IP_RETOPTS, "
            "cmsg_data=[0x10, 0, 0x2]}]");
  const std::uint32_t pktinfo[3] = {4000000, inet_addr("127.0.0.1"), inet_addr("127.0.0.2")};
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_IP, IP_PKTINFO, pktinfo, 12)),
            "msg_control=[{cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO, "
            "cmsg_data={ipi_ifindex=4000000, ipi_spec_dst=inet_addr(\"127.0.0.1\"), "
            "ipi_addr=inet_addr(\"127.0.0.2\")}}]");
  // IP_RECVERR: its sock_extended_err and the offender, an AF_UNIX one here whose path runs to
  // the very end of the buffer (the decoder must not read past it).
  unsigned char ee[32] = {};
  ee[0] = 111;
  ee[4] = 2;
  const std::uint16_t unix_family = AF_UNIX;
  std::memcpy(ee + 16, &unix_family, 2);
  std::memset(ee + 18, 'p', 14);
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_IP, IP_RECVERR, ee, 32)),
            "msg_control=[{cmsg_len=48, cmsg_level=SOL_IP, cmsg_type=IP_RECVERR, "
            "cmsg_data={ee_errno=111, ee_origin=2, ee_type=0, ee_code=0, ee_info=0, ee_data=0, "
            "offender={sa_family=AF_UNIX, sun_path=\"pppppppppppppp\"}}}]");
}

TEST(DecodeSock, SocketControlMessages) {
  FakeMemory mem;
  const std::int64_t tv[2] = {1700000000, 123456};
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_SOCKET, SO_TIMESTAMP_OLD, tv, 16)),
            "msg_control=[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD, "
            "cmsg_data={tv_sec=1700000000, tv_usec=123456}}]");
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_SOCKET, SO_TIMESTAMPNS_OLD, tv, 8)),
            "msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMPNS_OLD, "
            "cmsg_data=???}]");
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_SOCKET, 3, "ctx", 3)),
            "msg_control=[{cmsg_len=19, cmsg_level=SOL_SOCKET, cmsg_type=SCM_SECURITY, "
            "cmsg_data=\"ctx\"}]");
  // SCM_RIGHTS: -s fds, then "...".
  int fds[6] = {0, 1, 2, 3, 4, 5};
  DecodeOptions s4;
  s4.string_limit = 4;
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_SOCKET, SCM_RIGHTS, fds, sizeof fds), s4),
            "msg_control=[{cmsg_len=40, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, "
            "cmsg_data=[0, 1, 2, 3, ...]}]");
  const std::uint32_t cred[3] = {12, 0xffffffffu, 5};
  EXPECT_EQ(sendmsg_control(mem, cmsg(SOL_SOCKET, SCM_CREDENTIALS, cred, 12)),
            "msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, "
            "cmsg_data={pid=12, uid=-1, gid=5}}]");
}

}  // namespace
}  // namespace scry::test
