#!/usr/bin/env bash
# Runs the thread-pool micro-benchmark (bench/pool_benchmark.cpp) and prints its medians as a
# Markdown table: empty jobs per second through ThreadPool for 1, 2, 4 workers x capacities
# 1, 2 * workers, 1024, beside one std::thread per job.
#
# usage: tests/bench/pool-bench.sh [EXTRA_BENCHMARK_FLAGS...]
# environment: POOL_BENCHMARK (default build/release/bench/pool_benchmark; build it with
#              cmake --build build/release --target pool_benchmark), REPETITIONS (default 3).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
program=${POOL_BENCHMARK:-$repo/build/release/bench/pool_benchmark}
repetitions=${REPETITIONS:-3}
[[ -x $program ]] || { echo "pool-bench: $program not built" >&2; exit 1; }

json=$(mktemp)
trap 'rm -f "$json"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$program" --benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json "$@" >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load average (1, 5, 15 min): $load_before before, $load_after after"
echo "$repetitions repetitions, medians (cv: coefficient of variation of the repetitions)"
echo
python3 - "$json" <<'EOF'
import json, re, sys

runs = json.load(open(sys.argv[1]))["benchmarks"]
def aggregate(name):
    return {b["run_name"]: b for b in runs if b.get("aggregate_name") == name}
median, cv = aggregate("median"), aggregate("cv")

print("| jobs run by                  | workers | capacity | jobs/s (median) | µs per job | cv    |")
print("|------------------------------|--------:|---------:|----------------:|-----------:|------:|")
for run_name, row in median.items():
    rate = row["items_per_second"]
    spread = cv[run_name]["items_per_second"] * 100 if run_name in cv else float("nan")
    match = re.search(r"workers:(\d+)/capacity:(\d+)", run_name)
    if match:
        who, workers, capacity = "ThreadPool", match.group(1), match.group(2)
    else:
        who, workers, capacity = "one std::thread per job", "-", "-"
    print(f"| {who:<28} | {workers:>7} | {capacity:>8} | {rate:>15,.0f} | {1e6 / rate:>10.2f} | {spread:>4.1f}% |")
EOF
