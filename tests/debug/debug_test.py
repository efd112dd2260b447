"""End-to-end tests of scrydb: scrydb -batch over the programs in targets/, output checked.

Run:  SCRYDB_BIN=build/debug/scrydb SCRYDB_TARGETS=build/debug/tests/debug/targets \\
          python3 -m unittest -v debug_test          (from tests/debug)

No wall-clock asserts: every subprocess has a generous timeout, a hang is a failure.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCRYDB = os.environ.get("SCRYDB_BIN") or os.path.join(REPO, "build", "debug", "scrydb")
TARGETS = os.environ.get("SCRYDB_TARGETS") or os.path.join(REPO, "build", "debug", "tests", "debug",
                                                           "targets")
TIMEOUT = 60
ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LC_ALL": "C"}
for _k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if _k in os.environ:
        ENV[_k] = os.environ[_k]


def target(name: str) -> str:
    return os.path.join(TARGETS, name)


# Tests of libc frames as seen without libc's debug info (no libc6-dbg), whether or not the
# machine has it: gdb's command, which scrydb takes too.
NO_LIBC_DEBUG = "set debug-file-directory /nonexistent"
LIBC = "/lib/x86_64-linux-gnu/libc.so.6"


def libc_debug_info() -> bool:
    """True if libc's separate debug info (libc6-dbg) is where gdb and libdwfl look for it."""
    try:
        notes = subprocess.run(["readelf", "-n", LIBC], capture_output=True, text=True,
                               timeout=TIMEOUT).stdout
    except OSError:
        return False
    m = re.search(r"Build ID: ([0-9a-f]{2})([0-9a-f]+)", notes)
    return bool(m) and os.path.exists(f"/usr/lib/debug/.build-id/{m.group(1)}/{m.group(2)}.debug")


def scrydb(*commands: str, prog: str | None = None, args: list[str] | None = None,
           pid: int | None = None) -> tuple[str, str, int]:
    """Runs scrydb -batch with one -ex per command; returns (stdout, stderr, exit status)."""
    cmd = [SCRYDB, "-batch"]
    if pid is not None:
        cmd += ["-p", str(pid)]
    for c in commands:
        cmd += ["-ex", c]
    if prog is not None:
        cmd.append(target(prog))
        cmd += args or []
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=ENV)
    return p.stdout, p.stderr, p.returncode


class Base(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(SCRYDB):
            self.skipTest(f"{SCRYDB} not built")

    def assertLines(self, out: str, *patterns: str):
        """Each pattern (a regex) matches a whole line of out, in this order."""
        lines = out.splitlines()
        i = 0
        for pat in patterns:
            rx = re.compile(pat)
            while i < len(lines) and not rx.fullmatch(lines[i]):
                i += 1
            self.assertLess(i, len(lines), f"no line matching {pat!r} (in order) in:\n{out}")
            i += 1


class TestBasics(Base):
    def test_break_function_and_registers(self):
        out, err, _ = scrydb("break leaf", "run", "info registers", "p $rdi", "p $rip",
                             "p $eflags", "info registers rip", prog="basic")
        self.assertEqual(err, "")
        self.assertLines(out,
                         r"Breakpoint 1 at 0x[0-9a-f]+: file (?:\S*/)?basic\.c, line 10\.",
                         r"Breakpoint 1, leaf \(x=6\) at (?:\S*/)?basic\.c:10",
                         r"10\t    int y = x \* 2;",
                         r"rax            0x[0-9a-f]+ +-?\d+",
                         r"rdi +0x6 +6",
                         r"rip            0x[0-9a-f]+ +0x[0-9a-f]+ <leaf\+7>",
                         r"eflags         0x[0-9a-f]+ +\[ ([A-Z]+ )*\]",
                         r"cs             0x33 +51",
                         r"\$1 = 6",
                         r"\$2 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <leaf\+7>",
                         r"\$3 = \[ ([A-Z]+ )*\]",
                         r"rip            0x[0-9a-f]+ +0x[0-9a-f]+ <leaf\+7>")

    def test_set_register(self):
        out, _, _ = scrydb("break leaf", "run", "set $rdi = 99", "p $rdi", "p/x $rdi", prog="basic")
        self.assertLines(out, r"\$1 = 99", r"\$2 = 0x63")

    def test_examine_memory(self):
        out, err, _ = scrydb("break leaf", "run", "x/s message", "x/10xb message", "x/2dw &counter",
                             "x/2xg &big", "x/3c message", "x/2tb message", "x/2ow message",
                             "x/2uh message", "x/2i $pc", prog="basic")
        self.assertEqual(err, "")
        self.assertLines(out,
                         r'0x[0-9a-f]+ <message>:\t"hello, scrydb"',
                         r"0x[0-9a-f]+ <message>:\t0x68\t0x65\t0x6c\t0x6c\t0x6f\t0x2c\t0x20\t0x73",
                         r"0x[0-9a-f]+ <message\+8>:\t0x63\t0x72",
                         r"0x[0-9a-f]+ <counter>:\t0\t0",
                         r"0x[0-9a-f]+ <big>:\t0x1122334455667788\t0x[0-9a-f]{16}",
                         r"0x[0-9a-f]+ <message>:\t104 'h'\t101 'e'\t108 'l'",
                         r"0x[0-9a-f]+ <message>:\t01101000\t01100101",
                         r"0x[0-9a-f]+ <message>:\t015433062550\t016310026157",
                         r"0x[0-9a-f]+ <message>:\t25960\t27756",
                         r"=> 0x[0-9a-f]+ <leaf\+7>:\tmov.*",
                         r"   0x[0-9a-f]+ <leaf\+10>:\t.*")

    def test_write_memory_and_poke(self):
        out, err, _ = scrydb("break leaf", "run", "set {int}&counter = 77", "x/dw &counter",
                             "set var counter = 5", "p counter", "poke &message 0x4a 0x45",
                             "x/s message", prog="basic")
        self.assertEqual(err, "")
        self.assertLines(out, r"0x[0-9a-f]+ <counter>:\t77", r"\$1 = 5",
                         r'0x[0-9a-f]+ <message>:\t"JEllo, scrydb"')

    def test_breakpoint_hidden_from_memory_and_disassembly(self):
        # The int3 at leaf+7 must not show: x reads the original byte (mov: 0x8b).
        out, _, _ = scrydb("break leaf", "run", "x/1xb $pc", "disassemble", prog="basic")
        self.assertLines(out, r"0x[0-9a-f]+ <leaf\+7>:\t0x8b",
                         r"Dump of assembler code for function leaf:",
                         r"   0x[0-9a-f]{16} <\+0>:\tpush   %rbp",
                         r"=> 0x[0-9a-f]{16} <\+7>:\tmov.*",
                         r"End of assembler dump\.")

    def test_intel_flavor(self):
        out, _, _ = scrydb("break leaf", "run", "set disassembly-flavor intel", "x/1i $pc",
                           prog="basic")
        self.assertLines(out, r"=> 0x[0-9a-f]+ <leaf\+7>:\tmov +eax,.*")

    def test_breakpoints_table_tbreak_disable_delete(self):
        out, err, _ = scrydb("break leaf", "tbreak middle", "break basic.c:29", "run",
                             "continue", "disable 1", "continue", "info breakpoints", "delete 3",
                             "continue", prog="basic")
        self.assertEqual(err, "")
        self.assertLines(out,
                         r"Breakpoint 1 at 0x[0-9a-f]+: file (?:\S*/)?basic\.c, line 10\.",
                         r"Temporary breakpoint 2 at 0x[0-9a-f]+: file (?:\S*/)?basic\.c, line 16\.",
                         r"Breakpoint 3 at 0x[0-9a-f]+: file (?:\S*/)?basic\.c, line 29\.",
                         r"Temporary breakpoint 2, middle \(x=5\) at (?:\S*/)?basic\.c:16",
                         r"Breakpoint 1, leaf \(x=6\) at (?:\S*/)?basic\.c:10",
                         r"Breakpoint 3, main \(\) at (?:\S*/)?basic\.c:29",
                         r"Num     Type           Disp Enb Address            What",
                         r"1       breakpoint     keep n   0x[0-9a-f]{16} in leaf at (?:\S*/)?basic\.c:10",
                         r"\tbreakpoint already hit 1 time",
                         r"3       breakpoint     keep y   0x[0-9a-f]{16} in main at (?:\S*/)?basic\.c:29",
                         r"total=84 counter=42 len=13",
                         r"\[Inferior 1 \(process \d+\) exited normally\]")

    def test_break_address_and_continue_over_it(self):
        out, _, _ = scrydb("break leaf", "run", "p $pc", "delete", "break *$pc", "continue",
                           "continue", prog="basic")
        self.assertLines(out, r"Breakpoint 2 at 0x[0-9a-f]+: file (?:\S*/)?basic\.c, line 10\.",
                         r"Breakpoint 2, leaf \(x=7\) at (?:\S*/)?basic\.c:10",
                         r"\[Inferior 1 \(process \d+\) exited normally\]")

    def test_shared_library_function(self):
        out, _, _ = scrydb(NO_LIBC_DEBUG, "break write", "run", "bt", "info sharedlibrary",
                           prog="syscalls")
        self.assertLines(out,
                         r"Breakpoint 1 at 0x[0-9a-f]+$",  # write@plt, as gdb before the run
                         r"Breakpoint 1, 0x[0-9a-f]{16} in write \(\) from .*libc\.so\.6",
                         r"#1  0x[0-9a-f]{16} in level3 \(\) at (?:\S*/)?syscalls\.c:6",
                         r"0x[0-9a-f]{16}  .*libc\.so\.6")


class TestStepping(Base):
    def test_step_next_across_lines_and_a_call(self):
        out, _, _ = scrydb("break outer", "run", "next", "next", "step", "next", "step", "step",
                           "next", "next", "next", prog="basic")
        self.assertLines(out,
                         r"Breakpoint 1, outer \(x=5\) at (?:\S*/)?basic\.c:21",
                         r"22\t    for \(int i = 0; i < 2; i\+\+\)",
                         r"23\t        s \+= middle\(x \+ i\);",
                         r"middle \(x=5\) at (?:\S*/)?basic\.c:16",
                         r"17\t    return r \* 3;",
                         r"18\t}",
                         r"outer \(x=5\) at (?:\S*/)?basic\.c:22",
                         r"23\t        s \+= middle\(x \+ i\);",
                         r"22\t    for \(int i = 0; i < 2; i\+\+\)",
                         r"24\t    return s;")

    def test_next_steps_over_calls(self):
        out, _, _ = scrydb("break main", "run", "next", "next", "next", prog="basic")
        self.assertLines(out, r"Breakpoint 1, main \(\) at (?:\S*/)?basic\.c:28", r"29\t    counter = 42;",
                         r"30\t    printf.*", r"31\t    return 0;")

    def test_finish_prints_value(self):
        out, _, _ = scrydb("break leaf", "run", "finish", prog="basic")
        self.assertLines(out, r"0x[0-9a-f]{16} in middle \(x=5\) at (?:\S*/)?basic\.c:16",
                         r"16\t    int r = leaf\(x \+ 1\);", r"Value returned is \$1 = 13")

    def test_stepi_nexti_until(self):
        out, _, _ = scrydb("break outer", "run", "next", "next", "until", "until", "stepi", "nexti",
                           prog="basic")
        self.assertLines(out, r"23\t        s \+= middle\(x \+ i\);", r"22\t.*", r"24\t    return s;",
                         r"25\t}", r"0x[0-9a-f]{16}\t25\t}")

    def test_until_location_and_advance(self):
        out, _, _ = scrydb("break main", "run", "until basic.c:30", prog="basic")
        self.assertLines(out, r"main \(\) at (?:\S*/)?basic\.c:30", r"30\t    printf.*")


class TestStack(Base):
    def test_bt_three_frames_and_libc(self):
        out, _, _ = scrydb(NO_LIBC_DEBUG, "catch syscall write", "run", "bt", "frame 2", "up",
                           "down", "info frame", prog="syscalls")
        self.assertLines(out,
                         r"#0  0x[0-9a-f]{16} in write \(\) from .*libc\.so\.6",
                         r"#1  0x[0-9a-f]{16} in level3 \(\) at (?:\S*/)?syscalls\.c:6",
                         r"#2  0x[0-9a-f]{16} in level2 \(\) at (?:\S*/)?syscalls\.c:7",
                         r"#3  0x[0-9a-f]{16} in level1 \(\) at (?:\S*/)?syscalls\.c:8",
                         r"#4  0x[0-9a-f]{16} in main \(\) at (?:\S*/)?syscalls\.c:11",
                         r"#2  0x[0-9a-f]{16} in level2 \(\) at (?:\S*/)?syscalls\.c:7",
                         r"7\tvoid level2\(void\) { level3\(\); }",
                         r"#3  0x[0-9a-f]{16} in level1 \(\) at (?:\S*/)?syscalls\.c:8",
                         r"#2  0x[0-9a-f]{16} in level2 \(\) at (?:\S*/)?syscalls\.c:7",
                         r"Stack level 2, frame at 0x[0-9a-f]+:",
                         r" rip = 0x[0-9a-f]+ in level2 \((?:\S*/)?syscalls\.c:7\); saved rip = 0x[0-9a-f]+")

    def test_bt_with_arguments(self):
        out, _, _ = scrydb("break leaf", "run", "bt", prog="basic")
        self.assertLines(out, r"#0  leaf \(x=6\) at (?:\S*/)?basic\.c:10",
                         r"#1  0x[0-9a-f]{16} in middle \(x=5\) at (?:\S*/)?basic\.c:16",
                         r"#2  0x[0-9a-f]{16} in outer \(x=5\) at (?:\S*/)?basic\.c:23",
                         r"#3  0x[0-9a-f]{16} in main \(\) at (?:\S*/)?basic\.c:28")


class TestWatch(Base):
    def test_watch_old_and_new(self):
        out, err, _ = scrydb("break main", "run", "watch counter", "rwatch big", "continue",
                             "continue", "info watchpoints", "delete", "continue", prog="basic")
        self.assertEqual(err, "")
        self.assertLines(out, r"Hardware watchpoint 2: counter", r"Hardware read watchpoint 3: big",
                         r"Hardware watchpoint 2: counter", r"Old value = 0", r"New value = 12",
                         r"leaf \(x=6\) at (?:\S*/)?basic\.c:12", r"12\t    return y \+ 1;",
                         r"Old value = 12", r"New value = 26",
                         r"2       hw watchpoint   keep y   +counter",
                         r"\tbreakpoint already hit 2 times",
                         r"3       read watchpoint keep y   +big",
                         r"\[Inferior 1 \(process \d+\) exited normally\]")

    def test_awatch_and_limit_of_four(self):
        out, err, _ = scrydb("break main", "run", "awatch *(int *)&counter", "watch big",
                             "watch *(char *)&message", "watch *(short *)&message",
                             "watch *(long *)&big", "continue", prog="basic")
        self.assertIn("all 4 debug registers are in use", err)
        self.assertLines(out, r"Hardware access \(read/write\) watchpoint 2: \*\(int \*\)&counter",
                         r"Hardware access \(read/write\) watchpoint 2: .*", r"Value = 0|Old value = 0")


class TestCatch(Base):
    def test_catch_syscall_write_decoded(self):
        out, err, _ = scrydb(NO_LIBC_DEBUG, "catch syscall write", "catch syscall 39", "run",
                             "continue",
                             "continue", "info breakpoints", "continue", "continue", prog="syscalls")
        self.assertEqual(err, "")
        self.assertLines(out,
                         r"Catchpoint 1 \(syscall 'write' \[1\]\)",
                         r"Catchpoint 2 \(syscall 'getpid' \[39\]\)",
                         r"Catchpoint 1 \(call to syscall write\), 0x[0-9a-f]{16} in write \(\) from .*",
                         r'write\(1, "scrydb says hi\\n", 15\)',
                         r"Catchpoint 1 \(returned from syscall write\), .*",
                         r'write\(1, "scrydb says hi\\n", 15\) = 15',
                         r"Catchpoint 2 \(call to syscall getpid\), .*",
                         r"1       catchpoint     keep y              syscall \"write\" ",
                         r"\tcatchpoint already hit 2 times",
                         r"getpid\(\) = \d+",
                         r"\[Inferior 1 \(process \d+\) exited normally\]")

    def test_catch_any_syscall_and_exec_fork(self):
        out, _, _ = scrydb("catch exec", "catch fork", "run", "continue", "continue",
                           prog="forker")
        self.assertLines(out, r"Catchpoint 1 \(exec\)", r"Catchpoint 2 \(fork\)",
                         r"Catchpoint 2 \(forked process \d+\), .*",
                         r"\[Detaching after fork from child process \d+\]|.*")

    def test_catch_signal(self):
        out, _, _ = scrydb("catch signal SIGUSR2", "handle SIGUSR1 nostop noprint", "run",
                           "continue", prog="signals")
        self.assertLines(out, r"Catchpoint 1 \(SIGUSR2\)",
                         r"Catchpoint 1 \(signal SIGUSR2\), .*", r"got=22")


class TestSignals(Base):
    def test_signal_stops_then_passes(self):
        out, _, _ = scrydb(NO_LIBC_DEBUG, "run", "bt 1", "continue", "continue", prog="signals")
        self.assertLines(out, r"Program received signal SIGUSR1, User defined signal 1\.",
                         r"#0  0x[0-9a-f]{16} in .*libc\.so\.6",
                         r"Program received signal SIGUSR2, User defined signal 2\.",
                         r"got=22", r"\[Inferior 1 \(process \d+\) exited normally\]")

    def test_handle_nostop_and_nopass(self):
        out, _, _ = scrydb("handle SIGUSR1 nostop noprint nopass", "handle SIGUSR2 nostop print",
                           "run", prog="signals")
        self.assertLines(out, r"SIGUSR1       No\tNo\tNo\t\tUser defined signal 1",
                         r"SIGUSR2       No\tYes\tYes\t\tUser defined signal 2",
                         r"Program received signal SIGUSR2, User defined signal 2\.")
        self.assertIn("got=12", out)

    def test_signal_command_replaces_the_signal(self):
        out, _, _ = scrydb("run", "signal 0", "continue", prog="signals")
        self.assertLines(out, r"Program received signal SIGUSR1.*", r"Continuing with no signal\.",
                         r"Program received signal SIGUSR2.*", r"got=12")


class TestThreads(Base):
    def test_two_threads(self):
        out, err, _ = scrydb(NO_LIBC_DEBUG, "break work", "run", "info threads", "bt 2",
                             "thread 1", "continue", prog="threads2")
        self.assertEqual(err, "")
        self.assertLines(out,
                         r"\[New Thread 0x[0-9a-f]+ \(LWP \d+\)\]",
                         r"\[Switching to Thread 0x[0-9a-f]+ \(LWP \d+\)\]",
                         r'Thread 2 "threads2" hit Breakpoint 1, work \(n=7\) at (?:\S*/)?threads2\.c:8',
                         r"  Id   Target Id +Frame ",
                         r'  1    Thread 0x[0-9a-f]+ \(LWP \d+\) "threads2" .*',
                         r'\* 2    Thread 0x[0-9a-f]+ \(LWP \d+\) "threads2" work \(n=7\) at (?:\S*/)?threads2\.c:8',
                         r"#0  work \(n=7\) at (?:\S*/)?threads2\.c:8",
                         r"#1  0x[0-9a-f]{16} in worker \(arg=0x0\) at (?:\S*/)?threads2\.c:14",
                         r"\[Switching to thread 1 \(Thread 0x[0-9a-f]+ \(LWP \d+\)\)\]",
                         r"shared=7",
                         r"\[Inferior 1 \(process \d+\) exited normally\]")


class TestAttach(Base):
    def test_attach_bt_break_detach_leaves_it_alive(self):
        p = subprocess.Popen([target("spin")], stdout=subprocess.PIPE, text=True, env=ENV)
        try:
            self.assertEqual(p.stdout.readline().strip(), "ready")
            out, err, _ = scrydb("bt", "break tick", "continue", "p ticks > 0", "detach",
                                 pid=p.pid)
            self.assertLines(out, rf"Attaching to process {p.pid}",
                             r"#\d+  0x[0-9a-f]{16} in tick \(\) at (?:\S*/)?spin\.c:\d+",
                             r"Breakpoint 1, tick \(\) at (?:\S*/)?spin\.c:8",
                             rf"\[Inferior 1 \(process {p.pid}\) detached\]")
            # Alive and no longer traced: it keeps running, and SIGTERM ends it normally.
            with open(f"/proc/{p.pid}/status") as f:
                status = f.read()
            self.assertRegex(status, r"TracerPid:\s+0\n")
            self.assertIsNone(p.poll())
            p.send_signal(signal.SIGTERM)
            self.assertEqual(p.wait(timeout=TIMEOUT), -signal.SIGTERM)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stdout.close()

    def test_quit_detaches_an_attached_process(self):
        p = subprocess.Popen([target("spin")], stdout=subprocess.PIPE, text=True, env=ENV)
        try:
            p.stdout.readline()
            scrydb("info registers rip", pid=p.pid)
            time.sleep(0.05)
            self.assertIsNone(p.poll())
        finally:
            p.kill()
            p.wait()
            p.stdout.close()


class TestErrors(Base):
    def test_one_line_errors_never_a_crash(self):
        out, err, rc = scrydb("p foo", "break nosuchfile.c:3", "x/2xw 0", "info registers",
                              "frobnicate", "frame 1", "break leaf", "run", "frame 99", "x/2xw 0", "p foo",
                              "set $nosuch = 1", "thread 9", "delete 42", prog="basic")
        self.assertLines(err, r'No symbol "foo" in current context\.',
                         r'No line 3 in file "nosuchfile\.c"\.',
                         r"Cannot access memory at address 0x0",
                         r"The program has no registers now\.",
                         r'Undefined command: "frobnicate"\.  Try "help"\.',
                         r"No stack\.",
                         r"No frame at level 99\.",
                         r"Cannot access memory at address 0x0",
                         r'No symbol "foo" in current context\.',
                         r"Invalid register `nosuch'",
                         r"Unknown thread 9\.",
                         r"No breakpoint number 42\.")
        self.assertIn("Breakpoint 1, leaf", out)

    def test_missing_program(self):
        out, err, rc = scrydb("run", prog="does-not-exist")
        self.assertIn("No such file or directory", err)

    def test_script_file(self):
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as f:
            f.write("break leaf\nrun\np $rdi\nkill\n")
        try:
            p = subprocess.run([SCRYDB, "-batch", "-x", f.name, target("basic")],
                               capture_output=True, text=True, timeout=TIMEOUT, env=ENV)
            self.assertLines(p.stdout, r"Breakpoint 1, leaf .*", r"\$1 = 6",
                             r"\[Inferior 1 \(process \d+\) killed\]")
        finally:
            os.unlink(f.name)


class TestLibcDebugInfo(Base):
    """With libc6-dbg installed (scripts/deps.sh installs it), libc frames read as gdb shows
    them: DWARF's function name, parameters from location lists, source lines."""

    def setUp(self):
        super().setUp()
        if not libc_debug_info():
            self.skipTest("libc's debug info (libc6-dbg) is not installed")

    def test_break_in_libc_at_entry_with_parameters(self):
        out, err, _ = scrydb("break write", "run", "bt", "finish", "continue", "info breakpoints",
                             prog="syscalls")
        self.assertLines(out,
                         r"Breakpoint 1 at 0x[0-9a-f]+$",
                         r"Breakpoint 1, __GI___libc_write \(fd=1, buf=0x[0-9a-f]+ <text>, "
                         r"nbytes=15\) at \S*write\.c:26",
                         r"#0  __GI___libc_write \(fd=1, .*\) at \S*write\.c:26",
                         r"#1  0x[0-9a-f]{16} in level3 \(\) at (?:\S*/)?syscalls\.c:6",
                         r"Value returned is \$1 = 15",
                         r"\[Inferior 1 \(process \d+\) exited normally\]",
                         r"1       breakpoint     keep y   0x[0-9a-f]{16} in __GI___libc_write "
                         r"at \S*write\.c:26")
        # The missing source is reported once, on stderr, as gdb does.
        self.assertEqual(err.count("write.c: No such file or directory."), 1, err)

    def test_step_into_libc_through_the_plt(self):
        out, _, _ = scrydb("break level3", "run", "step", "step", prog="syscalls")
        self.assertLines(out, r"Breakpoint 1, level3 \(\) at (?:\S*/)?syscalls\.c:6",
                         r"__GI___libc_write \(fd=1, .*\) at \S*write\.c:26",
                         r"level3 \(\) at (?:\S*/)?syscalls\.c:6")


if __name__ == "__main__":
    unittest.main()
