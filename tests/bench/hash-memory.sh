#!/usr/bin/env bash
# Peak resident memory of `ptool hash` on a wide tree and on one huge file, against the limit
# (16 MiB) and ripgrep on the same tree for scale.
#
# usage: tests/bench/hash-memory.sh [SCRATCH_DIR]
#   SCRATCH_DIR  where the trees are made (default: a fresh directory under /tmp); removed at
#                the end, as the 300,000-file tree takes about 1.2 GB of disk blocks. Making
#                the tree takes about a minute; removing it can take several on a busy disk.
# environment:   PTOOL (default build/release/ptool), FILES_PER_DIR (1000), DIRS (300).
#
# (a) DIRS x FILES_PER_DIR files of a few bytes each, hashed with -j 8;
# (b) a 4 GiB sparse file (truncate -s 4G), hashed (streamed: never read or mapped whole).
# Peaks are GNU time's "maximum resident set size", the largest of three runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ptool=${PTOOL:-$repo/build/release/ptool}
dirs=${DIRS:-300}
files_per_dir=${FILES_PER_DIR:-1000}
limit_kib=$((16 * 1024))

[[ -x $ptool ]] || { echo "hash-memory: $ptool not built" >&2; exit 1; }

# shellcheck source=memory-table.sh
source "$here/memory-table.sh"
use_scratch_directory "$@"
tree=$scratch/tree
big=$scratch/sparse-4G

echo "making $dirs x $files_per_dir files in $tree ..." >&2
make_small_file_tree "$tree" "$dirs" "$files_per_dir"
truncate -s 4G "$big"
total_files=$((dirs * files_per_dir))

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tree: $total_files files of a few bytes in $dirs directories; big: 4 GiB sparse file"
echo
memory_table_header
row "ptool hash -j 8 TREE" "$limit_kib" "$ptool" hash -j 8 "$tree"
row "ptool hash -j 8 -a sha256 TREE" "$limit_kib" "$ptool" hash -j 8 -a sha256 "$tree"
row "ptool hash TREE (-j $(nproc))" "$limit_kib" "$ptool" hash "$tree"
if command -v rg >/dev/null; then
  row "rg -j 8 --files TREE" - rg -j 8 --files "$tree"
  row "rg -j 8 x TREE" - rg -j 8 x "$tree"
fi
row "ptool hash BIG (4 GiB sparse)" "$limit_kib" "$ptool" hash "$big"
row "ptool hash -a sha256 BIG" "$limit_kib" "$ptool" hash -a sha256 "$big"
row "xxhsum -H2 BIG" - xxhsum -H2 "$big"

memory_verdict
