#!/usr/bin/env bash
# README command 1: install what is missing, build release, trace a real program.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
echo "== scry -f sh -c 'echo hi | wc -c'" >&2
build/release/scry -f sh -c 'echo hi | wc -c'
