// Searcher: reads one file through a bounded, reused buffer, runs the Matcher over whole buffers
// and tells a SearchSink which lines are selected and which are context. It applies -v, -m, -A/-B,
// binary detection and the early stops of -q/-l/-L. One per worker, reused across files.
// Easy to get wrong: memory stays bounded by GrepOptions::max_buffer_bytes whatever the input; a
// line longer than that is searched in overlapping windows and re-read with pread() from the
// file to be printed; from a pipe it cannot be, and printing one is an error (counting it, -l
// and -q work). Limits of that
// path: a match longer than a quarter of the cap inside such a line can be missed, -x never
// matches such a line, its matches are not highlighted or listed (-o, --json submatches), and it
// is never printed as before-context (-B) of a following line.
#pragma once

#include <cstdint>
#include <stop_token>
#include <string_view>
#include <vector>

#include "ptool/grep/grep_options.hpp"
#include "ptool/grep/matcher.hpp"
#include "ptool/grep/search_result.hpp"
#include "ptool/grep/search_sink.hpp"
#include "ptool/util/byte_buffer.hpp"

namespace ptool {

class Searcher {
  public:
    // Builds its own Matcher; call pattern_error() first, this throws on a bad pattern.
    explicit Searcher(const GrepOptions& options);

    // Searches the open file `fd` (read from its current position; a pipe too) and reports to
    // `sink`. `known_size` is the file's size from fstat, or 0 when unknown (a pipe, a /proc
    // file): reading stops once that many bytes are in, sparing the read(2) that would only see
    // the end. A file that grows meanwhile is searched as far as the read that reached the size.
    // A stop requested through `stop` ends the search before the next read (-q: another worker
    // found the answer); what was found until then is reported.
    FileSearchResult search(int fd, std::string_view path, SearchSink& sink,
                            std::uint64_t known_size = 0, const std::stop_token& stop = {});

  private:
    GrepOptions options_;
    Matcher matcher_;
    ByteBuffer buffer_;
    ByteBuffer long_line_piece_;
    std::vector<MatchRange> matches_;
};

}  // namespace ptool
