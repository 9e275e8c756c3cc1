// IgnoreRules follows gitignore(5) for one file; IgnoreStack layers the files of nested
// directories. The expectations come from the gitignore documentation, several checked by hand
// against `git check-ignore -v --no-index`.
#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

#include "ptool/walk/ignore_rules.hpp"

namespace ptool {
namespace {

constexpr bool kFile = false;
constexpr bool kDirectory = true;

IgnoreVerdict verdict(std::string_view contents, std::string_view path, bool is_directory) {
    return IgnoreRules::parse(contents).match(path, is_directory);
}

bool ignores(std::string_view contents, std::string_view path, bool is_directory = kFile) {
    return verdict(contents, path, is_directory) == IgnoreVerdict::ignore;
}

std::vector<IgnoreRules> rules_of(std::string_view contents) {
    std::vector<IgnoreRules> rules;
    rules.push_back(IgnoreRules::parse(contents));
    return rules;
}

TEST(IgnoreRules, SkipsBlankLinesAndComments) {
    auto rules = IgnoreRules::parse("\n# a comment\n\n   \n#*.o\n");
    EXPECT_TRUE(rules.empty());
    EXPECT_EQ(rules.match("# a comment", kFile), IgnoreVerdict::none);
    EXPECT_EQ(rules.match("x.o", kFile), IgnoreVerdict::none);
}

TEST(IgnoreRules, EscapedHashAndBangAreLiteral) {
    EXPECT_TRUE(ignores("\\#hash\n", "#hash"));
    EXPECT_TRUE(ignores("\\!bang\n", "!bang"));
    EXPECT_EQ(verdict("\\!bang\n", "bang", kFile), IgnoreVerdict::none);
}

TEST(IgnoreRules, HashInsideAPatternIsNotAComment) { EXPECT_TRUE(ignores("a#b\n", "a#b")); }

TEST(IgnoreRules, TrailingSpacesAreTrimmedUnlessEscaped) {
    EXPECT_TRUE(ignores("trail   \n", "trail"));
    EXPECT_FALSE(ignores("trail   \n", "trail "));
    EXPECT_TRUE(ignores("esc\\ \n", "esc "));
    EXPECT_FALSE(ignores("esc\\ \n", "esc"));
    EXPECT_TRUE(ignores("two\\  \n", "two "));
    EXPECT_TRUE(ignores("tab\t\n", "tab\t"));
}

TEST(IgnoreRules, AcceptsCrLfLinesAByteOrderMarkAndNoFinalNewline) {
    auto rules = IgnoreRules::parse("\xEF\xBB\xBF*.o\r\n*.tmp");
    EXPECT_EQ(rules.size(), 2U);
    EXPECT_EQ(rules.match("x.o", kFile), IgnoreVerdict::ignore);
    EXPECT_EQ(rules.match("x.tmp", kFile), IgnoreVerdict::ignore);
}

TEST(IgnoreRules, PatternWithoutSlashMatchesNameAtAnyDepth) {
    EXPECT_TRUE(ignores("*.o\n", "x.o"));
    EXPECT_TRUE(ignores("*.o\n", "a/b/x.o"));
    EXPECT_TRUE(ignores("logs\n", "a/logs", kDirectory));
    EXPECT_FALSE(ignores("*.o\n", "x.c"));
}

TEST(IgnoreRules, NegationReincludesAndLastMatchingRuleWins) {
    EXPECT_EQ(verdict("*.o\n!keep.o\n", "keep.o", kFile), IgnoreVerdict::include);
    EXPECT_EQ(verdict("*.o\n!keep.o\n", "other.o", kFile), IgnoreVerdict::ignore);
    EXPECT_EQ(verdict("!keep.o\n*.o\n", "keep.o", kFile), IgnoreVerdict::ignore);
    EXPECT_EQ(verdict("!keep.o\n", "other.c", kFile), IgnoreVerdict::none);
}

TEST(IgnoreRules, LoneBangIsNoRule) { EXPECT_TRUE(IgnoreRules::parse("!\n").empty()); }

TEST(IgnoreRules, LeadingSlashAnchorsToTheFilesDirectory) {
    EXPECT_TRUE(ignores("/rooted\n", "rooted"));
    EXPECT_FALSE(ignores("/rooted\n", "q/rooted"));
    EXPECT_TRUE(ignores("/*.c\n", "cat-file.c"));
    EXPECT_FALSE(ignores("/*.c\n", "mozilla-sha1/sha1.c"));
}

TEST(IgnoreRules, MiddleSlashAnchorsToo) {
    EXPECT_TRUE(ignores("doc/frotz\n", "doc/frotz", kDirectory));
    EXPECT_FALSE(ignores("doc/frotz\n", "a/doc/frotz", kDirectory));
    EXPECT_TRUE(ignores("doc/frotz/\n", "doc/frotz", kDirectory));
    EXPECT_FALSE(ignores("doc/*.txt\n", "doc/sub/x.txt"));
}

TEST(IgnoreRules, TrailingSlashMatchesDirectoriesOnly) {
    EXPECT_TRUE(ignores("build/\n", "build", kDirectory));
    EXPECT_FALSE(ignores("build/\n", "build", kFile));
    EXPECT_TRUE(ignores("build/\n", "q/build", kDirectory));
    EXPECT_EQ(verdict("*\n!dir/\n", "dir", kDirectory), IgnoreVerdict::include);
    EXPECT_EQ(verdict("*\n!dir/\n", "dir", kFile), IgnoreVerdict::ignore);
}

TEST(IgnoreRules, LeadingDoubleStarMatchesInAllDirectories) {
    EXPECT_TRUE(ignores("**/foo\n", "foo"));
    EXPECT_TRUE(ignores("**/foo\n", "a/b/foo"));
    EXPECT_TRUE(ignores("**/foo/bar\n", "x/foo/bar"));
    EXPECT_TRUE(ignores("**/foo/bar\n", "foo/bar"));
    EXPECT_FALSE(ignores("**/foo/bar\n", "foo/x/bar"));
}

TEST(IgnoreRules, TrailingDoubleStarMatchesEverythingInside) {
    EXPECT_TRUE(ignores("abc/**\n", "abc/x"));
    EXPECT_TRUE(ignores("abc/**\n", "abc/x/y", kDirectory));
    EXPECT_FALSE(ignores("abc/**\n", "abc", kDirectory));
    EXPECT_FALSE(ignores("abc/**\n", "q/abc/x"));
    EXPECT_TRUE(ignores("d/**/\n", "d/e", kDirectory));
    EXPECT_FALSE(ignores("d/**/\n", "d/e", kFile));
}

TEST(IgnoreRules, MiddleDoubleStarMatchesZeroOrMoreDirectories) {
    EXPECT_TRUE(ignores("a/**/b\n", "a/b"));
    EXPECT_TRUE(ignores("a/**/b\n", "a/x/b"));
    EXPECT_TRUE(ignores("a/**/b\n", "a/x/y/b"));
    EXPECT_FALSE(ignores("a/**/b\n", "q/a/b"));
}

TEST(IgnoreRules, OtherConsecutiveStarsAreOrdinaryStars) {
    EXPECT_TRUE(ignores("m/**z\n", "m/qz"));
    EXPECT_FALSE(ignores("m/**z\n", "m/q/z"));
}

TEST(IgnoreRules, CharacterClasses) {
    EXPECT_TRUE(ignores("[a-c]x.txt\n", "bx.txt"));
    EXPECT_FALSE(ignores("[a-c]x.txt\n", "dx.txt"));
    EXPECT_TRUE(ignores("[!a-c]y.txt\n", "dy.txt"));
    EXPECT_FALSE(ignores("[!a-c]y.txt\n", "by.txt"));
    EXPECT_TRUE(ignores("[[:digit:]]n\n", "5n"));
    EXPECT_FALSE(ignores("[[:digit:]]n\n", "an"));
}

TEST(IgnoreRules, StarDoesNotCrossSlashInAnchoredPatterns) {
    EXPECT_TRUE(ignores("foo/*\n", "foo/test.json"));
    EXPECT_FALSE(ignores("foo/*\n", "foo/bar/hello.c"));
}

TEST(IgnoreStack, IgnoresNothingWithoutRules) {
    IgnoreStack stack;
    EXPECT_FALSE(stack.is_ignored("anything", kFile));
    stack.push("root", {});
    stack.push("sub", {IgnoreRules::parse("# only a comment\n")});
    EXPECT_EQ(stack.depth(), 2U);
    EXPECT_FALSE(stack.is_ignored("x.o", kFile));
}

TEST(IgnoreStack, RootRulesApplyBelowWithPathsRelativeToTheRoot) {
    IgnoreStack stack;
    stack.push("ignored-root-name", rules_of("*.o\n/top\ndoc/frotz\n"));
    EXPECT_TRUE(stack.is_ignored("x.o", kFile));
    EXPECT_TRUE(stack.is_ignored("top", kFile));
    stack.push("doc", {});
    EXPECT_TRUE(stack.is_ignored("frotz", kFile));
    EXPECT_TRUE(stack.is_ignored("y.o", kFile));
    EXPECT_FALSE(stack.is_ignored("top", kFile));
    stack.push("sub", {});
    EXPECT_FALSE(stack.is_ignored("frotz", kFile));
    EXPECT_TRUE(stack.is_ignored("z.o", kFile));
}

TEST(IgnoreStack, AnchoredRulesOfANestedFileAreRelativeToItsDirectory) {
    IgnoreStack stack;
    stack.push("", {});
    stack.push("a", rules_of("/b\nc/d\n"));
    EXPECT_TRUE(stack.is_ignored("b", kFile));
    stack.push("c", {});
    EXPECT_TRUE(stack.is_ignored("d", kFile));
    EXPECT_FALSE(stack.is_ignored("b", kFile));
}

TEST(IgnoreStack, DeeperFilesOverrideShallowerOnes) {
    IgnoreStack stack;
    stack.push("", rules_of("*.o\n!important.log\n"));
    stack.push("sub", rules_of("!*.o\n*.log\n"));
    EXPECT_FALSE(stack.is_ignored("x.o", kFile));
    EXPECT_TRUE(stack.is_ignored("important.log", kFile));
    stack.pop();
    EXPECT_TRUE(stack.is_ignored("x.o", kFile));
    EXPECT_FALSE(stack.is_ignored("important.log", kFile));
}

TEST(IgnoreStack, ShallowerRulesDecideWhenDeeperOnesDoNotMatch) {
    IgnoreStack stack;
    stack.push("", rules_of("*.o\n"));
    stack.push("sub", rules_of("*.tmp\n"));
    stack.push("deeper", {});
    EXPECT_TRUE(stack.is_ignored("x.o", kFile));
    EXPECT_TRUE(stack.is_ignored("x.tmp", kFile));
    EXPECT_FALSE(stack.is_ignored("x.c", kFile));
}

TEST(IgnoreStack, LaterFilesOfOneDirectoryTakePrecedence) {
    IgnoreStack stack;
    std::vector<IgnoreRules> gitignore_then_ignore;
    gitignore_then_ignore.push_back(IgnoreRules::parse("*.log\n"));
    gitignore_then_ignore.push_back(IgnoreRules::parse("!keep.log\n"));
    stack.push("", std::move(gitignore_then_ignore));
    EXPECT_FALSE(stack.is_ignored("keep.log", kFile));
    EXPECT_TRUE(stack.is_ignored("other.log", kFile));
}

TEST(IgnoreStack, PopRestoresThePathOfTheParent) {
    IgnoreStack stack;
    stack.push("", rules_of("a/x\nb/x\n"));
    stack.push("a", {});
    EXPECT_TRUE(stack.is_ignored("x", kFile));
    stack.pop();
    stack.push("b", {});
    EXPECT_TRUE(stack.is_ignored("x", kFile));
    stack.pop();
    stack.push("c", {});
    EXPECT_FALSE(stack.is_ignored("x", kFile));
    stack.pop();
    stack.pop();
    EXPECT_EQ(stack.depth(), 0U);
    EXPECT_FALSE(stack.is_ignored("x", kFile));
}

TEST(IgnoreStack, DirectoryOnlyRulesNeedTheDirectoryFlag) {
    IgnoreStack stack;
    stack.push("", rules_of("target/\n"));
    stack.push("crate", {});
    EXPECT_TRUE(stack.is_ignored("target", kDirectory));
    EXPECT_FALSE(stack.is_ignored("target", kFile));
}

}  // namespace
}  // namespace ptool
