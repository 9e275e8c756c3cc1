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

}  // namespace
}  // namespace ptool
