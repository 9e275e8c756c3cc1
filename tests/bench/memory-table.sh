# Shared by hash-memory.sh and grep-memory.sh (sourced, not run): a scratch directory for the
# test files, and one table row a command with the command's peak resident memory (GNU time's
# maximum resident set size) against a limit.

[[ -x /usr/bin/time ]] || { echo "${0##*/}: GNU time (/usr/bin/time) not installed" >&2; exit 1; }
memory_failures=0

# Sets $scratch: the directory given, else a fresh one under /tmp; removed when the script exits.
use_scratch_directory() {
  if [[ $# -ge 1 ]]; then
    scratch=$1
    mkdir -p "$scratch"
  else
    scratch=$(mktemp -d /tmp/ptool-memory.XXXXXX)
  fi
  trap 'rm -rf "$scratch"' EXIT
}

# Prints the peak RSS in KiB of a command (largest of three runs); its stdout is discarded.
peak_kib() {
  local best=0 kib
  for _ in 1 2 3; do
    # grep-like tools exit 1 when nothing matches; the status is not what is measured here.
    /usr/bin/time -f '%M' -o "$scratch/rss" "$@" >/dev/null 2>"$scratch/stderr" || true
    kib=$(tail -1 "$scratch/rss")
    if ((kib > best)); then best=$kib; fi
  done
  echo "$best"
}

memory_table_header() {
  printf '| %-52s | %8s | %6s | %-18s |\n' command "peak KiB" MiB verdict
  printf '|%s|%s|%s|%s|\n' ------------------------------------------------------ ---------: -------: --------------------
}

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
    memory_failures=$((memory_failures + 1))
  fi
  printf '| %-52s | %8d | %6.1f | %-18s |\n' "$label" "$kib" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$verdict"
}

# DIR with DIRS directories of PER_DIR files of a few bytes each ("D F\n").
make_small_file_tree() { # dir, dirs, per_dir
  python3 - "$1" "$2" "$3" <<'PYTHON'
import os, sys
root, dirs, per_dir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for d in range(dirs):
    directory = os.path.join(root, f"d{d:03d}")
    os.makedirs(directory)
    for f in range(per_dir):
        with open(os.path.join(directory, f"f{f:04d}"), "w") as out:
            out.write(f"{d} {f}\n")
PYTHON
}

# The exit status of the script: 1 when a row was over its limit.
memory_verdict() {
  if ((memory_failures)); then
    echo "$memory_failures over the limit" >&2
    return 1
  fi
}
