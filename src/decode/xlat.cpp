// Named constants: strace's xlookup, printxval, printflags, sprintflags over data/flags sets.
#include <cstring>

#include "decode/decode_impl.hpp"

namespace scry::dec {

const FlagSet* find_set(std::string_view name) {
  for (const FlagSet* const* p = kFlagSets; *p != nullptr; ++p) {
    if (name == (*p)->set_name) return *p;
  }
  return nullptr;
}

const char* xlookup(const FlagSet* set, std::uint64_t value) {
  if (set == nullptr) return nullptr;
  for (std::size_t i = 0; i < set->count; ++i) {
    if (set->names[i].value == value) return set->name(i);
  }
  if (value == 0 && set->zero_name != nullptr) return set->zero_name;
  return nullptr;
}

void print_val(OutBuf& out, std::uint64_t v, ValFmt fmt) {
  switch (fmt) {
    case ValFmt::Hex:
      out.put_hex(v);
      return;
    case ValFmt::Dec:
      out.put_dec(static_cast<std::int64_t>(v));
      return;
    case ValFmt::Udec:
      out.put_udec(v);
      return;
    case ValFmt::Oct:
      out.put_oct(v);
      return;
  }
}

namespace {
thread_local XlatStyle g_xlat_style = XlatStyle::Abbrev;

template <typename Fn>
bool styled(OutBuf& out, std::uint64_t raw, ValFmt fmt, Fn&& abbrev) {
  return print_styled(out, raw, fmt, abbrev);
}

bool printxval_abbrev(OutBuf& out, const FlagSet* set, std::uint64_t v, const char* dflt,
                      ValFmt fmt) {
  if (const char* s = xlookup(set, v)) {
    out.put(s);
    return true;
  }
  print_val(out, v, fmt);
  if (dflt != nullptr) {
    out.put(" /* ");
    out.put(dflt);
    out.put(" */");
  }
  return false;
}

bool printflags_abbrev(OutBuf& out, const FlagSet* set, std::uint64_t flags, const char* dflt) {
  unsigned n = 0;
  if (flags == 0 && set != nullptr && set->zero_name != nullptr) {
    out.put(set->zero_name);
    return true;
  }
  if (set != nullptr) {
    for (std::size_t i = 0; (flags != 0 || n == 0) && i < set->count; ++i) {
      std::uint64_t v = set->names[i].value;
      if (v != 0 && (flags & v) == v) {
        if (n++ != 0) out.put('|');
        out.put(set->name(i));
        flags &= ~v;
      }
      if (flags == 0) break;
    }
  }
  if (n != 0) {
    if (flags != 0) {
      out.put('|');
      out.put_hex(flags);
    }
  } else if (flags != 0) {
    out.put_hex(flags);
    if (dflt != nullptr && dflt[0] != '\0') {
      out.put(" /* ");
      out.put(dflt);
      out.put(" */");
    }
  } else if (dflt != nullptr) {
    // strace prints a zero without a name only when it has a default text for unknown bits.
    out.put('0');
  }
  return n != 0;
}
}  // namespace

XlatStyle xlat_style() {
  return g_xlat_style;
}  // NOLINT: one per thread
void set_xlat_style(XlatStyle s) {
  g_xlat_style = s;
}

void print_xlat_raw(OutBuf& out, std::uint64_t v, const char* name) {
  styled(out, v, ValFmt::Hex, [&](OutBuf& o) {
    o.put(name);
    return true;
  });
}

void print_xlat_text(OutBuf& out, std::uint64_t v, ValFmt fmt, std::string_view text) {
  styled(out, v, fmt, [&](OutBuf& o) {
    o.put(text);
    return true;
  });
}

bool printxval(OutBuf& out, const FlagSet* set, std::uint64_t v, const char* dflt, ValFmt fmt) {
  return styled(out, v, fmt, [&](OutBuf& o) { return printxval_abbrev(o, set, v, dflt, fmt); });
}

void printflags(OutBuf& out, const FlagSet* set, std::uint64_t flags, const char* dflt) {
  if (flags == 0 && dflt == nullptr && (set == nullptr || set->zero_name == nullptr)) return;
  styled(out, flags, ValFmt::Hex,
         [&](OutBuf& o) { return printflags_abbrev(o, set, flags, dflt); });
}

namespace {
bool sprintflags_abbrev(OutBuf& out, std::string_view prefix, const FlagSet* set,
                        std::uint64_t flags, char sep) {
  std::size_t start = out.size();
  out.put(prefix);
  if (flags == 0) {
    const char* zero = xlookup(set, 0);
    if (zero != nullptr) {
      if (sep) out.put(sep);
      out.put(zero);
      return true;
    }
  }
  bool found = false;
  if (set != nullptr) {
    for (std::size_t i = 0; flags != 0 && i < set->count; ++i) {
      std::uint64_t v = set->names[i].value;
      if (v != 0 && (flags & v) == v) {
        if (sep) out.put(sep);
        out.put(set->name(i));
        found = true;
        sep = '|';
        flags &= ~v;
      }
    }
  }
  if (flags != 0) {
    if (sep) out.put(sep);
    out.put_hex(flags);
  } else if (!found) {
    out.truncate(start);
    return false;
  }
  return true;
}
}  // namespace

bool sprintflags(OutBuf& out, std::string_view prefix, const FlagSet* set, std::uint64_t flags,
                 char sep) {
  // strace's sprintflags_ex in the -X style (with sep, the caller's text continues the flags).
  if (xlat_style() == XlatStyle::Abbrev || sep != '\0')
    return sprintflags_abbrev(out, prefix, set, flags, sep);
  const std::size_t start = out.size();
  out.put(prefix);
  const bool named = print_styled(out, flags, ValFmt::Hex, [&](OutBuf& o) {
    XlatStyle saved = xlat_style();
    set_xlat_style(XlatStyle::Abbrev);
    const bool any = sprintflags_abbrev(o, "", set, flags, '\0');
    set_xlat_style(saved);
    return any && xlookup(set, flags) != nullptr ? true : any;
  });
  (void)named;
  if (out.size() == start + prefix.size()) {
    out.truncate(start);
    return false;
  }
  return true;
}

namespace {
const char* open_access_mode(std::uint64_t m) {
  switch (m & 3) {
    case 0:
      return "O_RDONLY";
    case 1:
      return "O_WRONLY";
    case 2:
      return "O_RDWR";
    default:
      return "O_ACCMODE";
  }
}
}  // namespace

void sprint_open_modes(OutBuf& out, std::uint64_t flags) {
  static const FlagSet* const set = find_set("open_flags");
  out.put("flags ");
  out.put(open_access_mode(flags));
  flags &= ~std::uint64_t{3};
  if (flags == 0) return;
  sprintflags_abbrev(out, "", set, flags, '|');
}

void print_open_modes(OutBuf& out, std::uint64_t flags) {
  static const FlagSet* const set = find_set("open_flags");
  styled(out, flags, ValFmt::Hex, [&](OutBuf& o) {
    o.put(open_access_mode(flags));
    const std::uint64_t rest = flags & ~std::uint64_t{3};
    if (rest != 0) sprintflags_abbrev(o, "", set, rest, '|');
    return true;
  });
}

OutBuf* aux(DecodeCtx& ctx) {
  return ctx.aux;
}

// Every set the decoders look up by name (a unit test checks that data/flags has them all).
const char* const kUsedSetNames[] = {
    "seccomp_ret_action",
    "seccomp_mode",
    "suid_dump",
    "address_families",
    "arch_prctl",
    "at",
    "capability",
    "clone_flags",
    "dirent_types",
    "dnotify",
    "f_owner_type",
    "f_seals",
    "fcntl_cmd",
    "fcntl_lock_type",
    "fd_flags",
    "fs_magic",
    "futex_op",
    "ip_proto",
    "mmap_flags",
    "mremap",
    "netlink_proto",
    "open_flags",
    "poll_events",
    "prctl_option",
    "ptrace_events",
    "sa_flags",
    "sock_level",
    "socket_flags",
    "socket_type",
    "sockopt",
    "sockopt_ip",
    "sockopt_ipv6",
    "sockopt_tcp",
    "sockopt_get",
    "sockopt_set",
    "sockopt_ip_get",
    "sockopt_ip_set",
    "sockopt_ipv6_get",
    "sockopt_ipv6_set",
    "sockopt_vsock",
    "sockopt_ipx",
    "sockopt_ax25",
    "sockopt_packet",
    "sockopt_can_raw",
    "sockopt_sctp",
    "sockopt_raw",
    "sockopt_udp",
    "sockopt_irda",
    "sockopt_llc",
    "sockopt_dccp",
    "sockopt_tipc",
    "sockopt_rxrpc",
    "sockopt_pppol2tp",
    "sockopt_bluetooth",
    "sockopt_pnpipe",
    "sockopt_rds",
    "sockopt_iucv",
    "sockopt_caif",
    "sockopt_alg",
    "sockopt_nfc",
    "sockopt_kcm",
    "sockopt_tls",
    "sockopt_xdp",
    "sockopt_txrehash",
    "icmp_filter_flags",
    "packet_mr_type",
    "af_packet_types",
    "ethernet_protocols",
    "ax25_protocols",
    "can_protocols",
    "bt_protocols",
    "isdn_protocols",
    "phonet_protocols",
    "caif_protocols",
    "nfc_protocols",
    "kcm_protocols",
    "smc_protocols",
    "bpf_class",
    "bpf_size",
    "bpf_mode",
    "bpf_src",
    "bpf_op_alu",
    "bpf_op_jmp",
    "bpf_rval",
    "bpf_miscop",
    "skf_ad",
    "ip_cmsg_types",
    "term_nldly",
    "term_crdly",
    "term_tabdly",
    "term_bsdly",
    "term_vtdly",
    "term_ffdly",
    "term_csize",
    "term_line_discs",
    "tcxonc_options",
    "tcflsh_options",
    "modem_flags",
    "vsock_cids",
    "vsock_ports",
    "vsock_flags",
    "alg_sockaddr_flags",
    "xdp_sockaddr_flags",
    "qipcrtr_nodes",
    "qipcrtr_ports",
    "mctp_nets",
    "mctp_addrs",
    "nfc_sockaddr_protocols",
    "nfc_saps",
    "statfs_flags",
    "statx_at",
    "statx_attrs",
    "statx_mask",
    "term_baud",
    "term_cflag",
    "term_iflag",
    "term_lflag",
    "term_oflag",
    "termios_cc",
    "whence",
    "sigev_notify",
    "sockopt_netlink",
    "sched_policy",
    "nlmsg_types",
    "nlm_flags",
    "nlm_get_flags",
    "nlm_new_flags",
    "nlm_delete_flags",
    "nlm_ack_flags",
    "nlmsgerr_attrs",
    "nl_route_types",
    "nl_sock_diag_types",
    "rtnl_link_attrs",
    "rtnl_link_info_attrs",
    "rtnl_addr_attrs",
    "ifaddr_flags",
    "rtnl_route_attrs",
    "rtnl_neigh_attrs",
    "iff_flags",
    "arphrd",
    "rt_scopes",
    "rt_tables",
    "rt_protocols",
    "rt_types",
    "rtm_flags",
    "nud_states",
    "ntf_flags",
    "rtext_filter",
    "ip_tos",
    "tcp_states",
    "inet_diag_attrs",
    "inet_diag_req_attrs",
    "unix_diag_show",
    "unix_diag_attrs",
    "netlink_diag_show",
    "netlink_diag_attrs",
    "sk_meminfo",
    "fib_rule_actions",
    "fib_rule_flags",
    "rtnl_rule_attrs",
    "rtnh_flags",
    "rtnl_nexthop_attrs",
    "rtnl_netconf_attrs",
    "ipv4_devconf",
    "inet6_devconf",
    "ipstats_mib",
    "icmp6_mib",
    "in6_addr_gen_mode",
    "inet6_if_flags",
    "rtnl_ifla_af_spec_inet_attrs",
    "rtnl_ifla_af_spec_inet6_attrs",
    "rtnl_ifla_xdp_attrs",
    "xdp_attached",
    "xdp_flags",
    "key_spec",
    "keyctl_cmd",
    "key_perms",
    "key_reqkey",
    "keyctl_move",
    "keyctl_caps0",
    "keyctl_caps1",
    "keyctl_pkey_ops",
    "syslog_action",
    "reboot_magic1",
    "reboot_magic2",
    "reboot_cmd",
    "kexec_arch",
    "kexec_load",
    "fan_class",
    "fan_init",
    "fan_mark",
    "fan_events",
    "quota_cmd",
    "quota_type",
    "quota_format",
    "quota_dqb_valid",
    "quota_dqi_flags",
    "quota_dqi_valid",
    "xfs_dqblk_flags",
    "xfs_quota_flags",
    "aio_cmd",
    "aio_iocb_flags",
    "rwf",
    "adjtimex_modes",
    "adjtimex_status",
    "adjtimex_state",
    "landlock_access_fs",
    "landlock_create",
    "landlock_rule",
    "io_uring_op",
    "io_uring_register_op",
    "io_uring_setup_flags",
    "io_uring_features",
    "io_uring_op_flags",
    "io_uring_restriction_op",
    "io_uring_sqe_flags",
    "io_uring_iowq_acct",
    "perf_type_id",
    "perf_attr_size",
    "perf_hw_id",
    "perf_sw_ids",
    "perf_hw_cache_id",
    "perf_hw_cache_op_id",
    "perf_hw_cache_op_result_id",
    "perf_sample_type",
    "perf_read_format",
    "perf_branch_sample_type",
    "hw_breakpoint_type",
    "clock_id",
    "perf_event_open",
    "bpf_cmd",
    "bpf_map_types",
    "bpf_prog_types",
    "bpf_attach_type",
    "bpf_map_flags",
    "bpf_file_mode_flags",
    "bpf_map_update_elem_flags",
    "bpf_map_lookup_elem_flags",
    "bpf_task_fd_type",
    "bpf_prog_flags",
    "bpf_attach_flags",
    "bpf_query_flags",
    "bpf_test_run_flags",
    "bpf_kprobe_multi_flags",
    "bpf_numa_node",
    "ebpf_regs",
    "ebpf_class",
    "ebpf_size",
    "ebpf_mode",
    "ebpf_src",
    "ebpf_op_alu",
    "ebpf_op_jmp",
    nullptr,
};

}  // namespace scry::dec

namespace scry {

namespace {
// strace's default text for unknown values where it is not the prefix of the set's first name.
struct DefaultText {
  const char* set;
  const char* dflt;
};
constexpr DefaultText kDefaultTexts[] = {
    {"access", "?_OK"},
    {"wait", "W???"},
    {"splice", "SPLICE_F_???"},
    {"fadvise", "POSIX_FADV_???"},
    {"key_spec", "KEY_SPEC_???"},
    {"membarrier_cmd", "MEMBARRIER_CMD_???"},
    {"epoll_ctl_op", "EPOLL_CTL_???"},
    {"poll_events", "POLL???"},
    {"epoll_events", "EPOLL???"},
    {"signals", "SIG???"},
    {"ioprio_who", "IOPRIO_WHO_???"},
    {"kexec_file", "KEXEC_FILE_???"},
    {"reboot_magic1", "LINUX_REBOOT_MAGIC_???"},
    {"reboot_magic2", "LINUX_REBOOT_MAGIC_???"},
    {"reboot_cmd", "LINUX_REBOOT_CMD_???"},
    {"io_uring_enter", "IORING_ENTER_???"},
};

// " /* O_??? */": the set's first name up to its first '_', then "???" (strace's dflt texts).
void put_unknown_comment(OutBuf& out, const FlagSet& set) {
  out.put(" /* ");
  for (const DefaultText& d : kDefaultTexts) {
    if (std::strcmp(d.set, set.set_name) == 0) {
      out.put(d.dflt);
      out.put(" */");
      return;
    }
  }
  const char* first = set.count > 0 ? set.name(0) : set.zero_name;
  if (first != nullptr) {
    const char* p = first;
    while (*p == '_') ++p;  // __O_SYNC-like names
    const char* us = std::strchr(p, '_');
    if (us != nullptr) {
      out.put(std::string_view(first, static_cast<std::size_t>(us - first) + 1));
    } else if (*p != '\0') {
      out.put(*p);
    }
  }
  out.put("??? */");
}
}  // namespace

void print_flags(OutBuf& out, const FlagSet& set, std::uint64_t value) {
  if (dec::xlat_style() == XlatStyle::Raw) {
    dec::printflags(out, &set, value, "");
    return;
  }
  bool any_known = false;
  for (std::size_t i = 0; i < set.count; ++i) {
    std::uint64_t v = set.names[i].value;
    if (v != 0 && (value & v) == v) any_known = true;
  }
  if (value != 0 && !any_known) {
    // Nothing known: strace adds the set's "PREFIX_???" comment (-X verbose too).
    // Nothing known: strace adds the set's "PREFIX_???" comment (with -X verbose too).
    out.put_hex(value);
    put_unknown_comment(out, set);
    return;
  }
  dec::printflags(out, &set, value, "");
}

void print_enum(OutBuf& out, const FlagSet& set, std::uint64_t value,
                std::string_view unknown_comment) {
  if (dec::xlat_style() != XlatStyle::Abbrev && dec::xlookup(&set, value) != nullptr) {
    dec::printxval(out, &set, value, nullptr);
    return;
  }
  if (dec::xlat_style() == XlatStyle::Raw) {
    out.put_hex(value);
    return;
  }
  if (const char* s = dec::xlookup(&set, value)) {
    out.put(s);
    return;
  }
  out.put_hex(value);
  if (!unknown_comment.empty()) {
    out.put(" /* ");
    out.put(unknown_comment);
    out.put(" */");
  } else {
    put_unknown_comment(out, set);
  }
}

}  // namespace scry
