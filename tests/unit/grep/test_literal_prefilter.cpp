// LiteralPrefilter: built only for the shapes it handles, and never skips a possible match.
#include <gtest/gtest.h>

#include "ptool/grep/literal_prefilter.hpp"

namespace ptool {
namespace {

std::optional<LiteralPrefilter> prefilter_for(const std::string& pattern,
                                              bool ignore_case = false) {
    GrepOptions options;
    options.ignore_case = ignore_case;
    return LiteralPrefilter::build(pattern, options);
}

TEST(LiteralPrefilter, BuiltForRequiredLiteralsOnly) {
    EXPECT_TRUE(prefilter_for("[A-Z]+_MAX"));
    EXPECT_TRUE(prefilter_for("foo|bar|baz"));
    EXPECT_FALSE(prefilter_for("\\w+\\("));       // no literal
    EXPECT_FALSE(prefilter_for("ab"));            // too short to pay off
    EXPECT_FALSE(prefilter_for("foo|x"));         // one branch has none
    EXPECT_FALSE(prefilter_for("abc.*def"));      // two literals needed together
    EXPECT_FALSE(prefilter_for("needle", true));  // -i: RE2 folds case exactly
}

TEST(LiteralPrefilter, FindsTheEarliestLiteralInAnyCase) {
    auto prefilter = prefilter_for("foo|bar|baz");
    ASSERT_TRUE(prefilter);
    std::string_view text = "xx BAZ fo bar foo";
    EXPECT_EQ(prefilter->next_candidate(text, 0), 3U);  // atoms are lowercase: a superset
    EXPECT_EQ(prefilter->next_candidate(text, 4), 10U);
    EXPECT_EQ(prefilter->next_candidate(text, 11), 14U);
    EXPECT_EQ(prefilter->next_candidate(text, 15), std::string_view::npos);
    EXPECT_EQ(prefilter->next_candidate("fo", 0), std::string_view::npos);
}

TEST(LiteralPrefilter, AgreesWithAPlainSearchOnLongText) {
    auto prefilter = prefilter_for("foo|[0-9]bar|baz");
    ASSERT_TRUE(prefilter);
    std::string text(1000, 'a');
    for (std::size_t at : {15U, 31U, 500U, 996U}) {
        text.replace(at, 3, at % 2 == 0 ? "BaZ" : "foo");
    }
    text.replace(699, 4, "7bar");  // RE2 expands small classes: the atoms are 0bar..9bar
    std::vector<std::size_t> found;
    for (std::size_t from = 0;;) {
        std::size_t next = prefilter->next_candidate(text, from);
        if (next == std::string_view::npos) {
            break;
        }
        found.push_back(next);
        from = next + 1;
    }
    EXPECT_EQ(found, (std::vector<std::size_t>{15, 31, 500, 699, 996}));
}

}  // namespace
}  // namespace ptool
