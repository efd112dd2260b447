"""32-bit syscalls from a 64-bit process (int $0x80), compared live with strace 6.1.

Run:  SCRY_BIN=build/release/scry SCRY_TARGETS=build/release/tests/e2e/targets \\
      python3 -m unittest -v abi_test   (from tests/e2e)

targets/int80.c makes i386 getpid, write and exit calls around one x86_64 getpid. strace decodes
them with its i386 table and writes "[ Process PID=N runs in 32 bit mode. ]" (and "64 bit") to
stderr when the ABI changes, unless -q or -o is given. Each test runs the program under both
tracers and compares stderr (or the -o file) from the first 32-bit call on, pids masked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCRY = os.environ.get("SCRY_BIN") or os.path.join(REPO, "build", "release", "scry")
TARGETS = os.environ.get("SCRY_TARGETS") or os.path.join(REPO, "build", "release", "tests",
                                                         "e2e", "targets")
STRACE = os.environ.get("STRACE_BIN") or shutil.which("strace") or "/usr/bin/strace"
INT80 = os.path.join(TARGETS, "int80")
TIMEOUT = 30


def setUpModule():
    for path, what in ((SCRY, "scry (SCRY_BIN)"), (INT80, "the int80 target (SCRY_TARGETS)")):
        if not os.access(path, os.X_OK):
            raise RuntimeError(f"{path} is not an executable: {what}")
    if not os.access(STRACE, os.X_OK):
        raise unittest.SkipTest(f"no strace at {STRACE}")


def tail(text: str) -> list:
    """The lines from the first 32-bit call on (after the MAP_32BIT mmap when it is traced)."""
    lines = text.splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if "MAP_32BIT" in line), None)
    if start is None:
        start = next((i for i, line in enumerate(lines)
                      if re.match(r"\[ Process|getpid\(|write\(1, ", line)), len(lines))
    # pids (and with -e raw, pids and addresses in hex) differ from run to run
    return [re.sub(r"\b(0x[0-9a-f]{2,}|\d{2,}(?! bit))\b", "N", line) for line in lines[start:]]


class Int80Test(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="scry-abi-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_both(self, opts: list, outfile: bool = False):
        """(strace's, scry's) normalised trace, and their raw stderr texts."""
        result = []
        for tracer in (STRACE, SCRY):
            out = os.path.join(self.tmp, os.path.basename(tracer) + ".out")
            cmd = [tracer] + (["-o", out] if outfile else []) + opts + [INT80]
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=TIMEOUT, check=False,
                               errors="surrogateescape")
            self.assertEqual(p.stdout, "int80\n", f"{cmd}: the program's own output")
            self.assertEqual(p.returncode, 0, f"{cmd}: {p.stderr[-2000:]}")
            text = p.stderr
            if outfile:
                with open(out, errors="surrogateescape") as f:
                    text = f.read()
            result.append((tail(text), p.stderr))
        return result

    def check(self, opts: list, outfile: bool = False, expect_messages: bool = True):
        (want, _), (got, _) = self.run_both(opts, outfile)
        self.assertEqual(got, want, f"scry {' '.join(opts)} differs from strace")
        has = any("runs in 32 bit mode" in line for line in want)
        self.assertEqual(has, expect_messages, f"strace's personality lines: {want}")
        return want

    def test_default_decodes_i386_and_announces_switches(self):
        want = self.check([])
        self.assertIn("write(1, \"int80\\n\", 6)                  = 6", want)
        self.assertIn("[ Process PID=N runs in 64 bit mode. ]", want)
        self.assertEqual(want[-2:], ["exit(0)                                 = ?",
                                     "+++ exited with 0 +++"])

    def test_quiet_drops_the_messages(self):
        self.check(["-q"], expect_messages=False)

    def test_outfile_has_no_messages_anywhere(self):
        (want, want_err), (got, got_err) = self.run_both([], outfile=True)
        self.assertEqual(got, want)
        self.assertNotIn("bit mode", want_err + "".join(want))
        self.assertNotIn("bit mode", got_err + "".join(got))

    def test_follow(self):
        self.check(["-f"])

    def test_trace_by_name_selects_the_i386_call(self):
        self.check(["-e", "trace=getpid"])

    def test_raw(self):
        self.check(["-e", "raw=all"])

    def test_hex_strings(self):
        self.check(["-xx"])


if __name__ == "__main__":
    unittest.main()
