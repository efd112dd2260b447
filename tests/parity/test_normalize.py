"""Unit tests of normalize.py (no tracer needed): python3 -m unittest -v test_normalize"""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import normalize as n  # noqa: E402


def pad(call: str, result: str, prefix: str = "") -> str:
    """A line the way strace lays it out: ' = ' at column 40 or after ') '."""
    head = prefix + call
    return head + " " * max(1, 40 - len(head)) + "= " + result


class TestAlignment(unittest.TestCase):
    def test_correct_padding_is_canonicalised(self):
        for prefix in ("", "1234  ", "123456 "):
            line = pad("brk(NULL)", "0x55fef5258000", prefix)
            self.assertEqual(n.normalize_text(line), ["brk(NULL) = 0xADDR"], prefix)

    def test_long_call_single_space(self):
        call = 'openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC)'
        self.assertEqual(n.normalize_text(call + " = 3"), [call + " = 3"])

    def test_wrong_padding_is_kept(self):
        good = pad("close(3)", "0")
        bad = good.replace(" = 0", "  = 0")
        self.assertNotEqual(n.normalize_text(bad), n.normalize_text(good))
        bad2 = "close(3) = 0"  # no padding at all
        self.assertNotEqual(n.normalize_text(bad2), n.normalize_text(good))

    def test_paren_inside_string_is_not_the_split(self):
        line = pad('write(1, "a) = b", 6)', "6")
        self.assertEqual(n.normalize_text(line), ['write(1, "a) = b", 6) = 6'])


class TestValues(unittest.TestCase):
    def norm(self, s):
        return n.normalize_text(s)[0]

    def test_hex_vars_stat(self):
        self.assertEqual(
            self.norm('execve("/bin/true", ["true"], 0x7ffee9f4b6e8 /* 41 vars */) = 0'),
            'execve("/bin/true", ["true"], 0xADDR /* N vars */) = 0')
        self.assertEqual(
            self.norm('newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=41439, ...}, '
                      'AT_EMPTY_PATH) = 0'),
            'newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=N, ...}, AT_EMPTY_PATH) = 0')
        # small hex (flags, offsets) and flag names stay
        self.assertEqual(self.norm("mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0x26000) = 0"),
                         "mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0x26000) = 0")

    def test_errno_kept(self):
        line = pad('access("/etc/ld.so.preload", R_OK)', "-1 ENOENT (No such file or directory)")
        self.assertEqual(self.norm(line),
                         'access("/etc/ld.so.preload", R_OK) = -1 ENOENT (No such file or directory)')

    def test_getrandom_and_times(self):
        self.assertEqual(self.norm('getrandom("\\x12\\x34\\xab", 3, GRND_NONBLOCK) = 3'),
                         'getrandom("RANDOM", 3, GRND_NONBLOCK) = 3')
        self.assertEqual(
            self.norm("clock_gettime(CLOCK_REALTIME, {tv_sec=1700698263, tv_nsec=935034000}) = 0"),
            "clock_gettime(CLOCK_REALTIME, {tv_sec=N, tv_nsec=N}) = 0")
        self.assertEqual(self.norm('write(1, "Thu Nov 23 00:11:03 UTC 2023\\n", 29) = 29'),
                         'write(1, "Thu Nov 23 NN:NN:NN UTC 2023\\n", 29) = 29')

    def test_timestamps_keep_shape(self):
        a = n.normalize_text("00:14:50.480169 " + pad("brk(NULL)", "0x55b4454c8000 <0.000047>",
                                                       "00:14:50.480169 "))
        self.assertTrue(a[0].startswith("NN:NN:NN.NNNNNN "), a)
        self.assertTrue(a[0].endswith("<N.NNNNNN>"), a)
        b = n.normalize_text(pad("brk(NULL)", "0x55b4454c8000", "14:50:48 "))
        self.assertNotEqual(a, b)

    def test_timestamp_precisions(self):
        def ts(prefix, suffix=""):
            line = n.normalize_text(pad("close(3)", "0" + suffix, prefix))[0]
            return line[: len(line) - len("close(3) = 0" + suffix)], line
        for prefix in ["1795405725 ", "1795405725.233 ", "1795405725.225913390 ",
                       "03:48:45.251294936 ", "03:48:45.278 ", "     0.000 ", "     0 ",
                       "     0.000542960 ", "03:48:56 (+     0.000000) ",
                       "1795405736.106372 (+     0.004894) ", "03:49:06 (+     0.000) "]:
            got, line = ts(prefix)
            self.assertEqual(got, re.sub(r"\d", "N", prefix), line)
        self.assertTrue(n.normalize_text(pad("close(3)", "0 <0>"))[0].endswith(" <N>"))
        self.assertTrue(n.normalize_text(pad("close(3)", "0 <0.000008834>"))[0]
                        .endswith(" <N.NNNNNNNNN>"))
        # Precisions differ: shapes differ.
        self.assertNotEqual(ts("     0.000 ")[1], ts("     0.000000 ")[1])

    def test_summary_rows_are_not_timestamps(self):
        row = "        3           2 sched_get_priority_max"
        self.assertEqual(n.normalize_text(row), [row])

    def test_xx_literals(self):
        enc = lambda s: "".join(f"\\x{ord(c):02x}" for c in s)  # noqa: E731
        a = self.norm(f"close(2<{enc('pipe:[14742]')}>) = 0")
        b = self.norm(f"close(2<{enc('pipe:[14744]')}>) = 0")
        self.assertEqual(a, b)
        self.assertIn("\\x70", a)  # still hex-encoded

    def test_si_times(self):
        s = ("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=7, si_uid=0, "
             "si_status=0, si_utime=1, si_stime=2 /* 0.02 s */} ---")
        self.assertIn("si_utime=N, si_stime=N}", self.norm(s))


class TestPids(unittest.TestCase):
    EV_A = [
        (9000, 'execve("/bin/sh", ["sh"], 0x7ffe /* 3 vars */)', "0"),
        (9000, "clone(child_stack=NULL, flags=SIGCHLD", None),
        (9001, "set_robust_list(0x7f2741fb4a20, 24)", "0"),
        (9000, "<... clone resumed>)", "9001"),
        (9000, "clone(child_stack=NULL, flags=SIGCHLD)", "9002"),
        (9002, "getpid()", "9002"),
        (9001, "+++ exited with 0 +++", ""),
        (9002, "+++ exited with 0 +++", ""),
        (9000, "wait4(-1, NULL, 0, NULL)", "9001"),
        (9000, "mmap(NULL, 9001, PROT_READ, MAP_PRIVATE, 3, 0)", "0x7f0000000000"),
        (9000, "+++ exited with 0 +++", ""),
    ]
    # the same run with another interleaving and other pid numbers
    EV_B = [
        (500, 'execve("/bin/sh", ["sh"], 0x7ffe /* 3 vars */)', "0"),
        (500, "clone(child_stack=NULL, flags=SIGCHLD)", "777"),
        (500, "clone(child_stack=NULL, flags=SIGCHLD)", "612"),
        (612, "getpid()", "612"),
        (612, "+++ exited with 0 +++", ""),
        (777, "set_robust_list(0x7f2741fb4a20, 24)", "0"),
        (777, "+++ exited with 0 +++", ""),
        (500, "wait4(-1, NULL, 0, NULL)", "777"),
        (500, "mmap(NULL, 9001, PROT_READ, MAP_PRIVATE, 3, 0)", "0x7f0000000000"),
        (500, "+++ exited with 0 +++", ""),
    ]

    @staticmethod
    def render(events, prefixed=True):
        lines = []
        for pid, call, result in events:
            pfx = f"{pid:<5d} " if prefixed else ""
            if result is None:
                lines.append(pfx + call + " <unfinished ...>")
            elif result == "":
                lines.append(pfx + call)
            else:
                lines.append(pad(call, result, pfx))
        return "\n".join(lines)

    @property
    def A(self):
        return self.render(self.EV_A)

    @property
    def B(self):
        return self.render(self.EV_B)

    def test_tree_names_independent_of_interleaving(self):
        a, b = n.parse_trace(self.A), n.parse_trace(self.B)
        self.assertEqual(sorted(a), ["P0", "P0.1", "P0.2"])
        self.assertEqual(a, b)
        self.assertIn("clone(child_stack=NULL, flags=SIGCHLD) = P0.1", a["P0"])
        self.assertIn("getpid() = P0.2", a["P0.2"])

    def test_bare_number_equal_to_a_pid_is_kept(self):
        a = n.parse_trace(self.A)
        self.assertIn("mmap(NULL, 9001, PROT_READ, MAP_PRIVATE, 3, 0) = 0xADDR", a["P0"])

    def test_ff_sources(self):
        pids = sorted({pid for pid, _, _ in self.EV_A})
        srcs = [(pid, self.render([e for e in self.EV_A if e[0] == pid], prefixed=False))
                for pid in pids]
        self.assertEqual(n.parse_trace(srcs), n.parse_trace(self.A))


class TestCompare(unittest.TestCase):
    def test_ratio(self):
        d = n.compare_streams({"P0": ["a", "b", "c", "d"]}, {"P0": ["a", "x", "c", "d"]})
        self.assertEqual((d.matches, d.total), (3, 4))
        d = n.compare_streams({"P0": ["a"]}, {"P0": ["a"], "P0.1": ["b", "c"]})
        self.assertEqual((d.matches, d.total), (1, 3))

    def test_moves(self):
        a, b = {"P0": ["a", "s", "b", "c"]}, {"P0": ["a", "b", "c", "s"]}
        d = n.compare_streams(a, b)
        self.assertEqual((d.matches, d.moved), (3, 1))
        d = n.compare_streams(a, b, tolerate_moves=True)
        self.assertEqual((d.matches, d.total, d.blocks), (4, 4, []))

    def test_unknown_syscalls(self):
        self.assertEqual(n.unknown_syscalls("syscall_0x1c2(0x1, 0x2) = -1 ENOSYS\n"
                                            "1234  syscall_0x1c3(0) = 0\n"),
                         {"syscall_0x1c2", "syscall_0x1c3"})


class TestSummary(unittest.TestCase):
    def test_c_table(self):
        t1 = "\n".join([
            "% time     seconds  usecs/call     calls    errors syscall",
            "------ ----------- ----------- --------- --------- ----------------",
            " 68.84    0.009268        2317         4         2 wait4",
            "  7.81    0.001051          15        68        26 openat",
            "------ ----------- ----------- --------- --------- ----------------",
            "100.00    0.013464          38        72        28 total"])
        t2 = "\n".join([
            "% time     seconds  usecs/call     calls    errors syscall",
            "------ ----------- ----------- --------- --------- ----------------",
            " 50.00    0.000100          25        68        26 openat",
            " 50.00    0.000100           2         4         2 wait4",
            "------ ----------- ----------- --------- --------- ----------------",
            "100.00    0.000200           2        72        28 total"])
        self.assertEqual(n.normalize_text(t1), n.normalize_text(t2))
        t3 = t2.replace("68        26 openat", "67        26 openat")
        self.assertNotEqual(n.normalize_text(t1), n.normalize_text(t3))


class TestIssue4Rules(unittest.TestCase):
    def test_unnamed_syscall_gets_scry_name(self):
        self.assertEqual(n.normalize_body("syscall_0x1c3(0x1, 0x2) = 0"), "cachestat(0x1, 0x2) = 0")

    def test_unix_socket_inodes(self):
        self.assertEqual(n.normalize_body('close(6<UNIX-STREAM:[234226->234227]>) = 0'),
                         'close(6<UNIX-STREAM:[INO->INO]>) = 0')

    def test_clone3_parent_tid_is_a_pid(self):
        text = "clone3({flags=CLONE_VM, parent_tid=0x7f00} => {parent_tid=[4242]}, 88) = 4242"
        self.assertIn("parent_tid=[P0.1]", n.normalize_body(text, {4242: "P0.1"}))

    def test_raw_hex_return_of_a_pid_call(self):
        self.assertEqual(n.normalize_body("getpid() = 0x1092", {4242: "P0"}), "getpid() = P0")


if __name__ == "__main__":
    unittest.main()
