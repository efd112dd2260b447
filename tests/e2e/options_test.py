"""End-to-end tests of scry's output options, each compared live with strace 6.1.

Run:  SCRY_BIN=build/release/scry python3 -m unittest -v options_test   (from tests/e2e)

Every test traces the same real program (coreutils, python3) under strace and under scry with
the same options, normalises both outputs with tests/parity/normalize.py and requires the
normalised lines to be identical. SCRY_BIN / STRACE_BIN as in e2e_test.py; SCRY_TARGETS is not
needed (the programs are the system's).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "parity"))

import normalize  # noqa: E402

SCRY = os.environ.get("SCRY_BIN") or os.path.join(REPO, "build", "release", "scry")
STRACE = os.environ.get("STRACE_BIN") or shutil.which("strace") or "/usr/bin/strace"
PYTHON = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else shutil.which("python3")
TIMEOUT = 30
ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
       "HOME": os.environ.get("HOME", "/root"), "LC_ALL": "C", "PYTHONHASHSEED": "0"}
for _k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if _k in os.environ:
        ENV[_k] = os.environ[_k]

# A loopback TCP pair, a unix socketpair, a pipe and /dev/null: every kind -yy describes.
SOCKETS_PY = """
import os, socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
c = socket.create_connection(s.getsockname()); a, _ = s.accept()
c.send(b"hi\\n"); a.recv(10)
u1, u2 = socket.socketpair(); u1.send(b"x"); u2.recv(1)
r, w = os.pipe(); os.write(w, b"p"); os.read(r, 1)
f = os.open("/dev/null", os.O_RDONLY); os.read(f, 1)
"""

# A thread and a forked child each open a file and record whether it worked and their seccomp
# mode (files "thread" and "child" in the cwd).
SIGNAL_PY = "import os, signal; signal.signal(signal.SIGUSR1, lambda *a: None); " \
    "os.kill(os.getpid(), signal.SIGUSR1)"
SECCOMP_PROBE_PY = """
import os, threading
def probe(tag):
    try:
        open("/etc/hostname").read()
        st = open("/proc/thread-self/status").read()
        res = "ok" + [l.split()[1] for l in st.splitlines() if l.startswith("Seccomp:")][0]
    except OSError as e:
        res = "errno%d" % e.errno
    with open(tag, "w") as f:
        f.write(res)
t = threading.Thread(target=probe, args=("thread",)); t.start(); t.join()
pid = os.fork()
if pid == 0:
    probe("child")
    os._exit(0)
os.waitpid(pid, 0)
"""


def setUpModule():
    if not os.access(SCRY, os.X_OK):
        if "SCRY_BIN" in os.environ:
            raise RuntimeError(f"SCRY_BIN={SCRY} is not an executable")
        raise unittest.SkipTest(f"no scry binary at {SCRY} (set SCRY_BIN)")
    if not os.access(STRACE, os.X_OK):
        raise unittest.SkipTest(f"no strace at {STRACE}")


class OptionsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="scry-options-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def trace(self, tracer: str, opts: list, cmd: list, acolumn: int) -> list:
        out = os.path.join(self.tmp, os.path.basename(tracer) + ".out")
        work = os.path.join(self.tmp, "work")  # the same empty cwd for both tracers
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        subprocess.run([tracer, "-o", out] + opts + cmd, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work,
                       env=ENV, timeout=TIMEOUT, check=False)
        with open(out, errors="surrogateescape") as f:
            text = f.read()
        return normalize.normalize_text(text, acolumn), text

    def check(self, opts: list, cmd: list, acolumn: int = normalize.ACOLUMN,
              must_contain: str = ""):
        want, _ = self.trace(STRACE, opts, cmd, acolumn)
        got, raw = self.trace(SCRY, opts, cmd, acolumn)
        # python3's start-up may order an mmap differently from run to run: with python3 a line
        # that only moved is not a difference.
        moves_ok = cmd[0] == PYTHON
        d = normalize.compare_lines(want, got, tolerate_moves=moves_ok)
        if d.matches != d.total:
            diff = "\n".join(list(difflib.unified_diff(want, got, "strace", "scry",
                                                       lineterm=""))[:60])
            self.fail(f"{' '.join(opts)} {' '.join(cmd)}: scry differs from strace\n{diff}")
        if must_contain:
            self.assertIn(must_contain, raw,
                            f"no line contains {must_contain!r}: the option was not exercised")

    # -s, -v, -x, -xx ---------------------------------------------------------------------

    def test_string_limit(self):
        self.check(["-s", "8"], ["cat", "/etc/passwd"], must_contain='"...')

    def test_string_limit_large(self):
        self.check(["-s", "200"], ["cat", "/etc/passwd"])

    def test_verbose(self):
        self.check(["-v"], ["ls", "-l", "/etc/passwd"], must_contain="st_dev=")

    def test_hex_nonascii(self):
        self.check(["-x"], ["head", "-c", "64", "/usr/bin/true"], must_contain="\\x")

    def test_hex_all(self):
        self.check(["-xx"], ["cat", "/etc/hostname"], must_contain="\\x")

    # -X ------------------------------------------------------------------------------------

    def test_hex_nonascii_chars(self):
        self.check(["--strings-in-hex=non-ascii-chars"], ["head", "-c", "64", "/usr/bin/true"],
                   must_contain="\\x7fELF")

    # timestamps at each precision (normalised to their shapes) -----------------------------

    def test_timestamp_precisions(self):
        self.check(["--absolute-timestamps=unix,ns", "--syscall-times=ms"],
                   ["cat", "/etc/hostname"], must_contain=" <0.")
        self.check(["--absolute-timestamps=time,ms", "--relative-timestamps=ns"],
                   ["cat", "/etc/hostname"], must_contain="(+     0.")

    # -c's columns and overhead (-O 1s: every time 0, the same under both tracers) ----------

    def test_summary_columns(self):
        self.check(["-c", "-O", "1s", "-U", "name,calls,max-time,min-time,avg-time,errors"],
                   ["cat", "/etc/hostname", "/nonexistent"], must_contain="shortest")

    def test_xlat_raw(self):
        self.check(["-X", "raw"], ["ls", "-l", "/dev/null", "/etc/passwd"])

    def test_xlat_abbrev(self):
        self.check(["-X", "abbrev"], ["ls", "-l", "/dev/null", "/etc/passwd"])

    def test_xlat_verbose(self):
        self.check(["-X", "verbose"], ["ls", "-l", "/dev/null", "/etc/passwd"],
                   must_contain="/* O_RDONLY|O_CLOEXEC */")

    def test_xlat_signals(self):
        """Signal lines under -X: the header keeps the name, si_signo and si_code follow -X."""
        for style in ("raw", "verbose"):
            self.check(["-X", style, "-e", "trace=kill"],
                       [PYTHON, "-c", SIGNAL_PY], must_contain="--- SIGUSR1 {si_signo=10")

    # -y, -yy, --decode-fds -------------------------------------------------------------------

    def test_decode_fds_path(self):
        self.check(["-y"], ["cat", "/etc/hostname"], must_contain="</etc/hostname>")

    def test_decode_fds_all(self):
        self.check(["-yy"], [PYTHON, "-c", SOCKETS_PY], must_contain="<TCP:[127.0.0.1:")

    def test_decode_fds_socket(self):
        self.check(["--decode-fds=socket"], [PYTHON, "-c", SOCKETS_PY],
                   must_contain="<UNIX-STREAM:[")

    def test_decode_fds_dev(self):
        self.check(["--decode-fds=dev"], [PYTHON, "-c", SOCKETS_PY],
                   must_contain="</dev/null<char 1:3>>")

    def test_decode_fds_path_pidfd(self):
        self.check(["--decode-fds=path,pidfd"], [PYTHON, "-c", SOCKETS_PY],
                   must_contain="<pipe:[")

    # -a ------------------------------------------------------------------------------------

    def test_column(self):
        self.check(["-a", "60"], ["cat", "/etc/hostname"], acolumn=60)

    def test_column_zero(self):
        self.check(["-a", "0"], ["cat", "/etc/hostname"], acolumn=0)

    # -e abbrev=, -e verbose=, -e raw= --------------------------------------------------------

    def test_abbrev_set(self):
        self.check(["-e", "abbrev=!newfstatat"], ["ls", "-l", "/etc/passwd"],
                   must_contain="st_blksize=")

    def test_abbrev_none(self):
        self.check(["-e", "abbrev=none"], ["cat", "/etc/hostname"])

    def test_verbose_set(self):
        self.check(["-e", "verbose=!execve,newfstatat"], ["ls", "-l", "/etc/passwd"])

    def test_verbose_none(self):
        self.check(["-e", "verbose=none"], [PYTHON, "-c", SOCKETS_PY])

    def test_raw_set(self):
        self.check(["-e", "raw=openat,mmap,close"], ["cat", "/etc/hostname"],
                   must_contain="openat(0xffffff9c")

    def test_raw_all(self):
        self.check(["-e", "raw=all"], ["cat", "/etc/hostname"])

    # -e read=, -e write= ------------------------------------------------------------------

    def test_read_write_dumps(self):
        self.check(["-e", "read=3", "-e", "write=1"], ["cat", "/etc/passwd"],
                   must_contain=" | 00000  ")

    def test_read_write_dumps_sockets(self):
        self.check(["-e", "read=all", "-e", "write=all"], [PYTHON, "-c", SOCKETS_PY],
                   must_contain=" | 00000  68 69 0a")

    # -e trace-fds= (strace 6.3; 6.1 has no such option) ------------------------------------

    def test_trace_fds(self):
        """scry -e trace-fds=3 shows exactly the lines of strace's full trace that use fd 3:
        as the first argument, or as mmap's fd."""
        import re
        uses3 = re.compile(r"^(\w+\(3[,)]|mmap\([^,]*, [^,]*, [^,]*, [^,]*, 3, )")
        cmd = ["cat", "/etc/hostname"]
        full, _ = self.trace(STRACE, [], cmd, normalize.ACOLUMN)
        want = [l for l in full if uses3.match(l)]
        for opt in (["-e", "trace-fds=3"], ["--trace-fds=3"], ["-e", "fd=3"]):
            got, _ = self.trace(SCRY, opt, cmd, normalize.ACOLUMN)
            got = [l for l in got if not l.startswith("+++")]
            self.assertEqual(want, got, opt)
        self.assertTrue(any(l.startswith("read(3,") for l in want))
        got, _ = self.trace(SCRY, ["-e", "trace-fds=none"], cmd, normalize.ACOLUMN)
        self.assertEqual([l for l in got if not l.startswith("+++")], [])

    # seccomp-bpf without -f ----------------------------------------------------------------

    def test_seccomp_without_follow(self):
        """Without -f a filtered trace still runs under seccomp-bpf: the thread and the child
        that are not shown inherit the filter, and scry keeps them (unseen) so that their
        filtered syscalls work instead of failing with ENOSYS. The trace is strace's."""
        for opts in (["-e", "trace=openat"], ["--seccomp-bpf", "-e", "trace=openat"]):
            self.check(opts, [PYTHON, "-c", SECCOMP_PROBE_PY])
            work = os.path.join(self.tmp, "work")
            for tag in ("thread", "child"):
                with open(os.path.join(work, tag)) as f:
                    self.assertEqual(f.read(), "ok2", f"{tag} under scry {opts}")

    def test_inject_leaves_unshown_calls_alone(self):
        """A call -P hides is not tampered with, even right after one that was (the tampering
        state of the last call must not reach the next one's exit)."""
        prog = ("import os\n"
                "for p in ('/nonexistent-x', '/etc/hostname'):\n"
                "    try: os.close(os.open(p, os.O_RDONLY)); print('ok', p)\n"
                "    except OSError as e: print('fail', p, e.errno)\n")
        for tracer in (STRACE, SCRY):
            cp = subprocess.run([tracer, "-o", os.devnull, "-P", "/nonexistent-x", "-e",
                                 "inject=openat:error=ENOENT", PYTHON, "-c", prog],
                                capture_output=True, text=True, env=ENV, timeout=TIMEOUT)
            self.assertEqual(cp.stdout, "fail /nonexistent-x 2\nok /etc/hostname\n", tracer)

    def test_daemonize(self):
        """-D/-DD/-DDD: the program keeps the pid and the parent the tracer had (its exit status
        is the shell's), the tracer runs as a detached grandchild, and the trace is strace's."""
        import time
        script = "echo $$ $PPID > ids; exit 4"  # no child: its SIGCHLD would race the wait
        for opts in (["-D"], ["-DD"], ["--daemonize=session"]):
            outs = {}
            for tracer in (STRACE, SCRY):
                out = os.path.join(self.tmp, os.path.basename(tracer) + ".out")
                work = os.path.join(self.tmp, "work")
                shutil.rmtree(work, ignore_errors=True)
                os.makedirs(work)
                p = subprocess.Popen([tracer, "-f", "-o", out] + opts + ["sh", "-c", script],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, cwd=work, env=ENV)
                _, err = p.communicate(timeout=TIMEOUT)
                self.assertEqual(p.returncode, 4, f"{tracer} {opts}: {err!r}")
                with open(os.path.join(work, "ids")) as f:
                    pid, ppid = (int(x) for x in f.read().split())
                self.assertEqual((pid, ppid), (p.pid, os.getpid()), f"{tracer} {opts}")
                deadline = time.monotonic() + TIMEOUT
                text = ""
                while time.monotonic() < deadline:  # the tracer finishes after the program
                    with open(out, errors="surrogateescape") as f:
                        text = f.read()
                    if text.endswith(f"{pid} +++ exited with 4 +++\n"):
                        break
                    time.sleep(0.05)
                else:  # compared below all the same; say why this run was slow
                    print(f"test_daemonize: {tracer} {opts}: no exit line after {TIMEOUT}s: "
                          f"{text[-200:]!r}", file=sys.stderr)
                # (the pids' digits, and so the write's length, differ from run to run)
                outs[tracer] = [re.sub(r'"\d+ \d+\\n", \d+\) = \d+', '"PID PPID\\n", N) = N', x)
                                for x in normalize.normalize_text(text, normalize.ACOLUMN)]
            d = normalize.compare_lines(outs[STRACE], outs[SCRY])
            self.assertEqual(d.matches, d.total, f"{opts}: " + "\n".join(difflib.unified_diff(
                outs[STRACE], outs[SCRY], "strace", "scry", lineterm="")))
        for bad, msg in ((["-DDDD", "true"], "Too many -D's (4), maximum supported -D count is 3"),
                         (["-D", "-p", "1"], "PROG [ARGS] must be specified with -D/--daemonize"),
                         (["--daemonize=x", "true"], "invalid --daemonize argument: 'x'")):
            cp = subprocess.run([SCRY] + bad, capture_output=True, text=True, timeout=TIMEOUT)
            self.assertEqual(cp.returncode, 1)
            self.assertIn(msg, cp.stderr)

    # strace's refusals of bad option values ----------------------------------------------

    def test_bad_values_refused_as_strace(self):
        """The same message (program name aside) and exit status as strace 6.1, for the
        timestamp, string and summary options' bad values and forbidden pairs."""
        cases = [
            ["--absolute-timestamps=foo"], ["--absolute-timestamps=format:ms"],
            ["--absolute-timestamps=precision:unix"], ["--absolute-timestamps=unix,foo"],
            ["--absolute-timestamps=time:ms"], ["--timestamps=foo"],
            ["-t", "--absolute-timestamps"], ["--absolute-timestamps=ms", "-ttt"],
            ["--relative-timestamps=foo"], ["--relative-timestamps="],
            ["--relative-timestamps=precision:ms"], ["--syscall-times=ms,ns"],
            ["--strings-in-hex=foo"], ["--strings-in-hex="], ["-x", "--strings-in-hex=all"],
            ["--strings-in-hex=none", "-xx"],
            ["-x", "--strings-in-hex", "-t", "--absolute-timestamps"],
            ["-U", "foo"], ["-U", ""], ["-U", "calls,"], ["-U", "none"], ["-U", "wall-total"],
            ["-U", "calls,count,name"], ["--summary-columns=percent"],
            ["-O", "foo"], ["-O", "-1"], ["-O", ""], ["-O", "5 "], ["-O", "1S"], ["-O", "0x10"],
            ["-O", "1e400"], ["--summary-syscall-overhead=inf"],
            ["-S", "total"], ["-S", "wall-total"],
            ["--decode-fds=path,foo"], ["-y", "--decode-fds=none"], ["-e", "decode-fds=path", "-y"],
        ]
        for opts in cases:
            with self.subTest(opts=opts):
                self.assertEqual(self.refusal(SCRY, opts + ["true"]),
                                 self.refusal(STRACE, opts + ["true"]))
        # A long option without its value, at the end of the command line.
        for opts in (["--summary-columns"], ["--summary-syscall-overhead"], ["-U"], ["-O"]):
            with self.subTest(opts=opts):
                self.assertEqual(self.refusal(SCRY, opts), self.refusal(STRACE, opts))

    def test_qualifier_lists_as_strace(self):
        """strace's token lists: empty items skipped, a list of no item named whole ('!'
        included), "all" as a syscall item, status/quiet/decode names in any case, -e kvm=;
        and its warnings for -z given twice and --seccomp-bpf with nothing to filter. Each
        run writes its trace to /dev/null: stderr holds only the messages."""
        cases = [
            ["-e", "trace=!"], ["-e", "trace=,"], ["-e", "trace=openat,,close,"],
            ["-e", "trace=all,openat"], ["-e", "trace=!all,openat"], ["-e", "trace=none,openat"],
            ["-e", "trace=??nosuchcall"], ["-e", "signal=!"], ["-e", "signal=USR1,"],
            ["-e", "status=,FaIlEd"], ["-e", "status=all,failed"], ["-e", "quiet=ATTACH,"],
            ["-e", "decode-fds=PATH"], ["-e", "decode-fds=path,all"], ["-e", "decode-fds=!dev"],
            ["--decode-pids=COMM,"], ["-e", "kvm=vcpu"], ["-e", "kvm=VCPU"], ["--kvm=foo"],
            ["-z", "-Z"], ["--failed-only", "--successful-only"], ["--seccomp-bpf", "-f"],
            ["--failing-only", "-z"], ["--signals=foo"], ["--signals=USR1"], ["--pidns-translation"],
            ["--daemonized=foo"], ["--daemonised=pgrp"], ["-q", "-e", "quiet=exit"],
            ["-e", "quiet=attach", "-qq"], ["-qqq", "-P", "/etc/localtime"],
            ["-e", "quiet=path-resolution", "-P", "/etc/localtime"],
        ]
        for opts in cases:
            with self.subTest(opts=opts):
                args = ["-o", "/dev/null"] + opts + ["true"]
                self.assertEqual(self.refusal(SCRY, args), self.refusal(STRACE, args))

    def refusal(self, tracer: str, args: list) -> tuple:
        p = subprocess.run([tracer] + args, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, env=ENV, timeout=TIMEOUT, check=False)
        return p.returncode, p.stderr.replace(tracer, "TRACER")


if __name__ == "__main__":
    unittest.main()
