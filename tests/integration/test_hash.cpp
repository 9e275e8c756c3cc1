// `ptool hash` run as a user would: on trees made in a temporary directory, checked against
// the real xxhsum and sha256sum.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string>

#include "ptool_runner.hpp"

namespace ptool::testing {
namespace {

namespace fs = std::filesystem;

// A tree with nesting, several sizes (empty, small, over one read buffer) and sibling order that
// differs from creation order.
void make_sample_tree(const fs::path& root, int files_per_directory = 12) {
    for (const char* directory : {"b", "a", "a/deep/deeper", "c d"}) {
        for (int i = files_per_directory - 1; i >= 0; --i) {
            std::string contents(static_cast<std::size_t>(i * i * 37), static_cast<char>('a' + i));
            write_file(root / directory / ("file" + std::to_string(i)), contents);
        }
    }
    write_file(root / "big", std::string(600 * 1024, 'z'));
    write_file(root / "empty", "");
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(Hash, OutputIsTheSameForAnyJobCountAndQueueCapacity) {
    TemporaryDirectory dir;
    make_sample_tree(dir.path());
    auto one = run_ptool({"hash", "-j", "1", dir.path().string()});
    auto eight = run_ptool({"hash", "-j", "8", "--queue-capacity", "1", dir.path().string()});
    auto wide = run_ptool({"hash", "-j", "3", "--queue-capacity", "1000", dir.path().string()});
    ASSERT_EQ(one.exit_status, 0) << one.err;
    EXPECT_EQ(count_lines(one.out), 4U * 12U + 2U);
    EXPECT_EQ(one.out, eight.out);
    EXPECT_EQ(one.out, wide.out);
}

TEST(Hash, WalksDepthFirstInByteOrderWithPathsAsGiven) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t/B", "1");
    write_file(dir.path() / "t/a/z", "2");
    write_file(dir.path() / "t/a.txt", "3");
    write_file(dir.path() / "t/\xc3\xa9", "4");
    auto result = run_ptool({"hash", "./t"}, {.working_directory = dir.path()});
    ASSERT_EQ(result.exit_status, 0) << result.err;
    std::string names;
    for (std::size_t at = 0; (at = result.out.find("  ", at)) != std::string::npos;) {
        const auto end = result.out.find('\n', at);
        names += result.out.substr(at + 2, end - at - 2) + "|";
        at = end;
    }
    EXPECT_EQ(names, "./t/B|./t/a/z|./t/a.txt|./t/\xc3\xa9|");
}

TEST(Hash, DefaultOutputVerifiesWithXxhsum) {
    TemporaryDirectory dir;
    make_sample_tree(dir.path() / "tree");
    auto result = run_ptool({"hash", "tree"}, {.working_directory = dir.path()});
    ASSERT_EQ(result.exit_status, 0) << result.err;
    write_file(dir.path() / "manifest", result.out);
    auto check = run_program({"xxhsum", "-c", "manifest"}, {.working_directory = dir.path()});
    EXPECT_EQ(check.exit_status, 0) << check.out << check.err;
    EXPECT_EQ(count_lines(check.out), count_lines(result.out));
}

TEST(Hash, TagOutputVerifiesWithXxhsumForEveryAlgorithm) {
    TemporaryDirectory dir;
    make_sample_tree(dir.path() / "tree", 4);
    for (const char* algorithm : {"xxh128", "xxh3", "xxh64", "xxh32"}) {
        auto result =
            run_ptool({"hash", "--tag", "-a", algorithm, "tree"}, {.working_directory = dir.path()});
        ASSERT_EQ(result.exit_status, 0) << result.err;
        write_file(dir.path() / "manifest", result.out);
        auto check = run_program({"xxhsum", "-c", "manifest"}, {.working_directory = dir.path()});
        EXPECT_EQ(check.exit_status, 0) << algorithm << "\n" << check.out << check.err;
    }
}

TEST(Hash, Xxh64AndXxh32LinesMatchXxhsumByteForByte) {
    TemporaryDirectory dir;
    write_file(dir.path() / "one", "hello\n");
    write_file(dir.path() / "two", std::string(100000, 'q'));
    for (auto [algorithm, flag] : {std::pair{"xxh64", "-H1"}, std::pair{"xxh32", "-H0"},
                                   std::pair{"xxh128", "-H2"}}) {
        auto ours = run_ptool({"hash", "-a", algorithm, "one", "two"},
                              {.working_directory = dir.path()});
        auto theirs = run_program({"xxhsum", flag, "one", "two"}, {.working_directory = dir.path()});
        EXPECT_EQ(ours.out, theirs.out) << algorithm;
    }
}

TEST(Hash, EscapesNamesAsCoreutilsDoes) {
    TemporaryDirectory dir;
    const std::string odd_names[] = {"new\nline", "back\\slash", "carriage\rreturn", "plain"};
    for (const auto& name : odd_names) {
        write_file(dir.path() / name, name);
    }
    std::vector<std::string> ours_args{"hash", "-a", "sha256"};
    std::vector<std::string> theirs_args{"sha256sum"};
    for (const auto& name : odd_names) {
        ours_args.push_back(name);
        theirs_args.push_back(name);
    }
    auto ours = run_ptool(ours_args, {.working_directory = dir.path()});
    auto theirs = run_program(theirs_args, {.working_directory = dir.path()});
    ASSERT_EQ(ours.exit_status, 0) << ours.err;
    EXPECT_EQ(ours.out, theirs.out);
    EXPECT_NE(ours.out.find("  new\\nline\n"), std::string::npos);
    EXPECT_EQ(ours.out.front(), '\\');
}

TEST(Hash, ZeroTerminatedLinesEscapeNothing) {
    TemporaryDirectory dir;
    write_file(dir.path() / "new\nline", "x");
    auto result = run_ptool({"hash", "-0", "-a", "xxh64", "new\nline"},
                            {.working_directory = dir.path()});
    ASSERT_EQ(result.exit_status, 0) << result.err;
    EXPECT_EQ(result.out.back(), '\0');
    EXPECT_NE(result.out.find("  new\nline"), std::string::npos);
}

TEST(Hash, JsonGivesPathAlgorithmHashAndSize) {
    TemporaryDirectory dir;
    write_file(dir.path() / "a\"b", "12345");
    auto result = run_ptool({"hash", "--json", "-a", "xxh64", "a\"b"},
                            {.working_directory = dir.path()});
    ASSERT_EQ(result.exit_status, 0) << result.err;
    auto plain = run_program({"xxhsum", "-H1", "a\"b"}, {.working_directory = dir.path()});
    const std::string hex = plain.out.substr(0, 16);
    EXPECT_EQ(result.out, "{\"path\":\"a\\\"b\",\"algorithm\":\"xxh64\",\"hash\":\"" + hex +
                              "\",\"size\":5}\n");
}

TEST(Hash, FifosAndOtherSpecialFilesAreNeverOpened) {
    TemporaryDirectory dir;
    write_file(dir.path() / "d/regular", "data");
    ASSERT_EQ(::mkfifo((dir.path() / "d/pipe").c_str(), 0644), 0);
    auto result = run_ptool({"hash", (dir.path() / "d").string()});
    EXPECT_EQ(result.exit_status, 0) << result.err;
    EXPECT_EQ(count_lines(result.out), 1U);
    EXPECT_EQ(result.out.find("pipe"), std::string::npos);
}

TEST(Hash, MissingPathIsReportedAndTheRestIsHashed) {
    TemporaryDirectory dir;
    write_file(dir.path() / "present", "here");
    auto result = run_ptool({"hash", "missing", "present"}, {.working_directory = dir.path()});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_EQ(result.err, "ptool: missing: No such file or directory\n");
    EXPECT_NE(result.out.find("  present\n"), std::string::npos);
}

TEST(Hash, UnreadableFilesAndDirectoriesAreReportedAndSkipped) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t/readable", "ok");
    write_file(dir.path() / "t/secret", "no");
    write_file(dir.path() / "t/closed/inside", "no");
    ::chmod((dir.path() / "t/secret").c_str(), 0);
    ::chmod((dir.path() / "t/closed").c_str(), 0);
    auto result = run_ptool_without_privileges({"hash", (dir.path() / "t").string()});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_NE(result.err.find("t/secret: Permission denied"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("t/closed: Permission denied"), std::string::npos) << result.err;
    EXPECT_NE(result.out.find("t/readable\n"), std::string::npos);
    EXPECT_EQ(count_lines(result.out), 1U);
}

TEST(Hash, SymbolicLinksAreFollowedOnlyWithFollowAndLoopsAreReported) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t/real/file", "x");
    fs::create_directory_symlink("real", dir.path() / "t/link");
    fs::create_directory_symlink("..", dir.path() / "t/real/loop");
    auto plain = run_ptool({"hash", "t"}, {.working_directory = dir.path()});
    EXPECT_EQ(plain.exit_status, 0) << plain.err;
    EXPECT_EQ(count_lines(plain.out), 1U);
    auto followed = run_ptool({"hash", "-L", "t"}, {.working_directory = dir.path()});
    EXPECT_EQ(followed.exit_status, 2);
    EXPECT_NE(followed.out.find("  t/link/file\n"), std::string::npos);
    EXPECT_NE(followed.err.find("file system loop detected"), std::string::npos);
}

TEST(Hash, PathsLongerThanPathMaxAreWalked) {
    TemporaryDirectory dir;
    const std::string name(100, 'd');
    int fd = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
    for (int level = 0; level < 60; ++level) {  // 6,000-byte paths: over PATH_MAX
        ASSERT_EQ(::mkdirat(fd, name.c_str(), 0755), 0);
        int child = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
        ::close(fd);
        fd = child;
    }
    int leaf = ::openat(fd, "leaf", O_WRONLY | O_CREAT, 0644);
    ASSERT_EQ(::write(leaf, "x", 1), 1);
    ::close(leaf);
    ::close(fd);
    auto result = run_ptool({"hash", "-a", "xxh32", "."}, {.working_directory = dir.path()});
    EXPECT_EQ(result.exit_status, 0) << result.err;
    EXPECT_GT(result.out.size(), 6000U);
    EXPECT_TRUE(result.out.ends_with("/leaf\n"));
}

TEST(Hash, MaxDepthIncludeAndExcludeFilterTheWalk) {
    TemporaryDirectory dir;
    write_file(dir.path() / "t/top.c", "1");
    write_file(dir.path() / "t/top.h", "2");
    write_file(dir.path() / "t/sub/low.c", "3");
    auto shallow = run_ptool({"hash", "--max-depth", "1", "t"}, {.working_directory = dir.path()});
    EXPECT_EQ(count_lines(shallow.out), 2U);
    write_file(dir.path() / "elsewhere.c", "not under t");
    auto only_c = run_ptool({"hash", "--include", "*.c", "t"}, {.working_directory = dir.path()});
    EXPECT_EQ(count_lines(only_c.out), 2U);
    auto no_c = run_ptool({"hash", "--exclude", "*.c", "--exclude", "*.txt", "t"},
                          {.working_directory = dir.path()});
    EXPECT_EQ(no_c.exit_status, 0) << no_c.err;
    EXPECT_EQ(no_c.out.find(".c"), std::string::npos);
    EXPECT_EQ(count_lines(no_c.out), 1U);
    auto in_sub = run_ptool({"hash", "--include", "sub/*.c", "t"}, {.working_directory = dir.path()});
    EXPECT_EQ(count_lines(in_sub.out), 1U);
}

TEST(Hash, FilesFromStandardInputNewlineOrNulSeparated) {
    TemporaryDirectory dir;
    write_file(dir.path() / "one", "1");
    write_file(dir.path() / "two", "2");
    auto lines = run_ptool({"hash", "--files-from", "-"},
                           {.stdin_text = "one\ntwo\n", .working_directory = dir.path()});
    auto nul = run_ptool({"hash", "--files-from", "-", "-0"},
                         {.stdin_text = std::string("one\0two\0", 8), .working_directory = dir.path()});
    ASSERT_EQ(lines.exit_status, 0) << lines.err;
    EXPECT_EQ(count_lines(lines.out), 2U);
    std::string nul_as_lines = nul.out;
    std::replace(nul_as_lines.begin(), nul_as_lines.end(), '\0', '\n');
    EXPECT_EQ(nul_as_lines, lines.out);
}

TEST(Hash, InterruptFinishesQueuedFilesAndPrintsAPrefixOfTheFullRun) {
    TemporaryDirectory dir;
    std::string list;
    for (int i = 0; i < 200; ++i) {
        const auto path = dir.path() / ("f" + std::to_string(1000 + i));
        write_file(path, path.filename().string());
        list.append(path.string()).push_back('\n');
    }
    auto full = run_ptool({"hash", "-j", "2", "--files-from", "-"}, {.stdin_text = list});
    ASSERT_EQ(full.exit_status, 0) << full.err;

    // Feed half the list, wait until some lines are out, then interrupt while ptool waits for
    // the rest of its input.
    RunningProgram running{{PTOOL_BINARY, "hash", "-j", "2", "--files-from", "-"}};
    running.write_stdin(list.substr(0, list.size() / 2));
    running.wait_for_stdout_lines(10);
    running.send_signal(SIGINT);
    auto interrupted = running.wait();
    EXPECT_EQ(interrupted.exit_status, 130) << interrupted.err;
    EXPECT_GE(count_lines(interrupted.out), 10U);
    EXPECT_EQ(interrupted.out.back(), '\n');
    EXPECT_EQ(full.out.substr(0, interrupted.out.size()), interrupted.out);
    EXPECT_NE(interrupted.err.find("interrupted by SIGINT"), std::string::npos);
}

TEST(Hash, SecondInterruptExitsAtOnce) {
    TemporaryDirectory dir;
    write_file(dir.path() / "small", "1");
    // A sparse file that takes many seconds to hash: the first Ctrl-C would wait for it.
    ASSERT_EQ(::truncate((write_file(dir.path() / "huge", ""), dir.path() / "huge").c_str(),
                         off_t{64} << 30),
              0);
    RunningProgram running{{PTOOL_BINARY, "hash", "-j", "1", "--files-from", "-"}};
    running.write_stdin((dir.path() / "small").string() + "\n" + (dir.path() / "huge").string() +
                        "\n");
    running.wait_for_stdout_lines(1);
    running.send_signal(SIGINT);
    running.wait_for_stderr_text("Ctrl-C again");
    running.send_signal(SIGINT);
    auto result = running.wait();
    EXPECT_EQ(result.exit_status, 130);
    EXPECT_EQ(result.out.find("huge"), std::string::npos);
}

TEST(Hash, TerminateSignalExits143) {
    TemporaryDirectory dir;
    write_file(dir.path() / "one", "1");
    RunningProgram running{{PTOOL_BINARY, "hash", "--files-from", "-"}};
    running.write_stdin((dir.path() / "one").string() + "\n");
    running.wait_for_stdout_lines(1);
    running.send_signal(SIGTERM);
    EXPECT_EQ(running.wait().exit_status, 143);
}

TEST(Hash, ClosedOutputPipeEndsTheRunQuietly) {
    TemporaryDirectory dir;
    make_sample_tree(dir.path(), 300);
    auto result = run_program(
        {"bash", "-c",
         std::string("set -o pipefail; '") + PTOOL_BINARY + "' hash -j 2 '" + dir.path().string() +
             "' | head -1; echo \"status=${PIPESTATUS[0]}\""});
    EXPECT_EQ(count_lines(result.out), 2U);
    EXPECT_NE(result.out.find("status=141"), std::string::npos) << result.out;
    EXPECT_EQ(result.err, "");
}

TEST(Hash, WriteErrorOnStandardOutputIsReported) {
    TemporaryDirectory dir;
    make_sample_tree(dir.path());
    auto result = run_ptool({"hash", dir.path().string()}, {.stdout_path = "/dev/full"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_NE(result.err.find("No space left on device"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace ptool::testing
