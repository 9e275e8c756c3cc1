#!/usr/bin/env bash
# Runs the whole test suite as CI does: unit and integration tests in the release build, then
# again under AddressSanitizer+UBSan and under ThreadSanitizer, then the manifest fuzzers (parser, reader)
# for a bounded time. Installs the dependencies first (idempotent). Run from anywhere, as root.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
jobs=$(nproc)
for preset in release asan tsan; do
  echo "=== $preset: build and test"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
if [ -f tests/fuzz/CMakeLists.txt ]; then
  echo "=== fuzz: manifest line parser and manifest reader, ${PTOOL_FUZZ_SECONDS:-30} seconds each"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$jobs" --target fuzzers
  for fuzzer in manifest_line_fuzzer manifest_stream_fuzzer; do
    corpus=$(mktemp -d)
    cp testdata/fuzz/manifest_line/* "$corpus"/
    ./build/fuzz/tests/fuzz/$fuzzer -max_total_time="${PTOOL_FUZZ_SECONDS:-30}" \
      -print_final_stats=1 "$corpus" testdata/fuzz/manifest_line
    rm -rf "$corpus"
  done
fi
echo "=== all tests passed"
