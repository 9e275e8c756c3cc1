// SearchSink: what the searcher tells a printer about one file, line by line, in file order.
// This is the seam between finding and printing: a printer never knows how a line was found, and
// the searcher never knows how it is printed. Easy to get wrong: a FoundLine's bytes live in the
// searcher's buffer and are only valid during the call.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "ptool/grep/matcher.hpp"
#include "ptool/grep/search_result.hpp"

namespace ptool {

struct FoundLine {
    std::string_view bytes;               // the line, with its '\n' when it has one
    std::uint64_t line_number = 0;        // 1-based; 0 when line numbers are not wanted
    std::uint64_t absolute_offset = 0;    // file offset of the line's first byte
    std::span<const MatchRange> matches;  // inside `bytes`; filled only when asked for
};

class SearchSink {
  public:
    virtual ~SearchSink() = default;

    // What the sink needs, so that the searcher does no work for nothing.
    [[nodiscard]] virtual bool wants_line_numbers() const = 0;
    [[nodiscard]] virtual bool wants_matches_in_selected_lines() const = 0;
    [[nodiscard]] virtual bool wants_matches_in_context_lines() const = 0;

    virtual void begin_file(std::string_view path) = 0;
    virtual void selected_line(const FoundLine& line) = 0;
    virtual void context_line(const FoundLine& line) = 0;
    // Between two groups of lines that are not adjacent (only with context).
    virtual void group_separator() = 0;

    // A line longer than the buffer cap arrives in pieces: begin, pieces (without the '\n'),
    // end. Matches are not reported inside it.
    virtual void begin_long_line(bool selected, std::uint64_t line_number,
                                 std::uint64_t absolute_offset) = 0;
    virtual void long_line_piece(std::string_view bytes) = 0;
    virtual void end_long_line(bool had_terminator) = 0;

    // Called once at the end, also after an error; `result.stats` is final except bytes_printed,
    // which the sink adds itself.
    virtual void end_file(FileSearchResult& result) = 0;
};

}  // namespace ptool
