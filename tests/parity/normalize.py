"""Normalise strace-format output so that two runs can be compared line by line.

Used by tests/parity/parity.py and tests/e2e/e2e_test.py (importable: put
tests/parity on sys.path and `import normalize`).  Standard library only.

What is normalised (run-dependent) and what is kept (a real difference):

* pid prefixes (`1234  ` with -f -o, `[pid 1234] `) are removed and used to
  split the output into one stream per process/thread;
* pids are renamed after the process tree, not after the order of first
  appearance, so that different interleavings give the same names: the first
  process is P0, the k-th child created by P0's clone/clone3/fork/vfork
  (counted in P0's own stream) is P0.k, its children P0.k.1, ...; pid numbers
  are replaced in pid contexts only (returns of fork-like calls, getpid,
  gettid, getppid, set_tid_address, wait4, waitid, and of rt_sigreturn /
  restart_syscall when the value is a known pid; si_pid=; kill/tkill/tgkill
  and other pid arguments; a FUTEX_WAIT value (pthread_join); /proc/N in
  strings and -y paths; `Process N attached`; `<pid changed to N ...>`; `superseded by execve in pid
  N`).  A bare number is never replaced (mmap(NULL, 8192, ...) with pid 8192
  must stay).  An unknown pid in a pid context becomes PID_UNK (e.g. the
  tracer's own pid returned by getppid in the first process);
* -f output is split into one stream per pid; unprefixed lines there go with
  the line before if they are -k backtrace lines (" > ...") and to a stream
  "<nopid>" otherwise (the -c/-C summary); -ff files are one stream each;
* `<unfinished ...>` / `<... X resumed>` pairs are joined back into one line;
* the padding before ` = ` is checked against strace's rule (the `=` goes to
  column 40, or one space after `) ` if the call is longer) on the raw line,
  and replaced by a single space when correct; a wrong padding is kept as is
  and marked `<MISALIGNED>`, so it shows up as a difference;
* -i instruction pointers -> [IP]; -n syscall numbers stay;
* hex numbers of 6+ digits -> 0xADDR;
* timestamps (-t/-tt/-ttt/-r/--absolute-timestamps prefix at any precision,
  -T suffix): each digit -> N (the shape stays, so a missing or malformed
  timestamp, or one at another precision, is still a difference);
* `/* N vars */`, st_size/stx_size, st_ino/stx_ino/d_ino, st_?time[_nsec],
  stx_?time={...}, date comments `/* 2024-01-01T... */`;
* netlink port ids: nl_pid=/nlmsg_pid= and -yy's NETLINK:[ROUTE:N] that are a
  known pid (a socket's first port id is its process's pid) -> the pid's name,
  negative ones (the kernel's random autobind ids) -> PORTID; nlmsg_seq= values
  within a year of now (ip(8) and glibc seed them with time(NULL)) -> TIME;
* getrandom's random bytes, and bytes read from an fd opened on /dev/urandom
  or /dev/random; clock_gettime/gettimeofday/time/times/sysinfo/getrusage
  values and wait4's rusage; si_utime/si_stime; pipe:[N], socket:[N] and
  other socket inode numbers; ephemeral ports (32768-60999);
* inside string literals and -y fd paths only: times of day (HH:MM,
  HH:MM:SS, e.g. date(1)) and /proc/PID/maps address ranges; -xx style
  all-hex literals are decoded, normalised and re-encoded;
* -c/-C summary tables: the three time columns become placeholders (when
  they have strace's widths) and rows are sorted by syscall name.

Flag names, errno names, syscall names, argument counts, structure field
names and string contents other than the above are left untouched.
"""

from __future__ import annotations

import difflib
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field

__all__ = [
    "parse_trace", "load_trace", "normalize_text", "compare_streams",
    "StreamsDiff", "unknown_syscalls", "split_raw_line", "normalize_body", "compare_lines",
    "ACOLUMN", "MISALIGNED", "call_name",
]

ACOLUMN = 40  # strace's default alignment column for " = "
MISALIGNED = "<MISALIGNED>"  # put before the "=" of a line whose padding is wrong

# (-Y adds the task's <comm> after the pid: "1234<sh> ", "[pid  1234<sh>] ")
_PID_PREFIX_RE = re.compile(r"^(\d{1,7})(?:<[^<>]*>)? +(?=\S)")  # pid_max is at most 2^22: 7 digits
_BRACKET_PID_RE = re.compile(r"^\[pid +(\d+)(?:<[^<>]*>)?\] ")
# Timestamps at strace's precisions (s, ms, us, ns): the time of day or epoch seconds (-t,
# --absolute-timestamps), optionally followed by -r's "(+     0.000123)"; or -r's "%6ld.FFF" alone.
_TS_FRAC = r"(?:\.(?:\d{3}|\d{6}|\d{9}))?"
_TS_RE = re.compile(rf"(?:(?:\d\d:\d\d:\d\d|\d{{9,}}){_TS_FRAC}(?: \(\+ *\d+{_TS_FRAC}\))?"
                    rf"|[ \d]{{5}}\d{_TS_FRAC}) ")
_SCNO_RE = re.compile(r"\[ *\d+\] ")
_IP_RE = re.compile(r"\[(?:[0-9a-f]{8,16}|\?{8,16})\] ")
_TSUFFIX_RE = re.compile(r" <\d+(?:\.\d+)?>$")
_UNFINISHED = " <unfinished ...>"
_RESUMED_RE = re.compile(r"^<\.\.\. ([\w?]+) resumed>(.*)$")
_CALLNAME_RE = re.compile(r"^([\w?]+)\(")

_FORK_CALLS = ("clone", "clone3", "fork", "vfork")
_PID_RETURN_CALLS = _FORK_CALLS + ("getpid", "gettid", "getppid", "set_tid_address",
                                   "wait4", "waitid", "getpgrp", "getpgid", "getsid",
                                   "setsid")
_PID_ARG1_CALLS = ("kill", "tkill", "tgkill", "wait4", "waitid", "getpgid", "setpgid",
                   "getsid", "sched_getaffinity", "sched_setaffinity", "prlimit64",
                   "pidfd_open", "ptrace", "process_vm_readv", "process_vm_writev",
                   "sched_getscheduler", "sched_getparam", "sched_setscheduler",
                   "getpriority", "setpriority", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
                   "kcmp")
_TIME_CALLS = ("clock_gettime", "clock_gettime64", "gettimeofday", "time", "times",
               "sysinfo", "getrusage")
# (-e raw= prints the return value in hex)
# (-Y: "= 1234<sh>")
_RETURN_RE = re.compile(r"^(.*\) = )(0x[0-9a-f]+|\d+)((?:<[^<>]*>)?(?: .*)?)$")


# --------------------------------------------------------------------------------------
# raw-line handling: prefix, timestamps, alignment


def _find_result_split(line: str, start: int) -> tuple[int, int] | None:
    """(index of ')' , index of '=') of the ') <pad>= ' separating call and result.

    The first such ')' outside string literals is used."""
    i, n = start, len(line)
    in_str = False
    while i < n:
        c = line[i]
        if in_str:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == ")" and i + 1 < n and line[i + 1] == " ":
            j = i + 1
            while j < n and line[j] == " ":
                j += 1
            if j < n and line[j] == "=" and (j + 1 == n or line[j + 1] == " "):
                return i, j
        i += 1
    return None


@dataclass
class RawLine:
    pid: int | None      # from the prefix, None if there was none
    ts: str              # normalised timestamp prefix ("" if none)
    body: str            # the rest, padding canonicalised when correct, -T stripped
    tsuffix: str         # normalised -T suffix ("" if none)
    aligned: bool | None  # None: the line has no " = " result


def split_raw_line(line: str, acolumn: int = ACOLUMN) -> RawLine:
    line = line.rstrip("\n")
    pid = None
    pos = 0
    m = _BRACKET_PID_RE.match(line) or _PID_PREFIX_RE.match(line)
    if m:
        pid = int(m.group(1))
        pos = m.end()
    ts = ""
    m = _TS_RE.match(line, pos)
    if m:
        ts = re.sub(r"\d", "N", m.group(0))
        pos = m.end()
    m = _SCNO_RE.match(line, pos)  # -n
    if m:
        ts += m.group(0)
        pos = m.end()
    m = _IP_RE.match(line, pos)  # -i
    if m:
        ts += "[IP] "
        pos = m.end()
    tsuffix = ""
    m = _TSUFFIX_RE.search(line)
    if m and m.start() >= pos:
        tsuffix = " " + re.sub(r"\d", "N", m.group(0)[1:])
        line = line[: m.start()]
    aligned = None
    split = _find_result_split(line, pos)
    if split is not None:
        paren, eq = split
        aligned = eq == max(paren + 2, acolumn)
        if aligned:
            line = line[: paren + 1] + " " + line[eq:]
        else:  # keep the padding as it was, marked (it may be one space)
            line = line[:eq] + MISALIGNED + line[eq:]
    return RawLine(pid, ts, line[pos:], tsuffix, aligned)


# --------------------------------------------------------------------------------------
# streams: split by pid, join unfinished/resumed


@dataclass
class _Entry:
    text: str
    ts: str = ""
    tsuffix: str = ""


def _join_stream(raw: list[RawLine]) -> list[_Entry]:
    out: list[_Entry] = []
    pending: tuple[int, str] | None = None  # (index in out, syscall name)
    for rl in raw:
        body = rl.body
        if body.endswith(_UNFINISHED):
            m = _CALLNAME_RE.match(body)
            out.append(_Entry(body, rl.ts, rl.tsuffix))
            pending = (len(out) - 1, m.group(1) if m else "")
            continue
        m = _RESUMED_RE.match(body)
        if m and pending is not None and pending[1] == m.group(1):
            e = out[pending[0]]
            e.text = e.text[: -len(_UNFINISHED)] + m.group(2)
            e.tsuffix = rl.tsuffix
            pending = None
            continue
        out.append(_Entry(body, rl.ts, rl.tsuffix))
        if not m and not body.startswith("---"):
            pending = None
    return out


_RANDOM_OPEN_RE = re.compile(r'^(?:open|openat)\(.*"/dev/u?random".*\) = (\d+)')
_RANDOM_READ_RE = re.compile(r'^(read\((\d+)(<[^,]*>)?, )"(?:[^"\\]|\\.)*"')
_CLOSE_RE = re.compile(r"^close\((\d+)")


def _mask_random_reads(entries: list[_Entry]) -> None:
    """Bytes read from /dev/urandom or /dev/random -> "RANDOM"."""
    fds: set[int] = set()
    for e in entries:
        m = _RANDOM_OPEN_RE.match(e.text)
        if m:
            fds.add(int(m.group(1)))
            continue
        m = _RANDOM_READ_RE.match(e.text)
        if m and (int(m.group(2)) in fds
                  or (m.group(3) or "").startswith(("</dev/urandom", "</dev/random"))):
            e.text = m.group(1) + '"RANDOM"' + e.text[m.end():]
            continue
        m = _CLOSE_RE.match(e.text)
        if m:
            fds.discard(int(m.group(1)))


_SUMMARY_ROW_RE = re.compile(r"^( *\d+\.\d+ +\d+\.\d+ +\d+)( +\d+ .*)$")
_SUMMARY_COLS = f"{'T':>6} {'S':>11} {'U':>11}"


def _normalize_summary(entries: list[_Entry]) -> None:
    """-c/-C summary tables: the three time columns -> placeholders (when they
    have strace's widths, 6+1+11+1+11 characters; otherwise kept as they are)
    and the rows sorted by syscall name (the default order, by time, is not
    reproducible)."""
    i, n = 0, len(entries)
    while i < n:
        if not entries[i].text.startswith("% time "):
            i += 1
            continue
        j = i + 2  # header, dashes
        rows = []
        while j < n and not entries[j].text.startswith("------"):
            m = _SUMMARY_ROW_RE.match(entries[j].text)
            if not m:
                break
            cols = _SUMMARY_COLS if len(m.group(1)) == len(_SUMMARY_COLS) else m.group(1)
            rows.append(cols + m.group(2))
            j += 1
        rows.sort(key=lambda r: (r.split()[-1], r))
        for k, r in enumerate(rows):
            entries[i + 2 + k].text = r
        if j < n and entries[j].text.startswith("------") and j + 1 < n:
            m = _SUMMARY_ROW_RE.match(entries[j + 1].text)
            if m:
                cols = _SUMMARY_COLS if len(m.group(1)) == len(_SUMMARY_COLS) else m.group(1)
                entries[j + 1].text = cols + m.group(2)
        i = j + 1


def call_name(text: str) -> str:
    """The syscall name a (prefix-free) line starts with, or "" (signal lines etc.)."""
    return _call_name(text)


def _call_name(text: str) -> str:
    m = _CALLNAME_RE.match(text)
    return m.group(1) if m else ""


def _return_value(text: str) -> int | None:
    m = _RETURN_RE.match(text)
    return int(m.group(2), 0) if m else None


def _name_processes(streams: dict, order: list) -> dict[int, str]:
    """Map pid -> tree name (P0, P0.1, ...)."""
    names: dict[int, str] = {}
    stream_name: dict = {}
    if not order:
        return names
    root = order[0]
    queue = [(root, "P0")]
    while queue:
        key, nm = queue.pop(0)
        if key in stream_name:
            continue
        stream_name[key] = nm
        if key is not None:
            names.setdefault(key, nm)
        k = 0
        for e in streams[key]:
            call = _call_name(e.text)
            if call in _FORK_CALLS:
                v = _return_value(e.text)
                if v is not None and v > 0:
                    k += 1
                    child = f"{nm}.{k}"
                    if v not in names:
                        names[v] = child
                        if v in streams:
                            queue.append((v, child))
            elif call in ("getpid", "gettid", "set_tid_address") and key is None:
                v = _return_value(e.text)
                if v is not None and v > 0:
                    names.setdefault(v, nm)
    q = 0
    for key in order:
        if key not in stream_name:
            q += 1
            stream_name[key] = f"Q{q}"
            if key is not None:
                names.setdefault(key, f"Q{q}")
    return names


# --------------------------------------------------------------------------------------
# value normalisation


_HEX_RE = re.compile(r"0x[0-9a-f]{6,}")
_VARS_RE = re.compile(r"/\* \d+ vars \*/")
_DATE_COMMENT_RE = re.compile(r"/\* \d{4}-\d\d-\d\dT[^*]*\*/")
_STAT_RE = re.compile(r"\b(st_size|stx_size|st_ino|stx_ino|d_ino|st_[amc]time(?:_nsec)?"
                      r"|f_bfree|f_bavail|f_ffree)=\d+")
_STX_TIME_RE = re.compile(r"\b(stx_[abcm]time)=\{tv_sec=-?\d+, tv_nsec=\d+\}")
_SI_TIMES_RE = re.compile(r"\b(si_utime|si_stime)=\d+(?: /\* [\d.]+ s \*/)?")
_INODE_RE = re.compile(r"\b(pipe|socket|TCP|TCPv6|UDP|UDPv6|UNIX|UNIX-STREAM|UNIX-DGRAM|"
                       r"NETLINK|RAW|RAWv6|UDPLITE|SCTP|PACKET):\[\d+\]")
# -yy unix sockets: "UNIX-STREAM:[1234->1235]", "UNIX:[1234,\"/path\"]"
_UNIX_INODE_RE = re.compile(r"\b(UNIX(?:-STREAM|-SEQPACKET)?):\[\d+(->\d+)?(?=[\],])")
# Linux ephemeral ports (32768-60999), in htons() and in -yy socket descriptions
_PORT_RE = re.compile(r"(?<=htons\()(3[2-9]\d{3}|[45]\d{4}|60\d{3})(?=\))"
                      r"|(?<=\d:)(3[2-9]\d{3}|[45]\d{4}|60\d{3})(?=[\]-])")
_GETRANDOM_RE = re.compile(r'^getrandom\("(?:[^"\\]|\\.)*"')
_TIME_FIELD_RE = re.compile(r"\b(\w+)=\d+")
_TOD_RE = re.compile(r"(?<!\d)\d\d:\d\d(?::\d\d)?(?!\d)")
# an address range as in /proc/PID/maps, inside a string literal
_MAPS_RE = re.compile(r"(?<![0-9a-f])[0-9a-f]{8,16}-[0-9a-f]{8,16}(?![0-9a-f])")
_SI_PID_RE = re.compile(r"\bsi_pid=(\d+)")
# pids after PRIO_PROCESS (get/setpriority), P_PID (waitid), F_SETOWN, in struct f_owner_ex, in
# the SysV IPC structs (shm_cpid=, msg_lspid=, ...) and in -yy pidfds (<pid:N>)
_PID_AFTER_RE = re.compile(
    r"(PRIO_PROCESS(?: \*/)?, |P_PID(?: \*/)?, |F_SETOWN(?: \*/)?, |\b(?:pid|shm_cpid|shm_lpid|msg_lspid|msg_lrpid|sigev_notify_thread_id)=|<pid:)(\d+)")
_PID_COMM_RE = re.compile(r"(?<![\w.])(\d+)(<[^<>/]*>)")
_NL_PID_RE = re.compile(r"\b(nl_pid=|nlmsg_pid=)(-?\d+)")
_NL_PORT_RE = re.compile(r"(?<=NETLINK:\[)([A-Z_0-9]+:)(\d+)(?=\])")
_NL_SEQ_RE = re.compile(r"\bnlmsg_seq=(\d{9,10})\b")
# the new thread's tid that clone/clone3 stored at parent_tid
_PARENT_TID_RE = re.compile(r"\bparent_tid=\[(\d+)\]")
# mkstemp(3)-style names git makes (".git/tXXXXXX", "tmp_obj_XXXXXX"): random per run
_MKSTEMP_RE = re.compile(r"(?<=/\.git/t)[A-Za-z0-9]{6}(?![A-Za-z0-9])"
                         r"|(?<=tmp_obj_)[A-Za-z0-9]{6}(?![A-Za-z0-9])")
_PROCESS_RE = re.compile(r"\bProcess (\d+) (attached|detached|suspended)")
_SUPERSEDED_RE = re.compile(r"superseded by execve in pid (\d+)")
_PID_CHANGED_RE = re.compile(r"<pid changed to (\d+) \.\.\.>")


class _PidRenamer:
    """Replaces pid numbers by tree names, in pid contexts only (a bare number
    like 8192 may well be a pid too, so there is no blind replacement)."""

    def __init__(self, names: dict[int, str]):
        self.names = names

    def name(self, v: int) -> str:
        return self.names.get(v, "PID_UNK")

    def known(self, v: int, default: str) -> str:
        return self.names.get(v, default)

    def apply(self, text: str) -> str:
        call = _call_name(text)
        if call in _PID_RETURN_CALLS or call in ("rt_sigreturn", "restart_syscall"):
            m = _RETURN_RE.match(text)
            if m and int(m.group(2), 0) > 0:
                v = int(m.group(2), 0)
                new = self.name(v) if call in _PID_RETURN_CALLS else self.known(v, m.group(2))
                text = m.group(1) + new + m.group(3)
        if call in _PID_ARG1_CALLS:
            m = re.match(r"^(\w+\()(\d+)(?=[,)<])", text)
            if m and int(m.group(2)) > 0:
                text = m.group(1) + self.name(int(m.group(2))) + text[m.end():]
            if call in ("tgkill", "rt_tgsigqueueinfo", "kcmp"):
                m = re.match(r"^(\w+\([\w.]+(?:<[^<>]*>)?, )(\d+)(?=[,<])", text)
                if m:
                    text = m.group(1) + self.name(int(m.group(2))) + text[m.end():]
        if call == "futex":
            # pthread_join waits on the thread's tid
            m = _FUTEX_RE.match(text)
            if m and "FUTEX_WAIT" in m.group(2):
                text = m.group(1) + self.known(int(m.group(3)), m.group(3)) + text[m.end():]
        text = _SI_PID_RE.sub(lambda m: "si_pid=" + self.name(int(m.group(1))), text)
        text = _PID_AFTER_RE.sub(
            lambda m: m.group(1) + self.known(int(m.group(2)), m.group(2)), text)
        # -Y: any other known pid with its <comm> (F_SETOWN's, getpriority's, pidfd's pid:N)
        text = _PID_COMM_RE.sub(
            lambda m: self.known(int(m.group(1)), m.group(1)) + m.group(2), text)
        text = _NL_PID_RE.sub(lambda m: m.group(1) + self.port(int(m.group(2)), m.group(2)), text)
        text = _NL_SEQ_RE.sub(_nl_seq, text)
        text = _PARENT_TID_RE.sub(
            lambda m: "parent_tid=[" + self.name(int(m.group(1))) + "]", text)
        text = _PROCESS_RE.sub(lambda m: f"Process {self.name(int(m.group(1)))} {m.group(2)}",
                               text)
        text = _SUPERSEDED_RE.sub(
            lambda m: "superseded by execve in pid " + self.name(int(m.group(1))), text)
        text = _PID_CHANGED_RE.sub(
            lambda m: "<pid changed to " + self.name(int(m.group(1))) + " ...>", text)
        return text

    def port(self, v: int, text: str) -> str:
        """A netlink port id: a known pid's name, PORTID for an autobind id (negative as
        nl_pid prints it, above 2^31 as -yy prints it), else the number."""
        if v < 0 or v >= 1 << 31:
            return "PORTID"
        return self.known(v, text) if v > 0 else text

    def netlink_ports(self, text: str) -> str:
        return _NL_PORT_RE.sub(lambda m: m.group(1) + self.port(int(m.group(2)), m.group(2)),
                               text)

    def proc_paths(self, text: str) -> str:
        return _PROC_RE.sub(lambda m: "/proc/" + self.known(int(m.group(1)), m.group(1)), text)


_FUTEX_RE = re.compile(r"^(futex\(([^,]+, [\w|]+), )(\d+)(?=[,)])")
_PROC_RE = re.compile(r"(?<![\w/])/proc/(\d+)(?![\w])")
_LITERAL_RE = re.compile(r'"(?:[^"\\]|\\.)*"|(?<=\d)<(?:[^<>"]|<[^<>]*>)*>')
_ALLHEX_RE = re.compile(r"(?:\\x[0-9a-f]{2})+")


def _nl_seq(m: re.Match) -> str:
    v = int(m.group(1))
    return "nlmsg_seq=TIME" if abs(v - time.time()) < 366 * 86400 else m.group(0)


def _normalize_literal_content(s: str, renamer) -> str:
    if renamer is not None:
        s = renamer.proc_paths(s)
        s = renamer.netlink_ports(s)
    s = _MAPS_RE.sub("ADDR-ADDR", s)
    s = _MKSTEMP_RE.sub("XXXXXX", s)
    s = _TOD_RE.sub(lambda t: re.sub(r"\d", "N", t.group(0)), s)
    s = _INODE_RE.sub(lambda m: m.group(1) + ":[INO]", s)
    s = _UNIX_INODE_RE.sub(_unix_inode, s)
    s = _PORT_RE.sub("PORT", s)
    return s


def _unix_inode(m: re.Match) -> str:
    return m.group(1) + ":[INO" + ("->INO" if m.group(2) else "")


def _normalize_literals(text: str, renamer) -> str:
    """Normalise string literals and -y fd annotations; -xx style all-hex
    content is decoded, normalised and re-encoded."""
    def fix(m: re.Match) -> str:
        lit = m.group(0)
        open_, inner, close_ = lit[0], lit[1:-1], lit[-1]
        if inner and _ALLHEX_RE.fullmatch(inner):
            decoded = bytes.fromhex(inner.replace("\\x", "")).decode("latin-1")
            new = _normalize_literal_content(decoded, renamer)
            if new != decoded:
                inner = "".join(f"\\x{ord(c):02x}" if ord(c) < 256 else c for c in new)
        else:
            inner = _normalize_literal_content(inner, renamer)
        return open_ + inner + close_
    return _LITERAL_RE.sub(fix, text)


_SYSCALL_NR_RE = re.compile(r"^syscall_0x([0-9a-f]+)\(")
_syscall_names: dict[int, str] | None = None


def _syscall_name(nr: int) -> str | None:
    """The name data/syscalls_x86_64.tbl gives syscall nr (scry names syscalls newer than
    strace 6.1, which prints them as syscall_0x1c3: a documented difference)."""
    global _syscall_names
    if _syscall_names is None:
        _syscall_names = {}
        tbl = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__)))), "data", "syscalls_x86_64.tbl")
        try:
            with open(tbl) as f:
                for line in f:
                    cols = line.split("#", 1)[0].split()
                    if len(cols) >= 2 and cols[0].isdigit():
                        _syscall_names[int(cols[0])] = cols[1]
        except OSError:
            pass
    return _syscall_names.get(nr)


def normalize_body(text: str, renamer=None) -> str:
    """Normalise the run-dependent values in one (joined, prefix-free) line.

    `renamer` is None, a _PidRenamer or a {pid: name} dict."""
    m = _SYSCALL_NR_RE.match(text)
    if m:
        name = _syscall_name(int(m.group(1), 16))
        if name:
            text = name + "(" + text[m.end():]
    if isinstance(renamer, dict):
        renamer = _PidRenamer(renamer)
    call = _call_name(text)
    if call == "getrandom":
        text = _GETRANDOM_RE.sub('getrandom("RANDOM"', text)
    if call in _TIME_CALLS:
        m = re.match(r"^(.*\) = )(.*)$", text)
        head, tail = (m.group(1), m.group(2)) if m else (text, "")
        head = _TIME_FIELD_RE.sub(lambda f: f.group(1) + "=N", head)
        head = re.sub(r"\bloads=\[[\d, ]*\]", "loads=[N, N, N]", head)
        if call in ("time", "times") and re.match(r"^\d+", tail):
            tail = re.sub(r"^\d+", "N", tail)
        text = head + tail
    if call in ("wait4", "waitid"):
        text = re.sub(r"\b(ru_\w+|tv_sec|tv_usec)=\d+", lambda f: f.group(1) + "=N", text)
    if renamer is not None:
        text = renamer.apply(text)
    text = _normalize_literals(text, renamer)
    text = _HEX_RE.sub("0xADDR", text)
    text = _VARS_RE.sub("/* N vars */", text)
    text = _DATE_COMMENT_RE.sub("/* DATE */", text)
    text = _STX_TIME_RE.sub(lambda m: m.group(1) + "={tv_sec=N, tv_nsec=N}", text)
    text = _STAT_RE.sub(lambda m: m.group(1) + "=N", text)
    text = _SI_TIMES_RE.sub(lambda m: m.group(1) + "=N", text)
    text = _INODE_RE.sub(lambda m: m.group(1) + ":[INO]", text)
    text = _UNIX_INODE_RE.sub(_unix_inode, text)
    text = _PORT_RE.sub("PORT", text)
    return text


# --------------------------------------------------------------------------------------
# public entry points


def parse_trace(sources, acolumn: int = ACOLUMN, names_out: dict | None = None
                ) -> dict[str, list[str]]:
    """Parse and normalise strace-format output.

    `sources` is a str (the whole output of one -o file) or a list of
    (pid, text) pairs (the files of -ff -o F, pid taken from the F.PID suffix).
    Returns {stream name: [normalised lines]}; with no pid prefixes there is a
    single stream "P0".  If names_out is given it receives {pid: name}.
    """
    if isinstance(sources, str):
        sources = [(None, sources)]
    streams: dict = {}
    order: list = []
    for file_pid, text in sources:
        prev_key = None
        for raw in text.splitlines():
            if not raw.strip():
                continue
            rl = split_raw_line(raw, acolumn)
            key = rl.pid if rl.pid is not None else file_pid
            if key is None and prev_key is not None:
                # an unprefixed line in prefixed output: a -k backtrace line
                # belongs to the line before; anything else (e.g. the -c
                # summary) goes to a stream of its own
                key = prev_key if raw.startswith(" > ") else "<nopid>"
            if rl.pid is not None:
                prev_key = rl.pid
            if key not in streams:
                streams[key] = []
                order.append(key)
            streams[key].append(rl)
    nopid = streams.pop("<nopid>", None)
    if nopid is not None:
        order.remove("<nopid>")
    joined = {k: _join_stream(v) for k, v in streams.items()}
    for v in joined.values():
        _mask_random_reads(v)
        _normalize_summary(v)
    # with -ff the files are named by pid; the first process is the one whose
    # stream begins with execve and is not created by anybody else
    if len(order) > 1 and sources and sources[0][0] is not None:
        order.sort(key=lambda k: k if k is not None else -1)
        created = set()
        for k in order:
            for e in joined[k]:
                if _call_name(e.text) in _FORK_CALLS:
                    v = _return_value(e.text)
                    if v:
                        created.add(v)
        roots = [k for k in order if k not in created]
        order = roots + [k for k in order if k in created]
    names = _name_processes(joined, order)
    if names_out is not None:
        names_out.update(names)
    renamer = _PidRenamer(names)
    result: dict[str, list[str]] = {}
    for key in order:
        nm = names.get(key, "P0") if key is not None else "P0"
        lines = [e.ts + normalize_body(e.text, renamer) + e.tsuffix for e in joined[key]]
        result.setdefault(nm, []).extend(lines)
    if nopid is not None:
        entries = _join_stream(nopid)
        _normalize_summary(entries)
        result["<nopid>"] = [e.ts + normalize_body(e.text, renamer) + e.tsuffix
                             for e in entries]
    return result


def load_trace(path: str, ff: bool = False, acolumn: int = ACOLUMN,
               names_out: dict | None = None) -> dict[str, list[str]]:
    """Read an -o FILE (or, with ff=True, all FILE.PID files of -ff) and parse it."""
    if not ff:
        with open(path, errors="surrogateescape") as f:
            return parse_trace(f.read(), acolumn, names_out)
    d = os.path.dirname(path) or "."
    base = os.path.basename(path)
    srcs = []
    for fn in os.listdir(d):
        if fn.startswith(base + ".") and fn[len(base) + 1:].isdigit():
            with open(os.path.join(d, fn), errors="surrogateescape") as f:
                srcs.append((int(fn[len(base) + 1:]), f.read()))
    srcs.sort()
    return parse_trace(srcs, acolumn, names_out)


def normalize_text(text: str, acolumn: int = ACOLUMN) -> list[str]:
    """All streams of `text`, normalised, concatenated in stream-name order."""
    out: list[str] = []
    for _, lines in sorted(parse_trace(text, acolumn).items(), key=lambda kv: _name_key(kv[0])):
        out.extend(lines)
    return out


def _name_key(name: str):
    parts = re.findall(r"[A-Z]+|\d+", name)
    return [(0, int(p)) if p.isdigit() else (1, p) for p in parts]


@dataclass
class StreamsDiff:
    matches: int = 0
    total: int = 0
    # lines that differ only by position within their stream (counted in
    # `matches` only with tolerate_moves)
    moved: int = 0
    # (stream name, [reference lines], [candidate lines]) for each differing block
    blocks: list = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return 1.0 if self.total == 0 else self.matches / self.total


def compare_lines(a: list[str], b: list[str], stream: str = "", out: StreamsDiff | None = None,
                  tolerate_moves: bool = False) -> StreamsDiff:
    """difflib comparison of two normalised line lists, accumulated into `out`.

    matches = lines in difflib's matching blocks; total = max(len(a), len(b)).
    Lines present in both lists but not matched (a reordering) are counted in
    `moved`, and, with tolerate_moves, in `matches` too (and not shown in
    `blocks`)."""
    out = out if out is not None else StreamsDiff()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out.matches += sum(blk.size for blk in sm.get_matching_blocks())
    out.total += max(len(a), len(b))
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    left = Counter(x for _, i1, i2, _, _ in ops for x in a[i1:i2])
    right = Counter(x for _, _, _, j1, j2 in ops for x in b[j1:j2])
    common = left & right
    moved = sum(common.values())
    out.moved += moved
    if tolerate_moves:
        out.matches += moved
    ca, cb = Counter(common), Counter(common)
    for _, i1, i2, j1, j2 in ops:
        la, lb = a[i1:i2], b[j1:j2]
        if tolerate_moves and moved:
            la = [x for x in la if not _take(ca, x)]
            lb = [x for x in lb if not _take(cb, x)]
            if not la and not lb:
                continue
        out.blocks.append((stream, la, lb))
    return out


def _take(counter: Counter, x) -> bool:
    if counter[x] > 0:
        counter[x] -= 1
        return True
    return False


def compare_streams(a: dict[str, list[str]], b: dict[str, list[str]],
                    tolerate_moves: bool = False) -> StreamsDiff:
    """Compare stream by stream (a = reference/strace, b = candidate/scry)."""
    out = StreamsDiff()
    for name in sorted(set(a) | set(b), key=_name_key):
        compare_lines(a.get(name, []), b.get(name, []), name, out, tolerate_moves)
    return out


_UNKNOWN_RE = re.compile(r"(?:^|\s|\] )(syscall_0x[0-9a-f]+)\(", re.M)


def unknown_syscalls(text: str) -> set[str]:
    """Names like syscall_0x1c2 that appear as a syscall in raw output."""
    return set(_UNKNOWN_RE.findall(text))
