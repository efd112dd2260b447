#!/usr/bin/env bash
# Installs the Debian packages scry needs to build and test, and only those that are missing.
# Usage: scripts/deps.sh            (build + test dependencies)
set -euo pipefail
pkgs=(build-essential cmake ninja-build ccache pkg-config python3 libgtest-dev strace procps
      libdw-dev libelf-dev libcapstone-dev libreadline-dev gdb clang clang-format libclang-rt-14-dev
      libc6-dbg)  # libc's debug info: scrydb's tests of libc frames as gdb shows them with it
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "scry deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
