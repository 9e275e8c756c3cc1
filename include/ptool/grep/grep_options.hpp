// GrepOptions: every flag of `ptool grep` that changes what is matched, searched or printed, as
// plain data. The CLI fills it in; each worker builds its own Matcher and Searcher from one
// shared, immutable copy. Easy to get wrong: `with_filename` has no default of its own here; the
// CLI decides it (on for a directory or several files, -H forces it, -h hides it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ptool {

struct PreparedPatterns;

// What is printed for each file.
enum class GrepOutputMode {
    lines,                // matching lines (or each match with only_matching)
    count,                // PATH:COUNT, only for files with a selected line (as ripgrep)
    files_with_matches,   // -l
    files_without_match,  // -L
    quiet,                // -q: nothing; stop at the first selected line
    json,                 // --json: ripgrep's JSON Lines
};

// What happens to a file holding a NUL byte.
enum class BinaryMode {
    detect,  // default: a match prints nothing and reports "binary file matches"
    text,    // -a: search it as text
    skip,    // -I: treat it as holding no match
};

struct GrepOptions {
    // Patterns (-e, repeatable; -f FILE's lines; or the positional pattern). A pattern holding
    // '\n' is several patterns, as in GNU grep. No pattern at all matches nothing.
    std::vector<std::string> patterns;
    bool fixed_strings = false;  // -F
    bool ignore_case = false;    // -i
    bool word_regexp = false;    // -w
    bool line_regexp = false;    // -x
    bool invert_match = false;   // -v

    GrepOutputMode output_mode = GrepOutputMode::lines;
    bool with_filename = false;    // -H / -h (the CLI picks the default)
    bool line_number = false;      // -n
    bool only_matching = false;    // -o
    bool null_after_name = false;  // -0/--null: NUL after file names instead of ':' or '\n'
    bool color = false;            // --color=always
    std::optional<std::uint64_t> max_count;  // -m NUM: stop after NUM selected lines
    std::size_t before_context = 0;          // -B (and -C)
    std::size_t after_context = 0;           // -A (and -C)
    BinaryMode binary_mode = BinaryMode::detect;

    // The read buffer starts at initial_buffer_bytes and grows to at most max_buffer_bytes to
    // hold a whole line; tests make these tiny to force lines across reads.
    std::size_t initial_buffer_bytes = std::size_t{1} << 20;
    std::size_t max_buffer_bytes = std::size_t{16} << 20;

    // The patterns worked out once (prepare_patterns() in matcher.hpp) for every worker's
    // Matcher; without it each Matcher works them out itself.
    std::shared_ptr<const PreparedPatterns> prepared;
};

}  // namespace ptool
