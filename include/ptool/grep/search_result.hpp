// FileSearchResult: what searching one file found, for the caller's exit status, its stderr
// messages and --json statistics. Easy to get wrong: `selected_lines` counts lines *selected*
// (non-matching ones under -v), and a binary file that matched has output suppressed: the caller
// prints `ptool: PATH: binary file matches` on stderr.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ptool {

// The statistics of ripgrep's --json `end` and `summary` messages; they add up across files.
struct SearchStats {
    std::chrono::nanoseconds elapsed{0};
    std::uint64_t searches = 0;
    std::uint64_t searches_with_match = 0;
    std::uint64_t bytes_searched = 0;
    std::uint64_t bytes_printed = 0;
    std::uint64_t matched_lines = 0;
    std::uint64_t matches = 0;

    SearchStats& operator+=(const SearchStats& other);
};

struct SearchError {
    int error_number = 0;  // errno
    std::string message;   // strerror's text
};

struct FileSearchResult {
    std::uint64_t selected_lines = 0;            // stopped early under -q, -l, -L and -m
    bool binary = false;                         // a NUL byte was seen (never set under -a)
    std::optional<std::uint64_t> binary_offset;  // where the first NUL byte is
    bool binary_matched = false;    // binary, a line was selected and its output was suppressed
    bool printed_anything = false;  // the sink received bytes for this file
    std::optional<SearchError> error;
    SearchStats stats;

    // Whether this file counts as "a line selected" for grep's exit status.
    [[nodiscard]] bool selected() const { return selected_lines > 0; }
};

}  // namespace ptool
