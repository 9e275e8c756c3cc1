// `ptool hash --audit` run as a nightly job would: a manifest of a tree, then changes to the
// tree, then the report of exactly what changed.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "ptool_runner.hpp"

namespace ptool::testing {
namespace {

namespace fs = std::filesystem;

class HashAudit : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file(root() / "t/a", "alpha");
        write_file(root() / "t/b", "twin");
        write_file(root() / "t/b2", "twin");
        write_file(root() / "t/c", "charlie");
        write_file(root() / "t/sub/d", "delta");
        write_file(root() / "t/sub/e", std::string(300000, 'e'));
        make_manifest({});
    }

    [[nodiscard]] const fs::path& root() const { return dir_.path(); }

    void make_manifest(const std::vector<std::string>& flags) {
        std::vector<std::string> args{"hash"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back("t");
        auto made = run_ptool(args, {.working_directory = root()});
        ASSERT_EQ(made.exit_status, 0) << made.err;
        write_file(root() / "manifest", made.out);
    }

    RunResult audit(std::vector<std::string> flags = {}) {
        std::vector<std::string> args{"hash", "--audit", "manifest"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back("t");
        return run_ptool(args, {.working_directory = root()});
    }

    TemporaryDirectory dir_;
};

TEST_F(HashAudit, AnUnchangedTreeMatches) {
    auto result = audit();
    EXPECT_EQ(result.exit_status, 0) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "ptool: audit: 6 ok, 0 changed, 0 new, 0 moved, 0 missing, 0 errors\n");
    auto verbose = audit({"-v"});
    EXPECT_EQ(verbose.out, "ok t/a\nok t/b\nok t/b2\nok t/c\nok t/sub/d\nok t/sub/e\n");
}

TEST_F(HashAudit, EveryKindOfDifferenceInItsPlace) {
    write_file(root() / "t/a", "alpha, edited");      // changed
    fs::rename(root() / "t/c", root() / "t/sub/c2");  // moved
    fs::remove(root() / "t/b");                       // missing: its twin b2 is still there
    write_file(root() / "t/new", "brand new");        // new
    write_file(root() / "t/a-copy-of-d", "delta");    // new: a copy of d, which is still there
    fs::remove(root() / "t/sub/e");                   // missing
    const std::string expected =
        "changed t/a\n"
        "new t/new\n"
        "new t/a-copy-of-d\n"
        "moved t/c -> t/sub/c2\n"
        "missing t/b\n"
        "missing t/sub/e\n";
    for (const char* jobs : {"1", "4"}) {
        auto result = audit({"-j", jobs, "--queue-capacity", "1"});
        EXPECT_EQ(result.exit_status, 1) << result.err;
        EXPECT_EQ(result.out, expected) << "-j " << jobs;
        EXPECT_EQ(result.err,
                  "ptool: audit: 2 ok, 1 changed, 2 new, 1 moved, 2 missing, 0 errors\n");
    }
}

TEST_F(HashAudit, DuplicateContentDoesNotConfuseMoves) {
    // Both twins gone, one new file with their content: one move (the first listed), one missing.
    fs::remove(root() / "t/b");
    fs::remove(root() / "t/b2");
    write_file(root() / "t/twin-again", "twin");
    auto result = audit();
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_EQ(result.out, "moved t/b -> t/twin-again\nmissing t/b2\n");
}

TEST_F(HashAudit, JsonGivesOneObjectADifference) {
    write_file(root() / "t/a", "edited");
    fs::rename(root() / "t/c", root() / "t/c-renamed");
    auto result = audit({"--json"});
    EXPECT_EQ(result.exit_status, 1) << result.err;
    const auto first_line_end = result.out.find('\n');
    EXPECT_TRUE(result.out.starts_with(
        R"({"status":"changed","path":"t/a","algorithm":"xxh128","expected":")"))
        << result.out;
    EXPECT_NE(result.out.find(R"(","actual":")"), std::string::npos);
    EXPECT_EQ(result.out.substr(first_line_end + 1),
              "{\"status\":\"moved\",\"path\":\"t/c-renamed\",\"from\":\"t/c\"}\n");
}

TEST_F(HashAudit, ManifestsOfOtherAlgorithmsAndForms) {
    for (std::vector<std::string> flags :
         {std::vector<std::string>{"-a", "sha256"}, {"--tag", "-a", "xxh3"}, {"-a", "xxh32"}}) {
        make_manifest(flags);
        fs::rename(root() / "t/a", root() / "t/a-moved");
        auto result = audit();
        EXPECT_EQ(result.exit_status, 1) << flags[1] << result.err;
        EXPECT_EQ(result.out, "moved t/a -> t/a-moved\n") << flags[1];
        fs::rename(root() / "t/a-moved", root() / "t/a");
    }
}

TEST_F(HashAudit, EscapedNamesStayOneLine) {
    write_file(root() / "t/new\nline", "x");
    auto result = audit();
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_EQ(result.out, "\\new t/new\\nline\n");
}

TEST_F(HashAudit, AnUnreadableFileIsAnErrorNeverNewOrMissing) {
    ::chmod((root() / "t/a").c_str(), 0);
    write_file(root() / "t/secret-new", "s");
    ::chmod((root() / "t/secret-new").c_str(), 0);
    auto result = run_ptool_without_privileges({"hash", "--audit", "manifest", "t"},
                                               {.working_directory = root()});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_NE(result.err.find("ptool: t/a: Permission denied\n"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("ptool: t/secret-new: Permission denied\n"), std::string::npos);
    EXPECT_NE(result.err.find("0 new, 0 moved, 0 missing, 2 errors"), std::string::npos)
        << result.err;
}

TEST_F(HashAudit, ABadManifestLineOrAMissingManifestIsAnError) {
    write_file(root() / "manifest", "not a manifest line\n");
    auto bad = audit();
    EXPECT_EQ(bad.exit_status, 2);
    EXPECT_NE(bad.err.find("ptool: manifest: 1: improperly formatted checksum line\n"),
              std::string::npos)
        << bad.err;
    fs::remove(root() / "manifest");
    auto missing = audit();
    EXPECT_EQ(missing.exit_status, 2);
    EXPECT_EQ(missing.err, "ptool: manifest: No such file or directory\n");
}

TEST_F(HashAudit, ManifestFromStandardInput) {
    auto made = run_ptool({"hash", "t"}, {.working_directory = root()});
    write_file(root() / "t/extra", "x");
    auto result = run_ptool({"hash", "--audit", "-", "t"},
                            {.stdin_text = made.out, .working_directory = root()});
    EXPECT_EQ(result.exit_status, 1) << result.err;
    EXPECT_EQ(result.out, "new t/extra\n");
}

TEST_F(HashAudit, AuditAndCheckExcludeEachOther) {
    EXPECT_EQ(run_ptool({"hash", "--audit", "manifest", "-c", "t"}, {.working_directory = root()})
                  .exit_status,
              2);
}

}  // namespace
}  // namespace ptool::testing
