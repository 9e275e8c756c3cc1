#!/usr/bin/env python3
"""Makes a deterministic corpus of source-like files for the benchmarks.

usage: make-corpus.py DIR [FILES] [MEAN_KIB]
Spreads FILES files (default 40000) over nested directories (about 100 a directory, three
levels), sizes drawn around MEAN_KIB KiB (default 8), contents built from C-like lines with
identifiers, keywords, literals and a few rare words the grep benchmark looks for.
"""
import os
import random
import sys

WORDS = ("int char return static const struct void unsigned long if else for while switch case "
         "break continue sizeof typedef enum union default goto").split()
NAMES = ("buffer length count index offset value result state context options handle node "
         "entry table cursor reader writer parser token stream worker queue channel").split()
MACROS = ("PATH_MAX", "BUFFER_MAX", "INT_MAX", "SIZE_MAX", "QUEUE_MAX", "NAME_MAX", "LINE_MAX")


def line(rng):
    kind = rng.random()
    name = rng.choice(NAMES) + "_" + rng.choice(NAMES)
    if kind < 0.15:
        return f"static {rng.choice(WORDS[:6])} {name}(struct {rng.choice(NAMES)} *{rng.choice(NAMES)}, size_t {rng.choice(NAMES)});"
    if kind < 0.30:
        return f"    if ({name} > {rng.choice(MACROS)}) {{ return -{rng.randrange(1, 200)}; }}"
    if kind < 0.45:
        return f"    /* {' '.join(rng.choice(NAMES) for _ in range(rng.randrange(3, 12)))} */"
    if kind < 0.60:
        return f"    {name} = {rng.choice(NAMES)}({rng.choice(NAMES)}, {rng.randrange(0, 4096)});"
    if kind < 0.62:
        return ""
    if kind < 0.63:
        return f'    log_error("unexpected {rng.choice(NAMES)}: %d", {name});'
    return f"    {rng.choice(WORDS)} {name}_{rng.randrange(0, 100)} = {rng.choice(NAMES)}->{rng.choice(NAMES)};"


def main():
    root = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 40000
    mean_kib = float(sys.argv[3]) if len(sys.argv) > 3 else 8
    rng = random.Random(20261127)
    lines = [line(rng) for _ in range(50000)]
    for i in range(files):
        directory = os.path.join(root, f"d{i // 10000:02d}", f"s{i // 100 % 100:02d}")
        os.makedirs(directory, exist_ok=True)
        size = int(rng.expovariate(1 / (mean_kib * 1024)))
        parts, total = [], 0
        start = rng.randrange(len(lines))
        while total < size:
            text = lines[(start + len(parts)) % len(lines)]
            parts.append(text)
            total += len(text) + 1
        if rng.random() < 0.001:
            parts.insert(len(parts) // 2, "    /* ptool_rare_marker_xyzzy */")
        with open(os.path.join(directory, f"file{i:06d}.c"), "w") as out:
            out.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
