// GrepEngine: the per-worker object of `ptool grep`. It owns a Searcher (with its own compiled
// Matcher and read buffer) and a printer, and turns one open file into that file's output bytes.
// Easy to get wrong: build one per worker from the shared GrepOptions after pattern_error() said
// the patterns are good; the constructor throws std::invalid_argument otherwise.
//
// What the caller does with a result (GNU grep's rules):
//  - `binary_matched`: print `ptool: PATH: binary file matches` on stderr.
//  - `error`: print `ptool: PATH: <message>` and exit 2 in the end; bytes already given to the
//    sink stay (output is streamed).
//  - Nothing for `--` between context groups of different files: the printer asks the sink
//    for it (ByteSink::write_separator) before a file's first byte.
//  - --json: after the last file, print json_summary() of all the stats added up.
#pragma once

#include <cstdint>
#include <memory>
#include <stop_token>
#include <string_view>

#include "ptool/grep/grep_options.hpp"
#include "ptool/grep/printer.hpp"
#include "ptool/grep/search_result.hpp"
#include "ptool/grep/searcher.hpp"
#include "ptool/output/byte_sink.hpp"

namespace ptool {

class GrepEngine {
  public:
    explicit GrepEngine(const GrepOptions& options);

    // Searches `fd` (opened for reading) and writes its output for `path`. `known_size`: as
    // Searcher::search; a stop requested through `stop` abandons the file before its next read.
    FileSearchResult search_file(int fd, std::string_view path, ByteSink& output,
                                 std::uint64_t known_size = 0, const std::stop_token& stop = {});

  private:
    Searcher searcher_;
    std::unique_ptr<GrepPrinter> printer_;
};

}  // namespace ptool
