#include "trace/socket_diag.hpp"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "decode/scratch.hpp"
#include "scry/decode.hpp"
#include "scry/flags.hpp"

namespace scry::trace {

namespace {

// The protocol name the kernel gives the socket (strace's getfdproto): "TCP", "UNIX-STREAM".
std::string proto_name(pid_t tid, int fd) {
  char link[64];
  std::snprintf(link, sizeof link, "/proc/%d/fd/%d", tid, fd);
  char buf[64];
  ssize_t n = ::getxattr(link, "system.sockprotoname", buf, sizeof buf - 1);
  if (n <= 0) return {};
  buf[n] = '\0';
  return buf;  // up to the first NUL
}

std::string inet_endpoint(int family, const std::uint32_t* addr, std::uint16_t port_be) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (::inet_ntop(family, addr, buf, sizeof buf) == nullptr) buf[0] = '\0';
  std::string s = family == AF_INET6 ? std::string("[") + buf + "]" : std::string(buf);
  return s + ":" + std::to_string(ntohs(port_be));
}

}  // namespace

SocketDiag::~SocketDiag() {
  if (nl_fd_ >= 0) ::close(nl_fd_);
}

int SocketDiag::socket_fd() {
  if (nl_fd_ < 0) nl_fd_ = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  return nl_fd_;
}

bool SocketDiag::send_request(const void* req, std::size_t len) {
  const int fd = socket_fd();
  if (fd < 0) return false;
  sockaddr_nl nl{};
  nl.nl_family = AF_NETLINK;
  ssize_t n;
  do {
    n = ::sendto(fd, req, len, 0, reinterpret_cast<const sockaddr*>(&nl), sizeof nl);
  } while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(len);
}

namespace {

constexpr std::size_t kReplyBufSize = 32768;

// Reads the kernel's replies to one sock_diag request and hands each message to on_msg until
// it returns true (the answer), NLMSG_DONE/NLMSG_ERROR ends a dump, or a non-dump reply's
// first batch is read. Returns whether on_msg found the answer.
template <typename OnMsg>
bool read_replies(int fd, bool dump, OnMsg&& on_msg) {
  unsigned char* buf = scratch_buffer<struct SockDiagReplies, kReplyBufSize>();
  bool found = false;
  for (;;) {
    ssize_t n;
    do {
      n = ::recv(fd, buf, kReplyBufSize, 0);
    } while (n < 0 && errno == EINTR);  // the SIGALRM of -e inject=...:delay_*
    if (n <= 0) return found;
    for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, static_cast<unsigned>(n));
         h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) return found;
      if (!found && on_msg(h)) found = true;
    }
    if (!dump) return found;
  }
}

// A SOCK_DIAG_BY_FAMILY request: the header, then the family's request structure.
template <typename Req>
struct DiagRequest {
  explicit DiagRequest(std::uint16_t flags) {
    nlh.nlmsg_len = sizeof *this;
    nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    nlh.nlmsg_flags = flags;
  }
  nlmsghdr nlh{};
  Req req{};
};

}  // namespace

bool SocketDiag::query_inet(const std::string& proto, int family, int protocol, std::uint64_t inode,
                            std::string& out) {
  DiagRequest<inet_diag_req_v2> req(NLM_F_REQUEST | NLM_F_DUMP);
  req.req.sdiag_family = static_cast<std::uint8_t>(family);
  req.req.sdiag_protocol = static_cast<std::uint8_t>(protocol);
  req.req.idiag_states = ~0u;
  if (!send_request(&req, sizeof req)) return false;
  return read_replies(nl_fd_, true, [&](const nlmsghdr* h) {
    if (h->nlmsg_len < NLMSG_LENGTH(sizeof(inet_diag_msg))) return false;
    const auto* m = static_cast<const inet_diag_msg*>(NLMSG_DATA(h));
    if (m->idiag_family != family || m->idiag_inode != inode) return false;
    static constexpr std::uint32_t kZero[4] = {};
    const std::size_t alen = family == AF_INET ? 4 : 16;
    out = proto + ":[" + inet_endpoint(family, m->id.idiag_src, m->id.idiag_sport);
    if (m->id.idiag_dport != 0 || std::memcmp(kZero, m->id.idiag_dst, alen) != 0)
      out += "->" + inet_endpoint(family, m->id.idiag_dst, m->id.idiag_dport);
    out += "]";
    return true;
  });
}

bool SocketDiag::query_netlink(std::uint64_t inode, std::string& out, int& protocol) {
  // strace's netlink_send_query / netlink_parse_response: a dump of every netlink socket.
  DiagRequest<netlink_diag_req> req(NLM_F_REQUEST | NLM_F_DUMP);
  req.req.sdiag_family = AF_NETLINK;
  req.req.sdiag_protocol = NDIAG_PROTO_ALL;
  req.req.ndiag_show = NDIAG_SHOW_MEMINFO;
  if (!send_request(&req, sizeof req)) return false;
  return read_replies(nl_fd_, true, [&](const nlmsghdr* h) {
    if (h->nlmsg_len < NLMSG_LENGTH(sizeof(netlink_diag_msg))) return false;
    const auto* m = static_cast<const netlink_diag_msg*>(NLMSG_DATA(h));
    if (m->ndiag_ino != inode || m->ndiag_family != AF_NETLINK) return false;
    protocol = m->ndiag_protocol;
    // strace's words: "NETLINK:[ROUTE:1234]" (the port id), "NETLINK:[99]" (the protocol).
    const char* name = enum_name(flag_set(FlagSetId::netlink_proto), m->ndiag_protocol);
    out = "NETLINK:[";
    if (name != nullptr) {
      constexpr std::string_view kPrefix = "NETLINK_";
      std::string_view n(name);
      if (n.substr(0, kPrefix.size()) == kPrefix) n.remove_prefix(kPrefix.size());
      out += n;
      out += ':';
      out += std::to_string(m->ndiag_portid);
    } else {
      out += std::to_string(m->ndiag_protocol);
    }
    out += ']';
    return true;
  });
}

bool SocketDiag::query_unix(const std::string& proto, std::uint64_t inode, std::string& out) {
  DiagRequest<unix_diag_req> req(NLM_F_REQUEST);
  req.req.sdiag_family = AF_UNIX;
  req.req.udiag_ino = static_cast<std::uint32_t>(inode);
  req.req.udiag_states = ~0u;
  req.req.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER;
  req.req.udiag_cookie[0] = ~0u;
  req.req.udiag_cookie[1] = ~0u;
  if (!send_request(&req, sizeof req)) return false;
  // Not a dump: the answer is one message, without NLMSG_DONE.
  return read_replies(nl_fd_, false, [&](const nlmsghdr* h) {
    if (h->nlmsg_len < NLMSG_LENGTH(sizeof(unix_diag_msg))) return false;
    const auto* m = static_cast<const unix_diag_msg*>(NLMSG_DATA(h));
    if (m->udiag_family != AF_UNIX || m->udiag_ino != inode) return false;
    std::uint32_t peer = 0;
    std::string_view path;
    int left = static_cast<int>(h->nlmsg_len - NLMSG_LENGTH(sizeof *m));
    for (auto* a = reinterpret_cast<rtattr*>(const_cast<unix_diag_msg*>(m) + 1); RTA_OK(a, left);
         a = RTA_NEXT(a, left)) {
      const auto len = static_cast<std::size_t>(RTA_PAYLOAD(a));
      if (a->rta_type == UNIX_DIAG_NAME && len > 0) {
        path = std::string_view(static_cast<const char*>(RTA_DATA(a)), len);
      } else if (a->rta_type == UNIX_DIAG_PEER && len >= 4) {
        std::memcpy(&peer, RTA_DATA(a), 4);
      }
    }
    // Neither a peer nor a name: strace keeps nothing (it asks again next time).
    if (peer == 0 && path.empty()) return false;
    out = proto + ":[" + std::to_string(inode);
    if (peer != 0) out += "->" + std::to_string(peer);
    if (!path.empty()) {
      out += ',';
      if (path[0] == '\0') {
        out += '@';
        path.remove_prefix(1);
      }
      OutBuf q;
      print_quoted(q, path, XMode::Default, false);
      out += q.view();
    }
    out += ']';
    return true;
  });
}

bool SocketDiag::describe(pid_t tid, int fd, std::uint64_t inode, OutBuf& out) {
  CacheEntry& e = cache_[inode % kCacheSize];
  if (e.inode == inode && !e.details.empty()) {
    out.put(e.details);
    return true;
  }
  const std::string proto = proto_name(tid, fd);
  // strace knows these protocols (its sock_proto table); any other socket, or one whose
  // protocol the kernel does not name, prints as "socket:[inode]".
  struct InetProto {
    const char* name;
    int family;
    int protocol;
  };
  static constexpr InetProto kInet[] = {
      {"TCP", AF_INET, IPPROTO_TCP},
      {"UDP", AF_INET, IPPROTO_UDP},
      {"UDPLITE", AF_INET, IPPROTO_UDPLITE},
      {"DCCP", AF_INET, IPPROTO_DCCP},
      {"SCTP", AF_INET, IPPROTO_SCTP},
      {"L2TP/IP", AF_INET, 115 /* IPPROTO_L2TP */},
      {"PING", AF_INET, IPPROTO_ICMP},
      {"RAW", AF_INET, IPPROTO_RAW},
      {"TCPv6", AF_INET6, IPPROTO_TCP},
      {"UDPv6", AF_INET6, IPPROTO_UDP},
      {"UDPLITEv6", AF_INET6, IPPROTO_UDPLITE},
      {"DCCPv6", AF_INET6, IPPROTO_DCCP},
      {"L2TP/IPv6", AF_INET6, 115},
      {"SCTPv6", AF_INET6, IPPROTO_SCTP},
      {"PINGv6", AF_INET6, IPPROTO_ICMP},
      {"RAWv6", AF_INET6, IPPROTO_RAW},
  };
  std::string details;
  int nl_protocol = -1;
  bool ok = false;
  bool known = false;
  for (const InetProto& p : kInet) {
    if (proto != p.name) continue;
    known = true;
    ok = query_inet(proto, p.family, p.protocol, inode, details);
    break;
  }
  if (proto == "UNIX" || proto == "UNIX-STREAM") {
    known = true;
    ok = query_unix(proto, inode, details);
  } else if (proto == "NETLINK") {
    known = true;
    ok = query_netlink(inode, details, nl_protocol);
  }
  if (!known) return false;
  if (ok) {
    e.inode = inode;
    e.details = details;
    e.nl_protocol = nl_protocol;
    out.put(details);
    return true;
  }
  out.put(proto);
  out.put(":[");
  out.put_udec(inode);
  out.put(']');
  return true;
}

int SocketDiag::netlink_protocol(pid_t tid, int fd, std::uint64_t inode) {
  KindEntry& k = kinds_[inode % kCacheSize];
  if (k.inode != inode) {
    k.inode = inode;
    k.netlink = proto_name(tid, fd) == "NETLINK";
  }
  if (!k.netlink) return FdResolver::kNotNetlink;
  CacheEntry& e = cache_[inode % kCacheSize];
  if (e.inode == inode && !e.details.empty()) return e.nl_protocol;
  std::string details;
  int protocol = -1;
  if (!query_netlink(inode, details, protocol)) return -1;
  e.inode = inode;
  e.details = details;
  e.nl_protocol = protocol;
  return protocol;
}

}  // namespace scry::trace
