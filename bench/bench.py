#!/usr/bin/env python3
"""Tracer overhead benchmark: scry versus strace.

    bench.py [--scry PATH] [--strace PATH] [--runs N] [--quick] [--json FILE]
             [--workloads DIR] [--only NAME[,NAME...]] [--scale F] [--timeout SEC]
             [--pin CPU]

Workloads: the C programs of bench/workloads (built by bench/CMakeLists.txt
into BUILD/bench/, default build/release/bench/) and real programs: find over
/usr/share, `python3 -c pass`, and a gcc compile of a small C file (if gcc is
there).  Each is run in five variants:

    untraced | strace -f -o /dev/null | scry -f -o /dev/null
             | strace -f -o /dev/null -e trace=openat | scry ... -e trace=openat

The variants are interleaved run by run (round-robin, with the starting
variant rotated every run), so machine noise hits all of them alike.  Reported
per variant: the median wall time (time.perf_counter around the run) and the
spread (IQR as % of the median with 4+ runs, else (max-min)/median).

Peak RSS.  For a tracer, the kernel's wait4 rusage is RUSAGE_BOTH (self and
waited-for children), i.e. the max of the tracer and its tracee; so the
tracer's own peak is read from /proc/PID/status VmHWM, sampled every 10 ms
while it runs.  Runs too short to be sampled fall back to the wait4 figure,
marked '<='.  For the untraced program, wait4's ru_maxrss of a child forked
from Python would be Python's RSS (the pre-exec high-water mark is kept), so
one extra untimed run goes through the small peak_rss helper (built with the
workloads) that forks the program and reports its ru_maxrss; without the
helper the figure is an upper bound, marked '<='.  Both are in the JSON.

A missing scry binary or a failing scry run (non-zero exit, timeout) is shown
as FAILED in its cell; the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

VARIANTS = ("untraced", "strace", "scry", "strace_openat", "scry_openat")
# --low-latency adds scry --low-latency on the full traces.
LL_VARIANTS = ("scry_ll",)
# Long loops for the filtered overhead: a ~2 ms launch would dominate a short loop. Plain
# strace stops at every syscall there (~100 s for a million), so its seccomp mode stands in.
# seccomp_floor: the program under an allow-all filter and no tracer (workloads/seccomp_allow.c),
# what any seccomp-filtered trace costs at least.
FILTERED_VARIANTS = ("untraced", "seccomp_floor", "scry_openat", "strace_seccomp_openat")
ALL_VARIANTS = tuple(dict.fromkeys(VARIANTS + LL_VARIANTS + ("seccomp_floor",
                                                                 "strace_seccomp_openat")))
FILTERED_WORKLOADS = {"getppid_loop": (1000000, 100000), "threads4": (1000000, 100000)}

# name -> (full N, quick N); None: a real program
C_WORKLOADS = {
    "getppid_loop": (50000, 3000),
    "small_writes": (30000, 3000),
    "open_close": (10000, 1500),
    "threads4": (50000, 3000),
    "fork_loop": (1000, 100),
}

SMALL_C = """#include <stdio.h>
#include <string.h>

struct point { int x, y; };

static int dot(struct point a, struct point b) { return a.x * b.x + a.y * b.y; }

int main(int argc, char **argv) {
    struct point p = {argc, (int)strlen(argv[0])}, q = {3, 4};
    printf("%d\\n", dot(p, q));
    return 0;
}
"""


class Workload:
    def __init__(self, name: str, argv: list[str], variants=VARIANTS):
        self.name = name
        self.argv = argv
        self.variants = variants


def build_workloads(args, tmpdir: str) -> tuple[list[Workload], list[str]]:
    notes = []
    wl = []
    wdir = args.workloads or os.path.join(REPO, "build", "release", "bench")
    only = {n for o in args.only for n in o.split(",") if n}
    for name, (n_full, n_quick) in C_WORKLOADS.items():
        if only and name not in only:
            continue
        exe = os.path.join(wdir, name)
        if not os.access(exe, os.X_OK):
            notes.append(f"skipped {name}: {exe} not built")
            continue
        n = max(1, int((n_quick if args.quick else n_full) * args.scale))
        wl.append(Workload(f"{name} {n}", [exe, str(n)],
                           VARIANTS + (LL_VARIANTS if args.low_latency else ())))
    for name, (n_full, n_quick) in FILTERED_WORKLOADS.items():
        exe = os.path.join(wdir, name)
        if (only and name not in only) or not os.access(exe, os.X_OK):
            continue
        n = max(1, int((n_quick if args.quick else n_full) * args.scale))
        wl.append(Workload(f"{name} {n} -e", [exe, str(n)], FILTERED_VARIANTS))
    depth = "1" if args.quick else "3"
    real = [("find", ["find", "/usr/share", "-maxdepth", depth]),
            ("python3", ["python3", "-c", "pass"])]
    gcc = shutil.which("gcc")
    if gcc:
        src = os.path.join(tmpdir, "small.c")
        with open(src, "w") as f:
            f.write(SMALL_C)
        real.append(("gcc", [gcc, "-O2", "-c", "-o", "/dev/null", src]))
    else:
        notes.append("skipped gcc: not installed")
    for name, argv in real:
        if only and name not in only:
            continue
        if not shutil.which(argv[0]):
            notes.append(f"skipped {name}: {argv[0]} not found")
            continue
        wl.append(Workload(" ".join(argv[:4]) if name != "gcc" else "gcc -c small.c", argv))
    return wl, notes


def variant_argv(variant: str, args, prog: list[str]) -> list[str] | None:
    if variant == "untraced":
        return prog
    if variant == "seccomp_floor":
        wdir = args.workloads or os.path.join(REPO, "build", "release", "bench")
        return [os.path.join(wdir, "seccomp_allow")] + prog
    tracer = args.strace if variant.startswith("strace") else args.scry
    if tracer is None:
        return None
    cmd = [tracer, "-f", "-o", "/dev/null"]
    if "_seccomp" in variant:
        cmd.append("--seccomp-bpf")
    if variant.endswith("_ll"):
        cmd.append("--low-latency")
    if variant.endswith("_openat"):
        cmd += ["-e", "trace=openat"]
    return cmd + prog


def _pinner(pin: int | None):
    if pin is None:
        return None
    return lambda: os.sched_setaffinity(0, {pin})


def _read_hwm_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


class Result:
    __slots__ = ("ok", "wall_ms", "rss_kb", "rss_exact", "wait4_maxrss_kb", "error")

    def __init__(self):
        self.ok = False
        self.wall_ms = 0.0
        self.rss_kb = 0
        self.rss_exact = False
        self.wait4_maxrss_kb = 0
        self.error = ""


def run_once(argv: list[str], timeout: float, sample_hwm: bool, pin: int | None = None
             ) -> Result:
    res = Result()
    hwm = [0]
    done = threading.Event()
    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, preexec_fn=_pinner(pin))
    except OSError as e:
        res.error = str(e)
        return res

    def sampler():
        while not done.wait(0.01):
            v = _read_hwm_kb(p.pid)
            if v is None:
                continue
            hwm[0] = max(hwm[0], v)

    th = None
    if sample_hwm:
        th = threading.Thread(target=sampler, daemon=True)
        th.start()
    killer = threading.Timer(timeout, lambda: p.kill())
    killer.start()
    try:
        _, status, ru = os.wait4(p.pid, 0)
    finally:
        t1 = time.perf_counter()
        killer.cancel()
        done.set()
        if th:
            th.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace").strip()
    p.stderr.close()
    res.wall_ms = (t1 - t0) * 1000.0
    res.wait4_maxrss_kb = ru.ru_maxrss
    if sample_hwm and hwm[0]:
        res.rss_kb, res.rss_exact = hwm[0], True
    else:
        res.rss_kb, res.rss_exact = ru.ru_maxrss, not sample_hwm
    if p.returncode != 0:
        res.error = f"exit {p.returncode}" + (f": {err.splitlines()[-1]}" if err else "")
        if (t1 - t0) >= timeout:
            res.error = f"timed out after {timeout:g}s"
        return res
    res.ok = True
    return res


def peak_rss_of(args, prog: list[str], tmpdir: str) -> int | None:
    """ru_maxrss of one untraced run of prog, via the peak_rss helper."""
    helper = os.path.join(args.workloads or os.path.join(REPO, "build", "release", "bench"),
                          "peak_rss")
    if not os.access(helper, os.X_OK):
        return None
    out = os.path.join(tmpdir, "peak_rss.txt")
    try:
        subprocess.run([helper, out] + prog, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=args.timeout, check=True, preexec_fn=_pinner(args.pin))
        with open(out) as f:
            return int(f.read().strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def spread_pct(xs: list[float]) -> float:
    if len(xs) < 2:
        return 0.0
    med = statistics.median(xs)
    if med <= 0:
        return 0.0
    if len(xs) >= 4:
        q = statistics.quantiles(xs, n=4)
        return 100.0 * (q[2] - q[0]) / med
    return 100.0 * (max(xs) - min(xs)) / med


def summarize(results: list[Result]) -> dict:
    ok = [r for r in results if r.ok]
    if not results:
        return {"status": "skipped"}
    if len(ok) < len(results):
        errs = sorted({r.error for r in results if not r.ok})
        return {"status": "failed", "error": "; ".join(errs),
                "runs": len(results), "failed_runs": len(results) - len(ok)}
    times = [r.wall_ms for r in ok]
    rss = [r.rss_kb for r in ok]
    return {
        "status": "ok",
        "runs": len(ok),
        "wall_ms": times,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "spread_pct": spread_pct(times),
        "rss_kb": statistics.median(rss),
        "rss_exact": all(r.rss_exact for r in ok),
        "wait4_maxrss_kb": statistics.median([r.wait4_maxrss_kb for r in ok]),
    }


def fmt_ms(s: dict) -> str:
    if s.get("status") == "failed":
        return "FAILED"
    if s.get("status") != "ok":
        return "-"
    return f"{s['median_ms']:.1f} ±{s['spread_pct']:.0f}%"


def fmt_ratio(a: dict, b: dict) -> str:
    if a.get("status") != "ok" or b.get("status") != "ok" or b["median_ms"] <= 0:
        return "-"
    return f"{a['median_ms'] / b['median_ms']:.2f}"


def fmt_rss(s: dict) -> str:
    if s.get("status") != "ok":
        return "-"
    mb = s["rss_kb"] / 1024.0
    return f"{'' if s['rss_exact'] else '<='}{mb:.1f}"


def print_table(rows: list[tuple[str, dict]], low_latency: bool = False):
    hdr = ["workload", "untraced ms", "strace ms", "scry ms", "scry/strace", "scry/untr"]
    if low_latency:
        hdr += ["scry --low-latency ms", "ll/strace"]
    hdr += ["strace -e ms", "scry -e ms", "-e scry/strace", "-e scry/untr",
            "strace --seccomp -e ms", "seccomp floor/untr",
            "RSS strace MB", "RSS scry MB", "RSS untr MB"]
    table = [hdr]
    for name, s in rows:
        ll = [fmt_ms(s["scry_ll"]), fmt_ratio(s["scry_ll"], s["strace"])] if low_latency else []
        table.append([
            name, fmt_ms(s["untraced"]), fmt_ms(s["strace"]), fmt_ms(s["scry"]),
            fmt_ratio(s["scry"], s["strace"]), fmt_ratio(s["scry"], s["untraced"]), *ll,
            fmt_ms(s["strace_openat"]), fmt_ms(s["scry_openat"]),
            fmt_ratio(s["scry_openat"], s["strace_openat"]),
            fmt_ratio(s["scry_openat"], s["untraced"]),
            fmt_ms(s["strace_seccomp_openat"]),
            fmt_ratio(s["seccomp_floor"], s["untraced"]),
            fmt_rss(s["strace"]) if s["strace"].get("status") == "ok"
            else fmt_rss(s["strace_seccomp_openat"]),
            fmt_rss(s["scry"]) if s["scry"].get("status") == "ok" else fmt_rss(s["scry_openat"]),
            fmt_rss(s["untraced"]),
        ])
    widths = [max(len(r[i]) for r in table) for i in range(len(hdr))]
    for k, r in enumerate(table):
        print("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                        for i, c in enumerate(r)))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scry", default=os.path.join(REPO, "build", "release", "scry"))
    ap.add_argument("--strace", default=shutil.which("strace") or "/usr/bin/strace")
    ap.add_argument("--runs", type=int, default=None, help="runs per variant (default 5, quick 3)")
    ap.add_argument("--quick", action="store_true", help="small N, few runs: about a minute")
    ap.add_argument("--json", help="write the results to this file")
    ap.add_argument("--workloads", help="directory of the built C workloads "
                    "(default build/release/bench)")
    ap.add_argument("--only", action="append", default=[],
                    help="workload names (getppid_loop, ..., find, python3, gcc)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the C workloads' N")
    ap.add_argument("--timeout", type=float, default=300.0, help="per run, seconds")
    ap.add_argument("--pin", type=int, metavar="CPU",
                    help="pin every run (tracer and tracee) to this CPU: much less noise; "
                         "on this 2-vCPU VM a tracer/tracee pair on two CPUs is several "
                         "times slower than on one (cross-CPU wakeups)")
    ap.add_argument("--low-latency", action="store_true",
                    help="also run scry --low-latency on the full traces (holds "
                         "/dev/cpu_dma_latency at 0: idle CPUs poll instead of halting)")
    args = ap.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)

    if not os.access(args.strace, os.X_OK):
        print(f"bench: strace not found at {args.strace}", file=sys.stderr)
        return 2
    scry_missing = not os.access(args.scry, os.X_OK)
    if scry_missing:
        print(f"bench: scry not found at {args.scry}: its columns are FAILED", file=sys.stderr)

    tmpdir = tempfile.mkdtemp(prefix="scry-bench-")
    try:
        workloads, notes = build_workloads(args, tmpdir)
        for n in notes:
            print(f"bench: {n}", file=sys.stderr)
        if not workloads:
            print("bench: no workloads", file=sys.stderr)
            return 2
        print(f"bench: strace={args.strace} scry={args.scry} runs={runs}"
              + (" (quick)" if args.quick else "")
              + (f" pinned to CPU {args.pin}" if args.pin is not None else ""), flush=True)
        rows = []
        report = {"strace": args.strace, "scry": args.scry, "runs": runs, "quick": args.quick,
                  "pin": args.pin, "workloads": {}}
        for w in workloads:
            res: dict[str, list[Result]] = {v: [] for v in ALL_VARIANTS}
            vs = w.variants
            for r in range(runs):
                order = vs[r % len(vs):] + vs[:r % len(vs)]
                for v in order:
                    if v.startswith("scry") and scry_missing:
                        bad = Result()
                        bad.error = "scry binary missing"
                        res[v].append(bad)
                        continue
                    if v.startswith("scry") and res[v] and not res[v][-1].ok:
                        # failed once: don't spend time on it again
                        res[v].append(res[v][-1])
                        continue
                    cmd = variant_argv(v, args, w.argv)
                    res[v].append(run_once(cmd, args.timeout, sample_hwm=(v != "untraced"),
                                           pin=args.pin))
            summary = {v: summarize(res[v]) for v in ALL_VARIANTS}
            if summary["untraced"].get("status") == "ok":
                kb = peak_rss_of(args, w.argv, tmpdir)
                if kb is not None:
                    summary["untraced"]["rss_kb"] = kb
                    summary["untraced"]["rss_exact"] = True
            rows.append((w.name, summary))
            report["workloads"][w.name] = {"argv": w.argv, **summary}
            failed = [f"{v}: {s['error']}" for v, s in summary.items()
                      if s.get("status") == "failed"]
            print(f"  done: {w.name}" + (f"  [{'; '.join(failed)}]" if failed else ""),
                  flush=True)
        print()
        print_table(rows, args.low_latency)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(report, f, indent=1)
            print(f"\nbench: results written to {args.json}")
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
