// NETLINK_ROUTE payloads as strace 6.1 prints them (its netlink_route.c, rtnl_link.c,
// rtnl_addr.c, rtnl_route.c, rtnl_neigh.c): ifinfomsg, ifaddrmsg, rtmsg and ndmsg with their
// attributes; other message types print their family and bytes.
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>
#include <type_traits>

#include "decode/netlink.hpp"

namespace scry::dec {

namespace {

// struct rtnl_link_stats (24 fields) and rtnl_link_stats64 (25).
constexpr const char* kLinkStatsNames[] = {
    "rx_packets",          "tx_packets",        "rx_bytes",         "tx_bytes",
    "rx_errors",           "tx_errors",         "rx_dropped",       "tx_dropped",
    "multicast",           "collisions",        "rx_length_errors", "rx_over_errors",
    "rx_crc_errors",       "rx_frame_errors",   "rx_fifo_errors",   "rx_missed_errors",
    "tx_aborted_errors",   "tx_carrier_errors", "tx_fifo_errors",   "tx_heartbeat_errors",
    "tx_window_errors",    "rx_compressed",     "tx_compressed",    "rx_nohandler",
    "rx_otherhost_dropped"};

bool print_link_stats(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  return print_uint_fields<std::uint32_t>(ctx, addr, len, kLinkStatsNames, 24, 23);
}

bool print_link_stats64(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  return print_uint_fields<std::uint64_t>(ctx, addr, len, kLinkStatsNames, 25, 23);
}

bool print_ifmap(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  rtnl_link_ifmap m{};
  if (len < sizeof m) return false;
  if (!umove_or_printaddr(ctx, addr, m)) return true;
  Fields f(ctx.out);
  print_hex(f.f("mem_start"), m.mem_start);
  print_hex(f.f("mem_end"), m.mem_end);
  print_hex(f.f("base_addr"), m.base_addr);
  f.f("irq").put_udec(m.irq);
  f.f("dma").put_udec(m.dma);
  f.f("port").put_udec(m.port);
  f.end();
  return true;
}

bool print_ifa_cacheinfo(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kNames[] = {"ifa_prefered", "ifa_valid", "cstamp", "tstamp"};
  return print_uint_fields<std::uint32_t>(ctx, addr, len, kNames, 4, 4);
}

bool print_rta_cacheinfo(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  rta_cacheinfo ci{};
  if (len < sizeof ci) return false;
  if (!umove_or_printaddr(ctx, addr, ci)) return true;
  Fields f(ctx.out);
  f.f("rta_clntref").put_udec(ci.rta_clntref);
  f.f("rta_lastuse").put_udec(ci.rta_lastuse);
  f.f("rta_expires").put_dec(static_cast<std::int32_t>(ci.rta_expires));
  f.f("rta_error").put_udec(ci.rta_error);
  f.f("rta_used").put_udec(ci.rta_used);
  f.f("rta_id").put_udec(ci.rta_id);
  f.f("rta_ts").put_udec(ci.rta_ts);
  f.f("rta_tsage").put_udec(ci.rta_tsage);
  f.end();
  return true;
}

bool print_rta_mfc_stats(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kNames[] = {"mfcs_packets", "mfcs_bytes", "mfcs_wrong_if"};
  return print_uint_fields<std::uint64_t>(ctx, addr, len, kNames, 3, 3);
}

bool print_nda_cacheinfo(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kNames[] = {"ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt"};
  return print_uint_fields<std::uint32_t>(ctx, addr, len, kNames, 4, 4);
}

// An array of T indexed by the names of `set`: "[[DEVCONF_FORWARDING]=0, [DEVCONF_HOPLIMIT]=64,
// ...]", an unknown index as "[58 /* DEVCONF_??? */]", -s elements at most.
template <typename T>
bool print_indexed(DecodeCtx& ctx, std::uint64_t addr, unsigned len, const FlagSet* set,
                   const char* dflt) {
  if (len < sizeof(T)) return false;
  std::uint64_t index = 0;
  print_array(ctx, addr, len / sizeof(T), sizeof(T), [&](const unsigned char* e) {
    T v{};
    std::memcpy(&v, e, sizeof v);
    ctx.out.put('[');
    printxval(ctx.out, set, index++, dflt, ValFmt::Udec);
    ctx.out.put("]=");
    if constexpr (std::is_signed_v<T>) {
      ctx.out.put_dec(v);
    } else {
      ctx.out.put_udec(v);
    }
    return true;
  });
  return true;
}

bool print_ipv4_devconf(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const FlagSet* const set = find_set("ipv4_devconf");
  return print_indexed<std::int32_t>(ctx, addr, len, set, "IPV4_DEVCONF_???");
}

bool print_inet6_devconf(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const FlagSet* const set = find_set("inet6_devconf");
  return print_indexed<std::int32_t>(ctx, addr, len, set, "DEVCONF_???");
}

bool print_inet6_stats(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const FlagSet* const set = find_set("ipstats_mib");
  return print_indexed<std::uint64_t>(ctx, addr, len, set, "IPSTATS_MIB_???");
}

bool print_icmp6_stats(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const FlagSet* const set = find_set("icmp6_mib");
  return print_indexed<std::uint64_t>(ctx, addr, len, set, "ICMP6_MIB_???");
}

bool print_inet6_cacheinfo(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  static const char* const kNames[] = {"max_reasm_len", "tstamp", "reachable_time", "retrans_time"};
  return print_uint_fields<std::uint32_t>(ctx, addr, len, kNames, 4, 4);
}

bool print_inet6_token(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  return print_inet_addr_at(ctx, addr, len, AF_INET6);
}

// --- attribute tables ---------------------------------------------------------------------------

// IFLA_PROP_LIST's content: IFLA_ALT_IFNAME strings, named as the link attributes are.
const NlaTable& prop_list_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[IFLA_ALT_IFNAME + 1];
    s[IFLA_ALT_IFNAME] = {NlaKind::Str};
    return make_table("rtnl_link_attrs", "IFLA_???", s);
  }();
  return t;
}

const NlaTable& link_info_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[IFLA_INFO_SLAVE_DATA + 1];
    s[IFLA_INFO_KIND] = {NlaKind::Str};
    s[IFLA_INFO_SLAVE_KIND] = {NlaKind::Str};
    return make_table("rtnl_link_info_attrs", "IFLA_INFO_???", s);
  }();
  return t;
}

const NlaTable& af_spec_inet_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[IFLA_INET_CONF + 1];
    s[IFLA_INET_CONF] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_ipv4_devconf};
    return make_table("rtnl_ifla_af_spec_inet_attrs", "IFLA_INET_???", s);
  }();
  return t;
}

const NlaTable& af_spec_inet6_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[IFLA_INET6_RA_MTU + 1];
    s[IFLA_INET6_FLAGS] = {NlaKind::Flags32, find_set("inet6_if_flags"), "IF_???"};
    s[IFLA_INET6_CONF] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_inet6_devconf};
    s[IFLA_INET6_STATS] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_inet6_stats};
    s[IFLA_INET6_CACHEINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_inet6_cacheinfo};
    s[IFLA_INET6_ICMP6STATS] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_icmp6_stats};
    s[IFLA_INET6_TOKEN] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_inet6_token};
    s[IFLA_INET6_ADDR_GEN_MODE] = {NlaKind::Xval8, find_set("in6_addr_gen_mode"),
                                   "IN6_ADDR_GEN_MODE_???"};
    s[IFLA_INET6_RA_MTU] = {NlaKind::U32};
    return make_table("rtnl_ifla_af_spec_inet6_attrs", "IFLA_INET6_???", s);
  }();
  return t;
}

// IFLA_AF_SPEC: one nest per address family, the family as the attribute type.
const NlaTable& af_spec_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[AF_INET6 + 1];
    s[AF_INET] = {NlaKind::Nested, nullptr, nullptr, &af_spec_inet_attrs()};
    s[AF_INET6] = {NlaKind::Nested, nullptr, nullptr, &af_spec_inet6_attrs()};
    return make_table("address_families", "AF_???", s);
  }();
  return t;
}

const NlaTable& xdp_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[IFLA_XDP_EXPECTED_FD + 1];
    s[IFLA_XDP_FD] = {NlaKind::Fd};
    s[IFLA_XDP_EXPECTED_FD] = {NlaKind::Fd};
    s[IFLA_XDP_ATTACHED] = {NlaKind::Xval8, find_set("xdp_attached"), "XDP_ATTACHED_???"};
    s[IFLA_XDP_FLAGS] = {NlaKind::Flags32, find_set("xdp_flags"), "XDP_FLAGS_???"};
    for (int a :
         {IFLA_XDP_PROG_ID, IFLA_XDP_DRV_PROG_ID, IFLA_XDP_SKB_PROG_ID, IFLA_XDP_HW_PROG_ID})
      s[a] = {NlaKind::U32};
    return make_table("rtnl_ifla_xdp_attrs", "IFLA_XDP_???", s);
  }();
  return t;
}

const NlaTable& link_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[IFLA_ALLMULTI + 1];
    for (int a : {IFLA_ADDRESS, IFLA_BROADCAST, IFLA_PERM_ADDRESS}) s[a] = {NlaKind::Hwaddr};
    for (int a : {IFLA_IFNAME, IFLA_QDISC, IFLA_IFALIAS, IFLA_PHYS_PORT_NAME, IFLA_ALT_IFNAME,
                  IFLA_PARENT_DEV_NAME, IFLA_PARENT_DEV_BUS_NAME})
      s[a] = {NlaKind::Str};
    for (int a : {IFLA_MTU,
                  IFLA_LINK,
                  IFLA_TXQLEN,
                  IFLA_WEIGHT,
                  IFLA_NET_NS_PID,
                  IFLA_NUM_VF,
                  IFLA_GROUP,
                  IFLA_PROMISCUITY,
                  IFLA_NUM_TX_QUEUES,
                  IFLA_NUM_RX_QUEUES,
                  IFLA_CARRIER_CHANGES,
                  IFLA_GSO_MAX_SEGS,
                  IFLA_GSO_MAX_SIZE,
                  IFLA_CARRIER_UP_COUNT,
                  IFLA_CARRIER_DOWN_COUNT,
                  IFLA_MIN_MTU,
                  IFLA_MAX_MTU,
                  IFLA_GRO_MAX_SIZE,
                  IFLA_TSO_MAX_SIZE,
                  IFLA_TSO_MAX_SEGS,
                  IFLA_ALLMULTI})
      s[a] = {NlaKind::U32};
    for (int a : {IFLA_OPERSTATE, IFLA_LINKMODE, IFLA_CARRIER, IFLA_PROTO_DOWN})
      s[a] = {NlaKind::U8};
    for (int a : {IFLA_LINK_NETNSID, IFLA_NEW_NETNSID, IFLA_IF_NETNSID}) s[a] = {NlaKind::S32};
    s[IFLA_MASTER] = {NlaKind::Ifindex};
    s[IFLA_NEW_IFINDEX] = {NlaKind::Ifindex};
    s[IFLA_NET_NS_FD] = {NlaKind::Fd};
    s[IFLA_STATS] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_link_stats};
    s[IFLA_STATS64] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_link_stats64};
    s[IFLA_MAP] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_ifmap};
    s[IFLA_EXT_MASK] = {NlaKind::Flags32, find_set("rtext_filter"), "RTEXT_FILTER_???"};
    s[IFLA_LINKINFO] = {NlaKind::Nested, nullptr, nullptr, &link_info_attrs()};
    s[IFLA_AF_SPEC] = {NlaKind::Nested, nullptr, nullptr, &af_spec_attrs()};
    s[IFLA_XDP] = {NlaKind::Nested, nullptr, nullptr, &xdp_attrs()};
    // IFLA_PROP_LIST nests IFLA_ALT_IFNAME attributes, named by this table. A table of its own
    // rather than this one: a table nesting itself would let a tracee recurse at will.
    s[IFLA_PROP_LIST] = {NlaKind::Nested, nullptr, nullptr, &prop_list_attrs()};
    return make_table("rtnl_link_attrs", "IFLA_???", s);
  }();
  return t;
}

const NlaTable& addr_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[IFA_PROTO + 1];
    for (int a : {IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_ANYCAST, IFA_MULTICAST})
      s[a] = {NlaKind::InetAddr};
    s[IFA_LABEL] = {NlaKind::Str};
    s[IFA_CACHEINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_ifa_cacheinfo};
    s[IFA_FLAGS] = {NlaKind::Flags32, find_set("ifaddr_flags"), "IFA_F_???"};
    s[IFA_RT_PRIORITY] = {NlaKind::U32};
    s[IFA_TARGET_NETNSID] = {NlaKind::S32};
    return make_table("rtnl_addr_attrs", "IFA_???", s);
  }();
  return t;
}

const NlaTable& route_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[RTA_NH_ID + 1];
    for (int a : {RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC, RTA_NEWDST})
      s[a] = {NlaKind::InetAddr};
    s[RTA_IIF] = {NlaKind::Ifindex};
    s[RTA_OIF] = {NlaKind::Ifindex};
    for (int a : {RTA_PRIORITY, RTA_FLOW, RTA_MARK, RTA_UID, RTA_NH_ID}) s[a] = {NlaKind::U32};
    for (int a : {RTA_PREF, RTA_TTL_PROPAGATE, RTA_IP_PROTO}) s[a] = {NlaKind::U8};
    for (int a : {RTA_ENCAP_TYPE, RTA_SPORT, RTA_DPORT}) s[a] = {NlaKind::U16};
    s[RTA_EXPIRES] = {NlaKind::U64};
    s[RTA_TABLE] = {NlaKind::Xval32, find_set("rt_tables"), nullptr};
    s[RTA_CACHEINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_rta_cacheinfo};
    s[RTA_MFC_STATS] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_rta_mfc_stats};
    return make_table("rtnl_route_attrs", "RTA_???", s);
  }();
  return t;
}

const NlaTable& neigh_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[NDA_NDM_FLAGS_MASK + 1];
    s[NDA_DST] = {NlaKind::InetAddr};
    s[NDA_LLADDR] = {NlaKind::Hwaddr};
    s[NDA_CACHEINFO] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_nda_cacheinfo};
    for (int a : {NDA_PROBES, NDA_VNI, NDA_SRC_VNI, NDA_NH_ID}) s[a] = {NlaKind::U32};
    s[NDA_VLAN] = {NlaKind::U16};
    s[NDA_PORT] = {NlaKind::Be16};
    s[NDA_IFINDEX] = {NlaKind::Ifindex};
    s[NDA_MASTER] = {NlaKind::Ifindex};
    s[NDA_LINK_NETNSID] = {NlaKind::S32};
    s[NDA_PROTOCOL] = {NlaKind::Xval8, find_set("rt_protocols"), "RTPROT_???"};
    return make_table("rtnl_neigh_attrs", "NDA_???", s);
  }();
  return t;
}

// FRA_UID_RANGE and FRA_SPORT_RANGE/FRA_DPORT_RANGE: {start=N, end=N}.
template <typename Range>
bool print_range(DecodeCtx& ctx, std::uint64_t addr, unsigned len, std::uint64_t) {
  Range r{};
  if (len < sizeof r) return false;
  if (!umove_or_printaddr(ctx, addr, r)) return true;
  Fields f(ctx.out);
  f.f("start").put_udec(r.start);
  f.f("end").put_udec(r.end);
  f.end();
  return true;
}
constexpr auto print_uid_range = print_range<fib_rule_uid_range>;
constexpr auto print_port_range = print_range<fib_rule_port_range>;

const NlaTable& rule_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[FRA_DPORT_RANGE + 1];
    s[FRA_DST] = {NlaKind::InetAddr};
    s[FRA_SRC] = {NlaKind::InetAddr};
    s[FRA_IIFNAME] = {NlaKind::Str};
    s[FRA_OIFNAME] = {NlaKind::Str};
    for (int a : {FRA_GOTO, FRA_PRIORITY, FRA_FWMARK, FRA_FLOW, FRA_SUPPRESS_IFGROUP,
                  FRA_SUPPRESS_PREFIXLEN, FRA_FWMASK})
      s[a] = {NlaKind::U32};
    s[FRA_TABLE] = {NlaKind::Xval32, find_set("rt_tables"), nullptr};
    s[FRA_L3MDEV] = {NlaKind::U8};
    s[FRA_UID_RANGE] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_uid_range};
    s[FRA_PROTOCOL] = {NlaKind::Xval8, find_set("rt_protocols"), "RTPROT_???"};
    s[FRA_IP_PROTO] = {NlaKind::Xval8, find_set("ip_proto"), "IPPROTO_???"};
    s[FRA_SPORT_RANGE] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_port_range};
    s[FRA_DPORT_RANGE] = {NlaKind::Fn, nullptr, nullptr, nullptr, print_port_range};
    return make_table("rtnl_rule_attrs", "FRA_???", s);
  }();
  return t;
}

const NlaTable& nexthop_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[NHA_RES_BUCKET + 1];
    s[NHA_ID] = {NlaKind::U32};
    s[NHA_GROUP_TYPE] = {NlaKind::U16};
    s[NHA_OIF] = {NlaKind::Ifindex};
    s[NHA_GATEWAY] = {NlaKind::InetAddr};
    s[NHA_ENCAP_TYPE] = {NlaKind::U16};
    s[NHA_MASTER] = {NlaKind::Ifindex};
    return make_table("rtnl_nexthop_attrs", "NHA_???", s);
  }();
  return t;
}

const NlaTable& netconf_attrs() {
  static const NlaTable t = [] {
    static NlaSpec s[NETCONFA_BC_FORWARDING + 1];
    s[NETCONFA_IFINDEX] = {NlaKind::Ifindex};
    for (int a :
         {NETCONFA_FORWARDING, NETCONFA_RP_FILTER, NETCONFA_MC_FORWARDING, NETCONFA_PROXY_NEIGH,
          NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, NETCONFA_INPUT, NETCONFA_BC_FORWARDING})
      s[a] = {NlaKind::S32};
    return make_table("rtnl_netconf_attrs", "NETCONFA_???", s);
  }();
  return t;
}

// --- messages -----------------------------------------------------------------------------------

void decode_ifinfomsg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const types = find_set("arphrd");
  static const FlagSet* const iff = find_set("iff_flags");
  decode_family_msg<ifinfomsg>(ctx, "ifi_family", family, addr, len, &link_attrs(),
                               [&](const ifinfomsg& m) {
                                 OutBuf& out = ctx.out;
                                 out.put("ifi_type=");
                                 printxval(out, types, m.ifi_type, "ARPHRD_???");
                                 out.put(", ifi_index=");
                                 print_ifindex(ctx, static_cast<unsigned>(m.ifi_index));
                                 out.put(", ifi_flags=");
                                 printflags(out, iff, m.ifi_flags, "IFF_???");
                                 out.put(", ifi_change=");
                                 print_hex(out, m.ifi_change);
                               });
}

void decode_ifaddrmsg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const flags = find_set("ifaddr_flags");
  static const FlagSet* const scopes = find_set("rt_scopes");
  decode_family_msg<ifaddrmsg>(ctx, "ifa_family", family, addr, len, &addr_attrs(),
                               [&](const ifaddrmsg& m) {
                                 OutBuf& out = ctx.out;
                                 out.put("ifa_prefixlen=");
                                 out.put_udec(m.ifa_prefixlen);
                                 out.put(", ifa_flags=");
                                 printflags(out, flags, m.ifa_flags, "IFA_F_???");
                                 out.put(", ifa_scope=");
                                 printxval(out, scopes, m.ifa_scope, "RT_SCOPE_???");
                                 out.put(", ifa_index=");
                                 print_ifindex(ctx, m.ifa_index);
                               });
}

void decode_rtmsg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const tos = find_set("ip_tos");
  static const FlagSet* const tables = find_set("rt_tables");
  static const FlagSet* const protos = find_set("rt_protocols");
  static const FlagSet* const scopes = find_set("rt_scopes");
  static const FlagSet* const types = find_set("rt_types");
  static const FlagSet* const flags = find_set("rtm_flags");
  decode_family_msg<rtmsg>(ctx, "rtm_family", family, addr, len, &route_attrs(),
                           [&](const rtmsg& m) {
                             OutBuf& out = ctx.out;
                             out.put("rtm_dst_len=");
                             out.put_udec(m.rtm_dst_len);
                             out.put(", rtm_src_len=");
                             out.put_udec(m.rtm_src_len);
                             out.put(", rtm_tos=");
                             printflags(out, tos, m.rtm_tos, "IPTOS_TOS_???");
                             out.put(", rtm_table=");
                             printxval(out, tables, m.rtm_table, nullptr);
                             out.put(", rtm_protocol=");
                             printxval(out, protos, m.rtm_protocol, "RTPROT_???");
                             out.put(", rtm_scope=");
                             printxval(out, scopes, m.rtm_scope, "RT_SCOPE_???");
                             out.put(", rtm_type=");
                             printxval(out, types, m.rtm_type, "RTN_???");
                             out.put(", rtm_flags=");
                             printflags(out, flags, m.rtm_flags, "RTM_F_???");
                           });
}

void decode_ndmsg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const states = find_set("nud_states");
  static const FlagSet* const flags = find_set("ntf_flags");
  static const FlagSet* const types = find_set("rt_types");
  decode_family_msg<ndmsg>(ctx, "ndm_family", family, addr, len, &neigh_attrs(),
                           [&](const ndmsg& m) {
                             OutBuf& out = ctx.out;
                             out.put("ndm_ifindex=");
                             print_ifindex(ctx, static_cast<unsigned>(m.ndm_ifindex));
                             out.put(", ndm_state=");
                             printflags(out, states, m.ndm_state, "NUD_???");
                             out.put(", ndm_flags=");
                             printflags(out, flags, m.ndm_flags, "NTF_???");
                             out.put(", ndm_type=");
                             printxval(out, types, m.ndm_type, "RTN_???");
                           });
}

void decode_fib_rule_hdr(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr,
                         std::uint64_t len) {
  static const FlagSet* const tos = find_set("ip_tos");
  static const FlagSet* const tables = find_set("rt_tables");
  static const FlagSet* const actions = find_set("fib_rule_actions");
  static const FlagSet* const flags = find_set("fib_rule_flags");
  decode_family_msg<fib_rule_hdr>(ctx, "family", family, addr, len, &rule_attrs(),
                                  [&](const fib_rule_hdr& m) {
                                    OutBuf& out = ctx.out;
                                    out.put("dst_len=");
                                    out.put_udec(m.dst_len);
                                    out.put(", src_len=");
                                    out.put_udec(m.src_len);
                                    out.put(", tos=");
                                    printflags(out, tos, m.tos, "IPTOS_TOS_???");
                                    out.put(", table=");
                                    printxval(out, tables, m.table, nullptr);
                                    out.put(", action=");
                                    printxval(out, actions, m.action, "FR_ACT_???");
                                    out.put(", flags=");
                                    printflags(out, flags, m.flags, "FIB_RULE_???");
                                  });
}

void decode_nhmsg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  static const FlagSet* const scopes = find_set("rt_scopes");
  static const FlagSet* const protos = find_set("rt_protocols");
  static const FlagSet* const flags = find_set("rtnh_flags");
  decode_family_msg<nhmsg>(ctx, "nh_family", family, addr, len, &nexthop_attrs(),
                           [&](const nhmsg& m) {
                             OutBuf& out = ctx.out;
                             out.put("nh_scope=");
                             printxval(out, scopes, m.nh_scope, "RT_SCOPE_???");
                             out.put(", nh_protocol=");
                             printxval(out, protos, m.nh_protocol, "RTPROT_???");
                             out.put(", nh_flags=");
                             printflags(out, flags, m.nh_flags, "RTNH_F_???");
                           });
}

// netconfmsg is the family alone: "{ncm_family=AF_INET}", then the attributes.
void decode_netconfmsg(DecodeCtx& ctx, std::uint8_t family, std::uint64_t addr, std::uint64_t len) {
  OutBuf& out = ctx.out;
  out.put('{');
  print_family(out, "ncm_family", family);
  out.put('}');
  const std::uint64_t offset = NLMSG_ALIGN(sizeof(netconfmsg));
  if (len > offset) {
    out.put(", ");
    decode_nlattr(ctx, addr + offset, len - offset, netconf_attrs(), family);
  }
}

}  // namespace

bool decode_netlink_route(DecodeCtx& ctx, const nlmsghdr& h, std::uint64_t addr,
                          std::uint64_t len) {
  std::uint8_t family = 0;
  if (!umove_or_printaddr(ctx, addr, family)) return true;
  switch (h.nlmsg_type) {
    case RTM_NEWLINK:
    case RTM_DELLINK:
    case RTM_GETLINK:
    case RTM_SETLINK:
      decode_ifinfomsg(ctx, family, addr, len);
      break;
    case RTM_NEWADDR:
    case RTM_DELADDR:
    case RTM_GETADDR:
    case RTM_GETMULTICAST:
    case RTM_GETANYCAST:
      decode_ifaddrmsg(ctx, family, addr, len);
      break;
    case RTM_NEWROUTE:
    case RTM_DELROUTE:
    case RTM_GETROUTE:
      decode_rtmsg(ctx, family, addr, len);
      break;
    case RTM_NEWNEIGH:
    case RTM_DELNEIGH:
    case RTM_GETNEIGH:
      decode_ndmsg(ctx, family, addr, len);
      break;
    case RTM_NEWRULE:
    case RTM_DELRULE:
    case RTM_GETRULE:
      decode_fib_rule_hdr(ctx, family, addr, len);
      break;
    case RTM_NEWNEXTHOP:
    case RTM_DELNEXTHOP:
    case RTM_GETNEXTHOP:
      decode_nhmsg(ctx, family, addr, len);
      break;
    case RTM_NEWNETCONF:
    case RTM_DELNETCONF:
    case RTM_GETNETCONF:
      decode_netconfmsg(ctx, family, addr, len);
      break;
    default:
      decode_family_bytes(ctx, family, addr, len, "");
      break;
  }
  return true;
}

}  // namespace scry::dec
