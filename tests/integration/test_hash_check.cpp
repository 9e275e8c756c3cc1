// `ptool hash --check` against the real tools: for each case, the same manifest is checked by
// `sha256sum -c` and by `ptool hash -a sha256 -c`, and stdout, stderr (but for the program name)
// and the exit status must be the same bytes. Then manifests go both ways between ptool and
// xxhsum/sha256sum.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ptool_runner.hpp"

namespace ptool::testing {
namespace {

namespace fs = std::filesystem;

// sha256sum quotes names in messages as its locale says; C.UTF-8 is what ptool matches.
RunResult run_sha256sum(const std::vector<std::string>& arguments, const RunOptions& options) {
    std::vector<std::string> argv{"env", "LC_ALL=C.UTF-8", "sha256sum"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return run_program(argv, options);
}

std::string replace_program_name(std::string text) {
    const std::string theirs = "sha256sum: ";
    for (std::size_t at = 0; (at = text.find(theirs, at)) != std::string::npos;) {
        text.replace(at, theirs.size(), "ptool: ");
    }
    return text;
}

std::vector<std::string> sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream{text};
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

std::string sha256_line(const fs::path& directory, const std::string& name) {
    auto result = run_sha256sum({name}, {.working_directory = directory});
    EXPECT_EQ(result.exit_status, 0) << result.err;
    return result.out;
}

std::string tag_line(const fs::path& directory, const std::string& name) {
    return run_sha256sum({"--tag", name}, {.working_directory = directory}).out;
}

const std::string empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct CheckCase {
    std::string name;
    std::vector<std::string> arguments;  // after -c
    std::map<std::string, std::string> manifests;
    std::optional<std::string> stdin_text;
    bool also_parallel = false;  // run with -j 4 too (costly under the sanitizers: only some)
};

// The files every case checks against; manifests are built from them before some change.
class HashCheckAgainstSha256sum : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const char* name : {"a", "b", "c d", "it's", "x:y", "new\nline", "back\\slash"}) {
            write_file(dir_.path() / name, std::string("contents of ") + name);
        }
        fs::create_directory(dir_.path() / "directory");
        good_ = line("a") + line("b") + line("c d") + line("it's") + line("x:y");
    }

    std::string line(const std::string& name) { return sha256_line(dir_.path(), name); }
    std::string tag(const std::string& name) { return tag_line(dir_.path(), name); }
    std::string bad(const std::string& name) { return std::string(64, '0') + "  " + name + "\n"; }
    std::string missing(const std::string& name) { return empty_sha256 + "  " + name + "\n"; }

    void expect_same(const CheckCase& test_case) {
        for (const auto& [name, text] : test_case.manifests) {
            write_file(dir_.path() / name, text);
        }
        const RunOptions options{.stdin_text = test_case.stdin_text,
                                 .working_directory = dir_.path()};
        std::vector<std::string> theirs_args{"-c"};
        theirs_args.insert(theirs_args.end(), test_case.arguments.begin(),
                           test_case.arguments.end());
        auto theirs = run_sha256sum(theirs_args, options);
        for (const char* jobs : {"1", "4"}) {
            if (std::string(jobs) == "4" && !test_case.also_parallel) {
                continue;
            }
            std::vector<std::string> ours_args{"hash", "-a", "sha256", "-j", jobs, "-c"};
            ours_args.insert(ours_args.end(), test_case.arguments.begin(),
                             test_case.arguments.end());
            auto ours = run_ptool(ours_args, options);
            SCOPED_TRACE(test_case.name + " with -j " + jobs);
            EXPECT_EQ(ours.out, theirs.out);
            EXPECT_EQ(ours.exit_status, theirs.exit_status);
            if (std::string(jobs) == "1") {
                EXPECT_EQ(ours.err, replace_program_name(theirs.err));
            } else {  // workers report unreadable files as they meet them
                EXPECT_EQ(sorted_lines(ours.err), sorted_lines(replace_program_name(theirs.err)));
            }
        }
    }

    TemporaryDirectory dir_;
    std::string good_;
};

TEST_F(HashCheckAgainstSha256sum, SameOutputStderrAndStatusInEveryCase) {
    const std::string escaped_ok = line("new\nline") + line("back\\slash");
    const std::vector<CheckCase> cases{
        {"all ok", {"m"}, {{"m", good_}}},
        {"one mismatch", {"m"}, {{"m", good_ + bad("b")}}},
        {"plurals",
         {"m"},
         {{"m", bad("a") + "junk\n" + good_ + missing("gone") + bad("b") + "junk\n" +
                    missing("gone too")}},
         std::nullopt,
         true},
        {"warn",
         {"--warn", "m"},
         {{"m", "junk\n" + good_ + "also junk\n" + missing("gone")}},
         std::nullopt,
         true},
        {"quiet",
         {"--quiet", "m"},
         {{"m", good_ + bad("a") + missing("gone")}},
         std::nullopt,
         true},
        {"status", {"--status", "m"}, {{"m", good_ + bad("a") + "junk\n"}}},
        {"status then warn", {"--status", "--warn", "m"}, {{"m", good_ + "junk\n"}}},
        {"warn then quiet", {"--warn", "--quiet", "m"}, {{"m", good_ + "junk\n"}}},
        {"strict", {"--strict", "m"}, {{"m", good_ + "junk\n"}}},
        {"strict passes", {"--strict", "m"}, {{"m", good_}}},
        {"ignore missing",
         {"--ignore-missing", "m"},
         {{"m", missing("gone") + good_ + missing("gone too")}}},
        {"ignore missing, none verified", {"--ignore-missing", "m"}, {{"m", missing("gone")}}},
        {"no proper lines", {"m"}, {{"m", "junk\nmore junk\n"}}},
        {"only comments", {"m"}, {{"m", "# a comment\n\n"}}},
        {"comments, blank and CRLF lines",
         {"m"},
         {{"m", "# made by hand\n\n" + line("a").insert(line("a").size() - 1, "\r") + line("b")}}},
        {"escaped names", {"m"}, {{"m", escaped_ok}}},
        {"escaped names failing",
         {"m"},
         {{"m", "\\" + bad("new\\nline") + "\\" + missing("gone\\nname") + "\\" +
                    missing("gone\\\\slash")}},
         std::nullopt,
         true},
        {"tag lines", {"m"}, {{"m", tag("a") + tag("c d") + tag("new\nline")}}},
        {"binary marker and uppercase hex",
         {"m"},
         {{"m", line("a").replace(64, 2, " *") +
                    [&] {
                        std::string upper = line("b");
                        std::transform(upper.begin(), upper.begin() + 64, upper.begin(), ::toupper);
                        return upper;
                    }()}}},
        {"leading blanks", {"m"}, {{"m", "  " + line("a") + "\t" + line("b")}}},
        {"quoted names in messages",
         {"m"},
         {{"m", missing("a b") + missing("it's gone") + missing("x:z") + missing("tab\tname")}}},
        {"a directory", {"m"}, {{"m", missing("directory") + good_}}},
        {"manifest is missing", {"nonexistent", "m"}, {{"m", good_}}},
        {"manifest is a directory", {"directory"}, {}},
        {"several manifests",
         {"m1", "m2", "m3"},
         {{"m1", good_}, {"m2", bad("a")}, {"m3", "junk\n"}},
         std::nullopt,
         true},
        {"standard input", {"-"}, {}, good_ + bad("b")},
        {"standard input by default", {}, {}, good_},
        {"dash named in standard input", {"--warn"}, {}, missing("-") + good_},
        {"no final newline", {"m"}, {{"m", good_ + line("b").substr(0, line("b").size() - 1)}}},
    };
    for (const auto& test_case : cases) {
        expect_same(test_case);
    }
}

TEST(HashCheck, ResultsFollowTheManifestOrderForAnyJobCount) {
    TemporaryDirectory dir;
    std::string manifest;
    for (int i = 0; i < 300; ++i) {
        const std::string name = "f" + std::to_string((i * 7919) % 300);
        write_file(dir.path() / name, std::string(static_cast<std::size_t>(i % 50) * 1000, 'x'));
    }
    auto made = run_ptool({"hash", "-j", "4", "."}, {.working_directory = dir.path()});
    ASSERT_EQ(made.exit_status, 0) << made.err;
    // Reverse the manifest so its order is not the walk's.
    auto lines = sorted_lines(made.out);
    std::reverse(lines.begin(), lines.end());
    std::string expected;
    for (const auto& line : lines) {
        manifest += line + "\n";
        expected += line.substr(line.find("  ") + 2) + ": OK\n";
    }
    write_file(dir.path() / "../check-order-manifest", manifest);
    for (const char* jobs : {"1", "3", "8"}) {
        auto checked = run_ptool({"hash", "-c", "-j", jobs, "--queue-capacity", "1",
                                  (dir.path() / "../check-order-manifest").string()},
                                 {.working_directory = dir.path()});
        EXPECT_EQ(checked.exit_status, 0) << checked.err;
        EXPECT_EQ(checked.out, expected) << "-j " << jobs;
    }
    fs::remove(dir.path() / "../check-order-manifest");
}

// xxhsum writes, ptool verifies: every algorithm, GNU and --tag forms (xxhsum 0.8.1 writes
// XXH3 only as a tag line).
TEST(HashCheck, VerifiesWhatXxhsumAndSha256sumWrite) {
    TemporaryDirectory dir;
    write_file(dir.path() / "one", "hello\n");
    write_file(dir.path() / "two words", std::string(300000, 'q'));
    write_file(dir.path() / "empty", "");
    const std::vector<std::string> files{"one", "two words", "empty"};
    std::vector<std::vector<std::string>> writers;
    for (const char* algorithm : {"-H0", "-H1", "-H2", "-H3"}) {
        writers.push_back({"xxhsum", algorithm});
        writers.push_back({"xxhsum", algorithm, "--tag"});
    }
    writers.push_back({"sha256sum"});
    writers.push_back({"sha256sum", "--tag"});
    for (auto writer : writers) {
        writer.insert(writer.end(), files.begin(), files.end());
        auto written = run_program(writer, {.working_directory = dir.path()});
        ASSERT_EQ(written.exit_status, 0) << written.err;
        write_file(dir.path() / "../manifest-from-tool", written.out);
        auto checked = run_ptool({"hash", "-c", (dir.path() / "../manifest-from-tool").string()},
                                 {.working_directory = dir.path()});
        SCOPED_TRACE(writer[0] + " " + writer[1] + (writer[2] == "--tag" ? " --tag" : ""));
        EXPECT_EQ(checked.exit_status, 0) << checked.err;
        EXPECT_EQ(checked.out, "one: OK\ntwo words: OK\nempty: OK\n");
        EXPECT_EQ(checked.err, "");
    }
    fs::remove(dir.path() / "../manifest-from-tool");
}

// ptool writes, xxhsum and sha256sum verify.
TEST(HashCheck, WhatPtoolWritesVerifiesWithXxhsumAndSha256sum) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t/one", "hello\n");
    write_file(dir.path() / "t/sub/two", std::string(300000, 'q'));
    // Not a name with `\`: xxhsum 0.8.1 does not read escaped names (coreutils does).
    write_file(dir.path() / "t/name with spaces", "b");
    struct Verifier {
        std::vector<std::string> ptool_flags;
        std::string tool;
    };
    const std::vector<Verifier> verifiers{
        {{"-a", "xxh32"}, "xxhsum"},
        {{"-a", "xxh64"}, "xxhsum"},
        {{"-a", "xxh128"}, "xxhsum"},
        {{"-a", "xxh3", "--tag"}, "xxhsum"},
        {{"-a", "xxh32", "--tag"}, "xxhsum"},
        {{"-a", "xxh64", "--tag"}, "xxhsum"},
        {{"-a", "xxh128", "--tag"}, "xxhsum"},
        {{"-a", "sha256"}, "sha256sum"},
        {{"-a", "sha256", "--tag"}, "sha256sum"},
    };
    for (const auto& verifier : verifiers) {
        std::vector<std::string> args{"hash"};
        args.insert(args.end(), verifier.ptool_flags.begin(), verifier.ptool_flags.end());
        args.push_back("t");
        auto made = run_ptool(args, {.working_directory = dir.path()});
        ASSERT_EQ(made.exit_status, 0) << made.err;
        write_file(dir.path() / "manifest", made.out);
        auto theirs =
            run_program({verifier.tool, "-c", "manifest"}, {.working_directory = dir.path()});
        auto ours = run_ptool({"hash", "-c", "manifest"}, {.working_directory = dir.path()});
        SCOPED_TRACE(verifier.tool + " " + verifier.ptool_flags[1]);
        EXPECT_EQ(theirs.exit_status, 0) << theirs.out << theirs.err;
        EXPECT_EQ(ours.exit_status, 0) << ours.out << ours.err;
        EXPECT_EQ(sorted_lines(theirs.out).size(), 3U);
    }
}

TEST(HashCheck, MixedAlgorithmsInOneManifest) {
    TemporaryDirectory dir;
    write_file(dir.path() / "f", "data");
    std::string manifest;
    for (const char* algorithm : {"xxh32", "xxh64", "xxh3", "xxh128", "sha256"}) {
        manifest +=
            run_ptool({"hash", "-a", algorithm, "f"}, {.working_directory = dir.path()}).out;
        manifest +=
            run_ptool({"hash", "--tag", "-a", algorithm, "f"}, {.working_directory = dir.path()})
                .out;
    }
    auto checked =
        run_ptool({"hash", "-c"}, {.stdin_text = manifest, .working_directory = dir.path()});
    EXPECT_EQ(checked.exit_status, 0) << checked.err;
    std::string expected;
    for (int i = 0; i < 10; ++i) {
        expected += "f: OK\n";
    }
    EXPECT_EQ(checked.out, expected);
}

TEST(HashCheck, NulTerminatedManifests) {
    TemporaryDirectory dir;
    write_file(dir.path() / "new\nline", "x");
    auto made = run_ptool({"hash", "-0", "new\nline"}, {.working_directory = dir.path()});
    ASSERT_EQ(made.exit_status, 0) << made.err;
    auto checked =
        run_ptool({"hash", "-c", "-0"}, {.stdin_text = made.out, .working_directory = dir.path()});
    EXPECT_EQ(checked.exit_status, 0) << checked.err;
    EXPECT_EQ(checked.out, "\\new\\nline: OK\n");
}

TEST(HashCheck, OverlongLinesNulBytesAndInvalidUtf8) {
    TemporaryDirectory dir;
    write_file(dir.path() / "ok", "fine");
    write_file(dir.path() / "bad\xff\xfe", "odd name");
    const std::string ok_line = run_ptool({"hash", "ok"}, {.working_directory = dir.path()}).out;
    const std::string odd_line =
        run_ptool({"hash", "bad\xff\xfe"}, {.working_directory = dir.path()}).out;
    const std::string overlong = std::string(32, 'a') + "  " + std::string(10'000'000, 'n') + "\n";
    const std::string with_nul = std::string(32, 'a') + "  na" + std::string(1, '\0') + "me\n";
    auto checked = run_ptool(
        {"hash", "-c", "--warn"},
        {.stdin_text = ok_line + overlong + with_nul + odd_line, .working_directory = dir.path()});
    EXPECT_EQ(checked.exit_status, 0) << checked.err;
    EXPECT_EQ(checked.out, "ok: OK\nbad\xff\xfe: OK\n");
    EXPECT_EQ(checked.err,
              "ptool: 'standard input': 2: improperly formatted XXH128 checksum line\n"
              "ptool: 'standard input': 3: improperly formatted XXH128 checksum line\n"
              "ptool: WARNING: 2 lines are improperly formatted\n");
}

// A device named in a manifest is refused, never read (it could block or never end).
TEST(HashCheck, SpecialFilesAreAFailedRead) {
    TemporaryDirectory dir;
    auto checked = run_ptool({"hash", "-c"}, {.stdin_text = empty_sha256 + "  /dev/null\n",
                                              .working_directory = dir.path()});
    EXPECT_EQ(checked.exit_status, 1);
    EXPECT_EQ(checked.out, "/dev/null: FAILED open or read\n");
    EXPECT_EQ(checked.err,
              "ptool: /dev/null: not a regular file\n"
              "ptool: WARNING: 1 listed file could not be read\n");
}

// A manifest streamed slowly through a pipe: lines are checked as they come (the reader hands
// over what it holds before it waits), and SIGINT ends the run without a misleading summary.
TEST(HashCheck, StreamsAManifestFromAPipeAndStopsOnInterrupt) {
    TemporaryDirectory dir;
    write_file(dir.path() / "f", "x");
    const std::string line = run_ptool({"hash", (dir.path() / "f").string()}).out;
    RunningProgram running{{PTOOL_BINARY, "hash", "-j", "2", "-c", "-"}};
    for (int i = 0; i < 3; ++i) {
        running.write_stdin(line);
    }
    running.wait_for_stdout_lines(3);
    running.send_signal(SIGINT);
    auto interrupted = running.wait();
    EXPECT_EQ(interrupted.exit_status, 130) << interrupted.err;
    const std::string ok = (dir.path() / "f").string() + ": OK\n";
    EXPECT_EQ(interrupted.out, ok + ok + ok);
    EXPECT_NE(interrupted.err.find("interrupted by SIGINT"), std::string::npos);
    EXPECT_EQ(interrupted.err.find("WARNING"), std::string::npos) << interrupted.err;
}

TEST(HashCheck, CheckOnlyFlagsNeedCheck) {
    for (const char* flag : {"--status", "--warn", "--strict", "--ignore-missing"}) {
        auto result = run_ptool({"hash", flag, "."});
        EXPECT_EQ(result.exit_status, 2) << flag;
        EXPECT_NE(result.err.find("requires --check"), std::string::npos) << result.err;
    }
    EXPECT_EQ(run_ptool({"hash", "-c", "--tag", "m"}).exit_status, 2);
}

}  // namespace
}  // namespace ptool::testing
