#!/usr/bin/env bash
# Peak resident memory of `ptool grep` on inputs that make other tools grow: one 2 GiB line,
# millions of matching lines, and a wide tree; against the limits (64 MiB for the big inputs,
# 32 MiB for the tree with -j 8) and ripgrep on the same inputs for scale.
#
# usage: tests/bench/grep-memory.sh [SCRATCH_DIR]
#   SCRATCH_DIR  where the inputs are made (default: a fresh directory under /tmp); removed at
#                the end. They take about 2.6 GB of disk and a minute or two to make.
# environment:   PTOOL (default build/release/ptool), LINE_GIB (2), MATCH_LINES (5000000),
#                DIRS (60), FILES_PER_DIR (1000).
#
# ONE_LINE: LINE_GIB GiB of `a`, then "needle", then one newline: a single line.
# MATCHES:  MATCH_LINES lines "match N"; FOUR: four copies of it.
# TREE:     DIRS x FILES_PER_DIR files of a few bytes each.
# Peaks are GNU time's "maximum resident set size", the largest of three runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ptool=${PTOOL:-$repo/build/release/ptool}
line_gib=${LINE_GIB:-2}
match_lines=${MATCH_LINES:-5000000}
dirs=${DIRS:-60}
files_per_dir=${FILES_PER_DIR:-1000}
big_limit_kib=$((64 * 1024))
tree_limit_kib=$((32 * 1024))

[[ -x $ptool ]] || { echo "grep-memory: $ptool not built" >&2; exit 1; }

# shellcheck source=memory-table.sh
source "$here/memory-table.sh"
use_scratch_directory "$@"
one_line=$scratch/one-line
matches=$scratch/matches
four=$scratch/four
tree=$scratch/tree

echo "making the inputs in $scratch ..." >&2
head -c "$((line_gib * 1024 * 1024 * 1024))" /dev/zero | tr '\0' a >"$one_line"
printf 'needle\n' >>"$one_line"
seq -f 'match %.0f' 1 "$match_lines" >"$matches"
mkdir -p "$four"
for copy in 1 2 3 4; do cp "$matches" "$four/matches-$copy"; done
make_small_file_tree "$tree" "$dirs" "$files_per_dir"
total_files=$((dirs * files_per_dir))

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ONE_LINE: one line of $line_gib GiB; MATCHES: $match_lines matching lines; FOUR: 4 x MATCHES;"\
     "TREE: $total_files files of a few bytes in $dirs directories"
echo
memory_table_header
row "ptool grep -c needle ONE_LINE" "$big_limit_kib" "$ptool" grep -c needle "$one_line"
row "ptool grep -n needle ONE_LINE (prints the line)" "$big_limit_kib" "$ptool" grep -n needle "$one_line"
row "ptool grep -n match MATCHES" "$big_limit_kib" "$ptool" grep -n match "$matches"
row "ptool grep -j 8 -n match FOUR" "$big_limit_kib" "$ptool" grep -j 8 -n match "$four"
row "ptool grep -j 8 foo TREE" "$tree_limit_kib" "$ptool" grep -j 8 foo "$tree"
if command -v rg >/dev/null; then
  row "rg -c needle ONE_LINE" - rg -c needle "$one_line"
  row "rg -n match MATCHES" - rg -n match "$matches"
  row "rg -j 8 -n match FOUR" - rg -j 8 -n match "$four"
  row "rg -j 8 -n --sort path match FOUR" - rg -j 8 -n --sort path match "$four"
  row "rg -j 8 --no-ignore --hidden foo TREE" - rg -j 8 --no-ignore --hidden foo "$tree"
fi

memory_verdict
