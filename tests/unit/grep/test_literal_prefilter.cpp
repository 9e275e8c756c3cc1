// LiteralPrefilter: built only for the shapes it handles, and never skips a possible match.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ptool/grep/literal_prefilter.hpp"
#include "ptool/grep/unicode_word.hpp"

namespace ptool {
namespace {

using VectorWidth = LiteralPrefilter::VectorWidth;

// Every test runs with each scan this CPU can run: SSE2, and AVX2 where it has it.
class LiteralPrefilterTest : public ::testing::TestWithParam<VectorWidth> {
  protected:
    [[nodiscard]] std::optional<LiteralPrefilter> prefilter_for(const std::string& pattern,
                                                                bool ignore_case = false) const {
        GrepOptions options;
        options.ignore_case = ignore_case;
        return LiteralPrefilter::build(pattern, options, GetParam());
    }
};

std::vector<VectorWidth> supported_widths() {
    if (LiteralPrefilter::widest_supported() == VectorWidth::avx2) {
        return {VectorWidth::sse2, VectorWidth::avx2};
    }
    return {VectorWidth::sse2};
}

INSTANTIATE_TEST_SUITE_P(Widths, LiteralPrefilterTest, ::testing::ValuesIn(supported_widths()),
                         [](const ::testing::TestParamInfo<VectorWidth>& info) {
                             return info.param == VectorWidth::avx2 ? "avx2" : "sse2";
                         });

TEST_P(LiteralPrefilterTest, BuiltForRequiredLiteralsOnly) {
    EXPECT_TRUE(prefilter_for("[A-Z]+_MAX"));
    EXPECT_TRUE(prefilter_for("foo|bar|baz"));
    EXPECT_TRUE(prefilter_for("\\w+\\("));       // short, but punctuation: rarer than lines
    EXPECT_FALSE(prefilter_for("\\w+x"));        // short and a letter
    EXPECT_FALSE(prefilter_for("ab"));           // too short to pay off
    EXPECT_FALSE(prefilter_for("foo|x"));        // one branch has none
    EXPECT_FALSE(prefilter_for("abc.*def"));     // two literals needed together
    EXPECT_TRUE(prefilter_for("needle", true));  // -i: ASCII folding finds a superset
    EXPECT_FALSE(prefilter_for("(?i)sky"));      // k and s may be non-ASCII in the text
    EXPECT_FALSE(prefilter_for("aaa1|bbb2|ccc3|ddd4|eee5|fff6|ggg7|hhh8|iii9"));  // too many
    EXPECT_TRUE(prefilter_for("[0-9]bar|[a-c]baz|qux"));  // 14 atoms, three literals hold them
    // The Matcher's Unicode \w is a large class, which needs no literal of its own.
    EXPECT_TRUE(prefilter_for(with_unicode_word_classes("\\w+\\(")));
    EXPECT_TRUE(prefilter_for(with_unicode_word_classes("[\\w-]+_MAX")));
    EXPECT_FALSE(prefilter_for(with_unicode_word_classes("\\w+x")));
}

TEST_P(LiteralPrefilterTest, KelvinSignAndLongSAreFoundThroughTheRestOfTheLiteral) {
    // (?i)k matches U+212A KELVIN SIGN and (?i)s U+017F LONG S: only "truct" is looked for.
    auto prefilter = prefilter_for("struct", true);
    ASSERT_TRUE(prefilter);
    EXPECT_EQ(prefilter->next_candidate("a \xC5\xBFtruct", 0), 4U);
    EXPECT_EQ(prefilter->next_candidate("a STRUCT", 0), 3U);
    // A case-sensitive pattern may hold the Kelvin sign itself; RE2's atom for it is "k".
    auto kelvin = prefilter_for(
        "\xE2\x84\xAA"
        "ab_max");
    ASSERT_TRUE(kelvin);
    EXPECT_EQ(kelvin->next_candidate("x \xE2\x84\xAA"
                                     "ab_max",
                                     0),
              5U);
}

TEST_P(LiteralPrefilterTest, FindsTheEarliestLiteralInAnyCase) {
    auto prefilter = prefilter_for("foo|bar|baz");
    ASSERT_TRUE(prefilter);
    std::string_view text = "xx BAZ fo bar foo";
    EXPECT_EQ(prefilter->next_candidate(text, 0), 3U);  // atoms are lowercase: a superset
    EXPECT_EQ(prefilter->next_candidate(text, 4), 10U);
    EXPECT_EQ(prefilter->next_candidate(text, 11), 14U);
    EXPECT_EQ(prefilter->next_candidate(text, 15), std::string_view::npos);
    EXPECT_EQ(prefilter->next_candidate("fo", 0), std::string_view::npos);
}

TEST_P(LiteralPrefilterTest, AgreesWithAPlainSearchOnLongText) {
    auto prefilter = prefilter_for("foo|[0-9]bar|baz");
    ASSERT_TRUE(prefilter);
    std::string text(1000, 'a');
    for (std::size_t at : {15U, 31U, 500U, 996U}) {
        text.replace(at, 3, at % 2 == 0 ? "BaZ" : "foo");
    }
    text.replace(699, 4, "7bar");  // atoms 0bar..9bar, all held by the literal bar
    std::vector<std::size_t> found;
    for (std::size_t from = 0;;) {
        std::size_t next = prefilter->next_candidate(text, from);
        if (next == std::string_view::npos) {
            break;
        }
        found.push_back(next);
        from = next + 1;
    }
    EXPECT_EQ(found, (std::vector<std::size_t>{15, 31, 500, 700, 996}));
}

// Soundness: on random lines, every line RE2 matches holds a candidate. Half the lines hold a
// string that some pattern matches only through U+212A KELVIN SIGN or U+017F LONG S. Patterns
// are rewritten with Unicode word classes, as the Matcher does.
TEST_P(LiteralPrefilterTest, NeverSkipsALineTheRegexMatches) {
    const std::vector<std::string> tokens = {
        "(",        "a",        "b",           "k", "K", "s", "x", "_", " ", "\xE2\x84\xAA",
        "\xC5\xBF", "\xC3\xA9", "\xE4\xB8\xB0"};
    const std::vector<std::string> samples = {
        "\xE2\x84\xAA"
        "abx",
        "KABX",
        "xab_\xE2\x84\xAA",
        "bxa_\xC5\xBF",
        "aab_\xC5\xBF",
        "k_axsab_",
        "\xE2\x84\xAA_axs"
        "ab_",
        "abx\xC3\xA9x",
        "x\xC5\xBF"
        "ab_",
        "bk"
        "bx",
        "csx_a",
        "b_xa"};
    const std::vector<std::string> patterns = {"kabx",
                                               "xab_k|bxa_s",
                                               "[ab]ab_s|bbbb",
                                               "k_[ax]+sab_",
                                               "\\w+_xa",
                                               "(?i)kaxb|ab_x",
                                               "abx\xC3\xA9x",
                                               "\xE2\x84\xAA"
                                               "abx",
                                               "(?i:xs)ab_|bkbx",
                                               "[a-c]sx_a|_abx",
                                               "\\w+\\(",
                                               "[ks]+_",
                                               "[\\w(]+\\W_xa",
                                               "\\W(ab_|\\w\\()"};
    // Each pattern, with and without -i, compiled once: the Unicode classes are slow to build.
    struct Compiled {
        std::string pattern;
        bool ignore_case;
        std::optional<LiteralPrefilter> prefilter;
        std::unique_ptr<RE2> regex;
    };
    std::vector<Compiled> compiled;
    for (const std::string& source : patterns) {
        for (bool ignore_case : {false, true}) {
            const std::string pattern = with_unicode_word_classes(source);
            RE2::Options re2_options;
            re2_options.set_case_sensitive(!ignore_case);
            re2_options.set_never_nl(true);
            auto regex = std::make_unique<RE2>(pattern, re2_options);
            ASSERT_TRUE(regex->ok()) << source;
            compiled.push_back({source, ignore_case,
                                prefilter_for("(?m:" + pattern + ")", ignore_case),
                                std::move(regex)});
        }
    }
    std::mt19937 random(2026);
    int built = 0;
    int matched = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string line;
        for (std::size_t i = random() % 6; i > 0; --i) {
            line += tokens[random() % tokens.size()];
        }
        if (random() % 2 == 0) {
            line += samples[random() % samples.size()];
        }
        for (std::size_t i = random() % 6; i > 0; --i) {
            line += tokens[random() % tokens.size()];
        }
        const Compiled& chosen = compiled[random() % compiled.size()];
        if (!chosen.prefilter) {
            continue;
        }
        ++built;
        if (RE2::PartialMatch(line, *chosen.regex)) {
            ++matched;
            EXPECT_NE(chosen.prefilter->next_candidate(line, 0), std::string_view::npos)
                << "pattern " << chosen.pattern << " -i " << chosen.ignore_case << " line " << line;
        }
    }
    EXPECT_GT(built, 2000);
    EXPECT_GT(matched, 100);
}

}  // namespace
}  // namespace ptool
