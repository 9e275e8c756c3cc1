// Printers: byte-exact against what GNU grep 3.8 (--color=always) and ripgrep 13 (--json) print
// for the same files; the expected strings are their real output, pasted.
#include <gtest/gtest.h>
#include <re2/re2.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>

#include "ptool/grep/grep_engine.hpp"
#include "ptool/grep/printer.hpp"
#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

constexpr std::string_view a_txt =
    "alpha foo\nbeta\ngamma foo bar foo\ndelta\neps\nzeta\neta foo\n";
constexpr std::string_view b_txt = "x foo\ny\n";

FileDescriptor file_holding(std::string_view content) {
    FileDescriptor fd{::memfd_create("printer-test", MFD_CLOEXEC)};
    EXPECT_EQ(::write(fd.get(), content.data(), content.size()),
              static_cast<ssize_t>(content.size()));
    EXPECT_EQ(::lseek(fd.get(), 0, SEEK_SET), 0);
    return fd;
}

struct NamedFile {
    std::string_view path;
    std::string_view content;
};

// As the ordered writer does: each file's output in order into one sink, whose
// write_separator() writes the printer's `--` only after earlier output.
std::string grep_files(const GrepOptions& options, std::initializer_list<NamedFile> files,
                       SearchStats* total = nullptr) {
    GrepEngine engine(options);
    StringSink sink;
    for (const NamedFile& file : files) {
        FileDescriptor fd = file_holding(file.content);
        FileSearchResult result = engine.search_file(fd.get(), file.path, sink);
        if (total != nullptr) {
            *total += result.stats;
        }
    }
    return sink.text();
}

GrepOptions options_for(std::string pattern) {
    GrepOptions options;
    options.patterns = {std::move(pattern)};
    return options;
}

// Elapsed times are the only bytes that differ between two runs.
std::string without_times(std::string json) {
    RE2::GlobalReplace(&json, R"("nanos":\d+,"human":"[0-9.]+s")", R"("nanos":0,"human":"0s")");
    RE2::GlobalReplace(&json, R"("human":"[0-9.]+s","nanos":\d+)", R"("human":"0s","nanos":0)");
    return json;
}

TEST(StandardPrinter, PlainLinesWithNamesAndNumbers) {
    GrepOptions options = options_for("foo");
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}}), "alpha foo\ngamma foo bar foo\neta foo\n");
    options.with_filename = true;
    options.line_number = true;
    EXPECT_EQ(grep_files(options, {{"b.txt", b_txt}}), "b.txt:1:x foo\n");
    options.null_after_name = true;
    EXPECT_EQ(grep_files(options, {{"b.txt", b_txt}}), std::string("b.txt\0"
                                                                   "1:x foo\n",
                                                                   14));
}

TEST(StandardPrinter, ColorMatchesGnuGrep) {
    // grep --color=always -n -H foo a.txt
    GrepOptions options = options_for("foo");
    options.color = true;
    options.with_filename = true;
    options.line_number = true;
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}}),
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K1\33[m\33[K\33[36m\33["
              "K:\33[m\33[Kalpha \33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K3\33[m\33[K\33[36m\33["
              "K:\33[m\33[Kgamma \33[01;31m\33[Kfoo\33[m\33[K bar \33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K7\33[m\33[K\33[36m\33["
              "K:\33[m\33[Keta \33[01;31m\33[Kfoo\33[m\33[K\n");
}

TEST(StandardPrinter, ContextAcrossFilesMatchesGnuGrep) {
    // grep --color=always -C1 -n foo a.txt b.txt
    GrepOptions options = options_for("foo");
    options.color = true;
    options.with_filename = true;
    options.line_number = true;
    options.before_context = 1;
    options.after_context = 1;
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}, {"none", "nothing\n"}, {"b.txt", b_txt}}),
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K1\33[m\33[K\33[36m\33["
              "K:\33[m\33[Kalpha \33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K-\33[m\33[K\33[32m\33[K2\33[m\33[K\33[36m\33["
              "K-\33[m\33[Kbeta\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K3\33[m\33[K\33[36m\33["
              "K:\33[m\33[Kgamma \33[01;31m\33[Kfoo\33[m\33[K bar \33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K-\33[m\33[K\33[32m\33[K4\33[m\33[K\33[36m\33["
              "K-\33[m\33[Kdelta\n"
              "\33[36m\33[K--\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K-\33[m\33[K\33[32m\33[K6\33[m\33[K\33[36m\33["
              "K-\33[m\33[Kzeta\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K7\33[m\33[K\33[36m\33["
              "K:\33[m\33[Keta \33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[36m\33[K--\33[m\33[K\n"
              "\33[35m\33[Kb.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K1\33[m\33[K\33[36m\33["
              "K:\33[m\33[Kx \33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Kb.txt\33[m\33[K\33[36m\33[K-\33[m\33[K\33[32m\33[K2\33[m\33[K\33[36m\33["
              "K-\33[m\33[Ky\n");
}

TEST(StandardPrinter, InvertedColorHighlightsContextLinesLikeGnuGrep) {
    // grep --color=always -v -C1 foo a.txt
    GrepOptions options = options_for("foo");
    options.color = true;
    options.invert_match = true;
    options.before_context = 1;
    options.after_context = 1;
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}}),
              "alpha \33[01;31m\33[Kfoo\33[m\33[K\n"
              "beta\n"
              "gamma \33[01;31m\33[Kfoo\33[m\33[K bar \33[01;31m\33[Kfoo\33[m\33[K\n"
              "delta\n"
              "eps\n"
              "zeta\n"
              "eta \33[01;31m\33[Kfoo\33[m\33[K\n");
}

TEST(StandardPrinter, OnlyMatchingMatchesGnuGrep) {
    // grep --color=always -o -n -H foo a.txt
    GrepOptions options = options_for("foo");
    options.color = true;
    options.only_matching = true;
    options.with_filename = true;
    options.line_number = true;
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}}),
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K1\33[m\33[K\33[36m\33["
              "K:\33[m\33[K\33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K3\33[m\33[K\33[36m\33["
              "K:\33[m\33[K\33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K3\33[m\33[K\33[36m\33["
              "K:\33[m\33[K\33[01;31m\33[Kfoo\33[m\33[K\n"
              "\33[35m\33[Ka.txt\33[m\33[K\33[36m\33[K:\33[m\33[K\33[32m\33[K7\33[m\33[K\33[36m\33["
              "K:\33[m\33[K\33[01;31m\33[Kfoo\33[m\33[K\n");
}

TEST(StandardPrinter, ColoredNullAfterNameMatchesGnuGrep) {
    // grep --color=always -Z -n -H foo b.txt
    GrepOptions options = options_for("foo");
    options.color = true;
    options.null_after_name = true;
    options.with_filename = true;
    options.line_number = true;
    EXPECT_EQ(grep_files(options, {{"b.txt", b_txt}}),
              std::string("\33[35m\33[Kb.txt\33[m\33[K\0", 20) +
                  "\33[32m\33[K1\33[m\33[K\33[36m\33[K:\33[m\33[Kx \33[01;31m\33[Kfoo\33[m\33[K\n");
}

TEST(StandardPrinter, CountAndFileLists) {
    GrepOptions options = options_for("foo");
    options.with_filename = true;
    options.output_mode = GrepOutputMode::count;
    // A file without a selected line gets no count line, as in ripgrep.
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}, {"n", "x\n"}}), "a.txt:3\n");
    options.null_after_name = true;  // grep -Z -c -H foo a.txt
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}}), std::string("a.txt\0"
                                                                   "3\n",
                                                                   8));
    options.null_after_name = false;
    options.output_mode = GrepOutputMode::files_with_matches;
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}, {"n", "x\n"}, {"b", b_txt}}), "a.txt\nb\n");
    options.output_mode = GrepOutputMode::files_without_match;
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}, {"n", "x\n"}, {"b", b_txt}}), "n\n");
    options.output_mode = GrepOutputMode::quiet;
    EXPECT_EQ(grep_files(options, {{"a.txt", a_txt}}), "");
}

TEST(StandardPrinter, LongLineIsPrintedWhole) {
    GrepOptions options = options_for("needle");
    options.initial_buffer_bytes = 16;
    options.max_buffer_bytes = 64;
    options.with_filename = true;
    std::string line = std::string(300, 'a') + "needle" + std::string(300, 'b');
    EXPECT_EQ(grep_files(options, {{"f", line + "\nx\n"}}), "f:" + line + "\n");
}

TEST(JsonPrinter, MatchesRipgrepByteForByte) {
    // rg --json foo a.txt, with the end message's stats exact including bytes_printed
    GrepOptions options = options_for("foo");
    options.output_mode = GrepOutputMode::json;
    JsonPrinter printer(options);
    StringSink sink;
    printer.set_output(sink);
    printer.begin_file("a.txt");
    std::vector<MatchRange> first{{6, 9}};
    std::vector<MatchRange> third{{6, 9}, {14, 17}};
    std::vector<MatchRange> seventh{{4, 7}};
    printer.selected_line({"alpha foo\n", 1, 0, first});
    printer.selected_line({"gamma foo bar foo\n", 3, 15, third});
    printer.selected_line({"eta foo\n", 7, 48, seventh});
    FileSearchResult result;
    result.selected_lines = 3;
    result.stats = {std::chrono::nanoseconds(46359), 1, 1, 56, 0, 3, 4};
    printer.end_file(result);
    EXPECT_EQ(
        sink.text(),
        "{\"type\":\"begin\",\"data\":{\"path\":{\"text\":\"a.txt\"}}}\n"
        "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":\"alpha "
        "foo\\n\"},\"line_number\":1,\"absolute_offset\":0,\"submatches\":[{\"match\":{\"text\":"
        "\"foo\"},\"start\":6,\"end\":9}]}}\n"
        "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":\"gamma "
        "foo bar "
        "foo\\n\"},\"line_number\":3,\"absolute_offset\":15,\"submatches\":[{\"match\":{\"text\":"
        "\"foo\"},\"start\":6,\"end\":9},{\"match\":{\"text\":\"foo\"},\"start\":14,\"end\":17}]}}"
        "\n"
        "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":\"eta "
        "foo\\n\"},\"line_number\":7,\"absolute_offset\":48,\"submatches\":[{\"match\":{\"text\":"
        "\"foo\"},\"start\":4,\"end\":7}]}}\n"
        "{\"type\":\"end\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"binary_offset\":null,"
        "\"stats\":{\"elapsed\":{\"secs\":0,\"nanos\":46359,\"human\":\"0.000046s\"},\"searches\":"
        "1,\"searches_with_match\":1,\"bytes_searched\":56,\"bytes_printed\":628,\"matched_lines\":"
        "3,\"matches\":4}}}\n");
    EXPECT_EQ(json_summary(result.stats, std::chrono::nanoseconds(7409928)),
              "{\"data\":{\"elapsed_total\":{\"human\":\"0.007410s\",\"nanos\":7409928,\"secs\":0},"
              "\"stats\":{\"bytes_printed\":628,\"bytes_searched\":56,\"elapsed\":{\"human\":\"0."
              "000046s\",\"nanos\":46359,\"secs\":0},\"matched_lines\":3,\"matches\":4,"
              "\"searches\":1,\"searches_with_match\":1}},\"type\":\"summary\"}\n");
}

TEST(JsonPrinter, ContextMatchesRipgrep) {
    // rg --json -C1 foo a.txt (elapsed times blanked)
    GrepOptions options = options_for("foo");
    options.output_mode = GrepOutputMode::json;
    options.before_context = 1;
    options.after_context = 1;
    SearchStats total;
    std::string output = grep_files(options, {{"a.txt", a_txt}, {"none", "x\n"}}, &total);
    output += json_summary(total, std::chrono::nanoseconds(7322633));
    EXPECT_EQ(
        without_times(output),
        without_times(
            "{\"type\":\"begin\",\"data\":{\"path\":{\"text\":\"a.txt\"}}}\n"
            "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":"
            "\"alpha "
            "foo\\n\"},\"line_number\":1,\"absolute_offset\":0,\"submatches\":[{\"match\":{"
            "\"text\":\"foo\"},\"start\":6,\"end\":9}]}}\n"
            "{\"type\":\"context\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":"
            "\"beta\\n\"},\"line_number\":2,\"absolute_offset\":10,\"submatches\":[]}}\n"
            "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":"
            "\"gamma foo bar "
            "foo\\n\"},\"line_number\":3,\"absolute_offset\":15,\"submatches\":[{\"match\":{"
            "\"text\":\"foo\"},\"start\":6,\"end\":9},{\"match\":{\"text\":\"foo\"},\"start\":14,"
            "\"end\":17}]}}\n"
            "{\"type\":\"context\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":"
            "\"delta\\n\"},\"line_number\":4,\"absolute_offset\":33,\"submatches\":[]}}\n"
            "{\"type\":\"context\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":"
            "\"zeta\\n\"},\"line_number\":6,\"absolute_offset\":43,\"submatches\":[]}}\n"
            "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"lines\":{\"text\":\"eta "
            "foo\\n\"},\"line_number\":7,\"absolute_offset\":48,\"submatches\":[{\"match\":{"
            "\"text\":\"foo\"},\"start\":4,\"end\":7}]}}\n"
            "{\"type\":\"end\",\"data\":{\"path\":{\"text\":\"a.txt\"},\"binary_offset\":null,"
            "\"stats\":{\"elapsed\":{\"secs\":0,\"nanos\":52400,\"human\":\"0.000052s\"},"
            "\"searches\":1,\"searches_with_match\":1,\"bytes_searched\":56,\"bytes_printed\":1022,"
            "\"matched_lines\":3,\"matches\":4}}}\n"
            "{\"data\":{\"elapsed_total\":{\"human\":\"0.007323s\",\"nanos\":7322633,\"secs\":0},"
            "\"stats\":{\"bytes_printed\":1022,\"bytes_searched\":58,\"elapsed\":{\"human\":\"0."
            "000052s\",\"nanos\":52400,\"secs\":0},\"matched_lines\":3,\"matches\":4,\"searches\":"
            "2,\"searches_with_match\":1}},\"type\":\"summary\"}\n"));
}

TEST(JsonPrinter, NonUtf8LineBecomesBase64) {
    // rg --json foo c.txt, where c.txt is "ab\xffc foo\n"
    GrepOptions options = options_for("foo");
    options.output_mode = GrepOutputMode::json;
    std::string output = grep_files(options, {{"c.txt",
                                               "ab\xff"
                                               "c foo\n"}});
    EXPECT_EQ(
        without_times(output),
        without_times("{\"type\":\"begin\",\"data\":{\"path\":{\"text\":\"c.txt\"}}}\n"
                      "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"c.txt\"},\"lines\":{"
                      "\"bytes\":\"YWL/"
                      "YyBmb28K\"},\"line_number\":1,\"absolute_offset\":0,\"submatches\":[{"
                      "\"match\":{\"text\":\"foo\"},\"start\":5,\"end\":8}]}}\n"
                      "{\"type\":\"end\",\"data\":{\"path\":{\"text\":\"c.txt\"},\"binary_offset\":"
                      "null,\"stats\":{\"elapsed\":{\"secs\":0,\"nanos\":37141,\"human\":\"0."
                      "000037s\"},\"searches\":1,\"searches_with_match\":1,\"bytes_searched\":9,"
                      "\"bytes_printed\":227,\"matched_lines\":1,\"matches\":1}}}\n"));
}

TEST(JsonPrinter, EscapesLikeSerdeJson) {
    GrepOptions options = options_for("q");
    options.output_mode = GrepOutputMode::json;
    std::string output = grep_files(options, {{"p\"\\", "\"q\\\t\x01\x7f\xc3\xa9\r\n"}});
    EXPECT_NE(output.find(R"("path":{"text":"p\"\\"})"), std::string::npos) << output;
    EXPECT_NE(output.find("\"lines\":{\"text\":\"\\\"q\\\\\\t\\u0001\x7f\xc3\xa9\\r\\n\"}"),
              std::string::npos)
        << output;
}

}  // namespace
}  // namespace ptool
