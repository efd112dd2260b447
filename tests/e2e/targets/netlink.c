/* e2e target: netlink messages as strace decodes them. A NETLINK_ROUTE socket bound to a fixed
 * port id (so the kernel's replies carry the same nlmsg_pid in every run) sends well-formed
 * requests (RTM_GETADDR for lo, RTM_GETROUTE, RTM_GETLINK, RTM_NEWADDR, RTM_NEWNEIGH) and
 * hostile ones (nlmsg_len 0 or huge, buffers shorter than a header, unreadable or half-readable
 * memory, attributes whose lengths lie, more messages than -s), and receives only replies that
 * do not change between runs: lo's addresses and the kernel's error acks.
 * Exits 0 whatever the calls return: failures are part of the trace. */
#define _GNU_SOURCE
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <arpa/inet.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define PORT_ID 0x5c7a11u
#define SEQ 1000

static unsigned char buf[8192] __attribute__((aligned(8)));

static struct nlmsghdr *hdr(void *at, unsigned len, unsigned type, unsigned flags, unsigned seq) {
    struct nlmsghdr *h = at;
    h->nlmsg_len = len;
    h->nlmsg_type = (uint16_t)type;
    h->nlmsg_flags = (uint16_t)flags;
    h->nlmsg_seq = seq;
    h->nlmsg_pid = 0;
    return h;
}

static unsigned attr(void *at, unsigned type, const void *data, unsigned len) {
    struct nlattr *a = at;
    a->nla_len = (uint16_t)(NLA_HDRLEN + len);
    a->nla_type = (uint16_t)type;
    memcpy((char *)at + NLA_HDRLEN, data, len);
    return NLA_ALIGN(NLA_HDRLEN + len);
}

/* Receives replies until the dump's NLMSG_DONE or an error (at most 8 datagrams). */
static void recv_dump(int fd, struct msghdr *mh) {
    for (int i = 0; i < 8; i++) {
        ssize_t n = recvmsg(fd, mh, 0);
        if (n < (ssize_t)sizeof(struct nlmsghdr)) return;
        struct nlmsghdr *h = mh->msg_iov[0].iov_base;
        for (; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n))
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) return;
    }
}

static void drain(int fd) {
    static unsigned char rbuf[32768];
    struct sockaddr_nl from;
    struct iovec iov = {rbuf, sizeof rbuf};
    struct msghdr mh = {&from, sizeof from, &iov, 1, NULL, 0, 0};
    recvmsg(fd, &mh, MSG_DONTWAIT);
}

int main(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl nl = {.nl_family = AF_NETLINK, .nl_pid = PORT_ID};
    bind(fd, (struct sockaddr *)&nl, sizeof nl);
    int one = 1;
    setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof one);

    /* RTM_GETADDR dump of lo's IPv4 addresses: the reply is lo's 127.0.0.1, then NLMSG_DONE. */
    memset(buf, 0, sizeof buf);
    struct nlmsghdr *h = hdr(buf, NLMSG_LENGTH(sizeof(struct ifaddrmsg)), RTM_GETADDR,
                             NLM_F_REQUEST | NLM_F_DUMP, SEQ);
    struct ifaddrmsg *ifa = NLMSG_DATA(h);
    ifa->ifa_family = AF_INET;
    ifa->ifa_index = 1;
    sendto(fd, buf, h->nlmsg_len, 0, (struct sockaddr *)&nl, 0);
    static unsigned char rbuf[32768];
    recvfrom(fd, rbuf, sizeof rbuf, 0, NULL, NULL);
    recv(fd, rbuf, sizeof rbuf, 0);

    /* RTM_GETLINK for an index that does not exist, with an ack: NLMSG_ERROR -ENODEV echoing
     * the request. With extended acks the error carries attributes. */
    memset(buf, 0, sizeof buf);
    h = hdr(buf, NLMSG_LENGTH(sizeof(struct ifinfomsg)), RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK,
            SEQ + 1);
    struct ifinfomsg *ifi = NLMSG_DATA(h);
    ifi->ifi_index = 0x7ffffff0;
    uint32_t mask = RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFLA_EXT_MASK, &mask, 4);
    sendto(fd, buf, h->nlmsg_len, 0, NULL, 0);
    struct iovec riov = {rbuf, sizeof rbuf};
    struct msghdr rmh = {NULL, 0, &riov, 1, NULL, 0, 0};
    recvmsg(fd, &rmh, 0);
    setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
    sendto(fd, buf, h->nlmsg_len, 0, NULL, 0);
    recvmsg(fd, &rmh, 0);
    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
    sendto(fd, buf, h->nlmsg_len, 0, NULL, 0);
    recvmsg(fd, &rmh, 0);

    /* RTM_NEWADDR with attributes of every kind (not sent to the kernel: MSG_PEEK-free sendto to
     * an unbound destination port fails), then the same with lying lengths. */
    memset(buf, 0, sizeof buf);
    h = hdr(buf, NLMSG_LENGTH(sizeof(struct ifaddrmsg)), RTM_NEWADDR,
            NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, SEQ + 2);
    ifa = NLMSG_DATA(h);
    ifa->ifa_family = AF_INET;
    ifa->ifa_prefixlen = 24;
    ifa->ifa_flags = IFA_F_SECONDARY | IFA_F_NODAD;
    ifa->ifa_scope = RT_SCOPE_LINK;
    ifa->ifa_index = 0x7ffffff0;
    unsigned char a4[4] = {192, 0, 2, 1};
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFA_LOCAL, a4, 4);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFA_ADDRESS, a4, 4);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFA_LABEL, "dummy0", 7);
    uint32_t fl = IFA_F_NOPREFIXROUTE | IFA_F_MANAGETEMPADDR;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFA_FLAGS, &fl, 4);
    struct ifa_cacheinfo ci = {100, 200, 300, 400};
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFA_CACHEINFO, &ci, sizeof ci);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, 0x77, "\x01\x02\x03", 3);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFA_LOCAL, a4, 2);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFA_FLAGS | NLA_F_NESTED, &fl, 4);
    unsigned good = h->nlmsg_len;
    sendto(fd, buf, good, MSG_DONTWAIT, NULL, 0);
    drain(fd);
    /* The last attribute claims more than the message holds; then the message claims more than
     * the buffer. */
    ((struct nlattr *)((char *)h + good - 8))->nla_len = 200;
    sendto(fd, buf, good, MSG_DONTWAIT, NULL, 0);
    h->nlmsg_len = 4000;
    sendto(fd, buf, good, MSG_DONTWAIT, NULL, 0);
    drain(fd);

    /* RTM_GETROUTE, RTM_NEWNEIGH, RTM_GETLINK requests with attributes. */
    memset(buf, 0, sizeof buf);
    h = hdr(buf, NLMSG_LENGTH(sizeof(struct rtmsg)), RTM_GETROUTE, NLM_F_REQUEST, SEQ + 3);
    struct rtmsg *rt = NLMSG_DATA(h);
    rt->rtm_family = AF_INET;
    rt->rtm_dst_len = 32;
    rt->rtm_table = RT_TABLE_MAIN;
    rt->rtm_protocol = RTPROT_BOOT;
    rt->rtm_scope = RT_SCOPE_UNIVERSE;
    rt->rtm_type = RTN_UNICAST;
    rt->rtm_flags = RTM_F_LOOKUP_TABLE;
    unsigned char dst[4] = {127, 0, 0, 1};
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, RTA_DST, dst, 4);
    uint32_t oif = 1;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, RTA_OIF, &oif, 4);
    uint32_t table = 254;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, RTA_TABLE, &table, 4);
    unsigned char proto = 6;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, RTA_IP_PROTO, &proto, 1);
    uint16_t port = htons(80);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, RTA_DPORT, &port, 2);
    sendto(fd, buf, h->nlmsg_len, MSG_DONTWAIT, NULL, 0);
    drain(fd);

    memset(buf, 0, sizeof buf);
    h = hdr(buf, NLMSG_LENGTH(sizeof(struct ndmsg)), RTM_NEWNEIGH,
            NLM_F_REQUEST | NLM_F_REPLACE | NLM_F_CREATE, SEQ + 4);
    struct ndmsg *nd = NLMSG_DATA(h);
    nd->ndm_family = AF_INET;
    nd->ndm_ifindex = 0x7ffffff0;
    nd->ndm_state = NUD_PERMANENT;
    nd->ndm_flags = NTF_ROUTER;
    nd->ndm_type = RTN_UNICAST;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, NDA_DST, a4, 4);
    unsigned char mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0xff};
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, NDA_LLADDR, mac, 6);
    sendto(fd, buf, h->nlmsg_len, MSG_DONTWAIT, NULL, 0);
    drain(fd);

    memset(buf, 0, sizeof buf);
    h = hdr(buf, NLMSG_LENGTH(sizeof(struct ifinfomsg)), RTM_NEWLINK,
            NLM_F_REQUEST | NLM_F_ACK, SEQ + 5);
    ifi = NLMSG_DATA(h);
    ifi->ifi_family = AF_UNSPEC;
    ifi->ifi_type = 1;
    ifi->ifi_index = 0x7ffffff0;
    ifi->ifi_flags = 1 | 0x40;
    ifi->ifi_change = 0xffffffff;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFLA_IFNAME, "scry-nl0", 9);
    uint32_t mtu = 1400;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFLA_MTU, &mtu, 4);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFLA_ADDRESS, mac, 6);
    unsigned char st = 6;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFLA_OPERSTATE, &st, 1);
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, IFLA_TXQLEN, &mtu, 4);
    sendto(fd, buf, h->nlmsg_len, MSG_DONTWAIT, NULL, 0);
    drain(fd);

    /* Hostile framing: nlmsg_len 0, a huge nlmsg_len, a buffer shorter than a header, two
     * messages then a short tail, 40 empty messages (more than -s), NLMSG_NOOP/DONE. */
    memset(buf, 0, sizeof buf);
    sendto(fd, buf, 16, MSG_DONTWAIT, NULL, 0);
    sendto(fd, buf, 40, MSG_DONTWAIT, NULL, 0);
    hdr(buf, 0xfffffff0u, RTM_GETLINK, NLM_F_REQUEST, SEQ + 6);
    sendto(fd, buf, 40, MSG_DONTWAIT, NULL, 0);
    sendto(fd, buf, 10, MSG_DONTWAIT, NULL, 0);
    hdr(buf, 16, NLMSG_NOOP, 0, SEQ + 7);
    hdr(buf + 16, 20, NLMSG_DONE, NLM_F_MULTI, SEQ + 8);
    sendto(fd, buf, 36 + 7, MSG_DONTWAIT, NULL, 0);
    memset(buf, 0, sizeof buf);
    for (int i = 0; i < 40; i++) hdr(buf + 16 * i, 16, NLMSG_NOOP, 0, (unsigned)i);
    sendto(fd, buf, 16 * 40, MSG_DONTWAIT, NULL, 0);
    hdr(buf, 16 + 4, NLMSG_ERROR, 0, SEQ + 9);
    memset(buf + 16, 0xff, 4);
    sendto(fd, buf, 20, MSG_DONTWAIT, NULL, 0);
    hdr(buf, 17, 0x3ff, 0x8000, SEQ + 10);
    sendto(fd, buf, 17, MSG_DONTWAIT, NULL, 0);
    drain(fd);

    /* Unreadable memory: all of it; the attributes of a message that ends at an unmapped page;
     * the second message of a buffer that runs into it. (Partly readable headers are left out:
     * strace warns about those short reads on its stderr.) */
    sendto(fd, (void *)16, 40, MSG_DONTWAIT, NULL, 0);
    unsigned char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                                -1, 0);
    if (pages != MAP_FAILED) {
        munmap(pages + 4096, 4096);
        unsigned char *m = pages + 4096 - 24;
        memset(m, 0, 24);
        hdr(m, 40, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, SEQ + 11);
        m[16] = AF_INET;
        sendto(fd, m, 40, MSG_DONTWAIT, NULL, 0);
        m = pages + 4096 - 16;
        hdr(m, 16, NLMSG_NOOP, 0, SEQ + 11);
        sendto(fd, m, 40, MSG_DONTWAIT, NULL, 0);
    }

    /* The local routing table (IPv4): the kernel's routes for the machine's own addresses. */
    memset(buf, 0, sizeof buf);
    h = hdr(buf, NLMSG_LENGTH(sizeof(struct rtmsg)), RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP,
            SEQ + 13);
    rt = NLMSG_DATA(h);
    rt->rtm_family = AF_INET;
    table = RT_TABLE_LOCAL;
    h->nlmsg_len += attr((char *)h + h->nlmsg_len, RTA_TABLE, &table, 4);
    sendto(fd, buf, h->nlmsg_len, 0, NULL, 0);
    struct sockaddr_nl from;
    struct msghdr nmh = {&from, sizeof from, &riov, 1, NULL, 0, 0};
    recv_dump(fd, &nmh);

    /* sendmsg with the request split over two iovecs. */
    memset(buf, 0, sizeof buf);
    h = hdr(buf, NLMSG_LENGTH(sizeof(struct ifaddrmsg)), RTM_GETADDR,
            NLM_F_REQUEST | NLM_F_DUMP, SEQ + 12);
    ifa = NLMSG_DATA(h);
    ifa->ifa_family = AF_INET6;
    ifa->ifa_index = 1;
    struct iovec iov[2] = {{buf, 16}, {buf + 16, 8}};
    struct msghdr mh = {NULL, 0, iov, 2, NULL, 0, 0};
    sendmsg(fd, &mh, 0);
    recv_dump(fd, &rmh);
    /* The same with a netlink address: the data print as messages, each iovec on its own. */
    mh.msg_name = &nl;
    mh.msg_namelen = sizeof nl;
    nl.nl_pid = 0;
    sendmsg(fd, &mh, 0);
    recv_dump(fd, &nmh);

    close(fd);

    /* NETLINK_KOBJECT_UEVENT (bound to no multicast group, so no real uevent arrives): a
     * kernel-style uevent and libudev's header with and without properties. */
    int ufd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
    struct sockaddr_nl unl = {.nl_family = AF_NETLINK, .nl_pid = PORT_ID + 1};
    bind(ufd, (struct sockaddr *)&unl, sizeof unl);
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    static const char uevent[] = "add@/devices/scry\0ACTION=add\0DEVPATH=/devices/scry";
    sendto(ufd, uevent, sizeof uevent, MSG_DONTWAIT, (struct sockaddr *)&kernel, sizeof kernel);
    unsigned char udev[64] = "libudev\0\xfe\xed\xca\xfe\x28";
    memcpy(udev + 40, "ACTION=add", 10);
    sendto(ufd, udev, 40, MSG_DONTWAIT, (struct sockaddr *)&kernel, sizeof kernel);
    sendto(ufd, udev, 51, MSG_DONTWAIT, (struct sockaddr *)&kernel, sizeof kernel);
    close(ufd);
    return 0;
}
