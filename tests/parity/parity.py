#!/usr/bin/env python3
"""Differential parity harness: scry versus strace (the oracle).

    parity.py [--scry PATH] [--strace PATH] [--min OVERALL] [--min-case PERCASE]
              [--cases FILE] [--only NAME[,NAME...]] [--show-diff] [--max-diff N]
              [--timeout SEC] [--scry-extra OPTS] [--keep] [--json FILE]
              [--opts OPTS] [-- CMD ARGS...]

Each case (see cases.txt) is run as `TRACER -o FILE OPTS CMD` once under
strace and once under scry, in the same scratch directory, with the same fixed
environment, stdin and stdout on /dev/null.  Both outputs are normalised
(normalize.py), split into per-process streams (named after the process tree)
and compared with difflib: parity = matching lines / max(len(strace), len(scry)).
The tracer's own stderr (first word `strace:`/`scry:` unified) and its exit
status take part in the comparison as two extra pseudo-streams.

With `-- CMD ARGS...` only that command is run (tracer options from --opts).

Exit status: 0 ok; 1 overall parity < --min, a case < --min-case, scry printed
`syscall_0x...` where strace printed a name, the exit status differed, or a
run timed out / left no output file; 2 usage error or missing tracer.

`--scry-extra "-s 64"` appends options to the scry command line only: with
`--scry /usr/bin/strace` this checks that the harness does detect differences.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import normalize  # noqa: E402

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
PASSTHROUGH_ENV = ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MSAN_OPTIONS")


@dataclass
class Case:
    name: str
    opts: list
    cmd: list
    cwd: str | None = None
    # Syscalls whose count depends on timing (futex under thread contention): their lines are
    # left out of both traces before comparing. Set with an `ignore=futex,...` token.
    ignore: tuple = ()


def drop_ignored(streams: dict, ignore: tuple) -> dict:
    if not ignore:
        return streams
    pat = re.compile(r"^(?:<\.\.\. )?(" + "|".join(map(re.escape, ignore)) + r")[( ]")
    return {k: [ln for ln in v if not pat.match(ln)] for k, v in streams.items()}


def parse_cases(path: str) -> list[Case]:
    cases = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            parts = s.split("|", 2)
            if len(parts) != 3:
                raise SystemExit(f"{path}:{lineno}: expected 'name | options | command'")
            name, opts, cmd = (p.strip() for p in parts)
            opts_l = shlex.split(opts)
            cwd = None
            ignore: tuple = ()
            for o in list(opts_l):
                if o.startswith("cwd="):
                    cwd = o[4:]
                    opts_l.remove(o)
                elif o.startswith("ignore="):
                    ignore = tuple(o[7:].split(","))
                    opts_l.remove(o)
            cases.append(Case(name, opts_l, shlex.split(cmd), cwd, ignore))
    return cases


def case_env() -> dict:
    env = {"PATH": DEFAULT_PATH, "HOME": os.environ.get("HOME", "/root"), "LC_ALL": "C"}
    for k in PASSTHROUGH_ENV:
        if k in os.environ:
            env[k] = os.environ[k]
    return env


def is_ff(opts: list) -> bool:
    return "-ff" in opts or "--output-separately" in opts


@dataclass
class RunResult:
    rc: int | None
    stderr: str
    raw: str               # raw trace text (all files concatenated)
    streams: dict
    names: dict
    error: str = ""


def run_traced(tracer: str, extra: list, case: Case, workdir: str, outdir: str,
               timeout: float) -> RunResult:
    """Run one case under one tracer; workdir is recreated empty first."""
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    out = os.path.join(outdir, "trace")
    subst = lambda a: a.replace("{tmp}", workdir)  # noqa: E731
    argv = [tracer, "-o", out] + [subst(o) for o in case.opts] + extra + \
        [subst(a) for a in case.cmd]
    cwd = subst(case.cwd) if case.cwd else workdir
    try:
        rc, err, error = run_in_group(argv, cwd, timeout)
    except OSError as e:
        return RunResult(None, "", "", {}, {}, f"cannot run: {e}")
    ff = is_ff(case.opts)
    raw_parts = []
    for fn in sorted(os.listdir(outdir)):
        with open(os.path.join(outdir, fn), errors="surrogateescape") as f:
            raw_parts.append(f.read())
    names: dict = {}
    try:
        if ff:
            streams = normalize.load_trace(out, ff=True, names_out=names)
        elif os.path.exists(out):
            streams = normalize.load_trace(out, names_out=names)
        else:
            streams = {}
            error = error or "no output file"
    except Exception as e:  # a parser crash must not hide the other cases
        streams, error = {}, f"cannot parse output: {e!r}"
    return RunResult(rc, err, "".join(raw_parts), streams, names, error)


def run_in_group(argv: list, cwd: str, timeout: float) -> tuple:
    """Run argv in a process group of its own; on timeout kill the whole group
    (the tracer and whatever it left running).  Returns (rc, stderr, error)."""
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, cwd=cwd, env=case_env(), process_group=0)
    try:
        _, err = p.communicate(timeout=timeout)
        return p.returncode, err.decode(errors="replace"), ""
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        _, err = p.communicate()
        return None, err.decode(errors="replace"), f"timed out after {timeout:g}s"


# strace messages that scry leaves out on purpose. strace 6.1 turns --seccomp-bpf off without
# -f; scry keeps the filter and follows the children it does not show (so none of them gets
# ENOSYS), which the trace itself does not reveal.
DELIBERATE_STDERR = (
    "TRACER: --seccomp-bpf cannot be used without -f/--follow-forks, disabling",
)


def stderr_lines(res: RunResult, tracer: str) -> list[str]:
    base = os.path.basename(tracer)
    out = []
    for line in res.stderr.splitlines():
        # Both tracers name themselves as invoked (argv[0]): a full path or a bare name.
        for prefix in (tracer + ": ", base + ": ", "strace: ", "scry: "):
            if line.startswith(prefix):
                line = "TRACER: " + line[len(prefix):]
                break
        if line in DELIBERATE_STDERR:
            continue
        out.append(normalize.normalize_body(line, res.names))
    return out


def program_exists(cmd: list, env: dict) -> bool:
    prog = cmd[0]
    if "/" in prog:
        return os.access(prog, os.X_OK)
    return shutil.which(prog, path=env["PATH"]) is not None


def side_by_side(blocks, limit: int) -> list[str]:
    out = []
    shown = 0
    for stream, a, b in blocks:
        for i in range(max(len(a), len(b))):
            if shown >= limit:
                out.append(f"    ... (more differences; --max-diff {limit})")
                return out
            sa = a[i] if i < len(a) else "<none>"
            sb = b[i] if i < len(b) else "<none>"
            out.append(f"    [{stream}] strace: {sa}")
            out.append(f"    {' ' * (len(stream) + 2)} scry:   {sb}")
            shown += 1
    return out


def main(argv: list[str]) -> int:
    cmd = None
    if "--" in argv:
        i = argv.index("--")
        argv, cmd = argv[:i], argv[i + 1:]
    # tracer options start with '-': let `--opts -f` mean `--opts=-f`
    fixed = []
    i = 0
    while i < len(argv):
        if argv[i] in ("--opts", "--extra", "--scry-extra") and i + 1 < len(argv):
            fixed.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            fixed.append(argv[i])
            i += 1
    argv = fixed
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scry", default=os.path.join(REPO, "build", "release", "scry"))
    ap.add_argument("--strace", default=shutil.which("strace") or "/usr/bin/strace")
    ap.add_argument("--min", type=float, default=0.0, help="minimum overall parity, percent")
    ap.add_argument("--min-case", type=float, default=0.0, help="minimum per-case parity, percent")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.txt"))
    ap.add_argument("--only", action="append", default=[],
                    help="run only these cases (comma separated, repeatable)")
    ap.add_argument("--show-diff", action="store_true")
    ap.add_argument("--max-diff", type=int, default=60, help="differing lines shown per case")
    ap.add_argument("--timeout", type=float, default=60.0, help="per traced run, seconds")
    ap.add_argument("--opts", default="", help="tracer options for `-- CMD ARGS`")
    ap.add_argument("--scry-extra", default="", help="extra options for the scry run only")
    ap.add_argument("--extra", default="", help="extra options for both tracers (every case)")
    ap.add_argument("--tolerate-moves", action="store_true",
                    help="also count a line as matching when it only moved within its "
                         "stream (e.g. a signal delivered at another point)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    ap.add_argument("--json", help="write per-case results to this file")
    args = ap.parse_args(argv)
    # Cases run in scratch directories: make the binaries' paths independent of the cwd.
    args.scry = os.path.abspath(args.scry) if os.sep in args.scry else args.scry
    args.strace = os.path.abspath(args.strace) if os.sep in args.strace else args.strace

    for what, path in (("strace", args.strace), ("scry", args.scry)):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            print(f"parity: {what} binary not found or not executable: {path}", file=sys.stderr)
            return 2

    if cmd is not None:
        if not cmd:
            ap.error("nothing after --")
        cases = [Case(os.path.basename(cmd[0]), shlex.split(args.opts), cmd)]
    else:
        cases = parse_cases(args.cases)
        only = {n for o in args.only for n in o.split(",") if n}
        if only:
            unknown = only - {c.name for c in cases}
            if unknown:
                ap.error(f"unknown case(s): {', '.join(sorted(unknown))}")
            cases = [c for c in cases if c.name in only]

    extra = shlex.split(args.scry_extra)
    both = shlex.split(args.extra)
    env = case_env()
    base = tempfile.mkdtemp(prefix="scry-parity-")
    failures: list[str] = []
    tot_match = tot_len = 0
    report = []
    width = max((len(c.name) for c in cases), default=4)
    print(f"parity: strace={args.strace} scry={args.scry}"
          + (f" scry-extra={args.scry_extra!r}" if extra else ""))
    try:
        for case in cases:
            if not program_exists(case.cmd, env):
                print(f"  {case.name:<{width}}  SKIP ({case.cmd[0]} not found)")
                report.append({"name": case.name, "skipped": True})
                continue
            def run_pair(case=case):
                work = os.path.join(base, "work", case.name)
                ref = run_traced(args.strace, both, case, work,
                                 os.path.join(base, "out-strace", case.name), args.timeout)
                got = run_traced(args.scry, both + extra, case, work,
                                 os.path.join(base, "out-scry", case.name), args.timeout)
                a = drop_ignored(dict(ref.streams), case.ignore)
                b = drop_ignored(dict(got.streams), case.ignore)
                a["<stderr>"] = stderr_lines(ref, args.strace)
                b["<stderr>"] = stderr_lines(got, args.scry)
                a["<exit>"] = [f"exit status {ref.rc}"]
                b["<exit>"] = [f"exit status {got.rc}"]
                d = normalize.compare_streams(a, b, tolerate_moves=args.tolerate_moves)
                return ref, got, d

            ref, got, d = run_pair()
            retried = None
            if 100.0 * d.ratio < args.min_case:
                # Both tracers race with the traced program (strace too has rare orderings of
                # its own): a case below the bar runs once more, and the first diff is shown.
                retried = 100.0 * d.ratio
                print(f"  {case.name:<{width}}  {retried:6.1f}% on the first run, diff:")
                print("\n".join(side_by_side(d.blocks, args.max_diff)))
                ref, got, d = run_pair()
            tot_match += d.matches
            tot_len += d.total
            pct = 100.0 * d.ratio
            notes = []
            if ref.error:
                notes.append(f"strace: {ref.error}")
                failures.append(f"{case.name}: strace: {ref.error}")
            if got.error:
                notes.append(f"scry: {got.error}")
                failures.append(f"{case.name}: scry: {got.error}")
            if ref.rc != got.rc:
                notes.append(f"exit status strace={ref.rc} scry={got.rc}")
                failures.append(f"{case.name}: exit status differs")
            unk = normalize.unknown_syscalls(got.raw) - normalize.unknown_syscalls(ref.raw)
            if unk:
                notes.append(f"scry printed unnamed syscalls: {', '.join(sorted(unk))}")
                failures.append(f"{case.name}: syscall_0x names ({', '.join(sorted(unk))})")
            below = pct < args.min_case
            if below:
                failures.append(f"{case.name}: {pct:.1f}% < --min-case {args.min_case:g}%")
            if retried is not None:
                notes.append(f"run twice: {retried:.1f}% the first time")
            if d.moved:
                notes.append(f"{d.moved} moved line(s)"
                             + (" counted as matching" if args.tolerate_moves else ""))
            print(f"  {case.name:<{width}}  {pct:6.1f}%  ({d.matches}/{d.total} lines)"
                  + (f"  [{'; '.join(notes)}]" if notes else ""))
            # A failing case always shows its diff: a rare race in CI is seen only once.
            if (args.show_diff or below) and d.blocks:
                print("\n".join(side_by_side(d.blocks, args.max_diff)))
            report.append({"name": case.name, "parity": pct, "matches": d.matches,
                           "total": d.total, "strace_rc": ref.rc, "scry_rc": got.rc,
                           "notes": notes})
    finally:
        if args.keep:
            print(f"parity: scratch files kept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)

    overall = 100.0 * tot_match / tot_len if tot_len else 100.0
    print(f"overall: {overall:.1f}% ({tot_match}/{tot_len} lines)")
    if overall < args.min:
        failures.append(f"overall {overall:.1f}% < --min {args.min:g}%")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"overall": overall, "cases": report, "failures": failures}, f, indent=1)
    for f in failures:
        print(f"FAIL: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
