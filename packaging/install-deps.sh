#!/usr/bin/env bash
# Installs every build and test dependency of ptool from Debian's packages. Idempotent; run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
build_packages=(
  g++ clang cmake ninja-build pkg-config git
  libcli11-dev libspdlog-dev libxxhash-dev libre2-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# The real tools the tests compare against, and what the fuzzer and benchmarks need.
test_packages=(xxhash coreutils ripgrep grep findutils libclang-rt-14-dev time)
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${build_packages[@]}" "${test_packages[@]}" >/dev/null
