"""Differential test: the same script under Debian's gdb and under scrydb, compared on what both
must agree on: the function and line at each stop, backtrace function names, register values
at a breakpoint, memory bytes. Addresses of the stack and pids are normalised away; both
debuggers disable ASLR, so code and data addresses agree.

Run:  SCRYDB_BIN=... SCRYDB_TARGETS=... python3 -m unittest -v gdb_diff_test   (from tests/debug)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unittest

from debug_test import ENV, SCRYDB, TIMEOUT, target

GDB = shutil.which("gdb")

# Registers whose values do not depend on the environment's size (the stack does).
STABLE_REGS = ("rip", "rax", "rdx", "rdi", "eflags", "cs", "ss", "ds", "es", "fs", "gs")

SCENARIOS = {
    "break_step_finish": ("basic", [
        "break leaf", "run", "info registers " + " ".join(STABLE_REGS), "x/16xb message",
        "x/2xg &big", "x/4dw &counter", "x/s message", "bt", "next", "next", "step", "finish",
        "next", "step", "step", "step", "bt", "next", "next", "next", "until", "until",
        "continue"]),
    "break_line_tbreak_stepi": ("basic", [
        "break basic.c:23", "tbreak middle", "run", "continue", "continue", "stepi", "stepi",
        "nexti", "info registers rip eflags", "bt", "delete", "continue"]),
    "libc_stack": ("syscalls", [
        "break level3", "run", "bt", "step", "step", "step", "step", "next", "next", "next"]),
    # The same without libc's debug info, whether or not libc6-dbg is installed.
    "libc_stack_nodebug": ("syscalls", [
        "set debug-file-directory /nonexistent", "break level3", "run", "bt", "step", "step",
        "next", "next"]),
    # A breakpoint in libc by name: the PLT stub before the run, libc's function after.
    "break_libc": ("syscalls", [
        "break write", "run", "bt", "finish", "next", "continue"]),
    "watch": ("basic", [
        "break main", "run", "watch counter", "continue", "continue", "continue", "bt"]),
    "threads": ("threads2", [
        "break work", "run", "bt", "next", "next", "next", "continue"]),
}

NOISE = re.compile(r"\[Thread debugging using libthread_db enabled\]|Using host libthread_db"
                   r"|^\[New Thread|^\[Thread .* exited\]|^\[Switching to|^\[Detaching")
FRAME = re.compile(r"^(?:.*, )?(?:0x[0-9a-f]+ in )?([A-Za-z_][\w@.]*) \(.*\) at (?:\S*/)?([\w.]+):(\d+)$")
FRAME_NOLINE = re.compile(r"^(?:.*, )?0x[0-9a-f]+ in ([\w@.?]+) \(\)(?: from \S+)?$")
BT = re.compile(r"^#(\d+) +(?:0x[0-9a-f]+ in )?([\w@.?]+) \(")
SRC = re.compile(r"^(?:0x[0-9a-f]+\t)?(\d+)\t")
REG = re.compile(r"^([a-z0-9_]+) +(0x[0-9a-f]+) +(.*)$")
MEM = re.compile(r"^0x[0-9a-f]+(?: <([^>]+)>)?:\t(.*)$")
VALUE = re.compile(r"^(Old value|New value|Value returned is \$\d+) = (.*)$")
EXIT = re.compile(r"^\[Inferior 1 \(process \d+\) (.*)\]$")


def facts(text: str) -> list[str]:
    """The comparable facts of a debugger transcript, in order."""
    out = []
    for line in text.splitlines():
        if NOISE.search(line):
            continue
        if m := BT.match(line):
            name = m.group(2)
            # libc without symbols: gdb prints "??" where a nearby export is not the function.
            out.append(f"bt #{m.group(1)} {name if '.c' in line else 'libc'}")
        elif m := FRAME.match(line):
            out.append(f"stop {m.group(1)} {m.group(2)}:{m.group(3)}")
        elif m := FRAME_NOLINE.match(line):
            out.append("stop-nolines")
        elif m := SRC.match(line):
            out.append(f"line {m.group(1)}")
        elif m := REG.match(line):
            out.append(f"reg {m.group(1)} {m.group(2)}")
        elif m := MEM.match(line):
            out.append(f"mem <{m.group(1) or ''}> {m.group(2)}")
        elif m := VALUE.match(line):
            out.append(f"{m.group(1).split(' is ')[0]} = {m.group(2)}")
        elif m := EXIT.match(line):
            out.append(f"exit {m.group(1)}")
    return out


def transcript(debugger: list[str], prog: str, commands: list[str]) -> str:
    cmd = list(debugger)
    for c in commands:
        cmd += ["-ex", c]
    cmd.append(target(prog))
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=ENV)
    return p.stdout


class TestAgainstGdb(unittest.TestCase):
    def setUp(self):
        if GDB is None:
            self.skipTest("gdb not installed")
        if not os.path.exists(SCRYDB):
            self.skipTest(f"{SCRYDB} not built")

    def check(self, name: str):
        prog, commands = SCENARIOS[name]
        want = facts(transcript([GDB, "-nx", "-batch"], prog, commands))
        got = facts(transcript([SCRYDB, "-batch"], prog, commands))
        self.assertGreater(len(want), 5, "gdb produced too little to compare")
        self.assertEqual(got, want)

    def test_break_step_finish(self):
        self.check("break_step_finish")

    def test_break_line_tbreak_stepi(self):
        self.check("break_line_tbreak_stepi")

    def test_libc_stack(self):
        self.check("libc_stack")

    def test_libc_stack_nodebug(self):
        self.check("libc_stack_nodebug")

    def test_break_libc(self):
        self.check("break_libc")

    def test_watch(self):
        self.check("watch")

    def test_threads(self):
        self.check("threads")


if __name__ == "__main__":
    unittest.main()
