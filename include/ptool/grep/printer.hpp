// Printers: turn what the searcher found into bytes, in GNU grep's format (StandardPrinter) or
// ripgrep's JSON Lines (JsonPrinter). They buffer a file's output and hand it to the ByteSink in
// chunks of about 64 KiB. Easy to get wrong: each file is printed on its own, so the `--` that
// GNU grep puts between context groups of *different* files is asked for with
// ByteSink::write_separator() before a file's first byte: only the ordered writer knows whether
// an earlier file printed anything.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "ptool/grep/grep_options.hpp"
#include "ptool/grep/search_result.hpp"
#include "ptool/grep/search_sink.hpp"
#include "ptool/output/byte_sink.hpp"

namespace ptool {

class GrepPrinter : public SearchSink {
  public:
    // Where the next file's bytes go; set before each search. Drops what an abandoned search
    // (one whose sink threw) left unwritten.
    void set_output(ByteSink& output) {
        output_ = &output;
        pending_.clear();
    }

  protected:
    // `file_separator`: what goes before a file's output when earlier output exists.
    explicit GrepPrinter(std::string_view file_separator) : file_separator_(file_separator) {}

    void write(std::string_view bytes);
    void flush();
    [[nodiscard]] std::uint64_t written() const { return written_; }
    void reset_written() { written_ = 0; }

  private:
    ByteSink* output_ = nullptr;
    std::string_view file_separator_;
    std::string pending_;
    std::uint64_t written_ = 0;
};

// PATH:NUM:LINE and friends, with GNU grep's --color=always escape sequences.
class StandardPrinter final : public GrepPrinter {
  public:
    explicit StandardPrinter(const GrepOptions& options);

    [[nodiscard]] bool wants_line_numbers() const override;
    [[nodiscard]] bool wants_matches_in_selected_lines() const override;
    [[nodiscard]] bool wants_matches_in_context_lines() const override;
    void begin_file(std::string_view path) override;
    void selected_line(const FoundLine& line) override;
    void context_line(const FoundLine& line) override;
    void group_separator() override;
    void begin_long_line(bool selected, std::uint64_t line_number,
                         std::uint64_t absolute_offset) override;
    void long_line_piece(std::string_view bytes) override;
    void end_long_line(bool had_terminator) override;
    void end_file(FileSearchResult& result) override;

  private:
    void write_file_name();
    void write_prefix(char separator, std::uint64_t line_number);
    void write_separator(char separator);
    void write_highlighted(std::string_view bytes, std::span<const MatchRange> matches);
    void write_line(const FoundLine& line, char separator, bool highlight);

    GrepOptions options_;
    std::string path_;
};

// ripgrep's --json: begin, match, context and end messages per file with a match.
class JsonPrinter final : public GrepPrinter {
  public:
    explicit JsonPrinter(const GrepOptions& options);

    [[nodiscard]] bool wants_line_numbers() const override;
    [[nodiscard]] bool wants_matches_in_selected_lines() const override;
    [[nodiscard]] bool wants_matches_in_context_lines() const override;
    void begin_file(std::string_view path) override;
    void selected_line(const FoundLine& line) override;
    void context_line(const FoundLine& line) override;
    void group_separator() override;
    void begin_long_line(bool selected, std::uint64_t line_number,
                         std::uint64_t absolute_offset) override;
    void long_line_piece(std::string_view bytes) override;
    void end_long_line(bool had_terminator) override;
    void end_file(FileSearchResult& result) override;

  private:
    void write_begin_once();
    void write_line_message(std::string_view type, const FoundLine& line);

    GrepOptions options_;
    std::string path_;
    std::string message_;
    std::string held_back_;  // an unfinished UTF-8 sequence at the end of a long-line piece
    std::uint64_t long_line_number_ = 0;
    bool begun_ = false;
};

// The printer for options.output_mode.
[[nodiscard]] std::unique_ptr<GrepPrinter> make_printer(const GrepOptions& options);

// What a printer asks the sink for before a file's output (written only if an earlier file
// printed something): "--\n" (coloured with --color) under -A/-B/-C in line mode, else nothing.
// GNU grep separates context groups across files.
[[nodiscard]] std::string_view separator_between_files(const GrepOptions& options);

// ripgrep's final --json `summary` line, from the stats of every file added up.
[[nodiscard]] std::string json_summary(const SearchStats& total,
                                       std::chrono::nanoseconds elapsed_total);

}  // namespace ptool
