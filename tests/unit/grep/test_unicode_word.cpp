// Unicode word classes: the rewrite of \w and \W, checked as text and by what RE2 then matches.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>

#include "ptool/grep/unicode_word.hpp"

namespace ptool {
namespace {

const std::string items{word_class_items()};

std::string utf8(char32_t code_point) {
    std::string text;
    if (code_point < 0x80) {
        text += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        text += static_cast<char>(0xC0 | (code_point >> 6));
        text += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        text += static_cast<char>(0xE0 | (code_point >> 12));
        text += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        text += static_cast<char>(0xF0 | (code_point >> 18));
        text += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        text += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (code_point & 0x3F));
    }
    return text;
}

bool matches_whole(const std::string& pattern, const std::string& text) {
    RE2 compiled(with_unicode_word_classes(pattern));
    EXPECT_TRUE(compiled.ok()) << pattern << ": " << compiled.error();
    return RE2::FullMatch(text, compiled);
}

TEST(UnicodeWord, RewritesWordEscapesOutsideClasses) {
    EXPECT_EQ(with_unicode_word_classes(R"(\w+\()"), "[" + items + R"(]+\()");
    EXPECT_EQ(with_unicode_word_classes(R"(a\Wb)"), "a[^" + items + "]b");
}

TEST(UnicodeWord, LeavesEscapedBackslashesQuotedTextAndOtherEscapesAlone) {
    for (const char* pattern : {R"(\\w)", R"(\Q\w\E)", R"(\Qa\\E\\w)", R"(\b\B\d\s\pL\p{Greek})",
                                R"(x\)", "plain", R"(\x{77})"}) {
        EXPECT_EQ(with_unicode_word_classes(pattern), pattern) << pattern;
    }
    // After \E the pattern is read again.
    EXPECT_EQ(with_unicode_word_classes(R"(\Qa\E\w)"), R"(\Qa\E[)" + items + "]");
}

TEST(UnicodeWord, RewritesWordEscapesInsideClasses) {
    EXPECT_EQ(with_unicode_word_classes(R"([\w-])"), "[" + items + "-]");
    EXPECT_EQ(with_unicode_word_classes(R"([^\w])"), "[^" + items + "]");
    EXPECT_EQ(with_unicode_word_classes(R"([]\w])"), "[]" + items + "]");
    EXPECT_EQ(with_unicode_word_classes(R"([^]\w])"), "[^]" + items + "]");
    EXPECT_EQ(with_unicode_word_classes(R"([[:alpha:]\w]\w)"),
              "[[:alpha:]" + items + "][" + items + "]");
    EXPECT_EQ(with_unicode_word_classes(R"([\]\w])"), R"([\])" + items + "]");
    EXPECT_EQ(with_unicode_word_classes(R"([a[\w])"), "[a[" + items + "]");
}

TEST(UnicodeWord, WordCharactersAreRipgrepsOnes) {
    for (const char* word : {"a", "Z", "_", "7", "\xc3\xa9", "\xe4\xb8\xb0", "\xd9\xa3", "\xcc\x81",
                             "\xe2\x80\xbf", "\xe2\x85\xa0", "\xe2\x93\x90", "\xe2\x80\x8d"}) {
        EXPECT_TRUE(matches_whole(R"(\w)", word)) << word;
        EXPECT_FALSE(matches_whole(R"(\W)", word)) << word;
    }
    for (const char* other : {" ", "-", "(", "\xc2\xb2", "\xe2\x82\xac", "\xe3\x80\x82"}) {
        EXPECT_FALSE(matches_whole(R"(\w)", other)) << other;
        EXPECT_TRUE(matches_whole(R"(\W)", other)) << other;
    }
    EXPECT_TRUE(matches_whole(R"(\w+\(\w+\))", "\xe4\xb8\xb0(abc)"));
}

TEST(UnicodeWord, NonWordEscapeInsideAClassIsTheComplement) {
    EXPECT_TRUE(matches_whole(R"([\W_]+)", " _-\xc2\xb2"));
    EXPECT_FALSE(matches_whole(R"([\W_])", "\xc3\xa9"));
    // Letters only: the idiom [^\W\d_].
    EXPECT_TRUE(matches_whole(R"([^\W\d_]+)", "a\xc3\xa9\xe4\xb8\xb0"));
    for (const char* other : {"1", "_", " "}) {  // RE2's \d stays ASCII
        EXPECT_FALSE(matches_whole(R"([^\W\d_])", other)) << other;
    }
    // Compared with the negated class on a sample of code points across the whole range.
    RE2 inside(with_unicode_word_classes(R"([\W])"));
    RE2 negated(non_word_class());
    ASSERT_TRUE(inside.ok()) << inside.error();
    for (char32_t code_point = 0; code_point <= 0x10FFFF; code_point += 61) {
        if (code_point >= 0xD800 && code_point <= 0xDFFF) {
            continue;
        }
        const std::string text = utf8(code_point);
        EXPECT_EQ(RE2::FullMatch(text, inside), RE2::FullMatch(text, negated))
            << std::hex << static_cast<std::uint32_t>(code_point);
    }
}

}  // namespace
}  // namespace ptool
