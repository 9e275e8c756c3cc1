// ShellQuote: the expected strings are what coreutils 9.1's sha256sum printed for each name
// (`sha256sum -c` of a line naming a missing file, in C.UTF-8).
#include <gtest/gtest.h>

#include "ptool/output/shell_quote.hpp"

namespace ptool {
namespace {

TEST(ShellQuote, LeavesPlainNamesAlone) {
    EXPECT_EQ(shell_quote("plain"), "plain");
    EXPECT_EQ(shell_quote("a%+,-./@_"), "a%+,-./@_");
    EXPECT_EQ(shell_quote("x#"), "x#");
    EXPECT_EQ(shell_quote("x~"), "x~");
    EXPECT_EQ(shell_quote("{a"), "{a");
    EXPECT_EQ(shell_quote("a]"), "a]");
    EXPECT_EQ(shell_quote("caf\xc3\xa9"), "caf\xc3\xa9");
}

TEST(ShellQuote, QuotesShellSpecialCharacters) {
    for (const char* name : {"a b", "a:b", "a?", "a*", "a=b", "a[", "a!", "a\"b", "a\\b", "a$b",
                             "a`b", "a^b", "a|b", "a;b", "a&b", "a(b", "a<b"}) {
        EXPECT_EQ(shell_quote(name), "'" + std::string(name) + "'") << name;
    }
    EXPECT_EQ(shell_quote("#x"), "'#x'");
    EXPECT_EQ(shell_quote("~x"), "'~x'");
    EXPECT_EQ(shell_quote("{"), "'{'");
    EXPECT_EQ(shell_quote(""), "''");
    EXPECT_EQ(shell_quote("standard input"), "'standard input'");
}

TEST(ShellQuote, PrefersDoubleQuotesForASingleQuoteWhenTheyDo) {
    EXPECT_EQ(shell_quote("it's"), "\"it's\"");
    EXPECT_EQ(shell_quote("it's here"), "\"it's here\"");
    EXPECT_EQ(shell_quote("it's \"q\""), "'it'\\''s \"q\"'");
}

TEST(ShellQuote, EscapesUnprintableBytesWithDollarQuotes) {
    EXPECT_EQ(shell_quote("\nx"), "''$'\\n''x'");
    EXPECT_EQ(shell_quote("a\n\tb"), "'a'$'\\n\\t''b'");
    EXPECT_EQ(shell_quote("a\001b"), "'a'$'\\001''b'");
    EXPECT_EQ(shell_quote("bad\xffx"), "'bad'$'\\377''x'");
    EXPECT_EQ(shell_quote("c1\xc2\x85"), "'c1'$'\\302\\205'");
    EXPECT_EQ(shell_quote("it's\nx"), "'it'\\''s'$'\\n''x'");
}

}  // namespace
}  // namespace ptool
