#!/usr/bin/env python3
"""Turns data/ (syscall table, argument kinds, flag sets) into C++ tables.

Usage: gen_tables.py DATA_DIR OUT_DIR

Writes, only when their text changes (so the build does not redo work):
  OUT_DIR/scry_gen/arg_kind.inc        enum ArgKind and its phase table
  OUT_DIR/scry_gen/flag_set_ids.inc    enum FlagSetId
  OUT_DIR/scry_gen/custom_ids.inc      enum CustomDecoder
  OUT_DIR/scry_gen/syscalls_x86_64.inc the constexpr syscall rows (and syscalls_i386.inc)
  OUT_DIR/flags/flags_NAME.cpp         one translation unit per flag set
  OUT_DIR/flags/flag_registry.cpp      FlagSetId -> FlagSet
Errors (unknown kind, unknown flag set, duplicate number) stop the build with file:line.
"""
import os
import re
import sys

CLASSES = [
    "desc", "file", "ipc", "network", "process", "signal", "memory", "creds", "clock",
    "stat", "lstat", "fstat", "stat_like", "statfs", "fstatfs", "statfs_like", "pure",
]
RET_KINDS = ["long", "hex", "fd", "ptr", "none", "uint", "oct", "pid", "ioprio"]
# The kinds an i386 row may use: they read no 64-bit structure layout (pointers and longs of a
# 32-bit call are 32-bit; the struct decoders assume the 64-bit ABI).
I386_KINDS = {
    "int", "uint", "hex", "oct", "ptr", "fd", "dirfd", "pid", "uid", "mode", "signum", "path",
    "str", "buf", "obuf", "ostr", "flags", "enum", "open_flags", "mmap_flags", "clone_flags",
    "pipefds", "int_ptr", "oint_ptr", "wstatus", "sigset", "osigset", "ioprio", "ipc_key",
    "ipc_flags", "shm_flags", "xattr_val", "oxattr_val", "oxattr_list",
}


def die(where, msg):
    sys.stderr.write(f"{where}: error: {msg}\n")
    sys.exit(1)


def camel(name):
    return "".join(p[:1].upper() + p[1:] for p in name.split("_"))


def write_if_changed(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w") as f:
        f.write(text)


def read_rows(path):
    with open(path) as f:
        for n, line in enumerate(f, 1):
            stripped = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if stripped:
                yield f"{path}:{n}", stripped.split()


def load_kinds(data):
    kinds = []
    for where, cols in read_rows(os.path.join(data, "arg_kinds.txt")):
        if cols[1] not in ("entry", "exit"):
            die(where, f"phase must be entry or exit, not {cols[1]}")
        kinds.append((cols[0], cols[1] == "exit"))
    return kinds


def load_flag_sets(data):
    sets = {}
    fdir = os.path.join(data, "flags")
    for fn in sorted(os.listdir(fdir)):
        if not fn.endswith(".txt"):
            continue
        name = fn[:-4]
        if not re.fullmatch(r"[a-z0-9_]+", name):
            die(os.path.join(fdir, fn), "flag set names are lower_snake_case")
        fs = {"kind": "bits", "zero": None, "includes": [], "names": [], "enumerators": False}
        with open(os.path.join(fdir, fn)) as f:
            for n, line in enumerate(f, 1):
                where = f"{fdir}/{fn}:{n}"
                line = line.strip()
                if not line:
                    continue
                if line.startswith("#"):
                    words = line.split()
                    if words[0] == "#kind":
                        if words[1] not in ("bits", "enum"):
                            die(where, "#kind is bits or enum")
                        fs["kind"] = words[1]
                    elif words[0] == "#zero":
                        fs["zero"] = words[1]
                    elif words[0] == "#include":
                        fs["includes"].append(words[1])
                    elif words[0] == "#enumerators":
                        fs["enumerators"] = True
                    continue  # a comment
                words = line.split(None, 1)
                fs["names"].append((words[0], words[1] if len(words) > 1 else None))
        sets[name] = fs
    return sets


def parse_arg(where, tok, kinds, sets):
    kind, _, param = tok.partition(":")
    if kind not in kinds:
        die(where, f"unknown argument kind '{kind}' (see data/arg_kinds.txt)")
    if kind in ("flags", "enum"):
        if param not in sets:
            die(where, f"unknown flag set '{param}' (see data/flags/)")
        return f"{{ArgKind::{camel(kind)}, {sorted(sets).index(param)}}}"
    if param and not param.isdigit():
        die(where, f"parameter of '{kind}' must be an argument index")
    return f"{{ArgKind::{camel(kind)}, {int(param or 0)}}}"


def load_syscalls(data, abi, kinds, sets, customs):
    rows = {}
    names = set()
    for where, cols in read_rows(os.path.join(data, f"syscalls_{abi}.tbl")):
        if len(cols) < 4:
            die(where, "a row is: nr name classes ret [@decoder] arg...")
        nr, name, classes, ret = cols[:4]
        args = cols[4:]
        custom = None
        if args and args[0].startswith("@"):
            if abi == "i386":
                die(where, "i386 rows take no @decoder (the decoders read 64-bit layouts)")
            custom = args[0][1:]
            args = args[1:]
            if custom not in customs:
                customs.append(custom)
        nr = int(nr)
        if nr in rows:
            die(where, f"syscall number {nr} listed twice")
        if name in names:
            die(where, f"syscall name {name} listed twice")
        names.add(name)
        if len(args) > 6:
            die(where, "at most 6 arguments")
        cls = [] if classes == "-" else classes.split(",")
        for c in cls:
            if c not in CLASSES:
                die(where, f"unknown class '{c}'")
        if ret not in RET_KINDS:
            die(where, f"unknown return kind '{ret}'")
        if abi == "i386":
            for a in args:
                if a.partition(":")[0] not in I386_KINDS:
                    die(where, f"kind '{a}' reads a 64-bit layout; an i386 row uses a 32-bit-safe kind")
        rows[nr] = (name, cls, ret, custom, [parse_arg(where, a, kinds, sets) for a in args])
    return rows


def syscall_rows(abi, rows):
    suffix = {"x86_64": "X86_64", "i386": "I386"}[abi]
    top = max(rows) if rows else -1
    text = f"// Generated by scripts/gen_tables.py from data/syscalls_{abi}.tbl. Do not edit.\n"
    text += f"inline constexpr std::size_t kSyscallCount{suffix} = {top + 1};\n"
    text += f"inline constexpr SyscallEntry kSyscalls{suffix}[] = {{\n"
    for nr in range(top + 1):
        if nr not in rows:
            text += "    {},\n"
            continue
        name, cls, ret, custom, args = rows[nr]
        cbits = " | ".join(f"SyscallClass::{camel(c)}" for c in cls) or "SyscallClass::None"
        cdec = f"CustomDecoder::{camel(custom)}" if custom else "CustomDecoder::None"
        argtxt = ", ".join(args)
        text += (f'    {{"{name}", {len(args)}, {cbits}, RetKind::{camel(ret)}, {cdec}, '
                 f"{{{{{argtxt}}}}}}},  // {nr}\n")
    text += "};\n"
    return text


def main():
    data, out = sys.argv[1], sys.argv[2]
    kinds_list = load_kinds(data)
    kinds = [k for k, _ in kinds_list]
    sets = load_flag_sets(data)
    set_names = sorted(sets)
    customs = []
    tables = {abi: load_syscalls(data, abi, kinds, sets, customs) for abi in ("x86_64", "i386")}
    gen = os.path.join(out, "scry_gen")

    text = "// Generated by scripts/gen_tables.py from data/arg_kinds.txt. Do not edit.\n"
    text += "enum class ArgKind : std::uint8_t {\n"
    text += "".join(f"  {camel(k)},\n" for k in kinds) + "};\n"
    text += "inline constexpr bool kArgKindAtExit[] = {\n"
    text += "".join(f"    {'true' if e else 'false'},  // {k}\n" for k, e in kinds_list) + "};\n"
    text += "inline constexpr const char* kArgKindNames[] = {\n"
    text += "".join(f'    "{k}",\n' for k in kinds) + "};\n"
    write_if_changed(os.path.join(gen, "arg_kind.inc"), text)

    text = "// Generated by scripts/gen_tables.py from data/flags/. Do not edit.\n"
    text += "enum class FlagSetId : std::uint16_t {\n"
    text += "".join(f"  {n},\n" for n in set_names) + "};\n"
    text += f"inline constexpr std::size_t kFlagSetCount = {len(set_names)};\n"
    write_if_changed(os.path.join(gen, "flag_set_ids.inc"), text)

    text = "// Generated by scripts/gen_tables.py from data/syscalls_*.tbl. Do not edit.\n"
    text += "enum class CustomDecoder : std::uint8_t {\n  None,\n"
    text += "".join(f"  {camel(c)},\n" for c in customs) + "};\n"
    write_if_changed(os.path.join(gen, "custom_ids.inc"), text)

    for abi, rows in tables.items():
        write_if_changed(os.path.join(gen, f"syscalls_{abi}.inc"), syscall_rows(abi, rows))

    fdir = os.path.join(out, "flags")
    for n in set_names:
        fs = sets[n]
        t = f"// Generated by scripts/gen_tables.py from data/flags/{n}.txt. Do not edit.\n"
        for inc in fs["includes"]:
            t += f"#include {inc}\n"
        t += '#include "scry/flags.hpp"\n\nnamespace scry {\nnamespace {\n'
        # The names as one pool (an entry #ifdef'd away leaves its name unused there).
        offsets = {}
        size = 0
        for name, _ in fs["names"]:
            if name not in offsets:
                offsets[name] = size
                size += len(name) + 1
        t += "constexpr char kPool[] =\n    \"\"\n"
        t += "".join(f'    "{name}\\0"\n' for name in offsets) + "    ;\n"
        t += "constexpr FlagName kNames[] = {\n"
        for name, expr in fs["names"]:
            off = offsets[name]
            if expr or fs["enumerators"]:
                t += f"    {{static_cast<std::uint64_t>({expr or name}), {off}}},\n"
            else:
                t += (f"#ifdef {name}\n    {{static_cast<std::uint64_t>({name}), {off}}},\n"
                      "#endif\n")
        t += "    {0, 0},\n};\n}  // namespace\n\n"
        zero = f'"{fs["zero"]}"' if fs["zero"] else "nullptr"
        kind = "FlagSetKind::Enum" if fs["kind"] == "enum" else "FlagSetKind::Bits"
        t += (f'extern const FlagSet kFlagSet_{n};\nconst FlagSet kFlagSet_{n} = {{"{n}", {kind}, '
              f"{zero}, kNames, sizeof(kNames) / sizeof(kNames[0]) - 1, kPool}};\n"
              "}  // namespace scry\n")
        write_if_changed(os.path.join(fdir, f"flags_{n}.cpp"), t)
    t = "// Generated by scripts/gen_tables.py. Do not edit.\n#include \"scry/flags.hpp\"\n\n"
    t += "namespace scry {\n"
    t += "".join(f"extern const FlagSet kFlagSet_{n};\n" for n in set_names)
    t += "\nconst FlagSet* const kFlagSets[] = {\n"
    t += "".join(f"    &kFlagSet_{n},\n" for n in set_names)
    t += "    nullptr,\n};\n}  // namespace scry\n"
    write_if_changed(os.path.join(fdir, "flag_registry.cpp"), t)


if __name__ == "__main__":
    main()
