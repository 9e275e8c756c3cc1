// Glob matches base names or whole relative paths as --include/--exclude users expect, and
// GlobSet combines include and exclude lists.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ptool/walk/glob.hpp"

namespace ptool {
namespace {

std::string_view base_name_of(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool file_matches(std::string_view pattern, std::string_view path) {
    return Glob::compile(pattern).matches(path, base_name_of(path), false);
}

bool directory_matches(std::string_view pattern, std::string_view path) {
    return Glob::compile(pattern).matches(path, base_name_of(path), true);
}

TEST(Glob, WithoutSlashMatchesBaseNameAtAnyDepth) {
    EXPECT_TRUE(file_matches("*.c", "main.c"));
    EXPECT_TRUE(file_matches("*.c", "src/deep/main.c"));
    EXPECT_FALSE(file_matches("*.c", "main.cpp"));
    EXPECT_FALSE(file_matches("*.c", "src.c/main.h"));
    EXPECT_TRUE(file_matches("Makefile", "a/b/Makefile"));
    EXPECT_FALSE(file_matches("Makefile", "a/b/Makefile.am"));
    EXPECT_FALSE(file_matches("Makefile", "a/Makefile/x"));
    EXPECT_TRUE(file_matches("test_*", "tests/test_glob.cpp"));
    EXPECT_FALSE(file_matches("test_*", "tests/my_test_glob.cpp"));
}

TEST(Glob, StarMatchesEmptyRunsAndLeadingDots) {
    EXPECT_TRUE(file_matches("*", ".hidden"));
    EXPECT_TRUE(file_matches("*.txt", ".txt"));
    EXPECT_TRUE(file_matches("a*b*c", "abc"));
    EXPECT_TRUE(file_matches("a*b*c", "aXXbYYbZc"));
    EXPECT_FALSE(file_matches("a*b*c", "aXXbYYcZ"));
    EXPECT_TRUE(file_matches("*a*a*a*", "aaa"));
    EXPECT_FALSE(file_matches("*a*a*a*", "aa"));
}

TEST(Glob, QuestionMarkMatchesExactlyOneByte) {
    EXPECT_TRUE(file_matches("?.h", "a.h"));
    EXPECT_FALSE(file_matches("?.h", ".h"));
    EXPECT_FALSE(file_matches("?.h", "ab.h"));
    EXPECT_TRUE(file_matches("??", "\xff\xfe"));
}

TEST(Glob, CharacterClasses) {
    EXPECT_TRUE(file_matches("[a-z]*.h", "glob.h"));
    EXPECT_FALSE(file_matches("[a-z]*.h", "Glob.h"));
    EXPECT_TRUE(file_matches("[!a-z]*", "Glob.h"));
    EXPECT_TRUE(file_matches("[^a-z]*", "Glob.h"));
    EXPECT_FALSE(file_matches("[^a-z]*", "glob.h"));
    EXPECT_TRUE(file_matches("x[abc]", "xb"));
    EXPECT_FALSE(file_matches("x[abc]", "xd"));
    EXPECT_TRUE(file_matches("[]]", "]"));
    EXPECT_TRUE(file_matches("[!]]", "a"));
    EXPECT_FALSE(file_matches("[!]]", "]"));
    EXPECT_TRUE(file_matches("[a-]", "-"));
    EXPECT_TRUE(file_matches("[\\]x]", "]"));
    EXPECT_TRUE(file_matches("[[:digit:]][[:upper:]]", "7Q"));
    EXPECT_FALSE(file_matches("[[:digit:]][[:upper:]]", "7q"));
    EXPECT_TRUE(file_matches("[[:alpha:]_]*", "_init"));
    EXPECT_TRUE(file_matches("[\x80-\xff]", "\xc3"));
    EXPECT_FALSE(file_matches("[\x80-\xff]", "a"));
}

TEST(Glob, ReversedRangeStillMatchesItsFirstByteAsGitDoes) {
    EXPECT_TRUE(file_matches("r[z-a]", "rz"));
    EXPECT_FALSE(file_matches("r[z-a]", "ra"));
    EXPECT_FALSE(file_matches("r[z-a]", "rm"));
}

TEST(Glob, UnclosedBracketAndTrailingBackslashAreLiteral) {
    EXPECT_TRUE(file_matches("x[ab", "x[ab"));
    EXPECT_FALSE(file_matches("x[ab", "xa"));
    EXPECT_TRUE(file_matches("tail\\", "tail\\"));
}

TEST(Glob, BackslashEscapesWildcards) {
    EXPECT_TRUE(file_matches("\\*.c", "*.c"));
    EXPECT_FALSE(file_matches("\\*.c", "main.c"));
    EXPECT_TRUE(file_matches("what\\?", "what?"));
    EXPECT_FALSE(file_matches("what\\?", "whats"));
    EXPECT_TRUE(file_matches("\\[a]", "[a]"));
    EXPECT_TRUE(file_matches("\\#x", "#x"));
}

TEST(Glob, MatchesInvalidUtf8ByteForByte) {
    EXPECT_TRUE(file_matches("*\xff.bin", "dir/name\xff.bin"));
    EXPECT_FALSE(file_matches("*\xfe.bin", "dir/name\xff.bin"));
}

TEST(Glob, WithSlashMatchesWholePathFromRoot) {
    EXPECT_TRUE(file_matches("src/*.cpp", "src/glob.cpp"));
    EXPECT_FALSE(file_matches("src/*.cpp", "lib/src/glob.cpp"));
    EXPECT_FALSE(file_matches("src/*.cpp", "src/walk/glob.cpp"));
    EXPECT_TRUE(file_matches("/top.txt", "top.txt"));
    EXPECT_FALSE(file_matches("/top.txt", "sub/top.txt"));
    EXPECT_TRUE(Glob::compile("/top.txt").matches_whole_path());
    EXPECT_FALSE(Glob::compile("top.txt").matches_whole_path());
}

TEST(Glob, StarAndQuestionMarkAndClassesNeverCrossSlash) {
    EXPECT_FALSE(file_matches("src*glob.cpp", "src/glob.cpp"));
    EXPECT_FALSE(file_matches("a/*", "a/b/c"));
    EXPECT_FALSE(file_matches("a?b/c", "a/b/c"));
    EXPECT_FALSE(file_matches("a[/]b/c", "a/b/c"));
}

TEST(Glob, DoubleStarComponents) {
    EXPECT_TRUE(file_matches("src/**/*.cpp", "src/glob.cpp"));
    EXPECT_TRUE(file_matches("src/**/*.cpp", "src/walk/deep/glob.cpp"));
    EXPECT_FALSE(file_matches("src/**/*.cpp", "lib/src/glob.cpp"));
    EXPECT_TRUE(file_matches("**/foo", "foo"));
    EXPECT_TRUE(file_matches("**/foo", "a/b/foo"));
    EXPECT_FALSE(file_matches("**/foo", "a/foo/b"));
    EXPECT_TRUE(file_matches("**/foo/bar", "x/foo/bar"));
    EXPECT_TRUE(file_matches("a/**/b", "a/b"));
    EXPECT_TRUE(file_matches("a/**/b", "a/x/y/b"));
    EXPECT_FALSE(file_matches("a/**/b", "a/x/y/bc"));
    EXPECT_TRUE(file_matches("a/**/b/**/c", "a/1/b/2/b/3/c"));
    EXPECT_TRUE(file_matches("a/**/**/b", "a/b"));
}

TEST(Glob, TrailingDoubleStarMatchesInsideButNotTheDirectoryItself) {
    EXPECT_TRUE(file_matches("foo/**", "foo/x"));
    EXPECT_TRUE(file_matches("foo/**", "foo/x/y"));
    EXPECT_FALSE(directory_matches("foo/**", "foo"));
    EXPECT_FALSE(file_matches("foo/**", "bar/foo/x"));
    EXPECT_TRUE(file_matches("/**", "anything/at/all"));
}

TEST(Glob, DoubleStarInsideAComponentIsAPlainStar) {
    EXPECT_TRUE(file_matches("m/**z", "m/qz"));
    EXPECT_TRUE(file_matches("m/**z", "m/z"));
    EXPECT_FALSE(file_matches("m/**z", "m/q/z"));
    EXPECT_TRUE(file_matches("**", "any/name"));
}

TEST(Glob, TrailingSlashMatchesDirectoriesOnly) {
    EXPECT_TRUE(directory_matches("build/", "build"));
    EXPECT_TRUE(directory_matches("build/", "sub/build"));
    EXPECT_FALSE(file_matches("build/", "build"));
    EXPECT_FALSE(Glob::compile("build/").matches_whole_path());
    EXPECT_TRUE(Glob::compile("build/").directory_only());
    EXPECT_TRUE(directory_matches("out/gen/", "out/gen"));
    EXPECT_FALSE(directory_matches("out/gen/", "x/out/gen"));
}

TEST(Glob, KeepsThePatternText) { EXPECT_EQ(Glob::compile("src/*.c").pattern(), "src/*.c"); }

TEST(GlobSet, EmptySetSelectsEverything) {
    GlobSet set;
    EXPECT_TRUE(set.empty());
    EXPECT_TRUE(set.selects("a/b.c", "b.c", false));
}

TEST(GlobSet, IncludesNarrowToMatchingFiles) {
    GlobSet set;
    set.add_include("*.c");
    set.add_include("*.h");
    EXPECT_FALSE(set.empty());
    EXPECT_TRUE(set.selects("src/a.c", "a.c", false));
    EXPECT_TRUE(set.selects("src/a.h", "a.h", false));
    EXPECT_FALSE(set.selects("src/a.cpp", "a.cpp", false));
}

TEST(GlobSet, ExcludeWinsOverInclude) {
    GlobSet set;
    set.add_include("*.c");
    set.add_exclude("test_*");
    EXPECT_TRUE(set.selects("a.c", "a.c", false));
    EXPECT_FALSE(set.selects("test_a.c", "test_a.c", false));
}

TEST(GlobSet, ExcludesAloneRemoveOnlyWhatTheyMatch) {
    GlobSet set;
    set.add_exclude("build");
    set.add_exclude("third_party/**");
    EXPECT_FALSE(set.selects("sub/build", "build", true));
    EXPECT_FALSE(set.selects("third_party/zlib", "zlib", true));
    EXPECT_TRUE(set.selects("src", "src", true));
    EXPECT_TRUE(set.selects("src/third_party", "third_party", true));
}

}  // namespace
}  // namespace ptool
