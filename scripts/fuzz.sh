#!/usr/bin/env bash
# Builds the libFuzzer decoder targets with clang (build/fuzz) and runs each for N seconds.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 s each, every target
# Findings (crash-*, timeout-*, oom-* inputs) are left in build/fuzz/findings/TARGET/; the
# corpora grow in build/fuzz/tests/fuzz/corpus/TARGET/. Exits non-zero if any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(strings structs net netlink siginfo custom expr)
jobs=${JOBS:-2}

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is needed (apt-get install clang)" >&2; exit 2; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS=-Wno-unknown-warning-option -DSCRY_FUZZ=ON >/dev/null
cmake --build build/fuzz --target fuzz_all -j "$jobs"

status=0
for t in "${targets[@]}"; do
  corpus=build/fuzz/tests/fuzz/corpus/$t
  findings=build/fuzz/findings/$t
  mkdir -p "$corpus" "$findings"
  echo "== fuzz_$t for ${secs}s"
  if ! build/fuzz/tests/fuzz/fuzz_"$t" -max_total_time="$secs" -rss_limit_mb=1024 -timeout=10 \
      -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" 2>&1 | tail -n 25; then
    status=1
  fi
  if [ "${PIPESTATUS[0]}" != 0 ]; then status=1; fi
done
exit $status
