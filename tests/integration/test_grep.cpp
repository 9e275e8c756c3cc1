// `ptool grep` run as a user would: on trees made in a temporary directory, checked byte for byte
// against ripgrep 13 (`rg --sort path`, the one deterministic order rg has), plus exit statuses,
// binary files, signals, pipes and write errors.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "ptool_runner.hpp"

namespace ptool::testing {
namespace {

namespace fs = std::filesystem;

// A small deterministic generator, so the tree is the same on every run.
class Lines {
  public:
    std::string next_line() {
        static constexpr std::string_view words[] = {
            "foo",     "bar",    "Foo",   "FOO",      "foobar",
            "baz",     "qux",    "a.b(",  "x_MAX",    "ABC_MAX",
            "printf(", "hello",  "world", "\xc3\x89", "\xc3\xa9t\xc3\xa9",
            "-foo-",   "foo_bar"};
        // Words next to Unicode word characters (é, 丰, ‿ U+203F, Ⅰ U+2160) and to ² (not one).
        static constexpr std::string_view unicode_words[] = {
            "foo\xc3\xa9",     "\xc3\xa9\x66oo",     "\xe4\xb8\xb0(abc)",
            "foo\xe2\x80\xbf", "\xe2\x85\xa0\x66oo", "foo\xc2\xb2"};
        std::string line;
        for (std::uint32_t count = next() % 7; count > 0; --count) {
            const std::size_t word = next() % (std::size(words) + std::size(unicode_words));
            line += word < std::size(words) ? words[word] : unicode_words[word - std::size(words)];
            line += count > 1 ? " " : "";
        }
        return line;
    }
    std::uint32_t next() {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state_ >> 33);
    }

  private:
    std::uint64_t state_ = 7;
};

// Nested and hidden directories, odd names, CRLF lines, files without a final newline, an
// empty file, a binary file and one file larger than the 1 MiB read buffer.
void make_search_tree(const fs::path& root) {
    Lines lines;
    for (const char* directory :
         {"", "a", "a/deep/deeper", "b c", ".hidden", "z", "\xc3\xbcn\xc3\xaf", "-dash"}) {
        for (const char* name : {"f", "F", "file ", ".h", "x:y", "\xc3\xa9"}) {
            std::string text;
            for (std::uint32_t count = lines.next() % 40; count > 0; --count) {
                text += lines.next_line() + (count > 1 || lines.next() % 4 != 0 ? "\n" : "");
            }
            if (lines.next() % 5 == 0) {
                RE2::GlobalReplace(&text, "\n", "\r\n");
            }
            write_file(root / directory / name, text);
        }
    }
    write_file(root / "binary", std::string("foo\0bar\nfoo again\n", 18));
    write_file(root / "empty", "");
    std::string big;
    for (int i = 0; i < 60000; ++i) {
        big += lines.next_line() + "\n";
    }
    write_file(root / "a/big", big);
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// EXPECT_EQ on two large outputs makes gtest compute an edit distance (gigabytes); report the
// first differing line instead.
void expect_same_output(const std::string& ours, const std::string& theirs,
                        const std::string& context) {
    if (ours == theirs) {
        return;
    }
    std::size_t at = 0;
    while (at < ours.size() && at < theirs.size() && ours[at] == theirs[at]) {
        ++at;
    }
    const std::size_t line_start = ours.rfind('\n', at == 0 ? 0 : at - 1);
    const std::size_t from = line_start == std::string::npos ? 0 : line_start + 1;
    ADD_FAILURE() << context << ": outputs differ at byte " << at << " (sizes " << ours.size()
                  << " and " << theirs.size() << ")\nours:   " << ours.substr(from, 200)
                  << "\ntheirs: " << theirs.substr(from, 200);
}

std::vector<std::string> with(std::vector<std::string> head, const std::vector<std::string>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

class GrepAgainstRipgrep : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        tree_ = new TemporaryDirectory;  // NOLINT: gtest's suite-wide fixture needs a pointer
        make_search_tree(tree_->path() / "tree");
    }
    static void TearDownTestSuite() {
        delete tree_;  // NOLINT
        tree_ = nullptr;
    }
    // ptool grep -a FLAGS tree  against  rg -a --no-ignore --hidden --sort path FLAGS tree.
    static void expect_same_as_ripgrep(const std::vector<std::string>& flags) {
        const RunOptions in_tree{.working_directory = tree_->path()};
        auto ours = run_ptool(with(with({"grep", "-a"}, flags), {"tree"}), in_tree);
        auto theirs = run_program(
            with(with({"rg", "-a", "--no-ignore", "--hidden", "--sort", "path"}, flags), {"tree"}),
            in_tree);
        std::string shown;
        for (const auto& flag : flags) {
            shown += flag + " ";
        }
        EXPECT_EQ(ours.exit_status, theirs.exit_status) << shown << ours.err;
        expect_same_output(ours.out, theirs.out, shown);
        EXPECT_EQ(ours.err, "") << shown;
    }
    static TemporaryDirectory* tree_;
};

TemporaryDirectory* GrepAgainstRipgrep::tree_ = nullptr;

TEST_F(GrepAgainstRipgrep, PlainAndNumberedLines) {
    expect_same_as_ripgrep({"foo"});
    expect_same_as_ripgrep({"-n", "foo"});
    expect_same_as_ripgrep({"-n", "^$"});
    expect_same_as_ripgrep({"-n", "nothing matches this"});
}

TEST_F(GrepAgainstRipgrep, MatchingFlags) {
    expect_same_as_ripgrep({"-n", "-i", "foo"});
    expect_same_as_ripgrep({"-n", "-i", "\xc3\xa9t\xc3\xa9"});
    expect_same_as_ripgrep({"-n", "-w", "foo"});
    expect_same_as_ripgrep({"-n", "-w", "[A-Z]+_MAX"});
    expect_same_as_ripgrep({"-n", "-x", "foo"});
    expect_same_as_ripgrep({"-n", "-x", "-i", "foo"});
    expect_same_as_ripgrep({"-n", "-v", "foo"});
    expect_same_as_ripgrep({"-n", "-F", "a.b("});
    expect_same_as_ripgrep({"-n", "-e", "foo", "-e", "bar"});
    expect_same_as_ripgrep({"-n", R"(\w+\()"});
}

// ripgrep's \w is Unicode: é, 丰, Ⅰ and ‿ are word characters, ² is not.
TEST_F(GrepAgainstRipgrep, UnicodeWordCharacters) {
    expect_same_as_ripgrep({"-n", "-o", R"(\w+\()"});
    expect_same_as_ripgrep({"-n", "-o", "-w", "foo"});
    // Not -o: ripgrep 13 misplaces -o -w matches that could start at a non-word character.
    expect_same_as_ripgrep({"-n", "-w", R"(\w+)"});
    expect_same_as_ripgrep({"-n", "-w", R"(foo\W?)"});
    expect_same_as_ripgrep({"-n", "-o", R"([\w-]+\()"});
    expect_same_as_ripgrep({"-n", "-o", R"([^\w\s]+)"});
    expect_same_as_ripgrep({"-n", "-o", R"([\W_]+foo)"});
    expect_same_as_ripgrep({"-n", "-o", R"([^\W_]+)"});
    expect_same_as_ripgrep({"-c", R"(\\w)"});
}

TEST_F(GrepAgainstRipgrep, OutputModes) {
    expect_same_as_ripgrep({"-n", "-o", "fo+"});
    expect_same_as_ripgrep({"-n", "-o", "-i", "foo"});
    expect_same_as_ripgrep({"-c", "foo"});
    expect_same_as_ripgrep({"-c", "-v", "foo"});
    expect_same_as_ripgrep({"-l", "foo"});
    expect_same_as_ripgrep({"-n", "-m", "1", "foo"});
    expect_same_as_ripgrep({"-l", "-0", "bar"});
}

TEST_F(GrepAgainstRipgrep, ContextWithSeparatorsAcrossFiles) {
    expect_same_as_ripgrep({"-n", "-C", "1", "foo"});
    expect_same_as_ripgrep({"-n", "-A", "2", "ABC_MAX"});
    expect_same_as_ripgrep({"-n", "-B", "2", "ABC_MAX"});
    expect_same_as_ripgrep({"-n", "-v", "-C", "1", "foo"});
}

// --json output with every elapsed time replaced by "T": the one thing that differs by run.
void remove_elapsed_times(std::string& json) {
    RE2::GlobalReplace(&json, R"("secs":\d+,"nanos":\d+,"human":"[0-9.]+s")", "T");
    RE2::GlobalReplace(&json, R"("human":"[0-9.]+s","nanos":\d+,"secs":\d+)", "T");
}

TEST_F(GrepAgainstRipgrep, JsonMatchesRipgrepExceptElapsedTimes) {
    const RunOptions in_tree{.working_directory = tree_->path()};
    auto ours = run_ptool({"grep", "-a", "--json", "-C", "1", "ABC_MAX", "tree"}, in_tree);
    auto theirs = run_program({"rg", "-a", "--no-ignore", "--hidden", "--sort", "path", "--json",
                               "-C", "1", "ABC_MAX", "tree"},
                              in_tree);
    remove_elapsed_times(ours.out);
    remove_elapsed_times(theirs.out);
    EXPECT_EQ(ours.exit_status, 0) << ours.err;
    EXPECT_GT(count_lines(ours.out), 10U);
    expect_same_output(ours.out, theirs.out, "--json");
}

TEST_F(GrepAgainstRipgrep, OutputIsTheSameForAnyJobCount) {
    const RunOptions in_tree{.working_directory = tree_->path()};
    for (const std::vector<std::string>& flags :
         {std::vector<std::string>{"-n", "-C", "1", "foo"}, {"-c", "bar"}, {"--json", "baz"}}) {
        auto one = run_ptool(with(with({"grep", "-j", "1"}, flags), {"tree"}), in_tree);
        auto eight = run_ptool(
            with(with({"grep", "-j", "8", "--queue-capacity", "1"}, flags), {"tree"}), in_tree);
        ASSERT_EQ(one.exit_status, 0) << one.err;
        EXPECT_EQ(eight.exit_status, 0) << eight.err;
        if (flags[0] == "--json") {  // only the elapsed times may differ
            for (std::string* json : {&one.out, &eight.out}) {
                RE2::GlobalReplace(json, R"re("(secs|nanos)":\d+)re", "");
                RE2::GlobalReplace(json, R"("human":"[0-9.]+s")", "");
            }
        }
        expect_same_output(one.out, eight.out, flags[0]);
    }
}

TEST(Grep, NamesAreShownForDirectoriesAndSeveralFilesAsGrepDoes) {
    TemporaryDirectory dir;
    write_file(dir.path() / "d/one", "foo\n");
    write_file(dir.path() / "d/two", "foo\n");
    const RunOptions in_dir{.working_directory = dir.path()};
    EXPECT_EQ(run_ptool({"grep", "foo", "d/one"}, in_dir).out, "foo\n");
    EXPECT_EQ(run_ptool({"grep", "foo", "d/one", "d/two"}, in_dir).out, "d/one:foo\nd/two:foo\n");
    EXPECT_EQ(run_ptool({"grep", "foo", "d"}, in_dir).out, "d/one:foo\nd/two:foo\n");
    EXPECT_EQ(run_ptool({"grep", "-h", "foo", "d"}, in_dir).out, "foo\nfoo\n");
    EXPECT_EQ(run_ptool({"grep", "-H", "foo", "d/one"}, in_dir).out, "d/one:foo\n");
    EXPECT_EQ(run_ptool({"grep", "-h", "-H", "foo", "d/one"}, in_dir).out, "d/one:foo\n");
    // No path: the current directory, printed as grep -r and rg print it (when standard input
    // is not a file or a pipe, as here).
    EXPECT_EQ(run_ptool({"grep", "foo"},
                        {.stdin_path = "/dev/null", .working_directory = dir.path() / "d"})
                  .out,
              "one:foo\ntwo:foo\n");
    EXPECT_EQ(run_ptool({"grep", "foo", "./d"}, in_dir).out, "./d/one:foo\n./d/two:foo\n");
}

TEST(Grep, PatternsFromFlagsAndFiles) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t", "alpha\n-beta\ngamma\n");
    write_file(dir.path() / "patterns", "alpha\ngamma\n");
    write_file(dir.path() / "no-patterns", "");
    const RunOptions in_dir{.working_directory = dir.path()};
    EXPECT_EQ(run_ptool({"grep", "-e", "-beta", "t"}, in_dir).out, "-beta\n");
    EXPECT_EQ(run_ptool({"grep", "-f", "patterns", "t"}, in_dir).out, "alpha\ngamma\n");
    auto none = run_ptool({"grep", "-f", "no-patterns", "t"}, in_dir);
    EXPECT_EQ(none.exit_status, 1);
    EXPECT_EQ(none.out, "");
    auto missing = run_ptool({"grep", "-f", "missing", "t"}, in_dir);
    EXPECT_EQ(missing.exit_status, 2);
    EXPECT_NE(missing.err.find("ptool: missing: No such file or directory"), std::string::npos);
    EXPECT_EQ(run_ptool({"grep"}, in_dir).exit_status, 2);
}

TEST(Grep, ExitStatusIsZeroOneOrTwoAsGnuGrep) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t", "foo\n");
    const RunOptions in_dir{.working_directory = dir.path()};
    EXPECT_EQ(run_ptool({"grep", "foo", "t"}, in_dir).exit_status, 0);
    EXPECT_EQ(run_ptool({"grep", "bar", "t"}, in_dir).exit_status, 1);
    auto missing = run_ptool({"grep", "foo", "t", "missing"}, in_dir);
    EXPECT_EQ(missing.exit_status, 2);
    EXPECT_EQ(missing.out, "t:foo\n");
    EXPECT_EQ(missing.err, "ptool: missing: No such file or directory\n");
    // -q with a selected line succeeds even after an error.
    auto quiet = run_ptool({"grep", "-q", "foo", "missing", "t"}, in_dir);
    EXPECT_EQ(quiet.exit_status, 0);
    EXPECT_EQ(quiet.out, "");
    EXPECT_EQ(run_ptool({"grep", "-q", "bar", "t"}, in_dir).exit_status, 1);
    EXPECT_EQ(run_ptool({"grep", "--bogus-flag", "foo", "t"}, in_dir).exit_status, 2);
}

std::string sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    std::string sorted;
    for (const std::string& line : lines) {
        sorted += line + "\n";
    }
    return sorted;
}

// GNU grep -r walks a directory in the order readdir gives, ptool in sorted order.
enum class LineOrder { same, any };

// ptool grep ARGS against grep -r ARGS (GNU grep 3.8), both under permission checks: stdout,
// stderr (with grep's name for ptool's) and exit status. -j 1 keeps ptool's messages in order.
void expect_same_as_gnu_grep(const std::vector<std::string>& arguments, const RunOptions& options,
                             LineOrder order = LineOrder::same) {
    auto ours = run_ptool_without_privileges(with({"grep", "-j", "1"}, arguments), options);
    auto theirs = run_program_without_privileges(with({"grep", "-r"}, arguments), options);
    RE2::GlobalReplace(&theirs.err, "(?m)^grep: ", "ptool: ");
    if (order == LineOrder::any) {
        ours.out = sorted_lines(ours.out);
        theirs.out = sorted_lines(theirs.out);
    }
    std::string shown;
    for (const auto& argument : arguments) {
        shown += argument + " ";
    }
    EXPECT_EQ(ours.exit_status, theirs.exit_status) << shown << ours.err;
    EXPECT_EQ(ours.out, theirs.out) << shown;
    EXPECT_EQ(ours.err, theirs.err) << shown;
}

TEST(Grep, NoMessagesHidesMissingAndUnreadableFilesButNotTheExitStatus) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t", "foo\n");
    write_file(dir.path() / "locked", "foo\n");
    write_file(dir.path() / "closed/inside", "foo\n");
    write_file(dir.path() / "bin", std::string("foo\0", 4));
    fs::permissions(dir.path() / "locked", fs::perms::none);
    fs::permissions(dir.path() / "closed", fs::perms::none);
    const RunOptions in_dir{.working_directory = dir.path()};
    for (const char* flag : {"-s", "--no-messages", "-n"}) {
        // Directories are read by the walker, files by the workers after it: closed before locked.
        expect_same_as_gnu_grep({flag, "foo", "t", "missing", "closed", "locked", "bin"}, in_dir);
        expect_same_as_gnu_grep({flag, "-q", "foo", "missing", "t"}, in_dir);
        expect_same_as_gnu_grep({flag, "-l", "foo", "missing", "locked"}, in_dir);
    }
    // A bad pattern file is not a file being searched: its message stays.
    auto pattern_file = run_ptool({"grep", "-s", "-f", "missing", "t"}, in_dir);
    EXPECT_EQ(pattern_file.exit_status, 2);
    EXPECT_EQ(pattern_file.err, "ptool: missing: No such file or directory\n");
}

TEST(Grep, StandardInputIsSearchedAsGnuGrepSearchesIt) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t", "foo\n");
    write_file(dir.path() / "d/one", "foo\n");
    const RunOptions with_input{.stdin_text = "a\nfoo 1\nb\nc\nfoo 2\n",
                                .working_directory = dir.path()};
    for (const std::vector<std::string>& arguments :
         std::vector<std::vector<std::string>>{{"foo", "-"},
                                               {"-H", "-n", "foo", "-"},
                                               {"-c", "foo", "-", "t"},
                                               {"-l", "foo", "t", "-"},
                                               {"-L", "zzz", "t", "-"},
                                               {"-q", "foo", "-"},
                                               {"-n", "-C1", "foo", "-", "t"},
                                               {"-h", "-m1", "-A1", "foo", "t", "-", "d"},
                                               {"-o", "foo..", "d", "-"}}) {
        expect_same_as_gnu_grep(arguments, with_input);
    }
    const RunOptions binary_input{.stdin_text = std::string("x\nfoo\0\n", 7),
                                  .working_directory = dir.path()};
    for (const char* flag : {"-n", "-c", "-a", "-I", "-q"}) {
        expect_same_as_gnu_grep({flag, "foo", "-"}, binary_input);
    }
    // --json names it as ripgrep does.
    auto ours = run_ptool({"grep", "--json", "foo", "-"}, with_input);
    auto theirs = run_program({"rg", "--json", "foo", "-"}, with_input);
    remove_elapsed_times(ours.out);
    remove_elapsed_times(theirs.out);
    EXPECT_NE(ours.out.find(R"("path":{"text":"<stdin>"})"), std::string::npos) << ours.out;
    EXPECT_EQ(ours.out, theirs.out);
}

TEST(Grep, WithoutPathStandardInputIsSearchedWhenItIsAFileOrAPipe) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t", "foo in t\n");
    const std::string input = "foo 1\nbar\n";
    // A file: searched as `grep foo` (not -r) searches it.
    const RunOptions with_input{.stdin_text = input, .working_directory = dir.path()};
    auto ours = run_ptool({"grep", "foo"}, with_input);
    auto theirs = run_program({"grep", "foo"}, with_input);
    EXPECT_EQ(ours.exit_status, 0) << ours.err;
    EXPECT_EQ(ours.out, "foo 1\n");
    EXPECT_EQ(ours.out, theirs.out);
    // A pipe, as rg reads one.
    auto piped = run_program(
        {"bash", "-c", std::string("printf 'foo 1\\nbar\\n' | '") + PTOOL_BINARY + "' grep -H foo"},
        {.working_directory = dir.path()});
    EXPECT_EQ(piped.out, "(standard input):foo 1\n") << piped.err;
    // A device (a cron job's /dev/null) or patterns read from standard input: the directory.
    const RunOptions from_null{.stdin_path = "/dev/null", .working_directory = dir.path()};
    EXPECT_EQ(run_ptool({"grep", "foo"}, from_null).out, "t:foo in t\n");
    const RunOptions patterns{.stdin_text = "foo\n", .working_directory = dir.path()};
    EXPECT_EQ(run_ptool({"grep", "-f", "-"}, patterns).out, "t:foo in t\n");
}

TEST(Grep, StandardInputIsReadOnce) {
    TemporaryDirectory dir;
    const RunOptions with_input{.stdin_text = "foo\n", .working_directory = dir.path()};
    for (const std::vector<std::string>& arguments : std::vector<std::vector<std::string>>{
             {"grep", "foo", "-", "-"}, {"grep", "--files-from", "-", "foo", "-"}}) {
        auto result = run_ptool(arguments, with_input);
        EXPECT_EQ(result.exit_status, 2);
        EXPECT_EQ(result.out, "");
        EXPECT_NE(result.err.find("standard input"), std::string::npos) << result.err;
    }
}

TEST(Grep, QuietStopsAtTheFirstMatchWithoutCallingItAnInterruption) {
    TemporaryDirectory dir;
    for (int i = 0; i < 1000; ++i) {
        write_file(dir.path() / "t" / ("f" + std::to_string(i)), "foo\n");
    }
    auto result = run_ptool({"grep", "-q", "--stats", "-j", "2", "foo", "t"},
                            {.working_directory = dir.path()});
    EXPECT_EQ(result.exit_status, 0);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err.find("interrupted"), std::string::npos) << result.err;
    // --stats counts the files searched: far fewer than all of them.
    std::string searched;
    ASSERT_TRUE(RE2::PartialMatch(result.err, R"(stats: (\d+) files)", &searched)) << result.err;
    EXPECT_LT(std::stoi(searched), 1000) << result.err;
}

TEST(Grep, QuietAbandonsAFileBeingSearchedOnceAnotherMatched) {
    TemporaryDirectory dir;
    for (int i = 0; i < 200; ++i) {
        write_file(dir.path() / "t" / ("f" + std::to_string(1000 + i)),
                   i == 199 ? "needle\n" : "hay\n");
    }
    // Standard input opens the first batch of files (128 to a pool job): one worker waits on it
    // while the other finds the needle in the second batch. The input never ends while ptool
    // runs, so ptool exits only if it abandons standard input at a read after the match. The
    // bound is only there to end the test if it does not: the other worker would have to be kept
    // from 73 small files for as long as a gigabyte takes to go through the pipe.
    RunningProgram running{
        {PTOOL_BINARY, "grep", "-q", "-j", "2", "needle", "-", (dir.path() / "t").string()}};
    std::string chunk;
    while (chunk.size() < 4096) {  // small writes: more time for the other worker per byte
        chunk += "hay, no match\n";
    }
    constexpr std::size_t limit = std::size_t{1} << 30;
    std::size_t written = 0;
    while (written < limit && running.write_stdin_unless_closed(chunk)) {
        written += chunk.size();
    }
    running.close_stdin();
    auto result = running.wait();
    EXPECT_EQ(result.exit_status, 0) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_LT(written, limit) << "ptool read standard input to its end";
}

TEST(Grep, BadPatternIsReportedBeforeAnyFileIsRead) {
    auto result = run_ptool({"grep", "a(b", "/no/such/path"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_NE(result.err.find("missing )"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("/no/such/path"), std::string::npos) << result.err;
}

TEST(Grep, BinaryFilesAreReportedSearchedAsTextOrSkipped) {
    TemporaryDirectory dir;
    write_file(dir.path() / "d/bin", std::string("foo\0\nfoo\n", 9));
    write_file(dir.path() / "d/text", "foo\n");
    const RunOptions in_dir{.working_directory = dir.path()};
    auto detected = run_ptool({"grep", "foo", "d"}, in_dir);
    EXPECT_EQ(detected.exit_status, 0);
    EXPECT_EQ(detected.out, "d/text:foo\n");
    EXPECT_EQ(detected.err, "ptool: d/bin: binary file matches\n");
    auto text = run_ptool({"grep", "-a", "foo", "d"}, in_dir);
    EXPECT_EQ(text.out, std::string("d/bin:foo\0\nd/bin:foo\nd/text:foo\n", 32));
    EXPECT_EQ(text.err, "");
    auto skipped = run_ptool({"grep", "-I", "foo", "d/bin"}, in_dir);
    EXPECT_EQ(skipped.exit_status, 1);
    EXPECT_EQ(skipped.out + skipped.err, "");
}

TEST(Grep, BinaryFilesTypeIsGnuGrepsAndTheLastBinaryFlagWins) {
    TemporaryDirectory dir;
    write_file(dir.path() / "bin", std::string("foo\0\nfoo\n", 9));
    write_file(dir.path() / "text", "foo\n");
    const RunOptions in_dir{.working_directory = dir.path()};
    for (const std::vector<std::string>& flags : std::vector<std::vector<std::string>>{
             {"--binary-files=binary"},
             {"--binary-files=text"},
             {"--binary-files", "without-match"},
             {"-a", "--binary-files=binary"},
             {"--binary-files=text", "-I"},
             {"-I", "-a"},
             {"--binary-files=without-match", "--binary-files=text"}}) {
        expect_same_as_gnu_grep(with(flags, {"-n", "foo", "bin", "text"}), in_dir);
        expect_same_as_gnu_grep(with(flags, {"-l", "foo", "bin", "text"}), in_dir);
    }
    auto bad = run_ptool({"grep", "--binary-files=maybe", "foo", "text"}, in_dir);
    EXPECT_EQ(bad.exit_status, 2);
    EXPECT_EQ(bad.out, "");
    EXPECT_NE(bad.err.find("--binary-files"), std::string::npos) << bad.err;
}

TEST(Grep, NumberAloneIsContextAsInGnuGrep) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t", "1\n2\n3\n4\nfoo\n6\n7\n8\n9\n10\n11\n12\nfoo\n-1\n");
    const RunOptions in_dir{.working_directory = dir.path()};
    for (const std::vector<std::string>& arguments :
         std::vector<std::vector<std::string>>{{"-1", "foo"},
                                               {"-n2", "foo"},
                                               {"-2n", "foo"},
                                               {"-12", "foo"},
                                               {"-1n2", "foo"},
                                               {"-C1", "-3", "foo"},
                                               {"-3", "-C1", "foo"},
                                               {"-A1", "-2", "foo"},
                                               {"-m1", "-1", "foo"},
                                               {"foo", "-2"},
                                               {"-e", "-1"},
                                               {"-ve", "-1"},
                                               {"--regexp", "-1"},
                                               {"-m", "1", "-1", "foo"},
                                               {"--", "-1"}}) {
        expect_same_as_gnu_grep(with(arguments, {"t"}), in_dir);
    }
}

TEST(Grep, IgnoreFilesFollowGitSemanticsAsRipgrepReadsThem) {
    TemporaryDirectory dir;
    const fs::path repo = dir.path() / "repo";
    for (const char* file :
         {"top.txt", "a/top.txt", "a/b/x.log", "a/b/keep.log", "build/o.txt", "src/build/o.txt",
          "src/build.txt", "docs/r.md", "docs/x/r.md", "keep/k.txt", "logs/l.txt", "gen/deep/g.txt",
          "sub/gen/g.txt", "sub/s.tmp", "sub/t.tmp", "root.tmp", "a/b/c.txt"}) {
        write_file(repo / file, std::string("foo ") + file + "\n");
    }
    write_file(repo / ".gitignore", "/top.txt\n*.log\n!keep.log\nbuild/\ndocs/*.md\n**/gen\n");
    write_file(repo / "sub/.gitignore", "*.tmp\n!s.tmp\n");
    write_file(repo / "a/b/.ignore", "c.txt\n");
    write_file(repo / ".ignore", "logs\n");
    // Without the caller's GIT_DIR (set under `git rebase -x`), which would re-initialise the
    // repository the tests are run from instead of making a new one here.
    ASSERT_EQ(run_program({"env", "-u", "GIT_DIR", "-u", "GIT_WORK_TREE", "-u", "GIT_INDEX_FILE",
                           "git", "init", "-q", repo.string()})
                  .exit_status,
              0);
    const RunOptions in_repo{.working_directory = repo};
    // rg honours .gitignore only inside a git repository, and skips hidden files by default.
    auto ours = run_ptool({"grep", "--ignore-vcs", "--no-hidden", "foo", "."}, in_repo);
    auto theirs = run_program({"rg", "--sort", "path", "foo", "."}, in_repo);
    EXPECT_EQ(ours.exit_status, 0) << ours.err;
    EXPECT_EQ(ours.out, theirs.out);
    EXPECT_EQ(count_lines(ours.out), 7U) << ours.out;
    // Without --ignore-vcs everything is searched, as grep -r does.
    EXPECT_EQ(count_lines(run_ptool({"grep", "-l", "foo", "."}, in_repo).out), 17U);
}

TEST(Grep, ExcludedDirectoriesNamedOnTheCommandLineAreSkippedAsGnuGrepSkipsThem) {
    TemporaryDirectory dir;
    const fs::path top = dir.path() / "top";
    for (const char* file : {"sub/a", "sub/inner/b", "other/c", "t"}) {
        write_file(top / file, "foo\n");
    }
    fs::create_directory_symlink("sub", top / "link");
    const RunOptions in_top{.stdin_path = "/dev/null", .working_directory = top};
    for (const std::vector<std::string>& arguments : std::vector<std::vector<std::string>>{
             {"--exclude-dir=sub", "foo", "."},
             {"--exclude-dir=sub", "foo", "sub"},
             {"--exclude-dir=sub", "foo", "./sub"},
             {"--exclude-dir=sub", "foo", ".//sub"},
             {"--exclude-dir=sub", "foo", "sub/"},  // the part after the '/' is empty
             {"--exclude-dir=sub/", "foo", "sub"},
             {"--exclude-dir=s[u]b", "foo", "sub"},
             {"--exclude-dir=.", "foo", "."},
             {"--exclude-dir=*", "foo", "."},
             {"--exclude-dir=*", "foo", "sub/../other"},  // '*' matches '/' here
             {"--exclude-dir=.*", "foo", "./sub"},
             {"--exclude-dir=inner", "foo", "sub/inner"},
             {"--exclude-dir=sub", "foo", "sub/inner"},
             {"--exclude-dir=*/inner", "foo", "sub/inner"},
             {"--exclude-dir=*b", "foo", "sub/inner"},
             {"--exclude-dir=sub", "foo", "sub/a"},  // a file
             {"--exclude-dir=link", "foo", "link"},
             {"--exclude-dir=sub", "foo", "link"},
             {"--exclude-dir=top", "foo", "../top"},
             {"--exclude-dir=..", "foo", "../top"},
             // No PATH: the implicit "." is never skipped, what is under it is.
             {"--exclude-dir=.", "foo"},
             {"--exclude-dir=*", "foo"}}) {
        expect_same_as_gnu_grep(arguments, in_top, LineOrder::any);
    }
}

TEST(Grep, WalkFiltersApplyAsInHash) {
    TemporaryDirectory dir;
    for (const char* file : {"t/a.c", "t/a.h", "t/.hidden.c", "t/skip/b.c", "t/keep/c.c"}) {
        write_file(dir.path() / file, "foo\n");
    }
    auto result = run_ptool(
        {"grep", "-l", "--include", "*.c", "--exclude-dir", "skip", "--no-hidden", "foo", "t"},
        {.working_directory = dir.path()});
    EXPECT_EQ(result.out, "t/a.c\nt/keep/c.c\n");
}

TEST(Grep, NestedQuantifiersOnALongLineReturnPromptly) {
    TemporaryDirectory dir;
    write_file(dir.path() / "long", std::string(100000, 'a') + "\n");
    const auto started = std::chrono::steady_clock::now();
    auto result = run_ptool({"grep", "(a*)*b", (dir.path() / "long").string()});
    EXPECT_EQ(result.exit_status, 1) << result.err;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds{20});
}

TEST(Grep, ClosedOutputPipeEndsTheRunQuietly) {
    TemporaryDirectory dir;
    make_search_tree(dir.path() / "tree");
    auto result =
        run_program({"bash", "-c",
                     std::string("'") + PTOOL_BINARY + "' grep -j 2 -a foo '" +
                         dir.path().string() + "' | head -1; echo \"status=${PIPESTATUS[0]}\""});
    EXPECT_EQ(count_lines(result.out), 2U) << result.out;
    EXPECT_NE(result.out.find("status=141"), std::string::npos) << result.out;
    EXPECT_EQ(result.err, "");
}

TEST(Grep, ClosedOutputPipeAbandonsFilesBeingSearched) {
    TemporaryDirectory dir;
    std::string lines;
    for (int i = 0; i < 100000; ++i) {
        lines += "match line\n";
    }
    for (int i = 0; i < 8; ++i) {
        write_file(dir.path() / "t" / ("f" + std::to_string(i)), lines);
    }
    auto result =
        run_program({"bash", "-c",
                     std::string("'") + PTOOL_BINARY + "' grep --stats -j 2 match '" +
                         dir.path().string() + "' | head -1; echo \"status=${PIPESTATUS[0]}\""});
    EXPECT_NE(result.out.find("status=141"), std::string::npos) << result.out;
    // Files abandoned part-way are not counted as searched.
    std::string searched;
    ASSERT_TRUE(RE2::PartialMatch(result.err, R"(stats: (\d+) files)", &searched)) << result.err;
    EXPECT_LT(std::stoi(searched), 8) << result.err;
}

TEST(Grep, WriteErrorOnStandardOutputIsReported) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t", "foo\n");
    auto result = run_ptool({"grep", "foo", dir.path().string()}, {.stdout_path = "/dev/full"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_NE(result.err.find("No space left on device"), std::string::npos) << result.err;
}

TEST(Grep, InterruptFinishesQueuedFilesAndExits130) {
    TemporaryDirectory dir;
    std::string list;
    for (int i = 0; i < 200; ++i) {
        const auto path = dir.path() / ("f" + std::to_string(1000 + i));
        write_file(path, "line " + std::to_string(i) + "\n");
        list.append(path.string()).push_back('\n');
    }
    auto full = run_ptool({"grep", "-j", "2", "line", "--files-from", "-"}, {.stdin_text = list});
    ASSERT_EQ(full.exit_status, 0) << full.err;
    RunningProgram running{{PTOOL_BINARY, "grep", "-j", "2", "line", "--files-from", "-"}};
    running.write_stdin(list.substr(0, list.size() / 2));
    running.wait_for_stdout_lines(10);
    running.send_signal(SIGINT);
    auto interrupted = running.wait();
    EXPECT_EQ(interrupted.exit_status, 130) << interrupted.err;
    EXPECT_GE(count_lines(interrupted.out), 10U);
    EXPECT_EQ(full.out.substr(0, interrupted.out.size()), interrupted.out);
    EXPECT_NE(interrupted.err.find("interrupted by SIGINT"), std::string::npos);
}

TEST(Grep, OwnOutputFileIsNotSearched) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t/in", "foo\n");
    write_file(dir.path() / "t/out", "");
    auto result = run_ptool({"grep", "foo", "t"}, {.stdout_path = (dir.path() / "t/out").string(),
                                                   .working_directory = dir.path()});
    EXPECT_EQ(result.exit_status, 0) << result.err;
    std::ifstream written{dir.path() / "t/out"};
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>{written}, {}), "t/in:foo\n");
}

}  // namespace
}  // namespace ptool::testing
