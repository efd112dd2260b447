#!/usr/bin/env bash
# README command 2 (and .ci/run): install what is missing, build release and asan, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
status=0
for preset in release asan; do
  echo "=== $preset: configure and build" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "=== $preset: ctest" >&2
  ctest --preset "$preset" || status=1
done
# The decoders' libFuzzer targets (clang), each for a bounded time: hostile tracee memory must
# never crash them or make them read without bound.
echo "=== fuzz: ${SCRY_FUZZ_SECONDS:-10}s per decoder family" >&2
bash scripts/fuzz.sh "${SCRY_FUZZ_SECONDS:-10}" >&2 || status=1
exit $status
