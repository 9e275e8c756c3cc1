// Searcher: which lines are selected and which are context, whatever the buffer size. Files are
// memfds; a recording sink writes the searcher's events as text, so no printer is involved.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <random>
#include <stop_token>
#include <string>

#include "ptool/grep/searcher.hpp"
#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

FileDescriptor file_holding(std::string_view content) {
    FileDescriptor fd{::memfd_create("searcher-test", MFD_CLOEXEC)};
    EXPECT_TRUE(fd.valid());
    EXPECT_EQ(::write(fd.get(), content.data(), content.size()),
              static_cast<ssize_t>(content.size()));
    EXPECT_EQ(::lseek(fd.get(), 0, SEEK_SET), 0);
    return fd;
}

// Events as "S<line number>@<offset>:<line>" for selected lines, "C..." for context, "--".
class RecordingSink final : public SearchSink {
  public:
    bool want_matches = false;
    std::string events;
    std::stop_source* stop_at_selected = nullptr;  // as another worker's -q answer would

    bool wants_line_numbers() const override { return true; }
    bool wants_matches_in_selected_lines() const override { return want_matches; }
    bool wants_matches_in_context_lines() const override { return false; }
    void begin_file(std::string_view /*path*/) override { events.clear(); }
    void selected_line(const FoundLine& line) override {
        record('S', line);
        if (stop_at_selected != nullptr) {
            stop_at_selected->request_stop();
        }
    }
    void context_line(const FoundLine& line) override { record('C', line); }
    void group_separator() override { events += "--\n"; }
    void begin_long_line(bool selected, std::uint64_t line_number,
                         std::uint64_t absolute_offset) override {
        events += (selected ? 'S' : 'C') + std::to_string(line_number) + "@" +
                  std::to_string(absolute_offset) + ":";
    }
    void long_line_piece(std::string_view bytes) override { events.append(bytes); }
    void end_long_line(bool had_terminator) override { events += had_terminator ? "\n" : "$\n"; }
    void end_file(FileSearchResult& /*result*/) override {}

  private:
    void record(char kind, const FoundLine& line) {
        events += kind + std::to_string(line.line_number) + "@" +
                  std::to_string(line.absolute_offset) + ":";
        for (const MatchRange& match : line.matches) {
            events +=
                "[" + std::string(line.bytes.substr(match.start, match.end - match.start)) + "]";
        }
        std::string_view bytes = line.bytes;
        bool terminated = !bytes.empty() && bytes.back() == '\n';
        events.append(bytes.substr(0, bytes.size() - (terminated ? 1 : 0)));
        events += terminated ? "\n" : "$\n";
    }
};

GrepOptions tiny_buffer_options(std::string pattern) {
    GrepOptions options;
    options.patterns = {std::move(pattern)};
    options.initial_buffer_bytes = 16;
    options.max_buffer_bytes = 64;
    return options;
}

struct Searched {
    FileSearchResult result;
    std::string events;
};

// `known_size` as Searcher::search takes it (0: unknown, read to the end).
Searched search(const GrepOptions& options, std::string_view content, bool want_matches = false,
                std::uint64_t known_size = 0) {
    Searcher searcher(options);
    RecordingSink sink;
    sink.want_matches = want_matches;
    FileDescriptor fd = file_holding(content);
    FileSearchResult result = searcher.search(fd.get(), "file", sink, known_size);
    return {result, sink.events};
}

// The same, line by line, the plain way: what the searcher must agree with.
std::string reference_events(const GrepOptions& options, std::string_view content) {
    Matcher matcher(options);
    std::vector<std::string_view> lines;
    std::vector<std::size_t> offsets;
    for (std::size_t start = 0; start < content.size();) {
        std::size_t end = content.find('\n', start);
        end = end == std::string_view::npos ? content.size() : end + 1;
        lines.push_back(content.substr(start, end - start));
        offsets.push_back(start);
        start = end;
    }
    auto record = [&](char kind, std::size_t i) {
        std::string_view line = lines[i];
        bool terminated = line.back() == '\n';
        return kind + std::to_string(i + 1) + "@" + std::to_string(offsets[i]) + ":" +
               std::string(line.substr(0, line.size() - (terminated ? 1 : 0))) +
               (terminated ? "\n" : "$\n");
    };
    std::string events;
    std::uint64_t count = 0;
    long last_printed = -1;
    std::size_t after_left = 0;
    bool done = false;
    bool context = options.before_context > 0 || options.after_context > 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (line.back() == '\n') {
            line.remove_suffix(1);
        }
        bool selected = matcher.find_in_line(line, 0).has_value() != options.invert_match;
        if (selected && !done) {
            ++count;
            long first = std::max(static_cast<long>(i) - static_cast<long>(options.before_context),
                                  last_printed + 1);
            if (last_printed >= 0 && first > last_printed + 1 && context) {
                events += "--\n";
            }
            for (long j = first; j < static_cast<long>(i); ++j) {
                events += record('C', static_cast<std::size_t>(j));
            }
            events += record('S', i);
            last_printed = static_cast<long>(i);
            after_left = options.after_context;
            done = options.max_count && count >= *options.max_count;
        } else if (after_left > 0 && last_printed == static_cast<long>(i) - 1) {
            events += record('C', i);
            last_printed = static_cast<long>(i);
            --after_left;
        }
        if (done && after_left == 0) {
            break;
        }
    }
    return events;
}

TEST(Searcher, SelectsMatchingLinesWithNumbersAndOffsets) {
    auto found = search(tiny_buffer_options("foo"), "a foo\nbar\nfoo b\n");
    EXPECT_EQ(found.events, "S1@0:a foo\nS3@10:foo b\n");
    EXPECT_EQ(found.result.selected_lines, 2U);
    EXPECT_EQ(found.result.stats.bytes_searched, 16U);
    EXPECT_FALSE(found.result.binary);
}

TEST(Searcher, LastLineWithoutNewlineAndEmptyFile) {
    EXPECT_EQ(search(tiny_buffer_options("x"), "a\nbx").events, "S2@2:bx$\n");
    EXPECT_EQ(search(tiny_buffer_options("x"), "").result.selected_lines, 0U);
    // `^$` selects empty lines, and nothing past the last newline.
    EXPECT_EQ(search(tiny_buffer_options("^$"), "a\n\nb\n").events, "S2@2:\n");
}

TEST(Searcher, ReportsMatchesInsideSelectedLines) {
    auto found = search(tiny_buffer_options("o+"), "foo boo\nx\n", true);
    EXPECT_EQ(found.events, "S1@0:[oo][oo]foo boo\n");
    EXPECT_EQ(found.result.stats.matches, 2U);
}

TEST(Searcher, ContextAcrossChunkBoundariesWithSeparators) {
    GrepOptions options = tiny_buffer_options("m");
    options.before_context = 2;
    options.after_context = 1;
    std::string content = "l1\nl2\nl3\nm4\nl5\nl6\nl7\nl8\nm9\nm10\nl11\nl12\n";
    auto found = search(options, content);
    EXPECT_EQ(found.events,
              "C2@3:l2\nC3@6:l3\nS4@9:m4\nC5@12:l5\n--\nC7@18:l7\nC8@21:l8\nS9@24:m9\n"
              "S10@27:m10\nC11@31:l11\n");
    EXPECT_EQ(found.events, reference_events(options, content));
}

TEST(Searcher, MaxCountStopsButPrintsTrailingContext) {
    GrepOptions options = tiny_buffer_options("m");
    options.max_count = 1;
    options.after_context = 2;
    auto found = search(options, "m1\nm2\nx3\nm4\n");
    EXPECT_EQ(found.events, "S1@0:m1\nC2@3:m2\nC3@6:x3\n");
    EXPECT_EQ(found.result.selected_lines, 1U);
}

TEST(Searcher, MaxCountZeroReadsNothing) {
    GrepOptions options = tiny_buffer_options("m");
    options.max_count = 0;
    auto found = search(options, "m\n");
    EXPECT_EQ(found.events, "");
    EXPECT_EQ(found.result.stats.bytes_searched, 0U);
}

TEST(Searcher, InvertWithContext) {
    GrepOptions options = tiny_buffer_options("m");
    options.invert_match = true;
    options.before_context = 1;
    std::string content = "m1\nm2\nx3\nm4\nx5\nx6\n";
    auto found = search(options, content);
    EXPECT_EQ(found.events, "C2@3:m2\nS3@6:x3\nC4@9:m4\nS5@12:x5\nS6@15:x6\n");
    EXPECT_EQ(found.result.selected_lines, 3U);
}

TEST(Searcher, QuietAndListModesStopAtTheFirstSelectedLine) {
    for (GrepOutputMode mode : {GrepOutputMode::quiet, GrepOutputMode::files_with_matches,
                                GrepOutputMode::files_without_match}) {
        GrepOptions options = tiny_buffer_options("m");
        options.output_mode = mode;
        std::string content(1000, 'x');
        content += "\nm\n" + std::string(1000, 'm');
        auto found = search(options, content);
        EXPECT_EQ(found.result.selected_lines, 1U);
        EXPECT_LT(found.result.stats.bytes_searched, content.size());
        EXPECT_EQ(found.events, "");
    }
}

TEST(Searcher, CountModeCountsUpToMaxCount) {
    GrepOptions options = tiny_buffer_options("m");
    options.output_mode = GrepOutputMode::count;
    EXPECT_EQ(search(options, "m\nx\nm\nm\n").result.selected_lines, 3U);
    options.max_count = 2;
    EXPECT_EQ(search(options, "m\nx\nm\nm\n").result.selected_lines, 2U);
}

TEST(Searcher, LinesLongerThanTheCapAreSearchedInWindowsAndReadAgain) {
    GrepOptions options = tiny_buffer_options("needle");
    std::string first_long = std::string(500, 'a') + "needle" + std::string(500, 'b');
    std::string second_long = std::string(995, 'c') + "needle";  // match at the very end
    std::string quiet_long(700, 'd');
    std::string content =
        "short needle\n" + first_long + "\n" + quiet_long + "\n" + second_long + "\nneedle";
    auto found = search(options, content);
    std::string expected = "S1@0:short needle\nS2@13:" + first_long + "\nS4@" +
                           std::to_string(13 + first_long.size() + 1 + quiet_long.size() + 1) +
                           ":" + second_long + "\nS5@" + std::to_string(content.size() - 6) +
                           ":needle$\n";
    EXPECT_EQ(found.events, expected);
    EXPECT_EQ(found.result.selected_lines, 4U);
    EXPECT_EQ(found.result.stats.bytes_searched, content.size());
}

TEST(Searcher, ReadsFromWhereTheDescriptorStands) {
    // As for standard input redirected from a file that was partly read already.
    std::string long_line = std::string(300, 'a') + "needle";
    FileDescriptor fd = file_holding("needle skipped\n" + long_line + "\nneedle\n");
    ASSERT_EQ(::lseek(fd.get(), 15, SEEK_SET), 15);
    Searcher searcher(tiny_buffer_options("needle"));
    RecordingSink sink;
    FileSearchResult result = searcher.search(fd.get(), "file", sink);
    EXPECT_FALSE(result.error);
    EXPECT_EQ(sink.events, "S1@0:" + long_line + "\nS2@307:needle\n");
}

TEST(Searcher, PipesAreSearchedButTheirOverlongLinesCannotBePrinted) {
    const std::string content = "needle 1\n" + std::string(300, 'a') + "needle\nneedle 3\n";
    for (GrepOutputMode mode : {GrepOutputMode::count, GrepOutputMode::lines}) {
        int ends[2];
        ASSERT_EQ(::pipe2(ends, O_CLOEXEC), 0);
        FileDescriptor reading{ends[0]};
        FileDescriptor writing{ends[1]};
        ASSERT_EQ(::write(writing.get(), content.data(), content.size()),
                  static_cast<ssize_t>(content.size()));
        writing.reset();
        GrepOptions options = tiny_buffer_options("needle");
        options.output_mode = mode;
        Searcher searcher(options);
        RecordingSink sink;
        FileSearchResult result = searcher.search(reading.get(), "-", sink);
        if (mode == GrepOutputMode::count) {
            EXPECT_FALSE(result.error);
            EXPECT_EQ(result.selected_lines, 3U);
        } else {
            ASSERT_TRUE(result.error);
            EXPECT_EQ(result.error->error_number, ESPIPE);
            EXPECT_EQ(result.error->message,
                      "a line longer than 64 bytes cannot be printed from a pipe");
            EXPECT_EQ(sink.events, "S1@0:needle 1\n");
        }
    }
}

TEST(Searcher, RequestedStopEndsTheSearchBeforeTheNextRead) {
    std::string content;
    for (int i = 0; i < 1000; ++i) {
        content += "needle " + std::to_string(1000 + i) + "\n";  // 12 bytes a line
    }
    GrepOptions options = tiny_buffer_options("needle");
    Searcher searcher(options);
    RecordingSink sink;
    std::stop_source stop;
    sink.stop_at_selected = &stop;
    FileDescriptor fd = file_holding(content);
    FileSearchResult result =
        searcher.search(fd.get(), "file", sink, content.size(), stop.get_token());
    // The first read (16 bytes) held one line; no read after the stop.
    EXPECT_EQ(sink.events, "S1@0:needle 1000\n");
    EXPECT_EQ(result.stats.bytes_searched, 16U);
    EXPECT_FALSE(result.error);
    // Stopped before it starts: nothing is read. Without a stop token, all of it is.
    FileDescriptor again = file_holding(content);
    EXPECT_EQ(searcher.search(again.get(), "file", sink, content.size(), stop.get_token())
                  .stats.bytes_searched,
              0U);
    sink.stop_at_selected = nullptr;
    FileDescriptor whole = file_holding(content);
    EXPECT_EQ(searcher.search(whole.get(), "file", sink).stats.bytes_searched, content.size());
}

TEST(Searcher, LongLineInvertedAndAnchored) {
    GrepOptions options = tiny_buffer_options("^b");
    options.invert_match = true;
    std::string long_line = "a" + std::string(300, 'b');  // ^b must not match mid-line
    auto found = search(options, long_line + "\nbx\n");
    EXPECT_EQ(found.events, "S1@0:" + long_line + "\n");
}

TEST(Searcher, BinaryFileMatchSuppressesOutput) {
    std::string content = std::string("abc\0def\nfoo\n", 12);
    auto found = search(tiny_buffer_options("foo"), content);
    EXPECT_TRUE(found.result.binary);
    EXPECT_TRUE(found.result.binary_matched);
    EXPECT_EQ(found.result.binary_offset, 3U);
    EXPECT_EQ(found.events, "");
    EXPECT_FALSE(search(tiny_buffer_options("zzz"), content).result.binary_matched);
}

TEST(Searcher, BinaryAsTextAndSkipped) {
    std::string content = std::string("abc\0def\nfoo\n", 12);
    GrepOptions text = tiny_buffer_options("foo");
    text.binary_mode = BinaryMode::text;
    auto as_text = search(text, content);
    EXPECT_EQ(as_text.events, "S2@8:foo\n");
    EXPECT_FALSE(as_text.result.binary);
    GrepOptions skip = tiny_buffer_options("foo");
    skip.binary_mode = BinaryMode::skip;
    auto skipped = search(skip, content);
    EXPECT_TRUE(skipped.result.binary);
    EXPECT_EQ(skipped.result.selected_lines, 0U);
    EXPECT_EQ(skipped.events, "");
}

TEST(Searcher, NulAfterPrintedLinesStopsAtTheNextMatch) {
    std::string content = "foo 1\n" + std::string(100, 'x') + "\n" + std::string("\0\nfoo 2\n", 8);
    auto found = search(tiny_buffer_options("foo"), content);
    EXPECT_EQ(found.events, "S1@0:foo 1\n");
    EXPECT_TRUE(found.result.binary_matched);
}

TEST(Searcher, ReadErrorIsReported) {
    Searcher searcher(tiny_buffer_options("x"));
    RecordingSink sink;
    FileDescriptor directory{::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    FileSearchResult result = searcher.search(directory.get(), "/", sink);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->error_number, EISDIR);
}

// The known size ends the reading: once a read reaches it, nothing more is read (a file that
// grew after fstat is searched as far as that read went).
TEST(Searcher, KnownSizeEndsTheReading) {
    const std::string content = "one\ntwo x\nthree\nfour x\n";
    auto options = tiny_buffer_options("x");
    EXPECT_EQ(search(options, content, false, content.size()).events, "S2@4:two x\nS4@16:four x\n");
    options.initial_buffer_bytes = options.max_buffer_bytes = 16;
    // One read of 16 bytes passes the known size 7; "four x" is never read.
    EXPECT_EQ(search(options, content, false, 7).events, "S2@4:two x\n");
}

// Random files against the line-by-line reference, over buffer sizes that cut lines anywhere.
TEST(Searcher, AgreesWithLineByLineReference) {
    std::mt19937 random(12345);
    const std::string alphabet = "aabx\n";
    for (int round = 0; round < 400; ++round) {
        std::string content;
        std::size_t length = random() % 300;
        for (std::size_t i = 0; i < length; ++i) {
            content += alphabet[random() % alphabet.size()];
        }
        // The last four take the literal prefilter's path.
        const char* patterns[] = {"ab",     "^$",      "x$",       "^a",           "b*",
                                  "a\\w*x", "aab|bxa", "[ax]+bab", "[ab]xab|bxbb", "(?i)bax"};
        GrepOptions options = tiny_buffer_options(patterns[random() % 10]);
        options.ignore_case = random() % 4 == 0;
        options.initial_buffer_bytes = 16 + random() % 64;
        options.max_buffer_bytes = 1024;
        options.before_context = random() % 3;
        options.after_context = random() % 3;
        options.invert_match = random() % 2 == 0;
        options.word_regexp = random() % 4 == 0;
        if (random() % 3 == 0) {
            options.max_count = 1 + random() % 4;
        }
        // Every other round as a file whose size fstat told: no read(2) past the end.
        std::uint64_t known_size = round % 2 == 0 ? content.size() : 0;
        EXPECT_EQ(search(options, content, false, known_size).events,
                  reference_events(options, content))
            << "round " << round << " pattern " << options.patterns[0];
    }
}

}  // namespace
}  // namespace ptool
