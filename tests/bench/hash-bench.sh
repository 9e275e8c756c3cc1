#!/usr/bin/env bash
# Warm-cache speed of `ptool hash` against the parallel find | xargs | xxhsum/sha256sum pipeline.
#
# usage: tests/bench/hash-bench.sh [CORPUS_DIR]
#   CORPUS_DIR  defaults to $PTOOL_BENCH_CORPUS or /tmp/ptool-bench-corpus; made with
#               make-corpus.py (40,000 files, ~400 MB) when it does not exist, reused otherwise.
# environment:  PTOOL (default build/release/ptool), ROUNDS (default 5).
#
# Checks first that each pair of commands prints the same set of (hash, path) pairs, then runs
# them alternately (the first of each pair swaps every round, so neither always gets the
# warmer turn) and prints median wall times, median CPU (user+sys) and the ratio
# ptool/pipeline. Both sides write to /dev/null. The machine may be shared: the load average is
# printed before and after, and medians over alternating rounds are what to quote.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=${1:-${PTOOL_BENCH_CORPUS:-/tmp/ptool-bench-corpus}}
ptool=${PTOOL:-$repo/build/release/ptool}
rounds=${ROUNDS:-5}
jobs=$(nproc)

for tool in xxhsum sha256sum find xargs /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "hash-bench: $tool not found" >&2; exit 1; }
done
[[ -x $ptool ]] || { echo "hash-bench: $ptool not built (cmake --preset release && cmake --build build/release)" >&2; exit 1; }

if [[ ! -d $corpus ]]; then
  echo "making corpus in $corpus ..." >&2
  python3 "$here/make-corpus.py" "$corpus"
fi
corpus=$(cd "$corpus" && pwd)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# --- the pairs (names escape '|' for Markdown tables): label, ptool command, pipeline command, how to normalise each output ---------
# Normalised form: "HASH  PATH", sorted. ptool prints xxh3 as XXH3_HASH (xxhsum 0.8.2 form);
# Debian 12's xxhsum 0.8.1 prints -H3 in BSD tag form "XXH3 (PATH) = HASH".
labels=(xxh3 xxh128 sha256)
declare -A ptool_cmd pipeline_cmd pipeline_name ptool_norm pipeline_norm
ptool_cmd[xxh3]="'$ptool' hash -a xxh3 '$corpus'"
ptool_cmd[xxh128]="'$ptool' hash '$corpus'"
ptool_cmd[sha256]="'$ptool' hash -a sha256 '$corpus'"
pipeline_cmd[xxh3]="find '$corpus' -type f -print0 | xargs -0 -P $jobs xxhsum -H3 2>/dev/null"
pipeline_cmd[xxh128]="find '$corpus' -type f -print0 | xargs -0 -P $jobs xxhsum -H2 2>/dev/null"
pipeline_cmd[sha256]="find '$corpus' -type f -print0 | xargs -0 -P $jobs sha256sum"
pipeline_name[xxh3]="find \\| xargs -0 -P $jobs xxhsum -H3"
pipeline_name[xxh128]="find \\| xargs -0 -P $jobs xxhsum -H2"
pipeline_name[sha256]="find \\| xargs -0 -P $jobs sha256sum"
ptool_norm[xxh3]='s/^XXH3_//'
ptool_norm[xxh128]=''
ptool_norm[sha256]=''
pipeline_norm[xxh3]='s/^XXH3 (\(.*\)) = \([0-9a-f]*\)$/\2  \1/'
pipeline_norm[xxh128]=''
pipeline_norm[sha256]=''

echo "warming the page cache ..." >&2
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null

# --- correctness first -----------------------------------------------------------------------
for label in "${labels[@]}"; do
  bash -c "${ptool_cmd[$label]}" >"$scratch/ptool.raw"
  # With -P > 1 the pipeline's xxhsum/sha256sum processes flush full stdio buffers, not lines,
  # into the shared stdout, so some lines come out torn; line-buffer them for the comparison
  # and count the torn lines of the timed form.
  bash -c "${pipeline_cmd[$label]/xargs -0 -P $jobs /xargs -0 -P $jobs stdbuf -oL }" >"$scratch/pipeline.raw"
  torn=$(bash -c "${pipeline_cmd[$label]}" | sed -e "${pipeline_norm[$label]}" |
    grep -cv "^[0-9a-f]\{8,\}  $corpus/" || true)
  sed -e "${ptool_norm[$label]}" "$scratch/ptool.raw" | LC_ALL=C sort >"$scratch/ptool.sorted"
  sed -e "${pipeline_norm[$label]}" "$scratch/pipeline.raw" | LC_ALL=C sort >"$scratch/pipeline.sorted"
  lines=$(wc -l <"$scratch/ptool.sorted")
  if ! cmp -s "$scratch/ptool.sorted" "$scratch/pipeline.sorted"; then
    echo "hash-bench: $label: ptool and the pipeline disagree:" >&2
    diff "$scratch/ptool.sorted" "$scratch/pipeline.sorted" | head -5 >&2
    exit 1
  fi
  # The corpus has no name that is a prefix of a sibling's, so walk order is byte order of paths.
  if ! sed 's/^[^ ]*  //' "$scratch/ptool.raw" | LC_ALL=C sort -c 2>/dev/null; then
    echo "hash-bench: $label: ptool's output is not in walk order" >&2
    exit 1
  fi
  echo "$label: outputs agree ($lines files; ptool's in walk order;" \
    "$torn torn lines in the unbuffered pipeline's output)" >&2
done

# --- timing ----------------------------------------------------------------------------------
# Prints "WALL CPU" in seconds for one run of a shell command, output to /dev/null.
time_one() {
  local start end
  start=$EPOCHREALTIME
  /usr/bin/time -f '%U %S' -o "$scratch/cpu" bash -c "$1" >/dev/null
  end=$EPOCHREALTIME
  read -r user sys <"$scratch/cpu"
  awk -v s="$start" -v e="$end" -v u="$user" -v y="$sys" 'BEGIN { printf "%.3f %.2f\n", e - s, u + y }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for label in "${labels[@]}"; do
  : >"$scratch/$label.ptool"
  : >"$scratch/$label.pipeline"
  bash -c "${ptool_cmd[$label]}" >/dev/null # one untimed run each, to settle
  bash -c "${pipeline_cmd[$label]}" >/dev/null
  for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
      time_one "${ptool_cmd[$label]}" >>"$scratch/$label.ptool"
      time_one "${pipeline_cmd[$label]}" >>"$scratch/$label.pipeline"
    else
      time_one "${pipeline_cmd[$label]}" >>"$scratch/$label.pipeline"
      time_one "${ptool_cmd[$label]}" >>"$scratch/$label.ptool"
    fi
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

files=$(find "$corpus" -type f | wc -l)
megabytes=$(du -sm --apparent-size "$corpus" | cut -f1)
echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
echo "corpus:  $corpus, $files files, $megabytes MB, warm cache; $rounds alternating rounds, medians"
echo "load average (1, 5, 15 min): $load_before before, $load_after after"
echo "ptool:   $("$ptool" --version 2>/dev/null || echo "$ptool") (-j $jobs, the default)"
echo
printf '| %-9s | %-32s | %9s | %12s | %7s | %13s | %16s |\n' \
  algorithm pipeline "ptool (s)" "pipeline (s)" ratio "ptool CPU (s)" "pipeline CPU (s)"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ----------- ---------------------------------- ----------: \
  -------------: --------: --------------: -----------------:
for label in "${labels[@]}"; do
  ptool_wall=$(cut -d' ' -f1 "$scratch/$label.ptool" | median)
  pipeline_wall=$(cut -d' ' -f1 "$scratch/$label.pipeline" | median)
  ptool_cpu=$(cut -d' ' -f2 "$scratch/$label.ptool" | median)
  pipeline_cpu=$(cut -d' ' -f2 "$scratch/$label.pipeline" | median)
  ratio=$(awk -v a="$ptool_wall" -v b="$pipeline_wall" 'BEGIN { printf "%.2f", a / b }')
  printf '| %-9s | %-32s | %9.3f | %12.3f | %7s | %13.2f | %16.2f |\n' "$label" \
    "${pipeline_name[$label]}" "$ptool_wall" "$pipeline_wall" "$ratio" "$ptool_cpu" "$pipeline_cpu"
done
echo
echo "all rounds (wall s): "
for label in "${labels[@]}"; do
  echo "  $label ptool:    $(cut -d' ' -f1 "$scratch/$label.ptool" | tr '\n' ' ')"
  echo "  $label pipeline: $(cut -d' ' -f1 "$scratch/$label.pipeline" | tr '\n' ' ')"
done
