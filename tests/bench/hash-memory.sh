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
[[ -x /usr/bin/time ]] || { echo "hash-memory: GNU time (/usr/bin/time) not installed" >&2; exit 1; }

if [[ $# -ge 1 ]]; then
  scratch=$1
  mkdir -p "$scratch"
else
  scratch=$(mktemp -d /tmp/ptool-memory.XXXXXX)
fi
trap 'rm -rf "$scratch"' EXIT
tree=$scratch/tree
big=$scratch/sparse-4G

echo "making $dirs x $files_per_dir files in $tree ..." >&2
python3 - "$tree" "$dirs" "$files_per_dir" <<'EOF'
import os, sys
root, dirs, per_dir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for d in range(dirs):
    directory = os.path.join(root, f"d{d:03d}")
    os.makedirs(directory)
    for f in range(per_dir):
        with open(os.path.join(directory, f"f{f:04d}"), "w") as out:
            out.write(f"{d} {f}\n")
EOF
truncate -s 4G "$big"
total_files=$((dirs * files_per_dir))

# Prints the peak RSS in KiB of a command (largest of three runs); its stdout is discarded.
peak_kib() {
  local best=0 kib
  for _ in 1 2 3; do
    # rg exits 1 when nothing matches; the status is not what is measured here.
    /usr/bin/time -f '%M' -o "$scratch/rss" "$@" >/dev/null 2>"$scratch/stderr" || true
    kib=$(tail -1 "$scratch/rss")
    if ((kib > best)); then best=$kib; fi
  done
  echo "$best"
}

failures=0
row() { # label, limit_kib or "-", command...
  local label=$1 limit=$2 kib verdict
  shift 2
  kib=$(peak_kib "$@")
  if [[ $limit == - ]]; then
    verdict="(reference)"
  elif ((kib < limit)); then
    verdict="pass (< $((limit / 1024)) MiB)"
  else
    verdict="FAIL (>= $((limit / 1024)) MiB)"
    failures=$((failures + 1))
  fi
  printf '| %-44s | %8d | %6.1f | %-18s |\n' "$label" "$kib" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$verdict"
}

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tree: $total_files files of a few bytes in $dirs directories; big: 4 GiB sparse file"
echo
printf '| %-44s | %8s | %6s | %-18s |\n' command "peak KiB" MiB verdict
printf '|%s|%s|%s|%s|\n' ---------------------------------------------- ---------: -------: --------------------
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

if ((failures)); then
  echo "$failures over the limit" >&2
  exit 1
fi
