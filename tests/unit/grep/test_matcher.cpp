// Matcher: every flag that changes what matches, on text of several lines.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "ptool/grep/matcher.hpp"

namespace ptool {
namespace {

GrepOptions with_patterns(std::vector<std::string> patterns) {
    GrepOptions options;
    options.patterns = std::move(patterns);
    return options;
}

// Every match on one line, as "start-end" pairs.
std::string all_in_line(const Matcher& matcher, std::string_view line) {
    std::string found;
    std::size_t from = 0;
    while (auto match = matcher.find_in_line(line, from)) {
        found += std::to_string(match->start) + "-" + std::to_string(match->end) + " ";
        from = match->end > match->start ? match->end : match->end + 1;
    }
    return found;
}

TEST(Matcher, FindsFirstMatchAcrossLines) {
    Matcher matcher(with_patterns({"foo"}));
    auto match = matcher.find("bar\nxfoo\nfoo\n", 0);
    ASSERT_TRUE(match);
    EXPECT_EQ(*match, (MatchRange{5, 8}));
    EXPECT_EQ(matcher.find("bar\nxfoo\nfoo\n", 6), (MatchRange{9, 12}));
    EXPECT_FALSE(matcher.find("bar\nbaz\n", 0));
}

// Patterns prepared once (as grep does for all its workers) match as a Matcher's own do.
TEST(Matcher, PreparedPatternsMatchAsTheMatchersOwn) {
    const std::string text = "x Foo_MAX y\nfoo_max\nBAR_MAX_\n";
    for (bool word : {false, true}) {
        GrepOptions options = with_patterns({"[A-Z]+_MAX", "bar"});
        options.ignore_case = true;
        options.word_regexp = word;
        Matcher own(options);
        options.prepared = prepare_patterns(options);
        ASSERT_TRUE(options.prepared->prefilter);
        EXPECT_EQ(options.prepared->unicode.exact.empty(), !word);
        EXPECT_EQ(options.prepared->ascii.has_value(), word);  // -w's edges: the cheap form too
        Matcher from_prepared(options);
        for (std::size_t from = 0; from < text.size(); ++from) {
            EXPECT_EQ(own.find(text, from), from_prepared.find(text, from)) << from;
            EXPECT_EQ(own.find_matching_line(text, from),
                      from_prepared.find_matching_line(text, from));
        }
    }
}

TEST(Matcher, NeverMatchesAcrossANewline) {
    for (const char* pattern : {"a\\sb", "a[^x]b", "a.b", "a\\Wb", "(?s)a.b"}) {
        Matcher matcher(with_patterns({pattern}));
        EXPECT_FALSE(matcher.find("xa\nb\n", 0)) << pattern;
    }
}

TEST(Matcher, AnchorsMatchAtLineEdges) {
    Matcher start(with_patterns({"^b"}));
    EXPECT_EQ(start.find("ab\nb\n", 0), (MatchRange{3, 4}));
    Matcher end(with_patterns({"a$"}));
    EXPECT_EQ(end.find("ab\nxa\n", 0), (MatchRange{4, 5}));
    // The bytes before `from` are context: ^ does not match in the middle of a line.
    EXPECT_FALSE(start.find("ab\n", 1));
}

TEST(Matcher, SeveralPatternsAreAnAlternation) {
    Matcher matcher(with_patterns({"zzz", "a|b"}));
    EXPECT_EQ(all_in_line(matcher, "xbyazzz"), "1-2 3-4 4-7 ");
    Matcher split(with_patterns({"one\ntwo"}));  // a newline separates patterns, as in grep
    EXPECT_EQ(all_in_line(split, "two one"), "0-3 4-7 ");
}

TEST(Matcher, NoPatternMatchesNothingButAnEmptyPatternMatchesEveryLine) {
    Matcher nothing(with_patterns({}));
    EXPECT_FALSE(nothing.find("a\n\n", 0));
    Matcher empty(with_patterns({""}));
    EXPECT_EQ(empty.find("a\n", 0), (MatchRange{0, 0}));
}

TEST(Matcher, FixedStringsAreLiteral) {
    GrepOptions options = with_patterns({"a.c", "(x"});
    options.fixed_strings = true;
    Matcher matcher(options);
    EXPECT_EQ(all_in_line(matcher, "abc a.c (x"), "4-7 8-10 ");
}

TEST(Matcher, IgnoreCase) {
    GrepOptions options = with_patterns({"foo"});
    options.ignore_case = true;
    EXPECT_EQ(all_in_line(Matcher(options), "FOO fOo"), "0-3 4-7 ");
    options.fixed_strings = true;
    EXPECT_EQ(all_in_line(Matcher(options), "xFoOx"), "1-4 ");
}

TEST(Matcher, WordRegexpNeedsNonWordCharactersAround) {
    GrepOptions options = with_patterns({"foo"});
    options.word_regexp = true;
    Matcher matcher(options);
    EXPECT_EQ(all_in_line(matcher, "foo foo,foo"), "0-3 4-7 8-11 ");
    EXPECT_EQ(all_in_line(matcher, "foobar _foo foo_"), "");
    // A later, word-bounded match on the same line is found after a rejected one.
    EXPECT_EQ(matcher.find("xfoo\nfoox foo\n", 0), (MatchRange{10, 13}));
}

TEST(Matcher, WordRegexpWithNonWordEdgesInThePattern) {
    GrepOptions options = with_patterns({"\\w+\\("});
    options.word_regexp = true;
    Matcher matcher(options);
    // The match ends in '(' and the next character must be a non-word one, as GNU grep has it.
    EXPECT_EQ(all_in_line(matcher, "f( g(x"), "0-2 ");
    GrepOptions upper = with_patterns({"[A-Z]+_MAX"});
    upper.word_regexp = true;
    EXPECT_EQ(all_in_line(Matcher(upper), "INT_MAX XINT_MAXY (LONG_MAX)"), "0-7 19-27 ");
}

TEST(Matcher, WordCharactersAreUnicodeOnes) {
    GrepOptions options = with_patterns({"foo"});
    options.word_regexp = true;
    Matcher matcher(options);
    // é (2 bytes) and U+4E30 (3 bytes) are word characters; the no-break space U+00A0 is not.
    EXPECT_EQ(all_in_line(matcher,
                          "foo\xc3\xa9 \xc3\xa9"
                          "foo \xe4\xb8\xb0"
                          "foo"),
              "");
    EXPECT_EQ(all_in_line(matcher,
                          "\xc2\xa0"
                          "foo\xc2\xa0"),
              "2-5 ");
    Matcher calls(with_patterns({"\\w+\\("}));
    EXPECT_EQ(all_in_line(calls, "\xe4\xb8\xb0(abc)"), "0-4 ");
    Matcher separators(with_patterns({"a\\Wb", "[^\\w ]+"}));
    EXPECT_EQ(all_in_line(separators,
                          "a\xc3\xa9"
                          "b a-b"),
              "5-8 ");
    GrepOptions folded = with_patterns({"\\w+"});
    folded.ignore_case = true;
    EXPECT_EQ(all_in_line(Matcher(folded), "\xc3\x89t\xc3\xa9!"), "0-5 ");
}

// Lines of ASCII only go to programs with RE2's ASCII word classes, the others to the Unicode
// ones: each line of a buffer that mixes them must match as it would alone.
TEST(Matcher, AsciiAndNonAsciiLinesOfOneBufferMatchAlike) {
    const std::string text =
        "foo bar\n"
        "foo\xc3\xa9 \xc3\xa9"
        "foo\n"
        "x foo(\n"
        "\xe4\xb8\xb0(abc)\n"
        "(not a call)\n";
    GrepOptions word = with_patterns({"foo"});
    word.word_regexp = true;
    Matcher words(word);
    EXPECT_EQ(words.find_matching_line(text, 0), (MatchRange{0, 8}));
    EXPECT_EQ(words.find_matching_line(text, 8), (MatchRange{20, 27}));  // not the é line
    EXPECT_EQ(words.find(text, 1), (MatchRange{22, 25}));
    Matcher calls(with_patterns({"\\w+\\("}));
    EXPECT_EQ(calls.find_matching_line(text, 0), (MatchRange{20, 27}));
    EXPECT_EQ(calls.find_matching_line(text, 27), (MatchRange{27, 36}));  // U+4E30 is a word
    EXPECT_FALSE(calls.find_matching_line(text, 36));
    EXPECT_EQ(calls.find(text, 27), (MatchRange{27, 31}));
    // A long line is read with the Unicode programs whatever it holds.
    const std::string long_line = std::string(5000, ' ') + "\xc3\xa9" + "foo x\n";
    EXPECT_FALSE(words.find_matching_line(long_line, 0));
    EXPECT_EQ(all_in_line(calls, std::string(5000, ' ') + "\xc3\xa9("),
              std::to_string(5000) + "-5003 ");
}

TEST(Matcher, PlainPatternsNeedNoAsciiForm) {
    EXPECT_FALSE(prepare_patterns(with_patterns({"foo", "[a-z]+_MAX"}))->ascii);
    GrepOptions fixed = with_patterns({"\\w"});
    fixed.fixed_strings = true;
    EXPECT_FALSE(prepare_patterns(fixed)->ascii);
    EXPECT_TRUE(prepare_patterns(with_patterns({"a\\Wb"}))->ascii);
}

// The prefilter is built from the ASCII form when there is one: it must find the same places.
TEST(Matcher, BothFormsOfWordClassesGiveTheSamePrefilter) {
    const std::string text = "int f(x) { return g_MAX(\xc3\xa9t\xc3\xa9) + foo_bar-baz; }\n";
    for (const char* pattern : {"\\w+\\(", "foo\\w*bar", "[\\w-]+_MAX", "return\\W+g", "\\w"}) {
        for (bool ignore_case : {false, true}) {
            GrepOptions options = with_patterns({pattern});
            options.ignore_case = ignore_case;
            auto prepared = prepare_patterns(options);
            ASSERT_TRUE(prepared->ascii) << pattern;
            auto from_unicode =
                LiteralPrefilter::build("(?m:" + prepared->unicode.candidate + ")", options);
            auto from_ascii =
                LiteralPrefilter::build("(?m:" + prepared->ascii->candidate + ")", options);
            ASSERT_EQ(from_unicode.has_value(), from_ascii.has_value()) << pattern;
            for (std::size_t from = 0; from_ascii && from < text.size(); ++from) {
                EXPECT_EQ(from_unicode->next_candidate(text, from),
                          from_ascii->next_candidate(text, from))
                    << pattern << " from " << from;
            }
        }
    }
}

TEST(Matcher, InlineCaseFoldingIsNotLostToThePrefilter) {
    // U+212A KELVIN SIGN folds to k; the literal prefilter only folds ASCII.
    Matcher matcher(with_patterns({"(?i)kkk"}));
    EXPECT_EQ(matcher.find("x\n\xE2\x84\xAAkk\n", 0), (MatchRange{2, 7}));
}

TEST(Matcher, IgnoreCaseFindsKelvinSignAndLongS) {
    GrepOptions options = with_patterns({"struct", "kelvin_max"});
    options.ignore_case = true;
    Matcher matcher(options);
    EXPECT_EQ(matcher.find("x\n\xC5\xBFTRUCT y\n", 0), (MatchRange{2, 9}));
    EXPECT_EQ(matcher.find("x\n\xE2\x84\xAA"
                           "ELVIN_MAX\n",
                           0),
              (MatchRange{2, 14}));
    EXPECT_EQ(matcher.find_matching_line("x\n\xC5\xBFTRUCT y\n", 0), (MatchRange{2, 12}));
    Matcher kelvin(
        with_patterns({"\xE2\x84\xAA"
                       "ab_max"}));  // in the pattern itself
    EXPECT_EQ(kelvin.find_matching_line("x\n\xE2\x84\xAA"
                                        "ab_max\n",
                                        0),
              (MatchRange{2, 12}));
}

TEST(Matcher, FindsMatchingLines) {
    Matcher matcher(with_patterns({"foo"}));
    EXPECT_EQ(matcher.find_matching_line("bar\nxfoo\nfoo", 0), (MatchRange{4, 9}));
    EXPECT_EQ(matcher.find_matching_line("bar\nxfoo\nfoo", 9), (MatchRange{9, 12}));
    EXPECT_FALSE(matcher.find_matching_line("bar\nxfoo\nfoo", 12));
    Matcher empty_line(with_patterns({"^$"}));
    EXPECT_EQ(empty_line.find_matching_line("a\n\nb\n", 0), (MatchRange{2, 3}));
    EXPECT_FALSE(empty_line.find_matching_line("a\n", 0));  // nothing after the last '\n'
    GrepOptions word = with_patterns({"[A-Z]+_MAX", "\\w+\\("});
    word.word_regexp = true;
    Matcher words(word);
    EXPECT_EQ(words.find_matching_line("INT_MAXX\nx(INT_MAX\n", 0), (MatchRange{9, 19}));
    EXPECT_EQ(words.find_matching_line("a(b\nf( x\n", 0), (MatchRange{4, 9}));
}

TEST(Matcher, LineRegexpMatchesWholeLinesOnly) {
    GrepOptions options = with_patterns({"foo|bar"});
    options.line_regexp = true;
    Matcher matcher(options);
    EXPECT_EQ(matcher.find("foox\nbar\n", 0), (MatchRange{5, 8}));
    EXPECT_EQ(all_in_line(matcher, "foo"), "0-3 ");
    EXPECT_EQ(all_in_line(matcher, "foo bar"), "");
}

TEST(Matcher, BadPatternIsReportedWithRe2sMessage) {
    EXPECT_EQ(pattern_error(with_patterns({"a(b"})), "missing ): a(b");
    EXPECT_FALSE(pattern_error(with_patterns({"a(b)"})));
    GrepOptions fixed = with_patterns({"a(b"});
    fixed.fixed_strings = true;
    EXPECT_FALSE(pattern_error(fixed));
    EXPECT_THROW(Matcher(with_patterns({"*a["})), std::invalid_argument);
}

TEST(Matcher, NestedStarOnALongLineIsLinearTime) {
    Matcher matcher(with_patterns({"(a*)*b"}));
    std::string line(100'000, 'a');
    line += '\n';
    auto started = std::chrono::steady_clock::now();
    EXPECT_FALSE(matcher.find(line, 0));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

}  // namespace
}  // namespace ptool
