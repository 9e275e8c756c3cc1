#!/usr/bin/env bash
# Times `ptool grep -n` against ripgrep (unordered, all threads), ripgrep with --sort path
# (ordered, one thread) and `grep -rn`, warm cache, on a generated source-like corpus and, when
# the machine has one, a real source tree. Before timing a pattern it checks that all four print
# the same set of lines. Rounds alternate the commands; the table shows medians and ratios.
#
# usage: tests/bench/grep-bench.sh [PTOOL_BINARY]
# environment:
#   PTOOL       the ptool binary (default: the argument, else build/release/ptool); never built here
#   CORPUS      generated corpus directory, made with make-corpus.py if missing
#               (default: ${TMPDIR:-/tmp}/ptool-grep-corpus; 40000 files, 8 KiB mean)
#   REAL_TREE   a real tree to search too (default: /usr/include if it holds 20 MB or more;
#               "none" to skip)
#   ROUNDS      timed rounds per command (default 5; the median is reported)
#   PTOOL_ARGS  extra arguments for ptool grep (for example "-j 2")
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ptool="${PTOOL:-${1:-build/release/ptool}}"
corpus="${CORPUS:-${TMPDIR:-/tmp}/ptool-grep-corpus}"
rounds="${ROUNDS:-5}"
ptool_args="${PTOOL_ARGS:-}"

for tool in rg grep python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "grep-bench: $tool is needed" >&2; exit 2; }
done
[[ -x "$ptool" ]] || { echo "grep-bench: no ptool binary at $ptool (build it first)" >&2; exit 2; }

if [[ ! -d "$corpus" ]]; then
    echo "making corpus in $corpus ..." >&2
    python3 "$here/make-corpus.py" "$corpus" 40000 8
fi

trees=("$corpus")
real_tree="${REAL_TREE:-/usr/include}"
if [[ "$real_tree" != none && -d "$real_tree" ]]; then
    real_kib=$(du -sk "$real_tree" 2>/dev/null | cut -f1)
    if ((real_kib >= 20 * 1024)); then
        trees+=("$real_tree")
    fi
fi

# Each pattern as the arguments given to every tool.
patterns=(
    "ptool_rare_marker_xyzzy"
    "-i unexpected"
    "-w [A-Z]+_MAX"
    "INT_MAX|SIZE_MAX|log_error"
    "\\w+\\("
)
tool_names=("ptool" "rg" "rg-sorted" "grep")

# The command line of one tool for one pattern and tree, as an array named `command`.
set_command() {
    local tool="$1" tree="$3"
    local -a args
    read -r -a args <<<"$2"
    case "$tool" in
        ptool) command=("$ptool" grep -n $ptool_args "${args[@]}" "$tree") ;;
        rg) command=(rg -n --no-ignore --hidden "${args[@]}" "$tree") ;;
        rg-sorted) command=(rg -n --no-ignore --hidden --sort path "${args[@]}" "$tree") ;;
        # -E for the same syntax; a UTF-8 locale, so that \w and -i are Unicode's as in
        # ptool and ripgrep (in the C locale GNU grep's \w is ASCII and its lines differ).
        grep) command=(env LC_ALL=C.UTF-8 grep -rnE "${args[@]}" "$tree") ;;
    esac
}

# Wall and CPU (user + system) milliseconds of one run, output through a pipe (GNU grep stops at
# the first match when its output is /dev/null, so nothing writes there directly). Both come from
# bash's `time` of that pipeline, in milliseconds: GNU time's wall clock has 10 ms steps (a tenth
# of a run on a small tree), and wrapping the tool in another program, or timing with `date`,
# would add process starts to every run. The CPU time therefore includes the `cat` that drains
# the output, the same work for every tool.
time_once() {
    local TIMEFORMAT='%3R %3U %3S'
    { time "$@" 2>/dev/null | cat >/dev/null; } 2>"$scratch/time" || true
    tail -1 "$scratch/time" | awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }'
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

echo "# ptool grep benchmark"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
     "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "versions: $("$ptool" --version 2>/dev/null | head -1 || echo ptool), $(rg --version | head -1),"\
     "$(grep --version | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rounds: $rounds (median), warm cache, alternating commands; ptool args: grep -n $ptool_args"
echo

status=0
for tree in "${trees[@]}"; do
    files=$(find "$tree" -type f | wc -l)
    size=$(du -sh "$tree" | cut -f1)
    echo "## $tree ($files files, $size)"
    echo
    echo "Wall time (the target), then CPU time (user + system: what the work costs, less"
    echo "sensitive to a loaded machine); medians in ms."
    echo
    echo "| pattern | lines | ptool | rg | rg --sort path | grep -rn | ptool/rg | ptool/rg-sorted | ptool/grep | CPU: ptool | rg | rg-sorted | grep |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for pattern in "${patterns[@]}"; do
        # Agreement first (this also warms the cache): the same set of lines from every tool.
        agree=yes
        for tool in "${tool_names[@]}"; do
            set_command "$tool" "$pattern" "$tree"
            "${command[@]}" 2>/dev/null | LC_ALL=C sort >"$scratch/$tool" || true
        done
        for tool in rg rg-sorted grep; do
            if ! cmp -s "$scratch/ptool" "$scratch/$tool"; then
                agree=no
                echo "grep-bench: '$pattern' on $tree: ptool and $tool differ:" >&2
                diff "$scratch/ptool" "$scratch/$tool" | head -5 >&2 || true
                status=1
            fi
        done
        lines=$(wc -l <"$scratch/ptool")
        declare -A walls=() cpus=()
        for ((round = 0; round < rounds; round++)); do
            for tool in "${tool_names[@]}"; do
                set_command "$tool" "$pattern" "$tree"
                read -r wall cpu < <(time_once "${command[@]}")
                walls[$tool]+="$wall "
                cpus[$tool]+="$cpu "
            done
        done
        declare -A wall=() cpu=()
        for tool in "${tool_names[@]}"; do
            # shellcheck disable=SC2086 # space-separated lists
            wall[$tool]=$(median ${walls[$tool]})
            # shellcheck disable=SC2086
            cpu[$tool]=$(median ${cpus[$tool]})
        done
        shown="\`${pattern//|/\\|}\`"
        [[ $agree == yes ]] || shown="$shown (outputs differ)"
        echo "| $shown | $lines | ${wall[ptool]} | ${wall[rg]} | ${wall[rg-sorted]} | ${wall[grep]}"\
             "| $(ratio "${wall[ptool]}" "${wall[rg]}") | $(ratio "${wall[ptool]}" "${wall[rg-sorted]}")"\
             "| $(ratio "${wall[ptool]}" "${wall[grep]}")"\
             "| ${cpu[ptool]} | ${cpu[rg]} | ${cpu[rg-sorted]} | ${cpu[grep]} |"
        unset walls cpus wall cpu
    done
    echo
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
