"""End-to-end tests of the scry binary, with strace 6.1 as the oracle.

Run:  SCRY_BIN=build/release/scry SCRY_TARGETS=build/release/tests/e2e/targets \\
          python3 -m unittest -v e2e_test            (from tests/e2e)
or one class:  python3 -m unittest -v e2e_test.TestExitStatus

Environment:
  SCRY_BIN      the tracer under test (default: build/release/scry; if that is
                missing too, every test is skipped).  SCRY_BIN=/usr/bin/strace
                checks the suite itself: everything must pass.
  SCRY_TARGETS  directory with the compiled tests/e2e/targets/*.c (default:
                build/release/tests/e2e/targets; if unset and missing, the
                targets are compiled with cc into a temporary directory).
  STRACE_BIN    the oracle (default: strace on PATH, else /usr/bin/strace).

Every comparison is made live against strace: nothing strace prints is
hard-coded, except where the brief fixes a number (105 exits for fork_many).
No test asserts wall-clock times; every subprocess has a timeout and tearDown
kills whatever a test started.
"""

from __future__ import annotations

import collections
import glob
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "parity"))

import normalize  # noqa: E402

SCRY = os.environ.get("SCRY_BIN") or os.path.join(REPO, "build", "release", "scry")
STRACE = os.environ.get("STRACE_BIN") or shutil.which("strace") or "/usr/bin/strace"
TARGETS = os.environ.get("SCRY_TARGETS") or os.path.join(REPO, "build", "release", "tests",
                                                         "e2e", "targets")
TARGET_NAMES = ("hello", "exit_code", "fork_many", "threads", "signal_self", "killed", "abort",
                "exec_thread", "sleeper", "sigint_restart", "vfork_exec", "timers_io", "pids", "netlink")
TIMEOUT = 30  # seconds, per subprocess: generous, a hang is a failure not a wait
ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
       "HOME": os.environ.get("HOME", "/root"), "LC_ALL": "C"}
for _k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if _k in os.environ:
        ENV[_k] = os.environ[_k]

_compiled_dir: str | None = None


def setUpModule():
    global TARGETS, _compiled_dir
    if not os.access(SCRY, os.X_OK):
        if "SCRY_BIN" in os.environ:
            raise RuntimeError(f"SCRY_BIN={SCRY} is not an executable")
        raise unittest.SkipTest(f"no scry binary at {SCRY} (set SCRY_BIN)")
    if not os.access(STRACE, os.X_OK):
        raise unittest.SkipTest(f"no strace at {STRACE}")
    missing = [n for n in TARGET_NAMES if not os.access(os.path.join(TARGETS, n), os.X_OK)]
    if missing:
        if "SCRY_TARGETS" in os.environ:
            raise RuntimeError(f"SCRY_TARGETS={TARGETS}: missing {', '.join(missing)}")
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            raise unittest.SkipTest("targets not built and no C compiler")
        _compiled_dir = tempfile.mkdtemp(prefix="scry-e2e-targets-")
        for n in TARGET_NAMES:
            subprocess.run([cc, "-O1", "-g", "-pthread", "-o", os.path.join(_compiled_dir, n),
                            os.path.join(HERE, "targets", n + ".c")], check=True,
                           timeout=120)
        TARGETS = _compiled_dir


def tearDownModule():
    if _compiled_dir:
        shutil.rmtree(_compiled_dir, ignore_errors=True)


def target(name: str) -> str:
    return os.path.join(TARGETS, name)


def scry_name() -> str:
    return os.path.basename(SCRY)


def scry_has_asan() -> bool:
    try:
        with open(SCRY, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


def call_name(line: str) -> str:
    return normalize.call_name(line)


def tracer_pids_of(pid: int) -> list[int]:
    """Pids of live processes whose TracerPid is `pid`."""
    out = []
    for st in glob.glob("/proc/[0-9]*/status"):
        try:
            with open(st) as f:
                txt = f.read()
        except OSError:
            continue
        m = re.search(r"^TracerPid:\s*(\d+)", txt, re.M)
        if m and int(m.group(1)) == pid:
            out.append(int(st.split("/")[2]))
    return out


def proc_status(pid: int) -> dict:
    d = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                d[k] = v.strip()
    except OSError:
        pass
    return d


def _no_core():
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))


def _core_unlimited():
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


class E2EBase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="scry-e2e-")
        self.procs: list[subprocess.Popen] = []

    def tearDown(self):
        for p in self.procs:
            # its own process group (see popen()): kill what is left of it,
            # even if the leader has exited already
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            for s in (p.stdout, p.stderr):
                if s:
                    s.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- running ----------------------------------------------------------------------

    def run_tracer(self, tracer: str, args: list, preexec=None, stdout=subprocess.PIPE,
                   cwd=None) -> subprocess.CompletedProcess:
        # argv[0] is the bare name ("strace", "scry"): strace names itself
        # after argv[0] in its messages.  A process group of its own, killed
        # whole on timeout, so no tracee outlives a hung tracer.
        p = subprocess.Popen([os.path.basename(tracer)] + args, executable=tracer,
                             stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE,
                             env=ENV, cwd=cwd or self.tmp, preexec_fn=preexec,
                             process_group=0)
        try:
            out, err = p.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            p.communicate()
            self.fail(f"{tracer} {' '.join(args)}: timed out after {TIMEOUT}s")
        return subprocess.CompletedProcess(p.args, p.returncode, out, err)

    def popen(self, argv: list, **kw) -> subprocess.Popen:
        kw.setdefault("stdin", subprocess.DEVNULL)
        kw.setdefault("env", ENV)
        kw.setdefault("cwd", self.tmp)
        kw.setdefault("process_group", 0)
        p = subprocess.Popen(argv, **kw)
        self.procs.append(p)
        return p

    def trace_both(self, opts: list, prog: list, preexec=None, cwd=None, ff=False):
        """Run `TRACER -o FILE OPTS PROG` with strace, then scry.

        Returns (strace result, scry result); each has .rc, .stdout, .stderr,
        .raw (trace text), .streams (normalised) and .out (the -o path)."""
        results = []
        for label, tracer in (("strace", STRACE), ("scry", SCRY)):
            d = os.path.join(self.tmp, label)
            os.makedirs(d, exist_ok=True)
            out = os.path.join(d, "trace")
            run_cwd = None
            if cwd:  # one directory per tracer (e.g. for core files)
                run_cwd = os.path.join(cwd, label)
                os.makedirs(run_cwd, exist_ok=True)
            cp = self.run_tracer(tracer, ["-o", out] + opts + prog, preexec=preexec,
                                 cwd=run_cwd)
            raw = ""
            for fn in sorted(os.listdir(d)):
                with open(os.path.join(d, fn), errors="surrogateescape") as f:
                    raw += f.read()
            if ff:
                streams = normalize.load_trace(out, ff=True)
            elif os.path.exists(out):
                streams = normalize.load_trace(out)
            else:
                streams = {}
            cp.raw, cp.streams, cp.out, cp.rc = raw, streams, out, cp.returncode
            results.append(cp)
        return results[0], results[1]

    def assertSameTrace(self, ref, got, msg="", tolerate_moves=False):
        """Normalised traces equal, stream by stream.  tolerate_moves: a line
        may sit elsewhere in its stream (a SIGCHLD arriving before or after
        the parent's wait4 is a race of the tracee, not of the tracer)."""
        d = normalize.compare_streams(ref.streams, got.streams, tolerate_moves=tolerate_moves)
        if d.matches != d.total:
            lines = []
            for stream, a, b in d.blocks[:20]:
                lines += [f"[{stream}] strace: {x}" for x in a]
                lines += [f"[{stream}] scry:   {x}" for x in b]
            self.fail(f"{msg} traces differ ({d.matches}/{d.total} lines match):\n"
                      + "\n".join(lines))

    def all_lines(self, res) -> list[str]:
        return [line for lines in res.streams.values() for line in lines]


class TestOutput(E2EBase):
    """Single-process traces are identical to strace's after normalisation."""

    def test_hello_matches_strace(self):
        ref, got = self.trace_both([], [target("hello")])
        self.assertEqual(ref.rc, 0)
        self.assertEqual(got.rc, 0)
        self.assertEqual(got.stdout, b"hi\n")
        self.assertEqual(got.stderr, ref.stderr)
        self.assertSameTrace(ref, got)
        self.assertIn('write(1, "hi\\n", 3) = 3', got.streams["P0"])
        self.assertEqual(got.streams["P0"][-1], "+++ exited with 0 +++")

    def test_hello_options(self):
        for opts in (["-s", "64", "-v"], ["-y"], ["-e", "trace=write"], ["-tt", "-T"],
                     ["-x"], ["-e", "trace=%file", "-e", "signal=none"]):
            with self.subTest(opts=opts):
                ref, got = self.trace_both(opts, [target("hello")])
                self.assertEqual(got.rc, ref.rc)
                self.assertSameTrace(ref, got, f"{opts}:")

    def test_signal_self(self):
        ref, got = self.trace_both([], [target("signal_self")])
        self.assertEqual(got.rc, ref.rc)
        self.assertEqual(got.stdout, b"caught\n")
        self.assertSameTrace(ref, got)
        self.assertTrue(any(x.startswith("--- SIGUSR1 {") for x in got.streams["P0"]))

    def test_sigint_restart(self):
        ref, got = self.trace_both([], [target("sigint_restart")])
        self.assertEqual(ref.rc, 0)
        self.assertEqual(got.rc, 0)
        self.assertSameTrace(ref, got)
        p0 = got.streams["P0"]
        self.assertTrue(any("= ? ERESTARTSYS (To be restarted if SA_RESTART is set)" in x
                            for x in p0), p0[-12:])
        self.assertTrue(any(x.startswith("--- SIGALRM {") for x in p0), p0[-12:])

    def test_vfork_exec_follow(self):
        ref, got = self.trace_both(["-f"], [target("vfork_exec")])
        self.assertEqual(got.rc, ref.rc)
        self.assertSameTrace(ref, got, tolerate_moves=True)
        self.assertEqual(sorted(got.streams), ["P0", "P0.1"])

    def test_exec_thread_follow(self):
        ref, got = self.trace_both(["-f"], [target("exec_thread")])
        self.assertEqual(got.rc, ref.rc)
        # Whether the thread's execve line is split by another task's line ("<unfinished ...>"
        # then "<... execve resumed>") depends on timing, for strace as for scry: compare the
        # exit/superseded lines and the execve calls made, not how they were split.
        # The superseded line's pid is named by the harness from which of the thread's lines
        # came first, which is timing too: compare it without the name.
        special = lambda r: sorted(  # noqa: E731
            [re.sub(r"in pid \S+ [+]", "in pid N +", x) for x in self.all_lines(r)
             if x.startswith("+++")] +
            [x.split("(", 1)[1].split(",", 1)[0] for x in self.all_lines(r)
             if x.startswith("execve(")])
        self.assertEqual(special(got), special(ref))
        self.assertTrue(any(x.startswith("+++ superseded by execve in pid ")
                            for x in self.all_lines(got)))

    # What timers_io cannot make the same in two runs: the time left on an armed timer (the
    # it_value with a non-zero tv_nsec the kernel writes back) and its own thread id.
    _TIME_LEFT_RE = re.compile(r"it_value=\{tv_sec=\d+, tv_nsec=[1-9]\d*\}")
    _THREAD_ID_RE = re.compile(r"sigev_notify_thread_id=\d+")

    def mask_timers(self, res):
        mask = lambda x: self._THREAD_ID_RE.sub(  # noqa: E731
            "sigev_notify_thread_id=TID",
            self._TIME_LEFT_RE.sub("it_value={tv_sec=N, tv_nsec=N}", x))
        res.streams = {k: [mask(x) for x in v] for k, v in res.streams.items()}

    def test_pids(self):
        """Process ids: siginfo arguments and results (rt_sigqueueinfo, rt_sigtimedwait, waitid,
        pidfd_send_signal), the signal rt_sigtimedwait returns, and -Y's <comm> after pids in
        arguments, return values, siginfo and the pid prefix."""
        for opts in ([], ["-Y"], ["-Y", "-f"], ["--decode-pids=comm", "-yy"]):
            with self.subTest(opts=opts):
                ref, got = self.trace_both(opts, [target("pids")])
                self.assertEqual(ref.rc, 0)
                self.assertEqual(got.rc, 0)
                self.assertSameTrace(ref, got, f"{opts}:")
                if opts == ["-Y", "-f"]:
                    self.assertRegex(got.raw, r"(?m)^\d+<pids> +getpid\(\) += \d+<pids>$")
        for bad, item in (("foo", "foo"), ("comm,x", "x"), ("!foo", "foo")):
            cp = self.run_tracer(SCRY, [f"--decode-pids={bad}", "true"])
            self.assertEqual(cp.returncode, 1)
            # strace's words: the bad item, and no "Try ... -h" line.
            self.assertEqual(cp.stderr.decode().splitlines(),
                             [f"{os.path.basename(SCRY)}: invalid decode-pids '{item}'"])

    def test_netlink(self):
        """Netlink messages on a NETLINK_ROUTE socket bound to a fixed port id: requests of
        every kind, the kernel's replies for lo and its acks, hostile framing and unreadable
        memory, in every -X style, with -yy, -v, -x and a small -s."""
        for opts in ([], ["-yy"], ["-v"], ["-s", "8"], ["-x"], ["-X", "raw"],
                     ["-X", "verbose"]):
            with self.subTest(opts=opts):
                ref, got = self.trace_both(opts, [target("netlink")])
                self.assertEqual(ref.rc, 0)
                self.assertEqual(got.rc, 0)
                self.assertSameTrace(ref, got, f"{opts}:")
                if opts == ["-yy"]:
                    self.assertTrue(any(x.startswith("sendto(3<NETLINK:[ROUTE:6060561]>, [{")
                                        for x in self.all_lines(got)))

    def test_timers_io(self):
        """POSIX timers and timerfds (sigevent, itimerspec), sched_getscheduler's policy name,
        the loff_t offsets of sendfile/splice/copy_file_range and SOL_NETLINK socket options."""
        p0 = []
        for opts in ([], ["-X", "verbose"], ["-e", "verbose=none"]):
            with self.subTest(opts=opts):
                ref, got = self.trace_both(opts, [target("timers_io")])
                self.assertEqual(ref.rc, 0)
                self.assertEqual(got.rc, 0)
                self.mask_timers(ref)
                self.mask_timers(got)
                self.assertSameTrace(ref, got, f"{opts}:")
                if not opts:
                    p0 = got.streams["P0"]
        for line in (
                "timer_create(CLOCK_REALTIME, {sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, "
                "[0]) = 0",
                "timer_settime(0, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=5, "
                "tv_nsec=0}}, NULL) = 0",
                "timerfd_gettime(3, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, "
                "tv_nsec=0}}) = 0",
                "sched_getscheduler(0) = 3 (SCHED_BATCH)",
                "sendfile(4, 3, [0] => [10], 10) = 10",
                "splice(5, NULL, 4, [3], 4, SPLICE_F_MOVE) = 4",
                "setsockopt(3, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4) = 0"):
            self.assertIn(line, p0)


    def test_kernel_ifaces(self):
        """Structure arguments of newer kernel interfaces: io_uring_params and the
        io_uring_register arguments, perf_event_attr, bpf's attribute by command and size,
        landlock rulesets and rules, struct timex and its TIME_* state. adjtimex and
        clock_adjtime only ever run injected (the real calls would print the clock)."""
        inject = ["-e", "inject=adjtimex,clock_adjtime:retval=1"]
        for opts in ([], ["-v"], ["-X", "raw"], ["-X", "verbose"], ["-y"], ["-v", "-X", "verbose"]):
            with self.subTest(opts=opts):
                ref, got = self.trace_both(inject + opts, [target("kernel_ifaces")])
                self.assertEqual(ref.rc, 0)
                self.assertEqual(got.rc, 0)
                self.assertSameTrace(ref, got, f"{opts}:")


class TestExitStatus(E2EBase):
    """scry exits like the tracee, and like strace."""

    def test_exit_codes(self):
        for code in (0, 1, 3, 42, 255):
            with self.subTest(code=code):
                ref, got = self.trace_both([], [target("exit_code"), str(code)])
                self.assertEqual(ref.rc, code)
                self.assertEqual(got.rc, code)
                self.assertEqual(got.streams["P0"][-1], f"+++ exited with {code} +++")
                self.assertEqual(got.streams["P0"][-1], ref.streams["P0"][-1])

    def test_shell_exit_code_follow(self):
        ref, got = self.trace_both(["-f"], ["/bin/sh", "-c", "exit 3"])
        self.assertEqual(ref.rc, 3)
        self.assertEqual(got.rc, 3)

    def test_killed_by_sigkill(self):
        ref, got = self.trace_both([], [target("killed")])
        self.assertEqual(ref.rc, -signal.SIGKILL)
        self.assertEqual(got.rc, ref.rc)
        self.assertEqual(got.streams["P0"][-1], "+++ killed by SIGKILL +++")
        self.assertEqual(got.streams["P0"][-1], ref.streams["P0"][-1])

    def test_killed_status_from_shell(self):
        outs = {}
        for tracer in (STRACE, SCRY):
            cp = subprocess.run(["/bin/sh", "-c", '"$0" -o /dev/null "$1"; echo "rc=$?"',
                                 tracer, target("killed")], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
                                cwd=self.tmp, timeout=TIMEOUT)
            outs[tracer] = cp.stdout.decode()
        self.assertEqual(outs[STRACE].strip(), f"rc={128 + signal.SIGKILL}")
        self.assertEqual(outs[SCRY], outs[STRACE])

    def test_abort_no_core(self):
        ref, got = self.trace_both([], [target("abort")], preexec=_no_core)
        self.assertEqual(ref.rc, -signal.SIGABRT)
        self.assertEqual(got.rc, ref.rc)
        self.assertEqual(got.streams["P0"][-1], ref.streams["P0"][-1])
        self.assertEqual(got.streams["P0"][-1], "+++ killed by SIGABRT +++")
        self.assertSameTrace(ref, got)

    def test_abort_core_limit_unlimited(self):
        # "(core dumped)" or not depends on RLIMIT_CORE and core_pattern: just
        # match whatever strace reports under the same conditions
        if scry_has_asan():
            self.skipTest("ASan runtime sets RLIMIT_CORE=0 (disable_coredump), "
                          "inherited by scry's tracees")
        cwd = os.path.join(self.tmp, "cores")
        os.makedirs(cwd)
        ref, got = self.trace_both([], [target("abort")], preexec=_core_unlimited, cwd=cwd)
        self.assertEqual(got.rc, ref.rc)
        self.assertEqual(got.streams["P0"][-1], ref.streams["P0"][-1])


class TestFollow(E2EBase):
    """-f over many processes and threads."""

    @staticmethod
    def deterministic_counts(res) -> collections.Counter:
        """Syscall lines per name, leaving out what depends on timing: signal
        lines, syscalls interrupted by a signal (ERESTART*), rt_sigreturn,
        futex (pthread_join races)."""
        c = collections.Counter()
        for line in (x for lines in res.streams.values() for x in lines):
            name = call_name(line)
            if not name or name in ("futex", "rt_sigreturn", "restart_syscall"):
                continue
            if "= ? ERESTART" in line:
                continue
            c[name] += 1
        return c

    @staticmethod
    def exited(res) -> list[str]:
        return [x for lines in res.streams.values() for x in lines
                if x.startswith("+++ exited")]

    def test_fork_many(self):
        ref, got = self.trace_both(["-f"], [target("fork_many")])
        self.assertEqual(ref.rc, 0)
        self.assertEqual(got.rc, 0)
        self.assertEqual(len(self.exited(ref)), 105)
        self.assertEqual(len(self.exited(got)), len(self.exited(ref)))
        self.assertEqual(len(got.streams), len(ref.streams))
        self.assertEqual(self.deterministic_counts(got), self.deterministic_counts(ref))
        self.assertEqual(self.deterministic_counts(got)["getppid"], 140)
        self.assertNoStrayProcesses("fork_many", got.raw)

    def test_new_tasks_keep_the_affinity_mask(self):
        """Fork placement (src/trace/placement.hpp) narrows a forking parent's mask during
        the call; no task may ever see it: forks, vforks, threads and concurrent forks from
        threads (whose children may stop before their parent's event), traced in full and
        filtered (seccomp)."""
        for opts in ([], ["-e", "trace=clone,clone3,fork,vfork,wait4"]):
            out = os.path.join(self.tmp, "t")
            p = self.popen([os.path.basename(SCRY), "-f", "-o", out] + opts +
                           [target("affinity_forks")], executable=SCRY,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            stdout, err = p.communicate(timeout=TIMEOUT)
            self.assertEqual((p.returncode, stdout), (0, b"bad=0\n"), (opts, err))

    def test_fork_many_no_process_left_traced(self):
        out = os.path.join(self.tmp, "t")
        p = self.popen([os.path.basename(SCRY), "-f", "-o", out, target("fork_many")],
                       executable=SCRY, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, err = p.communicate(timeout=TIMEOUT)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(tracer_pids_of(p.pid), [])
        with open(out) as f:
            self.assertNoStrayProcesses("fork_many", f.read())

    def assertNoStrayProcesses(self, comm: str, raw_trace: str):
        """None of the pids in the trace (the -f pid prefixes) is still there
        as `comm`, stopped or running, or traced by anybody."""
        pids = {int(m) for m in re.findall(r"^(\d+) ", raw_trace, re.M)}
        self.assertGreater(len(pids), 1)
        left = []
        for pid in sorted(pids):
            s = proc_status(pid)
            if s.get("Name") == comm and s.get("State", "")[:1] != "Z":
                left.append((pid, s.get("State"), s.get("TracerPid")))
        self.assertEqual(left, [], f"{comm} processes left behind")

    def test_threads(self):
        ref, got = self.trace_both(["-f"], [target("threads")])
        self.assertEqual(got.rc, ref.rc)
        self.assertEqual(len(self.exited(got)), len(self.exited(ref)))
        self.assertEqual(len(self.exited(got)), 5)
        self.assertEqual(self.deterministic_counts(got), self.deterministic_counts(ref))

    def test_ff_files(self):
        ref, got = self.trace_both(["-ff"], [target("vfork_exec")], ff=True)
        self.assertEqual(got.rc, ref.rc)
        files = lambda r: sorted(os.listdir(os.path.dirname(r.out)))  # noqa: E731
        ref_files, got_files = files(ref), files(got)
        self.assertEqual(len(ref_files), 2)
        self.assertEqual(len(got_files), len(ref_files), got_files)
        for fn in got_files:
            self.assertRegex(fn, r"^trace\.\d+$")
        self.assertSameTrace(ref, got, tolerate_moves=True)

    def test_o_file_only(self):
        """-o FILE: the trace goes to FILE and nothing else (for hello)."""
        ref, got = self.trace_both([], [target("hello")])
        self.assertEqual(os.listdir(os.path.dirname(got.out)), ["trace"])
        self.assertEqual(os.listdir(os.path.dirname(ref.out)), ["trace"])
        self.assertEqual(got.stderr, b"")
        self.assertEqual(got.stdout, b"hi\n")


class TestAttach(E2EBase):
    """-p PID, then SIGINT to the tracer: the tracee is detached and runs on."""

    def attach_and_interrupt(self, tracer: str):
        sl = self.popen([target("sleeper")], stdout=subprocess.PIPE)
        self.assertEqual(sl.stdout.readline(), b"ready\n")
        out = tempfile.mktemp(suffix=".out", dir=self.tmp)
        tr = self.popen([os.path.basename(tracer), "-p", str(sl.pid), "-o", out],
                        executable=tracer, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # wait until the tracer has traced at least one full getppid
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                with open(out) as f:
                    if "getppid()" in f.read():
                        break
            except OSError:
                pass
            if tr.poll() is not None:
                break
            time.sleep(0.05)
        else:
            self.fail(f"{tracer} -p traced nothing")
        tr.send_signal(signal.SIGINT)
        _, err = tr.communicate(timeout=TIMEOUT)
        time.sleep(0.3)  # let the sleeper run on a little
        st = proc_status(sl.pid)
        self.assertIsNone(sl.poll(), f"sleeper died after {tracer} detached")
        self.assertEqual(st.get("TracerPid"), "0")
        self.assertIn(st.get("State", "")[:1], ("S", "R"), st.get("State"))
        with open(out) as f:
            trace = f.read()
        sl.kill()
        sl.wait(timeout=TIMEOUT)
        text = err.decode().replace(str(sl.pid), "PID")
        return tr.returncode, text, trace

    def test_attach_detach(self):
        ref_rc, ref_err, ref_trace = self.attach_and_interrupt(STRACE)
        rc, err, trace = self.attach_and_interrupt(SCRY)
        self.assertIn("Process PID attached", ref_err)
        self.assertEqual(err, ref_err.replace("strace", scry_name()))
        self.assertEqual(rc, ref_rc)
        allowed = {call_name(x) for x in ref_trace.splitlines()} | {
            "restart_syscall", "clock_nanosleep", "nanosleep", "getppid"}
        got_names = {call_name(x) for x in trace.splitlines()}
        self.assertIn("getppid", got_names)
        self.assertLessEqual(got_names - {""}, allowed)

    def test_detach_under_load_with_threads(self):
        """-f -p of a busy 4-thread process, SIGINT: every thread detached, the run completes."""
        work = os.path.join(os.path.dirname(SCRY), "bench", "threads4")
        if not os.access(work, os.X_OK):
            self.skipTest("bench/threads4 not built")
        busy = self.popen([work, "20000000"], stdout=subprocess.DEVNULL)
        time.sleep(0.2)
        out = tempfile.mktemp(suffix=".out", dir=self.tmp)
        tr = self.popen([os.path.basename(SCRY), "-f", "-p", str(busy.pid), "-o", out],
                        executable=SCRY, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(0.5)
        tr.send_signal(signal.SIGINT)
        _, err = tr.communicate(timeout=TIMEOUT)
        self.assertEqual(tr.returncode, -signal.SIGINT, err.decode())
        text = err.decode()
        self.assertRegex(text, r"Process \d+ attached with 5 threads")
        self.assertEqual(text.count("detached"), 5, text)
        for tid in os.listdir(f"/proc/{busy.pid}/task"):
            st = proc_status(int(tid))
            self.assertEqual(st.get("TracerPid"), "0", tid)
        self.assertEqual(busy.wait(timeout=TIMEOUT * 4), 0)

    def test_kill_on_exit(self):
        """--kill-on-exit (newer strace's option): an attached tracee dies with scry."""
        sl = self.popen([target("sleeper")], stdout=subprocess.PIPE)
        self.assertEqual(sl.stdout.readline(), b"ready\n")
        tr = self.popen([os.path.basename(SCRY), "--kill-on-exit", "-p", str(sl.pid), "-o",
                         os.devnull], executable=SCRY, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE)
        time.sleep(0.4)
        tr.send_signal(signal.SIGINT)
        tr.communicate(timeout=TIMEOUT)
        self.assertEqual(sl.wait(timeout=TIMEOUT), -signal.SIGKILL)


class TestErrors(E2EBase):
    """Usage errors print what strace prints, with 'strace' replaced by 'scry'."""

    CASES = ([], ["--bogus"], ["-p", "999999999"], ["/nonexistent/prog"],
             ["-e", "trace=bogus", "true"], ["-o", "/nonexistent/dir/f", "true"])

    def test_errors_like_strace(self):
        for args in self.CASES:
            with self.subTest(args=args):
                ref = self.run_tracer(STRACE, args)
                got = self.run_tracer(SCRY, args)
                self.assertNotEqual(ref.returncode, 0)
                self.assertEqual(got.returncode, ref.returncode)
                expected = ref.stderr.decode().replace("strace", scry_name())
                self.assertEqual(got.stderr.decode(), expected)
                self.assertEqual(got.stdout, ref.stdout)


if __name__ == "__main__":
    unittest.main()
